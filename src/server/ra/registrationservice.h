#pragma once

#include "core/result.h"
#include "crypto/certificate.h"
#include "crypto/onetimetokenbuilder.h"
#include "http/ratelimiter.h"
#include "protocol/ramessages.h"
#include "ra/codehasher.h"
#include "ra/raevent.h"
#include "ra/registrationpolicy.h"

#include <QHostAddress>
#include <QList>
#include <QSslCertificate>

#include <functional>

namespace certigram {

class AuditLogWriter;
class CodeRequestQuotaStore;
class MetricsRegistry;
class Notifier;
class PendingCodeStore;

// Proof that a client holds a certificate: the chain it presented in mutual TLS and
// whether the TLS layer verified it.
struct ClientCertificateProof
{
    QList<QSslCertificate> chain; // leaf first; empty without mutual TLS
    bool verified = false;
};

// The registration authority's rules, apart from HTTP: one-time codes sent over Telegram,
// checked with limited attempts, and exchanged for step-ca one-time tokens. Safe to call
// from several worker threads at once: its state lives in the database.
class RegistrationService
{
public:
    using Clock = std::function<QDateTime()>;

    // `caRoots` and `caIntermediates`: the CA a certificate must chain to before a revoke
    // token is handed out for it.
    // `codeQuotas` enforces policy.codeRequestsPerAddressPerHour (built with it).
    RegistrationService(RegistrationPolicy policy, PendingCodeStore &codes,
                        CodeRequestQuotaStore &codeQuotas, CodeHasher hasher, Notifier &notifier,
                        OneTimeTokenBuilder tokens, QUrl caUrl, QList<Certificate> caRoots,
                        QList<Certificate> caIntermediates, AuditLogWriter *audit = nullptr,
                        MetricsRegistry *metrics = nullptr);

    void setClock(Clock clock);
    const RegistrationPolicy &policy() const { return m_policy; }

    // Records an event: one audit-log line (user text is neutralised by the log) and one
    // counter. The routes use it for requests they refuse before reaching the service.
    void note(RaEvent event, const QString &message, const QHostAddress &remote) const;

    // Sends a new code to `request.subject` over Telegram. Conflict while one is pending
    // (reason "code-pending"); RateLimited for too many requests from one address;
    // the notifier's error (NetworkError → 502) when delivery fails, and then the code is
    // released so the user may retry at once.
    Result<CodeResponse> requestCode(const CodeRequest &request, const QHostAddress &remote);

    // Exchanges a right code for a sign token. A wrong code costs an attempt
    // (Unauthorized, reason "wrong-code"); the last wrong one burns it
    // ("attempts-exhausted"); no pending code: Unauthorized, reason "no-code".
    Result<TokenResponse> exchangeCode(const TokenRequest &request, const QHostAddress &remote);

    // A revoke token for the certificate in `request`, which must chain to a trusted root.
    // Proof: mutual TLS with that very certificate, or a fresh "revoke" code for its
    // subject (a lost key).
    Result<RevocationTokenResponse> issueRevocationToken(const RevocationTokenRequest &request,
                                                         const ClientCertificateProof &proof,
                                                         const QHostAddress &remote);

    // The prototype's /revoke_token: a revoke token for the certificate the client proves
    // by mutual TLS, whose subject must be `number`.
    Result<RevocationTokenResponse> issueLegacyRevocationToken(const TelegramId &number,
                                                               const ClientCertificateProof &proof,
                                                               const QHostAddress &remote);

private:
    Result<Certificate> verifiedCertificate(const QString &pem) const;
    Result<QDateTime> tokenExpiry(const QByteArray &token) const;
    Result<void> checkCode(const QString &subject, CodePurpose purpose, const QString &code,
                           const QHostAddress &remote);
    Result<RevocationTokenResponse> revokeTokenFor(const Certificate &certificate,
                                                   const QHostAddress &remote);

    RegistrationPolicy m_policy;
    PendingCodeStore &m_codes;
    CodeRequestQuotaStore &m_codeQuotas;
    CodeHasher m_hasher;
    Notifier &m_notifier;
    OneTimeTokenBuilder m_tokens;
    QUrl m_caUrl;
    QList<Certificate> m_caRoots;
    QList<Certificate> m_caIntermediates;
    AuditLogWriter *m_audit;
    MetricsRegistry *m_metrics;
    Clock m_clock;
};

} // namespace certigram
