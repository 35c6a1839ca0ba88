#include "protocol/ramessages.h"

#include "protocol/jsonfields.h"
#include "protocol/rfc3339.h"
#include "protocol/stepcamessages.h"

namespace certigram {

using namespace Qt::StringLiterals;

namespace {

// The new API takes the subject as a JSON string only; an integer is a type error.
Result<TelegramId> readSubject(const JsonFields &fields, QLatin1String name)
{
    auto text = fields.requiredString(name);
    if (!text)
        return text.error();
    auto id = TelegramId::fromString(*text);
    if (!id)
        return fields.invalid(name, u"is "_s + id.error().message());
    return id;
}

// The prototype's "number": a string of digits or a JSON integer.
Result<TelegramId> readLegacyNumber(const JsonFields &fields, QLatin1String name)
{
    auto value = fields.requiredValue(name);
    if (!value)
        return value.error();
    if (!value->isString() && !value->isDouble())
        return fields.wrongType(name, "a string of digits or an integer", *value);
    auto id = TelegramId::fromJson(*value);
    if (!id)
        return fields.invalid(name, u"is "_s + id.error().message());
    return id;
}

Result<QString> readCode(const JsonFields &fields, QLatin1String name)
{
    auto code = fields.requiredString(name);
    if (!code)
        return code.error();
    if (!isValidCode(*code)) {
        return fields.invalid(
            name, u"must be %1 to %2 ASCII digits"_s.arg(MinCodeLength).arg(MaxCodeLength));
    }
    return code;
}

Result<CodePurpose> readPurpose(const JsonFields &fields, QLatin1String name)
{
    auto text = fields.requiredString(name);
    if (!text)
        return text.error();
    auto purpose = codePurposeFromName(*text);
    if (!purpose)
        return fields.invalid(name, u"must be \"enroll\" or \"revoke\""_s);
    return purpose;
}

Result<QDateTime> readTime(const JsonFields &fields, QLatin1String name)
{
    auto text = fields.requiredString(name);
    if (!text)
        return text.error();
    auto time = Rfc3339::parse(*text);
    if (!time)
        return fields.invalid(name, u"is "_s + time.error().message());
    return time;
}

Result<QUrl> readCaUrl(const JsonFields &fields, QLatin1String name)
{
    auto text = fields.requiredString(name);
    if (!text)
        return text.error();
    const QUrl url(*text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != "https"_L1 && scheme != "http"_L1) || url.host().isEmpty())
        return fields.invalid(name, u"must be an absolute http or https URL"_s);
    return url;
}

Result<QString> readOtt(const JsonFields &fields)
{
    return fields.requiredNonEmptyString("ott"_L1);
}

} // namespace

QString codePurposeName(CodePurpose purpose)
{
    switch (purpose) {
    case CodePurpose::Enroll: return u"enroll"_s;
    case CodePurpose::Revoke: return u"revoke"_s;
    }
    return QString();
}

Result<CodePurpose> codePurposeFromName(QStringView name)
{
    if (name == u"enroll")
        return CodePurpose::Enroll;
    if (name == u"revoke")
        return CodePurpose::Revoke;
    return Error(ErrorCode::InvalidInput,
                 u"unknown code purpose (expected \"enroll\" or \"revoke\")"_s);
}

bool isValidCode(QStringView code)
{
    if (code.size() < MinCodeLength || code.size() > MaxCodeLength)
        return false;
    for (const QChar c : code) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// CodeRequest / CodeResponse

Result<CodeRequest> CodeRequest::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto subject = readSubject(fields, "subject"_L1);
    if (!subject)
        return subject.error();
    auto purpose = readPurpose(fields, "purpose"_L1);
    if (!purpose)
        return purpose.error();
    return CodeRequest{*subject, *purpose};
}

QJsonObject CodeRequest::toJson() const
{
    return QJsonObject{{"subject"_L1, subject.toString()},
                       {"purpose"_L1, codePurposeName(purpose)}};
}

Result<CodeResponse> CodeResponse::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto expiresAt = readTime(fields, "expiresAt"_L1);
    if (!expiresAt)
        return expiresAt.error();
    auto resendAfter = readTime(fields, "resendAfter"_L1);
    if (!resendAfter)
        return resendAfter.error();
    return CodeResponse{*expiresAt, *resendAfter};
}

QJsonObject CodeResponse::toJson() const
{
    return QJsonObject{{"expiresAt"_L1, Rfc3339::format(expiresAt)},
                       {"resendAfter"_L1, Rfc3339::format(resendAfter)}};
}

// TokenRequest / TokenResponse

