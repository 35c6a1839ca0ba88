#include "protocol/stepcamessages.h"

#include "protocol/jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace certigram {

using namespace Qt::StringLiterals;

namespace {

// notBefore/notAfter: absent, null or "" → not set; otherwise RFC 3339 or a Go duration.
Result<TimeDuration> readTimeDuration(const JsonFields &fields, QLatin1String name)
{
    auto text = fields.optionalStringOrNull(name);
    if (!text)
        return text.error();
    if (!text->has_value())
        return TimeDuration();
    auto parsed = TimeDuration::parse(**text);
    if (!parsed)
        return fields.invalid(name, u"is "_s + parsed.error().message());
    return parsed;
}

QJsonArray toJsonArray(const QStringList &strings)
{
    return QJsonArray::fromStringList(strings);
}

// `text` as a JSON string, escaped as Qt's JSON writer escapes it: the quote, the
// backslash and control characters; everything else as UTF-8. The runs between escapes
// are copied whole.
void appendJsonString(QByteArray &out, const QString &text)
{
    static constexpr char kHexDigits[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    const char *run = utf8.constBegin();
    out += '"';
    for (const char *at = run; at != utf8.constEnd(); ++at) {
        const auto byte = static_cast<unsigned char>(*at);
        if (byte >= 0x20 && byte != '"' && byte != '\\')
            continue;
        out.append(run, at - run);
        run = at + 1;
        switch (byte) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += kHexDigits[byte >> 4];
            out += kHexDigits[byte & 0xf];
        }
    }
    out.append(run, utf8.constEnd() - run);
    out += '"';
}

} // namespace

// SignRequest

Result<SignRequest> SignRequest::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    SignRequest request;
    auto csr = fields.requiredNonEmptyString("csr"_L1);
    if (!csr)
        return csr.error();
    request.csr = *csr;
    auto ott = fields.requiredNonEmptyString("ott"_L1);
    if (!ott)
        return ott.error();
    request.ott = *ott;
    auto notBefore = readTimeDuration(fields, "notBefore"_L1);
    if (!notBefore)
        return notBefore.error();
    request.notBefore = *notBefore;
    auto notAfter = readTimeDuration(fields, "notAfter"_L1);
    if (!notAfter)
        return notAfter.error();
    request.notAfter = *notAfter;
    return request;
}

QJsonObject SignRequest::toJson() const
{
    QJsonObject json{{"csr"_L1, csr}, {"ott"_L1, ott}};
    if (notBefore.isSet())
        json.insert("notBefore"_L1, notBefore.text());
    if (notAfter.isSet())
        json.insert("notAfter"_L1, notAfter.text());
    return json;
}

// SignResponse

Result<SignResponse> SignResponse::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    SignResponse response;
    auto crt = fields.requiredNonEmptyString("crt"_L1);
    if (!crt)
        return crt.error();
    response.crt = *crt;
    auto ca = fields.requiredNonEmptyString("ca"_L1);
    if (!ca)
        return ca.error();
    response.ca = *ca;
    auto chain = fields.requiredStringArray("certChain"_L1);
    if (!chain)
        return chain.error();
    if (chain->isEmpty())
        return fields.invalid("certChain"_L1, u"must hold at least the issued certificate"_s);
    response.certChain = *chain;
    auto tlsOptions = fields.optionalObject("tlsOptions"_L1);
    if (!tlsOptions)
        return tlsOptions.error();
    response.tlsOptions = *tlsOptions;
    return response;
}

QJsonObject SignResponse::toJson() const
{
    QJsonObject json{
        {"crt"_L1, crt},
        {"ca"_L1, ca},
        {"certChain"_L1, toJsonArray(certChain)},
    };
    if (tlsOptions)
        json.insert("tlsOptions"_L1, *tlsOptions);
    return json;
}

