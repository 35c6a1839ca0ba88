#include "ra/registrationservice.h"

#include "crypto/chainverifier.h"
#include "crypto/jws.h"
#include "crypto/securerandom.h"
#include "db/coderequestquotastore.h"
#include "db/pendingcodestore.h"
#include "log/auditlogwriter.h"
#include "metrics/metricsregistry.h"
#include "notify/notifier.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace certigram {

Q_LOGGING_CATEGORY(lcRa, "certigram.server.ra")

namespace {

QString remoteText(const QHostAddress &remote)
{
    bool isIpv4 = false;
    const quint32 ipv4 = remote.toIPv4Address(&isIpv4);
    return isIpv4 ? QHostAddress(ipv4).toString() : remote.toString();
}

Error unauthorized(const QString &message, const QString &reason)
{
    return Error(ErrorCode::Unauthorized, message).withReason(reason);
}

} // namespace

RegistrationService::RegistrationService(RegistrationPolicy policy, PendingCodeStore &codes,
                                         CodeRequestQuotaStore &codeQuotas, CodeHasher hasher,
                                         Notifier &notifier, OneTimeTokenBuilder tokens, QUrl caUrl,
                                         QList<Certificate> caRoots,
                                         QList<Certificate> caIntermediates, AuditLogWriter *audit,
                                         MetricsRegistry *metrics)
    : m_policy(std::move(policy))
    , m_codes(codes)
    , m_codeQuotas(codeQuotas)
    , m_hasher(std::move(hasher))
    , m_notifier(notifier)
    , m_tokens(std::move(tokens))
    , m_caUrl(std::move(caUrl))
    , m_caRoots(std::move(caRoots))
    , m_caIntermediates(std::move(caIntermediates))
    , m_audit(audit)
    , m_metrics(metrics)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{ }

void RegistrationService::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_tokens.setClock(m_clock);
}

void RegistrationService::note(RaEvent event, const QString &message,
                               const QHostAddress &remote) const
{
    const RaEventInfo info = raEventInfo(event);
    if (m_metrics)
        m_metrics->increment(QString::fromLatin1(info.metric));
    if (!m_audit)
        return;
    if (auto written = m_audit->write(info.problem ? AuditLevel::Error : AuditLevel::Info, message,
                                      remoteText(remote));
        !written)
        qCWarning(lcRa) << "audit log:" << written.error().message();
}

Result<CodeResponse> RegistrationService::requestCode(const CodeRequest &request,
                                                      const QHostAddress &remote)
{
    const QString subject = request.subject.toString();
    const QString purpose = codePurposeName(request.purpose);
    auto code = SecureRandom::digits(m_policy.codeDigits);
    if (!code)
        return code.error();
    const QDateTime now = m_clock();
    PendingCode pending;
    pending.subject = subject;
    pending.purpose = purpose;
    pending.codeHash = m_hasher.hash(subject, purpose, code.value());
    pending.attemptsLeft = m_policy.maxAttempts;
    pending.createdAt = now;
    pending.expiresAt = now.addSecs(m_policy.codeLifetime.count());
    pending.resendAfter = now.addSecs(m_policy.resendAfter.count());

    // The address's quota (counted in the database, so that it holds across every server on
    // it) and the code are written in one transaction; a refused code is not counted.
    PendingCode existing;
    const auto wait
        = m_codeQuotas.acquireAnd(RateLimiter::keyFor(remote), now, [&](QSqlDatabase &db) {
              return m_codes.insertInTransaction(db, pending, now, &existing);
          });
    if (!wait) {
        if (wait.error().code() != ErrorCode::Conflict)
            return wait.error();
        note(RaEvent::MultipleRequests,
             QStringLiteral("registration %1 multiple token requests").arg(subject), remote);
        return Error(ErrorCode::Conflict,
                     QStringLiteral("a code was already sent to this Telegram account; a new "
                                    "one can be requested after %1")
                         .arg(existing.resendAfter.toString(Qt::ISODate)))
            .withReason(QStringLiteral("code-pending"));
    }
    if (wait.value() > 0) {
        note(RaEvent::RateLimited, QStringLiteral("registration %1 rate limited").arg(subject),
             remote);
        return Error(ErrorCode::RateLimited,
                     QStringLiteral("too many code requests from your address: retry in %1 s")
                         .arg(wait.value()))
            .withReason(QStringLiteral("rate-limited"));
    }

    const QString message
        = m_policy.message.arg(code.value()).arg(m_policy.codeLifetime.count() / 60);
    if (auto sent = m_notifier.send(subject, message); !sent) {
        // Nothing reached the user: free the slot so they can try again at once.
        if (auto released = m_codes.release(subject, purpose); !released)
            qCWarning(lcRa) << "releasing an undelivered code:" << released.error().message();
        note(RaEvent::DeliveryFailed,
             QStringLiteral("registration %1 code not delivered: %2")
                 .arg(subject, sent.error().message()),
             remote);
        return sent.error();
    }
    note(RaEvent::CodeSent, QStringLiteral("registration %1 got a %2 code").arg(subject, purpose),
         remote);
    return CodeResponse{pending.expiresAt, pending.resendAfter};
}

