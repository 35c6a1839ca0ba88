#include "clioutput.h"

#include "protocol/rfc3339.h"

#include <QJsonDocument>

#include <cstdio>

namespace certigram {

namespace {

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    if (!text.endsWith(QLatin1Char('\n')))
        std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

CliOutput::CliOutput(bool json)
    : m_json(json)
{ }

void CliOutput::result(const QJsonObject &json, const QString &text) const
{
    if (m_json)
        print(stdout, QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    else if (!text.isEmpty())
        print(stdout, text);
}

void CliOutput::progress(const QString &text) const
{
    if (!m_json)
        print(stderr, text);
}

void CliOutput::warning(const QString &text) const
{
    print(stderr, QStringLiteral("certigram-cli: warning: ") + text);
}

void CliOutput::error(const Error &error, int exitCode) const
{
    if (m_json) {
        QJsonObject detail{{QStringLiteral("code"), Error::codeName(error.code())},
                           {QStringLiteral("message"), error.message()},
                           {QStringLiteral("exitCode"), exitCode}};
        if (!error.reason().isEmpty())
            detail.insert(QStringLiteral("reason"), error.reason());
        result(QJsonObject{{QStringLiteral("error"), detail}}, QString());
    } else {
        print(stderr, QStringLiteral("certigram-cli: ") + error.message());
    }
}

QJsonValue CliOutput::jsonTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(Rfc3339::format(time)) : QJsonValue();
}

QString CliOutput::time(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QStringLiteral("-");
}

QJsonObject CliOutput::identityJson(const Identity &identity, const QDateTime &dueAt,
                                    const QDateTime &now)
{
    return QJsonObject{
        {QStringLiteral("id"), identity.id()},
        {QStringLiteral("subject"), identity.subject()},
        {QStringLiteral("profile"), identity.profile()},
        {QStringLiteral("keyType"), identity.keyType()},
        {QStringLiteral("keyEncrypted"), identity.isKeyEncrypted()},
        {QStringLiteral("serial"), identity.serialHex()},
        {QStringLiteral("notBefore"), jsonTime(identity.notBefore())},
        {QStringLiteral("notAfter"), jsonTime(identity.notAfter())},
        {QStringLiteral("daysLeft"), identity.daysLeft(now)},
        {QStringLiteral("status"), Identity::statusName(identity.status(now))},
        {QStringLiteral("renewalDueAt"), jsonTime(dueAt)},
        {QStringLiteral("fingerprint"), identity.sha256Fingerprint()},
        {QStringLiteral("revokedAt"), jsonTime(identity.revokedAt())},
        {QStringLiteral("createdAt"), jsonTime(identity.created())},
        {QStringLiteral("renewedAt"), jsonTime(identity.renewed())},
    };
}

} // namespace certigram
