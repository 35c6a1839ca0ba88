#include "protocol/telegramid.h"

#include <QVariant>

namespace certigram {

namespace {

Error notAnId(const QString &why)
{
    return Error(ErrorCode::InvalidInput, QStringLiteral("not a Telegram user id: %1").arg(why));
}

} // namespace

Result<TelegramId> TelegramId::fromString(QStringView text)
{
    if (text.isEmpty())
        return notAnId(QStringLiteral("it is empty"));
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return notAnId(QStringLiteral("only the digits 0-9 are allowed"));
    }
    if (text.size() > 19)
        return notAnId(QStringLiteral("more than 19 digits"));
    if (text.front() == u'0')
        return notAnId(text.size() == 1 ? QStringLiteral("it must be greater than 0")
                                        : QStringLiteral("leading zeros are not allowed"));
    // 19 digits can exceed 2^63 - 1 (9223372036854775807): let the conversion decide.
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        return notAnId(QStringLiteral("it does not fit a signed 64-bit integer"));
    return TelegramId(value);
}

Result<TelegramId> TelegramId::fromInteger(qint64 value)
{
    if (value <= 0)
        return notAnId(QStringLiteral("it must be greater than 0"));
    return TelegramId(value);
}

Result<TelegramId> TelegramId::fromJson(const QJsonValue &value)
{
    if (value.isString())
        return fromString(value.toString());
    // QJsonDocument stores integer literals that fit 64 bits as qlonglong; a double here is
    // a fraction or a number too large to be exact, neither of which is an id.
    if (value.isDouble() && value.toVariant().typeId() == QMetaType::LongLong)
        return fromInteger(value.toVariant().toLongLong());
    if (value.isDouble())
        return notAnId(QStringLiteral("not an integer or too large"));
    return notAnId(QStringLiteral("expected a string of digits or an integer"));
}

} // namespace certigram
