#pragma once

#include "core/result.h"
#include "crypto/onetimetoken.h"
#include "crypto/provisionerkey.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>

namespace certigram {

// Mints step-ca one-time tokens the way `step ca token` does (see the fixtures made by it):
// header {"alg","kid","typ":"JWT"}; claims aud, exp, iat, iss, jti, nbf, sans (sign only),
// sha (when a root fingerprint is set), sub — nbf = iat = now, exp = now + lifetime,
// jti = 32 random bytes in hex.
class OneTimeTokenBuilder
{
public:
    using Clock = std::function<QDateTime()>;

    // `caUrl` as the client knows the CA, e.g. https://ca.example.org:9000.
    OneTimeTokenBuilder(ProvisionerKey key, QUrl caUrl);

    // 1 s up to OneTimeToken::kMaximumLifetime; 5 minutes by default.
    void setLifetime(std::chrono::seconds lifetime) { m_lifetime = lifetime; }
    // The root's SHA-256 fingerprint in hex (colons allowed), written as `sha`.
    void setRootFingerprint(const QString &sha256) { m_rootFingerprint = sha256; }
    // For tests; the current UTC time by default.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // A token to sign a CSR with common name `subject`; `sans` defaults to [subject].
    Result<QByteArray> signToken(const QString &subject, const QStringList &sans = {}) const;
    // A token to revoke the certificate with serial `serial` (decimal digits).
    Result<QByteArray> revokeToken(const QString &serial) const;

private:
    Result<QByteArray> build(TokenPurpose purpose, const QString &subject,
                             const QStringList &sans) const;

    ProvisionerKey m_key;
    QUrl m_caUrl;
    std::chrono::seconds m_lifetime = OneTimeToken::kDefaultLifetime;
    QString m_rootFingerprint;
    Clock m_clock;
};

} // namespace certigram
