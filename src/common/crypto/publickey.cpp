#include "crypto/publickey.h"

#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"
#include "crypto/signaturecontexts.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

namespace certigram {

namespace {

std::shared_ptr<EVP_PKEY> share(EVP_PKEY *key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// A public key needs no passphrase. Without a callback, OpenSSL asks for one on the
// terminal when the PEM says it is encrypted (or holds an encrypted private key): a server
// would block on its standard input. Found by fuzz_privatekey.
int refusePassphrase(char * /*buffer*/, int /*size*/, int /*rwflag*/, void * /*userData*/)
{
    return -1;
}

} // namespace

PublicKey PublicKey::adopt(EVP_PKEY *key)
{
    PublicKey result;
    result.m_key = share(key);
    result.m_contexts = std::make_shared<SignatureContexts>();
    return result;
}

Result<PublicKey> PublicKey::fromPem(const QByteArray &pem)
{
    ossl::BioPtr bio = ossl::readBio(pem);
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio.get(), nullptr, refusePassphrase, nullptr);
    if (!key)
        return ossl::error(ErrorCode::InvalidInput, QStringLiteral("not a PEM public key"));
    return adopt(key);
}

Result<PublicKey> PublicKey::fromDer(const QByteArray &der)
{
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    EVP_PKEY *key = d2i_PUBKEY(nullptr, &cursor, static_cast<long>(der.size()));
    if (!key)
        return ossl::error(ErrorCode::InvalidInput, QStringLiteral("not a DER public key"));
    return adopt(key);
}

KeyAlgorithm PublicKey::algorithm() const
{
    Q_ASSERT(m_key);
    switch (EVP_PKEY_get_base_id(m_key.get())) {
    case EVP_PKEY_EC: return KeyAlgorithm::Ec;
    case EVP_PKEY_ED25519: return KeyAlgorithm::Ed25519;
    default: return KeyAlgorithm::Rsa; // we only ever load RSA, EC and Ed25519 keys
    }
}

int PublicKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QString PublicKey::curveName() const
{
    if (!m_key || algorithm() != KeyAlgorithm::Ec)
        return {};
    char name[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(m_key.get(), OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name,
                                       &length)
        != 1) {
        ossl::clearErrors();
        return {};
    }
    const int nid = OBJ_txt2nid(name);
    const char *nistName = EC_curve_nid2nist(nid);
    return QString::fromLatin1(nistName ? nistName : name);
}

std::optional<KeyType> PublicKey::keyType() const
{
    if (!m_key)
        return std::nullopt;
    switch (algorithm()) {
    case KeyAlgorithm::Ed25519: return KeyType::Ed25519;
    case KeyAlgorithm::Ec: {
        const QString curve = curveName();
        if (curve == QLatin1String("P-256"))
            return KeyType::EcP256;
        if (curve == QLatin1String("P-384"))
            return KeyType::EcP384;
        return std::nullopt;
    }
    case KeyAlgorithm::Rsa:
        switch (bits()) {
        case 2048: return KeyType::Rsa2048;
        case 3072: return KeyType::Rsa3072;
        case 4096: return KeyType::Rsa4096;
        default: return std::nullopt;
        }
    }
    return std::nullopt;
}

QString PublicKey::description() const
{
    if (!m_key)
        return {};
    switch (algorithm()) {
    case KeyAlgorithm::Ed25519: return QStringLiteral("Ed25519");
    case KeyAlgorithm::Ec: return QStringLiteral("ECDSA %1").arg(curveName());
    case KeyAlgorithm::Rsa: return QStringLiteral("RSA %1").arg(bits());
    }
    return {};
}

QByteArray PublicKey::toPem() const
{
    return ossl::encodePem(m_key.get(), PEM_write_bio_PUBKEY);
}

QByteArray PublicKey::toDer() const
{
    return ossl::encodeDer(m_key.get(), i2d_PUBKEY);
}

Result<void> PublicKey::verify(const QByteArray &data, const QByteArray &signature,
                               DigestAlgorithm digest) const
{
    if (!m_key)
        return Error(ErrorCode::InvalidInput, QStringLiteral("no public key"));
    ossl::EvpMdCtxPtr context
        = m_contexts->start(m_key.get(), SignatureContexts::Operation::Verify, digest);
    if (!context)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot start verification"));
    const int verdict = EVP_DigestVerify(
        context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
        static_cast<size_t>(signature.size()),
        reinterpret_cast<const unsigned char *>(data.constData()),
        static_cast<size_t>(data.size()));
    ossl::clearErrors();
    if (verdict != 1)
        return Error(ErrorCode::VerificationFailed, QStringLiteral("signature does not verify"));
    return {};
}

bool PublicKey::operator==(const PublicKey &other) const
{
    if (!m_key || !other.m_key)
        return !m_key && !other.m_key;
    const bool equal = EVP_PKEY_eq(m_key.get(), other.m_key.get()) == 1;
    ossl::clearErrors();
    return equal;
}

} // namespace certigram
