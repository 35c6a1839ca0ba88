#pragma once

#include "client/clienttransport.h"
#include "crypto/secretbytes.h"
#include "store/holderhome.h"
#include "store/identity.h"

#include <QObject>
#include <QString>

namespace certigram {

// Renews stored identities: loads the certificate and key (off the calling thread),
// presents them as client certificate to the CA's /1.0/renew, checks the new certificate
// against the pinned root, and stores it (the old one goes to previous/). A revoked
// identity is refused before anything is sent. Several renewals may run at once.
class Renewer : public QObject
{
    Q_OBJECT

public:
    explicit Renewer(const HolderHome &home, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // `done` runs on this object's thread with the stored, renewed identity.
    void renew(const QString &id, const SecretBytes &passphrase, ClientCallback<Identity> done);

private:
    HolderHome m_home;
    std::chrono::milliseconds m_timeout = ClientTransport::kDefaultTimeout;
};

} // namespace certigram
