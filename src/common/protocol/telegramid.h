#pragma once

#include "core/result.h"

#include <QJsonValue>
#include <QString>
#include <QStringView>

namespace certigram {

// A Telegram user id, the subject every code and certificate is bound to. Telegram user
// ids are positive 64-bit integers. The text form is canonical: ASCII digits only, 1–19 of
// them, no leading zero, greater than 0, at most 2^63 − 1. Refusing "0123", "+123" and
// "123 " keeps one user from holding several "different" subjects (one pending code per
// subject is a rule the database enforces on the text).
class TelegramId
{
public:
    TelegramId() = default; // the null id (0); parsing never produces it

    static Result<TelegramId> fromString(QStringView text);
    static Result<TelegramId> fromInteger(qint64 value);
    // The prototype's clients sent "number" as a JSON string; some may have sent a JSON
    // integer. Both are accepted (the integer exactly, as QJsonDocument keeps 64-bit
    // integers); anything else (fractions, booleans, null, …) is refused.
    static Result<TelegramId> fromJson(const QJsonValue &value);

    bool isNull() const { return m_value == 0; }
    qint64 value() const { return m_value; }
    QString toString() const { return QString::number(m_value); }

    friend bool operator==(TelegramId a, TelegramId b) { return a.m_value == b.m_value; }
    friend bool operator!=(TelegramId a, TelegramId b) { return a.m_value != b.m_value; }

private:
    explicit TelegramId(qint64 value)
        : m_value(value)
    { }

    qint64 m_value = 0;
};

} // namespace certigram