QByteArray SignResponse::toCompactJson() const
{
    // The keys in QJsonObject's (sorted) order.
    qsizetype textSize = crt.size() + ca.size();
    for (const QString &pem : certChain)
        textSize += pem.size();
    QByteArray out;
    out.reserve(64 + textSize + textSize / 32); // PEM: one escaped newline per 64 characters
    out += "{\"ca\":";
    appendJsonString(out, ca);
    out += ",\"certChain\":[";
    for (qsizetype i = 0; i < certChain.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, certChain.at(i));
    }
    out += "],\"crt\":";
    appendJsonString(out, crt);
    if (tlsOptions) {
        out += ",\"tlsOptions\":";
        out += QJsonDocument(*tlsOptions).toJson(QJsonDocument::Compact);
    }
    out += '}';
    return out;
}

// RevokeRequest

bool RevokeRequest::isDecimalSerial(QStringView serial)
{
    if (serial.isEmpty() || serial.size() > MaxSerialDigits)
        return false;
    for (const QChar c : serial) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

bool RevokeRequest::isAssignedReasonCode(int code)
{
    return code >= MinReasonCode && code <= MaxReasonCode && code != 7;
}

Result<RevokeRequest> RevokeRequest::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    RevokeRequest request;
    auto serial = fields.requiredNonEmptyString("serial"_L1);
    if (!serial)
        return serial.error();
    if (!isDecimalSerial(*serial)) {
        return fields.invalid(
            "serial"_L1,
            u"must be a certificate serial number in decimal (1 to %1 digits)"_s.arg(
                MaxSerialDigits));
    }
    request.serial = *serial;
    auto ott = fields.optionalString("ott"_L1);
    if (!ott)
        return ott.error();
    request.ott = ott->value_or(QString());
    auto reasonCode = fields.optionalInt("reasonCode"_L1, MinReasonCode, MaxReasonCode);
    if (!reasonCode)
        return reasonCode.error();
    request.reasonCode = reasonCode->value_or(MinReasonCode);
    auto reason = fields.optionalString("reason"_L1);
    if (!reason)
        return reason.error();
    request.reason = reason->value_or(QString());
    auto passive = fields.optionalBool("passive"_L1);
    if (!passive)
        return passive.error();
    request.passive = passive->value_or(false);
    return request;
}

QJsonObject RevokeRequest::toJson() const
{
    QJsonObject json;
    json.insert("serial"_L1, serial);
    json.insert("ott"_L1, ott);
    json.insert("reasonCode"_L1, reasonCode);
    json.insert("reason"_L1, reason);
    json.insert("passive"_L1, passive);
    return json;
}

// Small responses

Result<RevokeResponse> RevokeResponse::fromJson(const QJsonObject &json)
{
    auto status = JsonFields(json).requiredString("status"_L1);
    if (!status)
        return status.error();
    return RevokeResponse{*status};
}

QJsonObject RevokeResponse::toJson() const
{
    return QJsonObject{{"status"_L1, status}};
}

Result<RootsResponse> RootsResponse::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto crts = fields.requiredStringArray("crts"_L1);
    if (!crts)
        return crts.error();
    if (crts->isEmpty())
        return fields.invalid("crts"_L1, u"must hold at least one root certificate"_s);
    return RootsResponse{*crts};
}

QJsonObject RootsResponse::toJson() const
{
    return QJsonObject{{"crts"_L1, toJsonArray(crts)}};
}

Result<RootResponse> RootResponse::fromJson(const QJsonObject &json)
{
    auto ca = JsonFields(json).requiredNonEmptyString("ca"_L1);
    if (!ca)
        return ca.error();
    return RootResponse{*ca};
}

QJsonObject RootResponse::toJson() const
{
    return QJsonObject{{"ca"_L1, ca}};
}

Result<HealthResponse> HealthResponse::fromJson(const QJsonObject &json)
{
    auto status = JsonFields(json).requiredString("status"_L1);
    if (!status)
        return status.error();
    return HealthResponse{*status};
}

QJsonObject HealthResponse::toJson() const
{
    return QJsonObject{{"status"_L1, status}};
}

Result<VersionResponse> VersionResponse::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto version = fields.requiredNonEmptyString("version"_L1);
    if (!version)
        return version.error();
    auto requireClientAuthentication = fields.optionalBool("requireClientAuthentication"_L1);
    if (!requireClientAuthentication)
        return requireClientAuthentication.error();
    return VersionResponse{*version, requireClientAuthentication->value_or(false)};
}

