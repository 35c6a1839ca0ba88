#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace certigram {

// What a step-ca one-time token authorizes.
enum class TokenPurpose { Sign, Revoke };

// The claims of a verified one-time token: the JWT a step-ca JWK provisioner's key signs
// (header {alg, kid, typ "JWT"}). Built by OneTimeTokenVerifier only after the signature
// and every rule on the claims have been checked.
struct OneTimeTokenClaims
{
    QString issuer; // iss: the provisioner's name
    QString subject; // sub: the CN (sign) or the certificate serial in decimal (revoke)
    QStringList sans; // sans: as in the token; [sub] when it has none, as step-ca does
    QStringList audience; // aud: a string or an array in the token, always a list here
    QString jti; // jti: single use is the database's job, not the verifier's
    QDateTime notBefore; // nbf (UTC)
    QDateTime issuedAt; // iat (UTC)
    QDateTime expiresAt; // exp (UTC)
    QString rootFingerprint; // sha: the root's SHA-256 in hex; optional
    QString kid; // the header's kid, naming the provisioner key
};

// Limits shared by the token builder and verifier.
class OneTimeToken
{
public:
    // What the step CLI uses.
    static constexpr std::chrono::seconds kDefaultLifetime{300};
    // exp − nbf may not exceed this: a stolen token is a bearer credential, so its window
    // stays short. Twice step's default leaves room for slow hand-offs; step-ca itself
    // has no such limit, but neither step nor Certigram ever makes longer tokens.
    static constexpr std::chrono::seconds kMaximumLifetime{600};
    // Clock skew tolerated on exp, nbf and iat (step-ca's value).
    static constexpr std::chrono::seconds kLeeway{60};
    // jti = 32 random bytes in hex has 64 characters; 32 characters (128 bits) at least.
    static constexpr int kMinimumJtiLength = 32;
    static constexpr int kMaximumJtiLength = 256;

    // The audience a token for `purpose` names, as the step CLI builds it from the CA URL:
    // "https://ca.example.org:9000" → "https://ca.example.org:9000/1.0/sign" (any path,
    // query or fragment of the URL is replaced). The URL must be https with a host.
    static Result<QString> audience(const QUrl &caUrl, TokenPurpose purpose);
};

} // namespace certigram
