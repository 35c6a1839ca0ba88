#pragma once

#include "core/result.h"
#include "crypto/jwk.h"
#include "crypto/jws.h"
#include "crypto/privatekey.h"
#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QString>

namespace certigram {

// The signing key of a step-ca JWK provisioner: the private key, the provisioner's name
// (the tokens' iss) and the key id (the tokens' kid). The kid is the JWK's own kid when it
// has one, else its RFC 7638 thumbprint — what the step CLI does; keys made by step carry
// their thumbprint as kid, so both agree there.
class ProvisionerKey
{
public:
    ProvisionerKey() = default;

    // A PEM private key (PKCS#8 or traditional, optionally encrypted): kid = thumbprint.
    static Result<ProvisionerKey> fromPem(const QString &name, const QByteArray &pem,
                                          const SecretBytes &passphrase = {});
    // A private JWK. Its alg, when present, must be the one its key signs with, and its
    // use, when present, "sig".
    static Result<ProvisionerKey> fromJwk(const QString &name, const Jwk &jwk);
    static Result<ProvisionerKey> fromJwkJson(const QString &name, const SecretBytes &json);
    // step's encrypted key file (`step ca token --key k.jwe --password-file p.txt`), the
    // provisioner's "encryptedKey". A wrong password fails with WrongPassphrase.
    static Result<ProvisionerKey> fromEncryptedJwk(const QString &name, const QByteArray &jwe,
                                                   const SecretBytes &password);

    bool isNull() const { return m_key.isNull(); }
    const QString &name() const { return m_name; }
    const QString &kid() const { return m_kid; }
    const PrivateKey &privateKey() const { return m_key; }
    JwsAlgorithm algorithm() const { return m_algorithm; }
    // The public JWK a CA configures for this provisioner (kid, alg and use "sig" set).
    const Jwk &publicJwk() const { return m_publicJwk; }

private:
    QString m_name;
    QString m_kid;
    PrivateKey m_key;
    Jwk m_publicJwk;
    JwsAlgorithm m_algorithm = JwsAlgorithm::ES256;
};

} // namespace certigram
