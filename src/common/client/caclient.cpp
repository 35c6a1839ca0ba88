#include "client/caclient.h"

#include "protocol/rfc3339.h"

namespace certigram {

CaClient::CaClient(const QUrl &caUrl, const Certificate &pinnedRoot, QObject *parent)
    : QObject(parent)
    , m_transport(new ClientTransport(this))
    , m_url(caUrl)
    , m_root(pinnedRoot)
{ }

void CaClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_transport->setTimeout(timeout);
}

void CaClient::sign(const QString &csrPem, const QString &ott,
                    const std::optional<QDateTime> &notAfter, QObject *context,
                    ClientCallback<SignResponse> done)
{
    SignRequest request;
    request.csr = csrPem;
    request.ott = ott;
    if (notAfter) {
        auto parsed = TimeDuration::parse(Rfc3339::format(*notAfter));
        if (!parsed) {
            done(parsed.error().withContext(QStringLiteral("notAfter")));
            return;
        }
        request.notAfter = parsed.value();
    }
    m_transport->post(ClientTransport::endpoint(m_url, QStringLiteral("1.0/sign")),
                      request.toJson(), ClientTransport::pinnedTls(m_root), ClientOperation::Sign,
                      context, [done = std::move(done)](Result<HttpAnswer> answer) {
                          done(
                              ClientTransport::decode<SignResponse>(answer, ClientOperation::Sign));
                      });
}

void CaClient::renew(const ClientIdentity &identity, QObject *context,
                     ClientCallback<SignResponse> done)
{
    auto tls = ClientTransport::withClientIdentity(ClientTransport::pinnedTls(m_root), identity);
    if (!tls) {
        done(tls.error());
        return;
    }
    m_transport->clearConnections();
    m_transport->post(
        ClientTransport::endpoint(m_url, QStringLiteral("1.0/renew")), {}, tls.value(),
        ClientOperation::Renew, context, [done = std::move(done)](Result<HttpAnswer> answer) {
            done(ClientTransport::decode<SignResponse>(answer, ClientOperation::Renew));
        });
}

void CaClient::revoke(const QString &serialDecimal, const QString &ott, int reasonCode,
                      const QString &reason, const std::optional<ClientIdentity> &identity,
                      QObject *context, ClientCallback<RevokeResponse> done)
{
    if (!RevokeRequest::isDecimalSerial(serialDecimal)) {
        done(Error(
            ErrorCode::InvalidInput,
            QStringLiteral("'%1' is not a decimal serial number").arg(serialDecimal.left(60))));
        return;
    }
    if (reasonCode < RevokeRequest::MinReasonCode || reasonCode > RevokeRequest::MaxReasonCode
        || !RevokeRequest::isAssignedReasonCode(reasonCode)) {
        done(Error(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 is not a revocation reason code (0–10 except 7)").arg(reasonCode)));
        return;
    }
    if (ott.isEmpty() && !identity) {
        done(Error(ErrorCode::InvalidInput,
                   QStringLiteral("revoking needs a revocation token or the certificate's key")));
        return;
    }
    QSslConfiguration tls = ClientTransport::pinnedTls(m_root);
    if (identity) {
        auto withIdentity = ClientTransport::withClientIdentity(tls, *identity);
        if (!withIdentity) {
            done(withIdentity.error());
            return;
        }
        tls = withIdentity.value();
    }
    m_transport->clearConnections();
    RevokeRequest request;
    request.serial = serialDecimal;
    request.ott = ott;
    request.reasonCode = reasonCode;
    request.reason = reason;
    request.passive = true;
    m_transport->post(
        ClientTransport::endpoint(m_url, QStringLiteral("1.0/revoke")), request.toJson(), tls,
        ClientOperation::Revoke, context, [done = std::move(done)](Result<HttpAnswer> answer) {
            auto revoked = ClientTransport::decode<RevokeResponse>(answer, ClientOperation::Revoke);
            if (revoked && !revoked->isOk())
                done(Error(ErrorCode::Internal,
                           QStringLiteral("the CA answered status '%1' to the "
                                          "revocation")
                               .arg(revoked->status.left(100))));
            else
                done(std::move(revoked));
        });
}

} // namespace certigram
