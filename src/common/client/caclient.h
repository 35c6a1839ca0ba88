#pragma once

#include "client/clienttransport.h"
#include "crypto/certificate.h"
#include "protocol/stepcamessages.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace certigram {

// The step-ca API the holder needs (sign, renew, revoke), against step-ca or the embedded
// CA, over TLS that trusts the pinned root only. Asynchronous, like RaClient.
class CaClient : public QObject
{
    Q_OBJECT

public:
    CaClient(const QUrl &caUrl, const Certificate &pinnedRoot, QObject *parent = nullptr);

    const QUrl &url() const { return m_url; }
    void setTimeout(std::chrono::milliseconds timeout);

    // POST /1.0/sign with a one-time token; `notAfter` unset means the CA's default.
    void sign(const QString &csrPem, const QString &ott, const std::optional<QDateTime> &notAfter,
              QObject *context, ClientCallback<SignResponse> done);
    // POST /1.0/renew, authenticated by mutual TLS with the current certificate and key.
    void renew(const ClientIdentity &identity, QObject *context, ClientCallback<SignResponse> done);
    // POST /1.0/revoke (passive). Either `ott` (a revoke token whose sub is `serial`) or
    // `identity` (mutual TLS with the certificate being revoked) or both.
    void revoke(const QString &serialDecimal, const QString &ott, int reasonCode,
                const QString &reason, const std::optional<ClientIdentity> &identity,
                QObject *context, ClientCallback<RevokeResponse> done);

private:
    ClientTransport *m_transport;
    QUrl m_url;
    Certificate m_root;
};

} // namespace certigram
