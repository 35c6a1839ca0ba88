#include "rarequestbodies.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace certigram::bench {

QByteArray codeRequestBody(qint64 subject)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("subject"), QString::number(subject)},
                                     {QStringLiteral("purpose"), QStringLiteral("enroll")}})
        .toJson(QJsonDocument::Compact);
}

QByteArray tokenRequestBody(const QString &subject, const QString &code)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("subject"), subject},
                                     {QStringLiteral("code"), code},
                                     {QStringLiteral("purpose"), QStringLiteral("enroll")}})
        .toJson(QJsonDocument::Compact);
}

} // namespace certigram::bench
