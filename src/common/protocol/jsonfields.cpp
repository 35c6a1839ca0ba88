#include "protocol/jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QVariant>

#include <cmath>

namespace certigram {

namespace {

Error fieldError(const QString &path, const QString &problem)
{
    return Error(ErrorCode::InvalidInput, QStringLiteral("field \"%1\" %2").arg(path, problem));
}

Error wrongTypeAt(const QString &path, const char *expected, const QJsonValue &actual)
{
    return fieldError(path,
                      QStringLiteral("must be %1, not %2")
                          .arg(QLatin1String(expected), JsonFields::describe(actual)));
}

// What a body that is not a JSON object is, judged by its first significant byte, for a
// message more useful than a parse error (Qt 6.4 refuses top-level scalars as invalid).
// std::nullopt when it starts like an object, or like nothing JSON at all.
std::optional<QString> describeNonObject(const QByteArray &body)
{
    QByteArrayView rest(body);
    if (rest.startsWith("\xef\xbb\xbf")) // a UTF-8 byte order mark, which Qt skips
        rest = rest.sliced(3);
    for (const char c : rest) {
        switch (c) {
        case ' ':
        case '\t':
        case '\r':
        case '\n': continue;
        case '[': return QStringLiteral("an array");
        case '"': return QStringLiteral("a string");
        case 't':
        case 'f': return QStringLiteral("a boolean");
        case 'n': return QStringLiteral("null");
        case '-':
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9': return QStringLiteral("a number");
        default: return std::nullopt;
        }
    }
    return std::nullopt;
}

Result<qint64> toInt64(const QString &fieldPath, const QJsonValue &value, qint64 minimum,
                       qint64 maximum)
{
    if (!value.isDouble())
        return wrongTypeAt(fieldPath, "an integer", value);

    const QString range
        = QStringLiteral("must be an integer from %1 to %2").arg(minimum).arg(maximum);
    // QJsonDocument keeps every integer literal that fits 64 bits exactly (as a qlonglong);
    // anything else arrives as a double.
    const QVariant variant = value.toVariant();
    qint64 number = 0;
    if (variant.typeId() == QMetaType::LongLong) {
        number = variant.toLongLong();
    } else {
        const double d = value.toDouble();
        if (!std::isfinite(d) || std::trunc(d) != d)
            return fieldError(fieldPath, QStringLiteral("must be an integer, not a fraction"));
        // 2^63 is exactly representable; every integral double below it in magnitude
        // converts without overflow.
        constexpr double limit = 9223372036854775808.0;
        if (d >= limit || d < -limit)
            return fieldError(fieldPath, range);
        number = static_cast<qint64>(d);
    }
    if (number < minimum || number > maximum)
        return fieldError(fieldPath, range);
    return number;
}

} // namespace

JsonFields::JsonFields(QJsonObject object, QString context)
    : m_object(std::move(object))
    , m_context(std::move(context))
{ }

Result<QJsonObject> JsonFields::parseObject(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("body is empty: expected a JSON object"));

    if (const std::optional<QString> kind = describeNonObject(body)) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("body must be a JSON object, not %1").arg(*kind));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("body is not valid JSON: %1 at offset %2")
                         .arg(parseError.errorString())
                         .arg(parseError.offset));
    }
    if (!document.isObject()) // defensive: describeNonObject() names the other types first
        return Error(ErrorCode::InvalidInput, QStringLiteral("body must be a JSON object"));
    return document.object();
}

bool JsonFields::contains(QLatin1String name) const
{
    return m_object.contains(name);
}

QString JsonFields::path(QLatin1String name) const
{
    if (m_context.isEmpty())
        return QString(name);
    return m_context + QLatin1Char('.') + name;
}

Error JsonFields::missing(QLatin1String name) const
{
    return fieldError(path(name), QStringLiteral("is required"));
}

Error JsonFields::wrongType(QLatin1String name, const char *expected,
                            const QJsonValue &actual) const
{
    return wrongTypeAt(path(name), expected, actual);
}

Error JsonFields::invalid(QLatin1String name, const QString &problem) const
{
    return fieldError(path(name), problem);
}

QString JsonFields::describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

Result<QJsonValue> JsonFields::present(QLatin1String name) const
{
    const auto it = m_object.constFind(name);
    if (it == m_object.constEnd())
        return missing(name);
    return QJsonValue(it.value());
}

Result<QJsonValue> JsonFields::requiredValue(QLatin1String name) const
{
    return present(name);
}

