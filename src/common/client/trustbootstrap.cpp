#include "client/trustbootstrap.h"

#include "client/clienttransport.h"
#include "crypto/chainverifier.h"
#include "protocol/stepcamessages.h"

#include <QRegularExpression>

namespace certigram {

TrustBootstrap::TrustBootstrap(QObject *parent)
    : QObject(parent)
    , m_transport(new ClientTransport(this))
{ }

void TrustBootstrap::setTimeout(std::chrono::milliseconds timeout)
{
    m_transport->setTimeout(timeout);
}

Result<QString> TrustBootstrap::normalizeFingerprint(const QString &fingerprint)
{
    QString hex = fingerprint.trimmed().toLower();
    hex.remove(QLatin1Char(':'));
    hex.remove(QLatin1Char(' '));
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    if (!sha256.match(hex).hasMatch())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("'%1' is not a SHA-256 fingerprint (64 hex digits)")
                         .arg(fingerprint.left(100)));
    return hex;
}

void TrustBootstrap::bootstrap(const QUrl &caUrl, const QString &fingerprint, QObject *context,
                               ClientCallback<Certificate> done)
{
    auto expected = normalizeFingerprint(fingerprint);
    if (!expected) {
        done(expected.error());
        return;
    }
    if (!caUrl.isValid() || caUrl.scheme() != QLatin1String("https") || caUrl.host().isEmpty()) {
        done(Error(ErrorCode::InvalidInput,
                   QStringLiteral("the CA URL must be an https URL, not '%1'")
                       .arg(caUrl.toString().left(200))));
        return;
    }
    const QUrl url = ClientTransport::endpoint(caUrl, QStringLiteral("roots"));
    m_transport->get(
        url, ClientTransport::unverifiedTls(), ClientOperation::Bootstrap, context,
        [this, caUrl, url, expected = expected.value(), context,
         done = std::move(done)](Result<HttpAnswer> answer) mutable {
            auto roots = ClientTransport::decode<RootsResponse>(answer, ClientOperation::Bootstrap);
            if (!roots) {
                done(roots.error());
                return;
            }
            Certificate root;
            QStringList offered;
            for (const QString &pem : roots->crts) {
                auto certificate = Certificate::fromPem(pem.toUtf8());
                if (!certificate)
                    continue;
                const QString actual = certificate->sha256Fingerprint();
                if (actual == expected) {
                    root = certificate.value();
                    break;
                }
                offered.append(actual);
            }
            if (root.isNull()) {
                done(Error(ErrorCode::VerificationFailed,
                           QStringLiteral("the CA at %1 does not have the root you expect: "
                                          "expected SHA-256 fingerprint %2, the server offers %3. "
                                          "Check the fingerprint; if it is right, this is not "
                                          "your CA")
                               .arg(ClientError::serverName(url), expected,
                                    offered.isEmpty() ? QStringLiteral("no readable root")
                                                      : offered.join(QStringLiteral(", "))))
                         .withReason(QStringLiteral("fingerprint-mismatch")));
                return;
            }
            // The connection that served the roots must itself be one of that CA's servers.
            QList<Certificate> presented;
            for (const QSslCertificate &certificate : answer->peerChain) {
                auto converted = Certificate::fromDer(certificate.toDer());
                if (converted)
                    presented.append(converted.value());
            }
            if (presented.isEmpty()) {
                done(Error(ErrorCode::VerificationFailed,
                           QStringLiteral("the CA at %1 presented no TLS certificate")
                               .arg(ClientError::serverName(url)))
                         .withReason(QStringLiteral("untrusted-server")));
                return;
            }
            ChainVerifier verifier(root);
            verifier.setPurpose(CertificatePurpose::ServerAuth);
            verifier.setCheckTime(QDateTime::currentDateTimeUtc());
            if (auto verified = verifier.verify(presented.first(), presented.mid(1)); !verified) {
                done(Error(ErrorCode::VerificationFailed,
                           QStringLiteral("the CA at %1 serves the root %2, but its own TLS "
                                          "certificate does not chain to it (%3)")
                               .arg(ClientError::serverName(url), expected,
                                    verified.error().message()))
                         .withReason(QStringLiteral("untrusted-server")));
                return;
            }
            checkHealth(caUrl, root, context, std::move(done));
        });
}

void TrustBootstrap::checkHealth(const QUrl &caUrl, const Certificate &root, QObject *context,
                                 ClientCallback<Certificate> done)
{
    // A fresh connection, so that the unverified one cannot be reused.
    m_transport->clearConnections();
    m_transport->get(ClientTransport::endpoint(caUrl, QStringLiteral("health")),
                     ClientTransport::pinnedTls(root), ClientOperation::Bootstrap, context,
                     [root, done = std::move(done)](Result<HttpAnswer> answer) {
                         auto health = ClientTransport::decode<HealthResponse>(
                             answer, ClientOperation::Bootstrap);
                         if (!health) {
                             done(health.error());
                             return;
                         }
                         if (!health->isOk()) {
                             done(Error(ErrorCode::NetworkError,
                                        QStringLiteral("the CA reports status '%1', not 'ok'")
                                            .arg(health->status.left(100))));
                             return;
                         }
                         done(root);
                     });
}

} // namespace certigram
