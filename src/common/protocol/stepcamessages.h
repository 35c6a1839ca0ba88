#pragma once

#include "core/result.h"
#include "protocol/timeduration.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace certigram {

// The JSON bodies of step-ca's API (as observed on step-ca 0.19 and later; see
// shared/notes/step-ca.md), used by both the client (talking to an external step-ca) and
// the embedded CA (which must be indistinguishable from it).
//
// Every fromJson() is total: any object gives a value or an Error(InvalidInput) naming
// the offending field. Unknown fields are ignored, as step-ca ignores them. PEM strings are
// only checked to be present and non-empty here; the crypto module parses them. toJson()
// writes what step-ca writes.

// POST /1.0/sign {"csr","ott","notBefore"?,"notAfter"?}
struct SignRequest
{
    QString csr; // PEM CERTIFICATE REQUEST
    QString ott; // the one-time token (JWT)
    // RFC 3339 time or Go duration. Absent, null and "" all mean "not set": the step CLI
    // sends null (or "") for unset values, and step-ca reads all three that way.
    TimeDuration notBefore;
    TimeDuration notAfter;

    static Result<SignRequest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const; // notBefore/notAfter only when set
};

// 201 answer to /1.0/sign and /1.0/renew: {"crt","ca","certChain":[leaf, intermediate…],
// "tlsOptions"?}. step-ca's Go names ServerPEM/CaPEM never appear on the wire.
struct SignResponse
{
    QString crt; // the issued leaf, PEM
    QString ca; // the issuing (intermediate) CA, PEM
    QStringList certChain; // leaf first, then the intermediates; at least one entry
    std::optional<QJsonObject> tlsOptions; // opaque: cipherSuites, minVersion, …

    static Result<SignResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
    // The bytes QJsonDocument(toJson()).toJson(QJsonDocument::Compact) gives, written
    // directly: the CA answers every sign and renewal with this, and going through
    // QJsonObject cost more than a tenth of a sign's work outside the cryptography.
    QByteArray toCompactJson() const;
};

using RenewResponse = SignResponse;

// POST /1.0/revoke {"serial","ott"?,"reasonCode","reason","passive"}.
//
// Field rules follow step-ca's decoding and RevokeRequest.Validate(), so that the embedded
// CA answers as step-ca does:
// - serial: required, the certificate serial in decimal (what the step CLI sends and the
//   revoke token's `sub` carries), at most 49 digits (RFC 5280's 20 octets).
// - ott: absent or "" means revocation by mutual TLS with the certificate itself.
// - reasonCode: an integer 0–10 (RFC 5280 CRLReason), absent means 0 (unspecified) as in
//   Go; outside 0–10 is refused (step-ca: 400 "reasonCode out of bounds"). 7 is inside
//   step-ca's bounds and accepted here too, so the embedded CA answers as step-ca does;
//   RFC 5280 leaves 7 unassigned, so clients should not offer it
//   (see isAssignedReasonCode()) and a CRL writer must not emit it.
// - reason: free text, absent means "".
// - passive: absent means false, as in Go. Non-passive revocation is a 501 decision of the
//   CA, not a parse error, so false is accepted here.
struct RevokeRequest
{
    static constexpr int MinReasonCode = 0; // unspecified
    static constexpr int MaxReasonCode = 10; // aACompromise
    static constexpr int MaxSerialDigits = 49;

    QString serial;
    QString ott;
    int reasonCode = 0;
    QString reason;
    bool passive = false;

    static Result<RevokeRequest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const; // all five fields, as the step CLI sends them

    bool revokesByToken() const { return !ott.isEmpty(); }
    // A decimal serial: 1–49 ASCII digits.
    static bool isDecimalSerial(QStringView serial);
    // RFC 5280 §5.3.1 reason codes: 0–10 except 7, which is unassigned.
    static bool isAssignedReasonCode(int code);
};

// 200 answer to /1.0/revoke: {"status":"ok"}.
struct RevokeResponse
{
    QString status;

    static Result<RevokeResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
    bool isOk() const { return status == QLatin1String("ok"); }
};

// GET /roots (201, sic): {"crts":[PEM…]}.
struct RootsResponse
{
    QStringList crts;

    static Result<RootsResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /root/{sha256}: {"ca":PEM}.
struct RootResponse
{
    QString ca;

    static Result<RootResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /health: {"status":"ok"}.
struct HealthResponse
{
    QString status;

    static Result<HealthResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
    bool isOk() const { return status == QLatin1String("ok"); }
};

// GET /version: {"version","requireClientAuthentication"?}; step-ca omits the flag when
// false (Go omitempty), and so does toJson().
struct VersionResponse
{
    QString version;
    bool requireClientAuthentication = false;

    static Result<VersionResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// One entry of GET /provisioners. Only the fields Certigram uses are read; step-ca also
// sends claims/options, which are ignored. `key` (the public JWK) is required for JWK
// provisioners; other types (ACME, OIDC, X5C, …) have none and are listed without one.
// `encryptedKey` is the step-encrypted private key; the embedded CA never sends it.
struct ProvisionerEntry
{
    QString type; // "JWK", "ACME", …
    QString name;
    QJsonObject key; // empty when the entry has none
    QString encryptedKey; // empty when absent

    static Result<ProvisionerEntry> fromJson(const QJsonObject &json, const QString &context = {});
    QJsonObject toJson() const; // key and encryptedKey only when non-empty
    bool isJwk() const { return type == QLatin1String("JWK"); }
};

// GET /provisioners: {"provisioners":[…],"nextCursor":""}.
struct ProvisionersResponse
{
    QList<ProvisionerEntry> provisioners;
    QString nextCursor; // "" on the last page

    static Result<ProvisionersResponse> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// The error body of both APIs: {"status":N,"message":"…"}.
struct ApiError
{
    int status = 500;
    QString message;

    static Result<ApiError> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    // The HTTP status a server answers for an Error: InvalidInput 400, Unauthorized and
    // VerificationFailed and WrongPassphrase 401, Forbidden 403, NotFound 404, Conflict 409,
    // RateLimited 429, Unsupported 501, NetworkError 502, everything else 500.
    static int httpStatus(ErrorCode code);
    // The body for an Error. 500s say "internal server error" only: their messages may
    // describe the server's inside (paths, SQL), which is not the client's business.
    static ApiError fromError(const Error &error);
    // The other way, for clients: an Error whose code matches the status and whose message
    // says who answered what.
    Error toError() const;
};

} // namespace certigram