Result<QString> JsonFields::requiredString(QLatin1String name) const
{
    auto value = present(name);
    if (!value)
        return value.error();
    if (!value->isString())
        return wrongType(name, "a string", *value);
    return value->toString();
}

Result<QString> JsonFields::requiredNonEmptyString(QLatin1String name) const
{
    auto text = requiredString(name);
    if (text && text->isEmpty())
        return invalid(name, QStringLiteral("must not be empty"));
    return text;
}

Result<std::optional<QString>> JsonFields::optionalString(QLatin1String name) const
{
    if (!contains(name))
        return std::optional<QString>();
    auto text = requiredString(name);
    if (!text)
        return text.error();
    return std::optional<QString>(std::move(text).value());
}

Result<std::optional<QString>> JsonFields::optionalStringOrNull(QLatin1String name) const
{
    if (m_object.value(name).isNull())
        return std::optional<QString>();
    return optionalString(name);
}

Result<qint64> JsonFields::requiredInt64(QLatin1String name, qint64 minimum, qint64 maximum) const
{
    auto value = present(name);
    if (!value)
        return value.error();
    return toInt64(path(name), *value, minimum, maximum);
}

Result<std::optional<qint64>> JsonFields::optionalInt64(QLatin1String name, qint64 minimum,
                                                        qint64 maximum) const
{
    if (!contains(name))
        return std::optional<qint64>();
    auto number = requiredInt64(name, minimum, maximum);
    if (!number)
        return number.error();
    return std::optional<qint64>(*number);
}

Result<int> JsonFields::requiredInt(QLatin1String name, int minimum, int maximum) const
{
    auto number = requiredInt64(name, minimum, maximum);
    if (!number)
        return number.error();
    return static_cast<int>(*number);
}

Result<std::optional<int>> JsonFields::optionalInt(QLatin1String name, int minimum,
                                                   int maximum) const
{
    if (!contains(name))
        return std::optional<int>();
    auto number = requiredInt(name, minimum, maximum);
    if (!number)
        return number.error();
    return std::optional<int>(*number);
}

Result<bool> JsonFields::requiredBool(QLatin1String name) const
{
    auto value = present(name);
    if (!value)
        return value.error();
    if (!value->isBool())
        return wrongType(name, "a boolean", *value);
    return value->toBool();
}

Result<std::optional<bool>> JsonFields::optionalBool(QLatin1String name) const
{
    if (!contains(name))
        return std::optional<bool>();
    auto flag = requiredBool(name);
    if (!flag)
        return flag.error();
    return std::optional<bool>(*flag);
}

Result<QStringList> JsonFields::requiredStringArray(QLatin1String name) const
{
    auto value = present(name);
    if (!value)
        return value.error();
    if (!value->isArray())
        return wrongType(name, "an array of strings", *value);
    const QJsonArray array = value->toArray();
    QStringList strings;
    strings.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        if (!element.isString())
            return wrongTypeAt(path(name) + QStringLiteral("[%1]").arg(i), "a string", element);
        strings.append(element.toString());
    }
    return strings;
}

Result<std::optional<QStringList>> JsonFields::optionalStringArray(QLatin1String name) const
{
    if (!contains(name))
        return std::optional<QStringList>();
    auto strings = requiredStringArray(name);
    if (!strings)
        return strings.error();
    return std::optional<QStringList>(std::move(strings).value());
}

Result<QList<QJsonObject>> JsonFields::requiredObjectArray(QLatin1String name) const
{
    auto value = present(name);
    if (!value)
        return value.error();
    if (!value->isArray())
        return wrongType(name, "an array of objects", *value);
    const QJsonArray array = value->toArray();
    QList<QJsonObject> objects;
    objects.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        if (!element.isObject())
            return wrongTypeAt(path(name) + QStringLiteral("[%1]").arg(i), "an object", element);
        objects.append(element.toObject());
    }
    return objects;
}

Result<QJsonObject> JsonFields::requiredObject(QLatin1String name) const
{
    auto value = present(name);
    if (!value)
        return value.error();
    if (!value->isObject())
        return wrongType(name, "an object", *value);
    return value->toObject();
}

Result<std::optional<QJsonObject>> JsonFields::optionalObject(QLatin1String name) const
{
    if (!contains(name))
        return std::optional<QJsonObject>();
    auto object = requiredObject(name);
    if (!object)
        return object.error();
    return std::optional<QJsonObject>(std::move(object).value());
}

} // namespace certigram
