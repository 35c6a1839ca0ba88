#pragma once

#include "core/result.h"
#include "crypto/jwk.h"
#include "crypto/onetimetoken.h"
#include "crypto/publickey.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace certigram {

// A JWK provisioner as the embedded CA knows it: its name and its public key.
struct TokenProvisioner
{
    QString name;
    Jwk key;
};

// Checks step-ca one-time tokens for the embedded CA, as step-ca does:
// - the header's kid and the claims' iss select one provisioner (kid = the JWK's kid, or
//   its thumbprint when it has none); the signature verifies with its key, under the
//   algorithm the key dictates (a JWK's own alg, when set, must match too);
// - aud, a string or an array, names one of the accepted audiences (scheme, host and
//   path compared; the port is ignored, like step-ca does);
// - exp, nbf and iat are present; now ≤ exp + leeway, now ≥ nbf − leeway,
//   iat ≤ now + leeway, and 0 < exp − nbf ≤ OneTimeToken::kMaximumLifetime;
// - sub is a non-empty string; jti has 32 to 256 characters; sans, when present, is an
//   array of strings; sha, when present, a string.
// Every failure is Unauthorized with a specific message for logs; callers answer with
// step-ca's generic 401. Single use of a jti is for the caller's database to enforce.
class OneTimeTokenVerifier
{
public:
    using Clock = std::function<QDateTime()>;

    // `audiences`: full URLs such as "https://ca.example.org/1.0/sign".
    OneTimeTokenVerifier(const QList<TokenProvisioner> &provisioners, const QStringList &audiences);

    // For tests; the current UTC time by default.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    Result<OneTimeTokenClaims> verify(const QByteArray &token) const;

private:
    struct Provisioner
    {
        QString name;
        QString kid;
        QString alg;
        PublicKey key;
    };
    struct Audience
    {
        QString scheme;
        QString host;
        QString path;
    };

    static std::optional<Audience> parseAudience(const QString &url);
    bool acceptsAudience(const QString &audience) const;

    QList<Provisioner> m_provisioners;
    QList<Audience> m_audiences;
    Clock m_clock;
};

} // namespace certigram
