#pragma once

#include "core/result.h"
#include "protocol/telegramid.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace certigram {

// The JSON bodies of Certigram's registration authority (RA) API (issue 3), and of the
// prototype's routes it keeps answering.
//
// Every fromJson() is total: any object gives a value or an Error(InvalidInput) naming
// the offending field; unknown fields are ignored (see JsonFields). Times are RFC 3339 in
// UTC ("2024-05-01T12:00:00Z"), written by toJson() with a 'Z' and accepted with any
// offset (converted to UTC).

// What a verification code is for.
enum class CodePurpose { Enroll, Revoke };

// "enroll" / "revoke".
QString codePurposeName(CodePurpose purpose);
Result<CodePurpose> codePurposeFromName(QStringView name);

// Verification codes are 4–10 ASCII digits (the server sends 6 by default; the
// prototype's were 5). A code is a string, never a number: leading zeros matter.
inline constexpr int MinCodeLength = 4;
inline constexpr int MaxCodeLength = 10;
bool isValidCode(QStringView code);

// POST /api/v1/codes {"subject","purpose"}
struct CodeRequest
{
    TelegramId subject; // a JSON string of digits (see TelegramId for the rules)
    CodePurpose purpose = CodePurpose::Enroll;

    static Result<CodeRequest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// 202 answer to /api/v1/codes {"expiresAt","resendAfter"}. resendAfter is a time, like
// expiresAt, rather than a number of seconds: a client compares both against one clock
// and the values stay right however long the answer took to arrive. (A 429 carries the
// seconds to wait in the HTTP Retry-After header instead.)
struct CodeResponse
{
    QDateTime expiresAt; // when the code stops being accepted (UTC)
    QDateTime resendAfter; // when a new code may be requested (UTC)

    static Result<CodeResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /api/v1/tokens {"subject","code","purpose"}
struct TokenRequest
{
    TelegramId subject;
    QString code;
    CodePurpose purpose = CodePurpose::Enroll;

    static Result<TokenRequest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// 200 answer to /api/v1/tokens {"ott","caUrl","expiresAt"}: a sign token for the CA at
// caUrl (an absolute http or https URL).
struct TokenResponse
{
    QString ott;
    QUrl caUrl;
    QDateTime expiresAt;

    static Result<TokenResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /api/v1/revocation-tokens {"certificate","code"?}. Without a code, the proof is
// mutual TLS with this very certificate; with one, a fresh purpose "revoke" code for its
// subject (a lost key). A present code must be a valid code; "" is refused, not read as
// absent.
struct RevocationTokenRequest
{
    QString certificate; // PEM; the crypto module parses it
    std::optional<QString> code;

    static Result<RevocationTokenRequest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// 200 answer to /api/v1/revocation-tokens {"ott","caUrl","expiresAt","serial"}: a revoke
// token whose `sub` is `serial` (decimal).
struct RevocationTokenResponse
{
    QString ott;
    QUrl caUrl;
    QDateTime expiresAt;
    QString serial;

    static Result<RevocationTokenResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// The prototype's bodies. "number" is the Telegram user id; the prototype's clients sent
// it as a JSON string, and some may have sent a JSON integer, so both are accepted (see
// TelegramId::fromJson). toJson() writes a string, as the prototype's clients did.

// POST /registration {"number"}
struct LegacyRegistrationRequest
{
    TelegramId number;

    static Result<LegacyRegistrationRequest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /send_token {"number","token"}; "token" is the code, a string of digits (an integer
// would lose leading zeros, so it is refused).
struct LegacySendTokenRequest
{
    TelegramId number;
    QString token;

    static Result<LegacySendTokenRequest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /revoke_token {"number"}
struct LegacyRevokeTokenRequest
{
    TelegramId number;

    static Result<LegacyRevokeTokenRequest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// The prototype's JSON answers: {"msg":"<ott>"} or {"msg":"Error, …"}.
struct LegacyMessage
{
    QString msg;

    static Result<LegacyMessage> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

} // namespace certigram
