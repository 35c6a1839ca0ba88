#pragma once

#include "crypto/certificate.h"
#include "crypto/privatekey.h"

#include <QSslConfiguration>
#include <QString>

namespace certigram::test {

// A small PKI for tests, made with our own CertificateBuilder: a root, and leaves for
// servers (SANs 127.0.0.1, ::1 and localhost) and for clients (mutual TLS). ECDSA P-256.
class TestPki
{
public:
    struct Identity
    {
        PrivateKey key;
        Certificate certificate;
    };

    // A root called `name`; QVERIFY-style failures abort through Q_ASSERT (test code).
    explicit TestPki(const QString &name = QStringLiteral("Certigram Test Root"));

    const Certificate &root() const { return m_root.certificate; }
    const PrivateKey &rootKey() const { return m_root.key; }

    Identity issue(const QString &commonName, const QStringList &sans = {},
                   int lifetimeSeconds = 3600) const;
    Identity server() const;

    // What a server needs to speak TLS with `identity` and verify clients against root().
    QSslConfiguration serverConfiguration(const Identity &identity) const;
    // What a client needs to trust root() and, optionally, present `identity`.
    QSslConfiguration clientConfiguration(const Identity *identity = nullptr) const;

private:
    Identity m_root;
};

} // namespace certigram::test