Result<void> RegistrationService::checkCode(const QString &subject, CodePurpose purpose,
                                            const QString &code, const QHostAddress &remote)
{
    const QString purposeName = codePurposeName(purpose);
    auto check = m_codes.check(subject, purposeName, m_clock(), [&](const QByteArray &stored) {
        return m_hasher.matches(stored, subject, purposeName, code);
    });
    if (!check)
        return check.error();
    switch (check->outcome) {
    case CodeCheck::Outcome::Accepted: return {};
    case CodeCheck::Outcome::WrongCode:
        note(RaEvent::WrongCode,
             QStringLiteral("send_token %1 wrong Telegram token (%2 attempts left)")
                 .arg(subject)
                 .arg(check->attemptsLeft),
             remote);
        return unauthorized(
            QStringLiteral("wrong code: %1 attempt(s) left").arg(check->attemptsLeft),
            QStringLiteral("wrong-code"));
    case CodeCheck::Outcome::Exhausted:
        note(RaEvent::AttemptsExhausted,
             QStringLiteral("send_token %1 attempts exhausted").arg(subject), remote);
        return unauthorized(
            QStringLiteral("wrong code, and no attempts are left: request a new code"),
            QStringLiteral("attempts-exhausted"));
    case CodeCheck::Outcome::NoCode: break;
    }
    note(RaEvent::NoPendingCode, QStringLiteral("send_token %1 no pending code").arg(subject),
         remote);
    return unauthorized(
        QStringLiteral("no code is pending (it expired or was used): request a new one"),
        QStringLiteral("no-code"));
}

Result<QDateTime> RegistrationService::tokenExpiry(const QByteArray &token) const
{
    auto parsed = Jws::parse(token);
    if (!parsed)
        return parsed.error();
    const QJsonObject claims = QJsonDocument::fromJson(parsed->payload).object();
    return QDateTime::fromSecsSinceEpoch(claims.value(QStringLiteral("exp")).toInteger(), Qt::UTC);
}

Result<TokenResponse> RegistrationService::exchangeCode(const TokenRequest &request,
                                                        const QHostAddress &remote)
{
    const QString subject = request.subject.toString();
    if (request.purpose != CodePurpose::Enroll)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("revoke codes are exchanged at /api/v1/revocation-tokens"));
    if (auto checked = checkCode(subject, request.purpose, request.code, remote); !checked)
        return checked.error();
    auto token = m_tokens.signToken(subject);
    if (!token)
        return token.error();
    auto expiry = tokenExpiry(token.value());
    if (!expiry)
        return expiry.error();
    note(RaEvent::TokenIssued, QStringLiteral("send_token %1 got a token").arg(subject), remote);
    return TokenResponse{QString::fromLatin1(token.value()), m_caUrl, expiry.value()};
}

