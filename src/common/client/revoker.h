#pragma once

#include "client/clienttransport.h"
#include "crypto/secretbytes.h"
#include "store/holderhome.h"
#include "store/identity.h"

#include <QObject>
#include <QString>

#include <optional>

namespace certigram {

struct RevocationRequest
{
    QString id; // the identity, as IdentityStore resolves it
    int reasonCode = 0; // RFC 5280 CRLReason: 0–10 except 7
    QString reason; // free text, recorded by the CA
    // Set: the key is lost; this purpose "revoke" code from Telegram proves ownership.
    // Unset: the identity's own certificate and key prove it by mutual TLS.
    std::optional<QString> code;
    SecretBytes passphrase; // opens an encrypted key (unused with a code)
};

// Revokes a stored identity: a revoke token from the RA (proved by mutual TLS or by a
// code), then a passive revocation at the CA, then the identity is marked revoked in the
// store (it stays there, with its key, until the holder deletes it). An identity the
// store already has as revoked is refused before anything is sent.
class Revoker : public QObject
{
    Q_OBJECT

public:
    explicit Revoker(const HolderHome &home, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void revoke(const RevocationRequest &request, ClientCallback<Identity> done);

private:
    HolderHome m_home;
    std::chrono::milliseconds m_timeout = ClientTransport::kDefaultTimeout;
};

} // namespace certigram
