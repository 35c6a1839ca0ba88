#pragma once

#include "core/result.h"
#include "crypto/certificate.h"
#include "crypto/keytype.h"
#include "crypto/privatekey.h"
#include "crypto/provisionerkey.h"
#include "crypto/secretbytes.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace certigram {

// The embedded CA's key material in a directory of its own:
//
//   root_ca.crt          the root (self-signed, 10 years, pathlen 1)
//   root_ca_key          its key, PKCS#8 PEM (encrypted when there is a password)
//   intermediate_ca.crt  the issuing CA (signed by the root, 10 years, pathlen 0)
//   intermediate_ca_key  its key, PKCS#8 PEM (encrypted when there is a password)
//   provisioner.jwe      the RA's JWK provisioner key, step's encrypted JWE format…
//   provisioner.jwk      …or, without a password, a private JWK
//
// The first open() of a missing or empty directory creates everything (the names step-ca
// uses, without its certs/ and secrets/ folders). It is built in a sibling staging folder
// and moved into place with one rename, so a crash never leaves half a CA behind; every
// file is written with QSaveFile, keys owner-only (0600) in an owner-only (0700) folder.
// Later opens load and check it: certificates parse, the intermediate chains to the root
// and is in date, each key belongs to its certificate. A directory with only some of the
// files, or files that do not fit together, is an error that names the problem; nothing
// existing is ever overwritten or replaced.
//
// The password (from a password file) encrypts both CA keys (scrypt + AES-256, readable by
// `openssl pkey`) and the provisioner key (step's PBES2 JWE, readable by
// `step ca token --key provisioner.jwe --password-file …`).
//
// Immutable once opened; copies share the keys and may be used from any thread.
class CaKeyStore
{
public:
    struct Options
    {
        QString directory; // dedicated to the CA; created when missing
        // For a new CA only; an existing one keeps its keys. EcP256, EcP384 or Rsa3072
        // (Rsa4096 too); Ed25519 is refused: too few TLS stacks accept Ed25519 CAs.
        KeyType keyType = KeyType::EcP256;
        SecretBytes password; // empty: keys stored unencrypted (owner-only still)
        QString provisionerName = QStringLiteral("certigram");
        // Subject of a new CA: CN "<name> Root CA" / "<name> Intermediate CA", O "<name>".
        QString name = QStringLiteral("Certigram");
        int validityYears = 10;
    };

    static constexpr const char *kRootCertificateFile = "root_ca.crt";
    static constexpr const char *kRootKeyFile = "root_ca_key";
    static constexpr const char *kIntermediateCertificateFile = "intermediate_ca.crt";
    static constexpr const char *kIntermediateKeyFile = "intermediate_ca_key";
    static constexpr const char *kEncryptedProvisionerFile = "provisioner.jwe";
    static constexpr const char *kPlainProvisionerFile = "provisioner.jwk";

    // Creates the CA on first use, loads it afterwards. Key generation (RSA 3072 takes a
    // second or two) and password stretching make this slow: not for a UI thread.
    // Failures: InvalidInput for an unusable option or a directory that is not a CA (or
    // only part of one), WrongPassphrase for a missing or wrong password, IoError when
    // files cannot be read or written, VerificationFailed when the files do not fit
    // together (or the intermediate has expired).
    static Result<CaKeyStore> open(const Options &options);

    static QList<KeyType> supportedKeyTypes();

    bool wasCreated() const { return m_created; }
    const QString &directory() const { return m_directory; }
    QString filePath(const char *name) const;

    const Certificate &root() const { return m_root; }
    const PrivateKey &rootKey() const { return m_rootKey; }
    const Certificate &intermediate() const { return m_intermediate; }
    const PrivateKey &intermediateKey() const { return m_intermediateKey; }
    const ProvisionerKey &provisionerKey() const { return m_provisionerKey; }
    // SHA-256 of the root's DER in lower-case hex: what holders bootstrap trust with.
    QString rootFingerprint() const { return m_root.sha256Fingerprint(); }

private:
    static Result<CaKeyStore> load(const Options &options, const QString &directory);
    static Result<void> create(const Options &options, const QString &directory);

    QString m_directory;
    bool m_created = false;
    Certificate m_root;
    PrivateKey m_rootKey;
    Certificate m_intermediate;
    PrivateKey m_intermediateKey;
    ProvisionerKey m_provisionerKey;
};

} // namespace certigram