QJsonObject VersionResponse::toJson() const
{
    QJsonObject json{{"version"_L1, version}};
    if (requireClientAuthentication)
        json.insert("requireClientAuthentication"_L1, true);
    return json;
}

// Provisioners

Result<ProvisionerEntry> ProvisionerEntry::fromJson(const QJsonObject &json, const QString &context)
{
    const JsonFields fields(json, context);
    ProvisionerEntry entry;
    auto type = fields.requiredNonEmptyString("type"_L1);
    if (!type)
        return type.error();
    entry.type = *type;
    auto name = fields.requiredNonEmptyString("name"_L1);
    if (!name)
        return name.error();
    entry.name = *name;
    if (entry.isJwk()) {
        auto key = fields.requiredObject("key"_L1);
        if (!key)
            return key.error();
        entry.key = *key;
    } else {
        auto key = fields.optionalObject("key"_L1);
        if (!key)
            return key.error();
        entry.key = key->value_or(QJsonObject());
    }
    auto encryptedKey = fields.optionalString("encryptedKey"_L1);
    if (!encryptedKey)
        return encryptedKey.error();
    entry.encryptedKey = encryptedKey->value_or(QString());
    return entry;
}

QJsonObject ProvisionerEntry::toJson() const
{
    QJsonObject json{{"type"_L1, type}, {"name"_L1, name}};
    if (!key.isEmpty())
        json.insert("key"_L1, key);
    if (!encryptedKey.isEmpty())
        json.insert("encryptedKey"_L1, encryptedKey);
    return json;
}

Result<ProvisionersResponse> ProvisionersResponse::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    ProvisionersResponse response;
    auto entries = fields.requiredObjectArray("provisioners"_L1);
    if (!entries)
        return entries.error();
    response.provisioners.reserve(entries->size());
    for (qsizetype i = 0; i < entries->size(); ++i) {
        auto entry = ProvisionerEntry::fromJson(entries->at(i), u"provisioners[%1]"_s.arg(i));
        if (!entry)
            return entry.error();
        response.provisioners.append(*entry);
    }
    auto nextCursor = fields.requiredString("nextCursor"_L1);
    if (!nextCursor)
        return nextCursor.error();
    response.nextCursor = *nextCursor;
    return response;
}

QJsonObject ProvisionersResponse::toJson() const
{
    QJsonArray entries;
    for (const ProvisionerEntry &entry : provisioners)
        entries.append(entry.toJson());
    return QJsonObject{{"provisioners"_L1, entries}, {"nextCursor"_L1, nextCursor}};
}

// ApiError

Result<ApiError> ApiError::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto status = fields.requiredInt("status"_L1, 100, 599);
    if (!status)
        return status.error();
    auto message = fields.requiredString("message"_L1);
    if (!message)
        return message.error();
    return ApiError{*status, *message};
}

QJsonObject ApiError::toJson() const
{
    return QJsonObject{{"status"_L1, status}, {"message"_L1, message}};
}

int ApiError::httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::Unauthorized:
    case ErrorCode::VerificationFailed: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::Unsupported: return 501;
    case ErrorCode::NetworkError: return 502;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::CryptoFailure:
    case ErrorCode::WrongPassphrase:
    case ErrorCode::IoError:
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

ApiError ApiError::fromError(const Error &error)
{
    const int status = httpStatus(error.code());
    if (status == 500)
        return ApiError{status, u"internal server error"_s};
    return ApiError{status, error.message()};
}

Error ApiError::toError() const
{
    ErrorCode code = ErrorCode::Internal;
    switch (status) {
    case 400:
    case 413:
    case 422: code = ErrorCode::InvalidInput; break;
    case 401: code = ErrorCode::Unauthorized; break;
    case 403: code = ErrorCode::Forbidden; break;
    case 404: code = ErrorCode::NotFound; break;
    case 409: code = ErrorCode::Conflict; break;
    case 429: code = ErrorCode::RateLimited; break;
    case 501: code = ErrorCode::Unsupported; break;
    case 502:
    case 503:
    case 504: code = ErrorCode::NetworkError; break;
    default: break;
    }
    return Error(code, u"the server answered %1: %2"_s.arg(status).arg(message));
}

} // namespace certigram
