#include "crypto/privatekey.h"

#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"
#include "crypto/securerandom.h"
#include "crypto/signaturecontexts.h"

#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/pem.h>

#include <cstring>

namespace certigram {

namespace {

// scrypt parameters for encrypted PKCS#8: 16 MiB of memory per attempt, the most that
// OpenSSL's default scrypt memory limit lets every `openssl` reader accept.
constexpr uint64_t kScryptN = 1u << 14;
constexpr uint64_t kScryptR = 8;
constexpr uint64_t kScryptP = 1;
constexpr int kSaltLength = 16;

// Hands the passphrase to OpenSSL's PEM reader. With no passphrase it answers "none",
// which stops OpenSSL from prompting on a terminal.
int passphraseCallback(char *buffer, int size, int /*rwflag*/, void *userData)
{
    const auto *passphrase = static_cast<const SecretBytes *>(userData);
    if (!passphrase || passphrase->isEmpty() || passphrase->size() > size)
        return -1;
    std::memcpy(buffer, passphrase->data(), static_cast<size_t>(passphrase->size()));
    return passphrase->isize();
}

// The first private-key PEM block in `pem` (a slice, or `pem` itself when there is none):
// files such as `openssl pkcs12 -noenc` output put certificates first, and OpenSSL's
// reader gives up on the first block it meets. Byte searches only: no copies of the key
// in QString buffers that cannot be wiped.
QByteArray privateKeyBlock(const QByteArray &pem)
{
    for (const char *label :
         {"PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"}) {
        const QByteArray begin = QByteArray("-----BEGIN ") + label + "-----";
        const QByteArray end = QByteArray("-----END ") + label + "-----";
        const qsizetype from = pem.indexOf(begin);
        const qsizetype to = from < 0 ? -1 : pem.indexOf(end, from);
        if (to >= 0)
            return pem.sliced(from, to + end.size() - from);
    }
    return pem;
}

} // namespace

PrivateKey PrivateKey::adopt(EVP_PKEY *key)
{
    PrivateKey result;
    result.m_key = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
    result.m_contexts = std::make_shared<SignatureContexts>();
    return result;
}

Result<PrivateKey> PrivateKey::generate(KeyType type)
{
    EVP_PKEY *key = nullptr;
    switch (type) {
    case KeyType::EcP256: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
    case KeyType::EcP384: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"); break;
    case KeyType::Ed25519: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
    case KeyType::Rsa2048: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}); break;
    case KeyType::Rsa3072: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{3072}); break;
    case KeyType::Rsa4096: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{4096}); break;
    }
    if (!key)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot generate %1 key").arg(keyTypeDisplayName(type)));
    return adopt(key);
}

bool PrivateKey::isEncryptedPem(const QByteArray &pem)
{
    return pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        || pem.contains("Proc-Type: 4,ENCRYPTED");
}

Result<PrivateKey> PrivateKey::fromPem(const QByteArray &pem, const SecretBytes &passphrase)
{
    const bool encrypted = isEncryptedPem(pem);
    if (encrypted && passphrase.isEmpty())
        return Error(ErrorCode::WrongPassphrase,
                     QStringLiteral("the private key is encrypted: a passphrase is needed"));
    QByteArray block = privateKeyBlock(pem);
    ossl::BioPtr bio = ossl::readBio(block);
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback,
                                            const_cast<SecretBytes *>(&passphrase));
    bio.reset();
    if (block.constData() != pem.constData())
        SecretBytes::wipe(block); // our slice; the caller owns `pem`
    if (!key) {
        if (encrypted) {
            ossl::clearErrors();
            return Error(ErrorCode::WrongPassphrase,
                         QStringLiteral("cannot decrypt the private key: wrong passphrase"));
        }
        return ossl::error(ErrorCode::InvalidInput, QStringLiteral("not a PEM private key"));
    }
    PrivateKey result = adopt(key);
    const int type = EVP_PKEY_get_base_id(key);
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC && type != EVP_PKEY_ED25519)
        return Error(
            ErrorCode::Unsupported,
            QStringLiteral("unsupported private key algorithm (RSA, ECDSA and Ed25519 are)"));
    // A file can pair a private key with another public half (fuzz_privatekey made one): it
    // would load, match a certificate by its public key, and then sign nothing that verifies.
    ossl::EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!check || EVP_PKEY_pairwise_check(check.get()) != 1)
        return ossl::error(ErrorCode::InvalidInput,
                           QStringLiteral("the private key is inconsistent: its public half does "
                                          "not belong to it"));
    return result;
}