Result<TokenRequest> TokenRequest::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto subject = readSubject(fields, "subject"_L1);
    if (!subject)
        return subject.error();
    auto code = readCode(fields, "code"_L1);
    if (!code)
        return code.error();
    auto purpose = readPurpose(fields, "purpose"_L1);
    if (!purpose)
        return purpose.error();
    return TokenRequest{*subject, *code, *purpose};
}

QJsonObject TokenRequest::toJson() const
{
    return QJsonObject{{"subject"_L1, subject.toString()},
                       {"code"_L1, code},
                       {"purpose"_L1, codePurposeName(purpose)}};
}

Result<TokenResponse> TokenResponse::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto ott = readOtt(fields);
    if (!ott)
        return ott.error();
    auto caUrl = readCaUrl(fields, "caUrl"_L1);
    if (!caUrl)
        return caUrl.error();
    auto expiresAt = readTime(fields, "expiresAt"_L1);
    if (!expiresAt)
        return expiresAt.error();
    return TokenResponse{*ott, *caUrl, *expiresAt};
}

QJsonObject TokenResponse::toJson() const
{
    return QJsonObject{{"ott"_L1, ott},
                       {"caUrl"_L1, caUrl.toString()},
                       {"expiresAt"_L1, Rfc3339::format(expiresAt)}};
}

// Revocation tokens

Result<RevocationTokenRequest> RevocationTokenRequest::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    RevocationTokenRequest request;
    auto certificate = fields.requiredNonEmptyString("certificate"_L1);
    if (!certificate)
        return certificate.error();
    request.certificate = *certificate;
    if (fields.contains("code"_L1)) {
        auto code = readCode(fields, "code"_L1);
        if (!code)
            return code.error();
        request.code = *code;
    }
    return request;
}

QJsonObject RevocationTokenRequest::toJson() const
{
    QJsonObject json{{"certificate"_L1, certificate}};
    if (code)
        json.insert("code"_L1, *code);
    return json;
}

Result<RevocationTokenResponse> RevocationTokenResponse::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto ott = readOtt(fields);
    if (!ott)
        return ott.error();
    auto caUrl = readCaUrl(fields, "caUrl"_L1);
    if (!caUrl)
        return caUrl.error();
    auto expiresAt = readTime(fields, "expiresAt"_L1);
    if (!expiresAt)
        return expiresAt.error();
    auto serial = fields.requiredString("serial"_L1);
    if (!serial)
        return serial.error();
    if (!RevokeRequest::isDecimalSerial(*serial)) {
        return fields.invalid(
            "serial"_L1,
            u"must be a certificate serial number in decimal (1 to %1 digits)"_s.arg(
                RevokeRequest::MaxSerialDigits));
    }
    return RevocationTokenResponse{*ott, *caUrl, *expiresAt, *serial};
}

QJsonObject RevocationTokenResponse::toJson() const
{
    return QJsonObject{{"ott"_L1, ott},
                       {"caUrl"_L1, caUrl.toString()},
                       {"expiresAt"_L1, Rfc3339::format(expiresAt)},
                       {"serial"_L1, serial}};
}

// The prototype's bodies

Result<LegacyRegistrationRequest> LegacyRegistrationRequest::fromJson(const QJsonObject &json)
{
    auto number = readLegacyNumber(JsonFields(json), "number"_L1);
    if (!number)
        return number.error();
    return LegacyRegistrationRequest{*number};
}

QJsonObject LegacyRegistrationRequest::toJson() const
{
    return QJsonObject{{"number"_L1, number.toString()}};
}

Result<LegacySendTokenRequest> LegacySendTokenRequest::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto number = readLegacyNumber(fields, "number"_L1);
    if (!number)
        return number.error();
    auto token = readCode(fields, "token"_L1);
    if (!token)
        return token.error();
    return LegacySendTokenRequest{*number, *token};
}

QJsonObject LegacySendTokenRequest::toJson() const
{
    return QJsonObject{{"number"_L1, number.toString()}, {"token"_L1, token}};
}

Result<LegacyRevokeTokenRequest> LegacyRevokeTokenRequest::fromJson(const QJsonObject &json)
{
    auto number = readLegacyNumber(JsonFields(json), "number"_L1);
    if (!number)
        return number.error();
    return LegacyRevokeTokenRequest{*number};
}

QJsonObject LegacyRevokeTokenRequest::toJson() const
{
    return QJsonObject{{"number"_L1, number.toString()}};
}

Result<LegacyMessage> LegacyMessage::fromJson(const QJsonObject &json)
{
    auto msg = JsonFields(json).requiredString("msg"_L1);
    if (!msg)
        return msg.error();
    return LegacyMessage{*msg};
}

QJsonObject LegacyMessage::toJson() const
{
    return QJsonObject{{"msg"_L1, msg}};
}

} // namespace certigram
