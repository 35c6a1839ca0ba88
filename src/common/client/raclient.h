#pragma once

#include "client/clienttransport.h"
#include "crypto/certificate.h"
#include "protocol/ramessages.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace certigram {

// Certigram's registration authority API (docs/server.md), over TLS that trusts the pinned
// root only. Asynchronous: each call answers once through its callback, on `context`'s
// thread, unless `context` is gone by then.
class RaClient : public QObject
{
    Q_OBJECT

public:
    RaClient(const QUrl &raUrl, const Certificate &pinnedRoot, QObject *parent = nullptr);

    const QUrl &url() const { return m_url; }
    void setTimeout(std::chrono::milliseconds timeout);

    // POST /api/v1/codes: the server sends a code to the subject's Telegram account.
    void requestCode(const QString &subject, CodePurpose purpose, QObject *context,
                     ClientCallback<CodeResponse> done);
    // POST /api/v1/tokens: an enrolment code for a sign token.
    void exchangeCode(const QString &subject, const QString &code, QObject *context,
                      ClientCallback<TokenResponse> done);
    // POST /api/v1/revocation-tokens: a revoke token for `certificatePem`, proved either by
    // mutual TLS with that certificate (`identity`) or by a purpose "revoke" code.
    void revocationToken(const QString &certificatePem, const std::optional<QString> &code,
                         const std::optional<ClientIdentity> &identity, QObject *context,
                         ClientCallback<RevocationTokenResponse> done);

private:
    ClientTransport *m_transport;
    QUrl m_url;
    Certificate m_root;
};

} // namespace certigram