Result<Certificate> RegistrationService::verifiedCertificate(const QString &pem) const
{
    auto chain = Certificate::chainFromPem(pem.toUtf8());
    if (!chain)
        return chain.error().withContext(QStringLiteral("certificate"));
    QList<Certificate> intermediates = m_caIntermediates + chain->mid(1);
    ChainVerifier verifier(m_caRoots);
    verifier.setPurpose(CertificatePurpose::ClientAuth);
    if (auto verified = verifier.verify(chain->first(), intermediates); !verified)
        return Error(ErrorCode::Forbidden,
                     QStringLiteral("the certificate was not issued by this CA: %1")
                         .arg(verified.error().message()))
            .withReason(QStringLiteral("untrusted-certificate"));
    return chain->first();
}

Result<RevocationTokenResponse> RegistrationService::revokeTokenFor(const Certificate &certificate,
                                                                    const QHostAddress &remote)
{
    auto token = m_tokens.revokeToken(certificate.serialDecimal());
    if (!token)
        return token.error();
    auto expiry = tokenExpiry(token.value());
    if (!expiry)
        return expiry.error();
    note(RaEvent::RevokeTokenIssued,
         QStringLiteral("revoke_token %1 got a revoke token for serial %2")
             .arg(certificate.commonName(), certificate.serialDecimal()),
         remote);
    return RevocationTokenResponse{QString::fromLatin1(token.value()), m_caUrl, expiry.value(),
                                   certificate.serialDecimal()};
}

Result<RevocationTokenResponse> RegistrationService::issueRevocationToken(
    const RevocationTokenRequest &request, const ClientCertificateProof &proof,
    const QHostAddress &remote)
{
    auto certificate = verifiedCertificate(request.certificate);
    if (!certificate)
        return certificate.error();

    const bool heldByClient = proof.verified && !proof.chain.isEmpty()
        && proof.chain.first().toDer() == certificate->toDer();
    if (!heldByClient) {
        if (!request.code)
            return unauthorized(
                QStringLiteral("prove you hold this certificate: connect with it (mutual TLS) "
                               "or send a revoke code sent to its Telegram account"),
                QStringLiteral("proof-required"));
        auto subject = TelegramId::fromString(certificate->commonName());
        if (!subject)
            return Error(
                ErrorCode::Forbidden,
                QStringLiteral(
                    "the certificate's subject is not a Telegram id: prove it by mutual TLS"));
        if (auto checked
            = checkCode(subject->toString(), CodePurpose::Revoke, *request.code, remote);
            !checked)
            return checked.error();
    }
    return revokeTokenFor(certificate.value(), remote);
}

Result<RevocationTokenResponse> RegistrationService::issueLegacyRevocationToken(
    const TelegramId &number, const ClientCertificateProof &proof, const QHostAddress &remote)
{
    if (!proof.verified || proof.chain.isEmpty()) {
        note(
            RaEvent::RevokeTokenRefused,
            QStringLiteral("revoke_token %1 refused: no client certificate").arg(number.toString()),
            remote);
        return unauthorized(QStringLiteral("connect with the certificate to revoke (mutual TLS)"),
                            QStringLiteral("proof-required"));
    }
    QByteArray presented;
    for (const QSslCertificate &each : proof.chain)
        presented += each.toPem();
    auto certificate = verifiedCertificate(QString::fromLatin1(presented));
    if (!certificate)
        return certificate.error();
    if (certificate->commonName() != number.toString()) {
        note(RaEvent::RevokeTokenRefused,
             QStringLiteral("revoke_token %1 refused: certificate is for %2")
                 .arg(number.toString(), certificate->commonName()),
             remote);
        return Error(ErrorCode::Forbidden, QStringLiteral("the certificate is not for this number"))
            .withReason(QStringLiteral("wrong-subject"));
    }
    return revokeTokenFor(certificate.value(), remote);
}

} // namespace certigram
