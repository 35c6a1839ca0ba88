#pragma once

#include "core/result.h"
#include "crypto/keytype.h"
#include "crypto/opensslptr.h"
#include "crypto/publickey.h"
#include "crypto/secretbytes.h"

#include <openssl/types.h>

#include <QByteArray>

#include <memory>
#include <optional>

namespace certigram {

class SignatureContexts;

// A private key of any supported algorithm. Immutable; copies share the OpenSSL object,
// which wipes its own key material when the last copy goes.
class PrivateKey
{
public:
    PrivateKey() = default;

    // Generation is CPU work (RSA 4096 takes seconds): never call it on a UI thread.
    static Result<PrivateKey> generate(KeyType type);

    // Reads PKCS#8 ("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), and the prototype's
    // traditional forms ("RSA PRIVATE KEY", "EC PRIVATE KEY", also legacy-encrypted).
    // An encrypted key without a passphrase, or with a wrong one, fails with
    // WrongPassphrase. Never prompts on a terminal.
    static Result<PrivateKey> fromPem(const QByteArray &pem, const SecretBytes &passphrase = {});
    // Takes ownership of `key` (one reference). For the crypto module's own use.
    static PrivateKey adopt(EVP_PKEY *key);
    // True when the PEM holds an encrypted key, so a front end knows to ask for a passphrase.
    static bool isEncryptedPem(const QByteArray &pem);

    // PKCS#8 PEM. With a passphrase: "ENCRYPTED PRIVATE KEY", AES-256-CBC under a key
    // derived with scrypt (N=2^14, r=8, p=1, 16-byte random salt) — readable by
    // `openssl pkey`. The result holds key material, hence SecretBytes.
    Result<SecretBytes> toPem(const SecretBytes &passphrase = {}) const;

    bool isNull() const { return !m_key; }
    PublicKey publicKey() const;
    KeyAlgorithm algorithm() const { return publicKey().algorithm(); }
    int bits() const { return publicKey().bits(); }
    std::optional<KeyType> keyType() const { return publicKey().keyType(); }
    // SHA-256 for RSA and P-256, SHA-384 for P-384, SHA-512 for P-521, None for Ed25519.
    DigestAlgorithm defaultDigest() const;

    // Signs `data`. ECDSA signatures come out DER-encoded; RSA uses PKCS#1 v1.5.
    Result<QByteArray> sign(const QByteArray &data, DigestAlgorithm digest) const;
    // The AlgorithmIdentifier, DER, that names sign()'s signatures with `digest` in X.509
    // structures: ecdsa-with-SHA256, sha256WithRSAEncryption, Ed25519…
    Result<QByteArray> signatureAlgorithm(DigestAlgorithm digest) const;

    EVP_PKEY *native() const { return m_key.get(); }

private:
    // A started EVP_DigestSign operation with this key; null when OpenSSL cannot start one.
    // Cheap for a key that signs again and again: see SignatureContexts.
    ossl::EvpMdCtxPtr startSigning(DigestAlgorithm digest) const;

    std::shared_ptr<EVP_PKEY> m_key;
    std::shared_ptr<SignatureContexts> m_contexts;
};

} // namespace certigram
