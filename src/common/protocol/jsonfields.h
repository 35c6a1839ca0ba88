#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>

namespace certigram {

// A strict reader over one JSON object, shared by every message type of both APIs.
//
// Each accessor returns the field's value or an Error(InvalidInput) whose message names
// the field: `field "subject" is required`, `field "subject" must be a string, not a
// number`. JSON null counts as a wrong type for every accessor except
// optionalStringOrNull(): a null is never turned into a silent default.
//
// Unknown fields are ignored on purpose: step-ca (Go's encoding/json) ignores them, and a
// client or server built against a later revision of either API must keep working with
// this one. Strictness applies to the fields a message type reads.
//
// Duplicate keys: the last occurrence wins (QJsonDocument's behaviour, and Go's).
class JsonFields
{
public:
    // `context` prefixes field names in messages: with context "provisioners[2]", the
    // field "name" is reported as "provisioners[2].name".
    explicit JsonFields(QJsonObject object, QString context = {});

    // Parses a request or response body that must be one JSON object (UTF-8). Rejects an
    // empty body, invalid JSON or UTF-8, trailing garbage, and any other top-level type.
    static Result<QJsonObject> parseObject(const QByteArray &body);

    const QJsonObject &object() const { return m_object; }
    bool contains(QLatin1String name) const;
    // The name as it appears in messages (with the context prefix).
    QString path(QLatin1String name) const;

    Result<QString> requiredString(QLatin1String name) const;
    // As requiredString(), and the empty string is refused too.
    Result<QString> requiredNonEmptyString(QLatin1String name) const;
    Result<std::optional<QString>> optionalString(QLatin1String name) const;
    // For fields Go clients send as null when unset (step-ca's notBefore/notAfter): an
    // absent field and null both give std::nullopt.
    Result<std::optional<QString>> optionalStringOrNull(QLatin1String name) const;

    // Integers: a JSON number that is integral and within [minimum, maximum]. 5 and 5.0
    // are the same number in JSON; 5.5, 1e300 and values outside the range are refused.
    Result<qint64> requiredInt64(QLatin1String name,
                                 qint64 minimum = std::numeric_limits<qint64>::min(),
                                 qint64 maximum = std::numeric_limits<qint64>::max()) const;
    Result<std::optional<qint64>> optionalInt64(QLatin1String name,
                                                qint64 minimum = std::numeric_limits<qint64>::min(),
                                                qint64 maximum
                                                = std::numeric_limits<qint64>::max()) const;
    Result<int> requiredInt(QLatin1String name, int minimum = std::numeric_limits<int>::min(),
                            int maximum = std::numeric_limits<int>::max()) const;
    Result<std::optional<int>> optionalInt(QLatin1String name,
                                           int minimum = std::numeric_limits<int>::min(),
                                           int maximum = std::numeric_limits<int>::max()) const;

    Result<bool> requiredBool(QLatin1String name) const;
    Result<std::optional<bool>> optionalBool(QLatin1String name) const;

    // Arrays whose every element has the given type; an element of another type is
    // reported by index: `field "certChain[1]" must be a string, not a number`.
    Result<QStringList> requiredStringArray(QLatin1String name) const;
    Result<std::optional<QStringList>> optionalStringArray(QLatin1String name) const;
    Result<QList<QJsonObject>> requiredObjectArray(QLatin1String name) const;

    Result<QJsonObject> requiredObject(QLatin1String name) const;
    Result<std::optional<QJsonObject>> optionalObject(QLatin1String name) const;

    // Any present value, null included, for fields that accept more than one type.
    Result<QJsonValue> requiredValue(QLatin1String name) const;

    // Errors in the common format, for checks a message type makes after reading a field:
    // invalid(name, "must be one of enroll, revoke") → `field "purpose" must be one of …`.
    Error missing(QLatin1String name) const;
    Error wrongType(QLatin1String name, const char *expected, const QJsonValue &actual) const;
    Error invalid(QLatin1String name, const QString &problem) const;

    // "a string", "a number", "null", … for messages.
    static QString describe(const QJsonValue &value);

private:
    Result<QJsonValue> present(QLatin1String name) const;

    QJsonObject m_object;
    QString m_context;
};

} // namespace certigram