Result<SecretBytes> PrivateKey::toPem(const SecretBytes &passphrase) const
{
    if (!m_key)
        return Error(ErrorCode::InvalidInput, QStringLiteral("no private key"));
    ossl::BioPtr bio = ossl::memoryBio();
    if (passphrase.isEmpty()) {
        if (PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                          nullptr)
            != 1)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot encode the private key"));
    } else {
        auto salt = SecureRandom::bytes(kSaltLength);
        if (!salt)
            return salt.error();
        X509_ALGOR *scheme = PKCS5_pbe2_set_scrypt(
            EVP_aes_256_cbc(), reinterpret_cast<const unsigned char *>(salt.value().constData()),
            kSaltLength, nullptr, kScryptN, kScryptR, kScryptP);
        PKCS8_PRIV_KEY_INFO *info = scheme ? EVP_PKEY2PKCS8(m_key.get()) : nullptr;
        // PKCS8_set0_pbe takes `scheme` on success only.
        X509_SIG *sealed
            = info ? PKCS8_set0_pbe(passphrase.data(), passphrase.isize(), info, scheme) : nullptr;
        if (!sealed)
            X509_ALGOR_free(scheme);
        PKCS8_PRIV_KEY_INFO_free(info);
        const bool written = sealed && PEM_write_bio_PKCS8(bio.get(), sealed) == 1;
        X509_SIG_free(sealed);
        if (!written)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot encrypt the private key"));
    }
    BUF_MEM *buffer = nullptr;
    BIO_get_mem_ptr(bio.get(), &buffer);
    SecretBytes pem(buffer->data, static_cast<qsizetype>(buffer->length));
    OPENSSL_cleanse(buffer->data, buffer->length);
    return pem;
}

PublicKey PrivateKey::publicKey() const
{
    if (!m_key)
        return {};
    EVP_PKEY_up_ref(m_key.get());
    return PublicKey::adopt(m_key.get());
}

DigestAlgorithm PrivateKey::defaultDigest() const
{
    const PublicKey key = publicKey();
    switch (key.algorithm()) {
    case KeyAlgorithm::Ed25519: return DigestAlgorithm::None;
    case KeyAlgorithm::Rsa: return DigestAlgorithm::Sha256;
    case KeyAlgorithm::Ec:
        if (key.bits() > 384)
            return DigestAlgorithm::Sha512;
        return key.bits() > 256 ? DigestAlgorithm::Sha384 : DigestAlgorithm::Sha256;
    }
    return DigestAlgorithm::Sha256;
}

ossl::EvpMdCtxPtr PrivateKey::startSigning(DigestAlgorithm digest) const
{
    if (!m_key)
        return {};
    return m_contexts->start(m_key.get(), SignatureContexts::Operation::Sign, digest);
}

Result<QByteArray> PrivateKey::sign(const QByteArray &data, DigestAlgorithm digest) const
{
    if (!m_key)
        return Error(ErrorCode::InvalidInput, QStringLiteral("no private key"));
    ossl::EvpMdCtxPtr context = startSigning(digest);
    if (!context)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot start signing"));
    const auto *input = reinterpret_cast<const unsigned char *>(data.constData());
    size_t length = 0;
    if (EVP_DigestSign(context.get(), nullptr, &length, input, static_cast<size_t>(data.size()))
        != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot sign"));
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       input, static_cast<size_t>(data.size()))
        != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot sign"));
    signature.resize(static_cast<qsizetype>(length));
    return signature;
}

Result<QByteArray> PrivateKey::signatureAlgorithm(DigestAlgorithm digest) const
{
    if (!m_key)
        return Error(ErrorCode::InvalidInput, QStringLiteral("no private key"));
    ossl::EvpMdCtxPtr context = startSigning(digest);
    unsigned char identifier[128];
    OSSL_PARAM query[] = {OSSL_PARAM_construct_octet_string(OSSL_SIGNATURE_PARAM_ALGORITHM_ID,
                                                            identifier, sizeof identifier),
                          OSSL_PARAM_construct_end()};
    if (!context || EVP_PKEY_CTX_get_params(EVP_MD_CTX_get_pkey_ctx(context.get()), query) != 1
        || !OSSL_PARAM_modified(query))
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot name the signature algorithm"));
    return QByteArray(reinterpret_cast<const char *>(identifier),
                      static_cast<qsizetype>(query[0].return_size));
}

} // namespace certigram
