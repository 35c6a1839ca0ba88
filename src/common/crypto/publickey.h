#pragma once

#include "core/result.h"
#include "crypto/keytype.h"

#include <openssl/types.h>

#include <QByteArray>

#include <memory>
#include <optional>

namespace certigram {

class SignatureContexts;

// A public key of any supported algorithm. Immutable; copies share the OpenSSL object.
class PublicKey
{
public:
    PublicKey() = default;
    // SubjectPublicKeyInfo as PEM ("PUBLIC KEY") or DER.
    static Result<PublicKey> fromPem(const QByteArray &pem);
    static Result<PublicKey> fromDer(const QByteArray &der);
    // Takes ownership of `key` (one reference). For the crypto module's own use.
    static PublicKey adopt(EVP_PKEY *key);

    bool isNull() const { return !m_key; }
    KeyAlgorithm algorithm() const;
    int bits() const;
    // "P-256", "P-384", "P-521" for EC keys; empty otherwise.
    QString curveName() const;
    // The matching KeyType when the key is one of the types we generate.
    std::optional<KeyType> keyType() const;
    // For people: "ECDSA P-256", "RSA 2048", "Ed25519".
    QString description() const;

    QByteArray toPem() const;
    QByteArray toDer() const;

    // Verifies a signature over `data`. ECDSA signatures are DER (as in X.509); JOSE's
    // raw r||s form is converted by the JWS code. Fails with VerificationFailed.
    Result<void> verify(const QByteArray &data, const QByteArray &signature,
                        DigestAlgorithm digest) const;

    bool operator==(const PublicKey &other) const;
    bool operator!=(const PublicKey &other) const { return !(*this == other); }

    EVP_PKEY *native() const { return m_key.get(); }

private:
    std::shared_ptr<EVP_PKEY> m_key;
    std::shared_ptr<SignatureContexts> m_contexts; // for verify()
};

} // namespace certigram
