#include "crypto/jwe.h"

#include "crypto/base64url.h"
#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"
#include "crypto/securerandom.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <QJsonDocument>
#include <QList>

#include <cmath>
#include <cstring>

namespace certigram {

namespace {

constexpr char kAlgorithm[] = "PBES2-HS256+A128KW";
constexpr char kContentTypeJwk[] = "jwk+json";
const QString kA256Gcm = QStringLiteral("A256GCM");
const QString kA128CbcHs256 = QStringLiteral("A128CBC-HS256");

constexpr int kKekSize = 16; // A128KW
constexpr int kCekSize = 32; // A256GCM, and A128CBC-HS256 (16-byte MAC key + 16-byte AES key)
constexpr int kWrappedCekSize = kCekSize + 8; // RFC 3394 adds one 64-bit block
constexpr int kGcmIvSize = 12;
constexpr int kCbcIvSize = 16;
constexpr int kTagSize = 16;
constexpr int kSaltInputSize = 16;
constexpr int kMinimumSaltInputSize = 8; // RFC 7518 §4.8.1.1

// PBKDF2-HMAC-SHA256 with salt UTF8(alg) || 0x00 || p2s (RFC 7518 §4.8.1.1).
Result<SecretBytes> deriveKek(const SecretBytes &password, const QByteArray &saltInput,
                              int iterations)
{
    QByteArray salt(kAlgorithm);
    salt.append('\0');
    salt.append(saltInput);
    SecretBytes kek;
    kek.resize(kKekSize);
    if (PKCS5_PBKDF2_HMAC(password.data(), password.isize(),
                          reinterpret_cast<const unsigned char *>(salt.constData()),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), kKekSize,
                          reinterpret_cast<unsigned char *>(kek.data()))
        != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot derive the key"));
    return kek;
}

ossl::EvpCipherCtxPtr wrapContext(const SecretBytes &kek, bool wrap)
{
    ossl::EvpCipherCtxPtr context(EVP_CIPHER_CTX_new());
    if (!context)
        return {};
    EVP_CIPHER_CTX_set_flags(context.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    // A null IV selects RFC 3394's default initial value A6A6A6A6A6A6A6A6.
    if (EVP_CipherInit_ex(context.get(), EVP_aes_128_wrap(), nullptr, kek.udata(), nullptr,
                          wrap ? 1 : 0)
        != 1)
        return {};
    return context;
}

Result<QByteArray> wrapKey(const SecretBytes &kek, const SecretBytes &cek)
{
    ossl::EvpCipherCtxPtr context = wrapContext(kek, true);
    // OpenSSL may write up to one block more than the result.
    QByteArray wrapped(cek.size() + 16, '\0');
    auto *out = reinterpret_cast<unsigned char *>(wrapped.data());
    int length = 0;
    int finalLength = 0;
    if (!context || EVP_EncryptUpdate(context.get(), out, &length, cek.udata(), cek.isize()) != 1
        || EVP_EncryptFinal_ex(context.get(), out + length, &finalLength) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot wrap the key"));
    wrapped.resize(length + finalLength);
    return wrapped;
}

Result<SecretBytes> unwrapKey(const SecretBytes &kek, const QByteArray &wrapped)
{
    ossl::EvpCipherCtxPtr context = wrapContext(kek, false);
    if (!context)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot unwrap the key"));
    SecretBytes cek;
    cek.resize(wrapped.size() + 16);
    auto *out = reinterpret_cast<unsigned char *>(cek.data());
    int length = 0;
    int finalLength = 0;
    // RFC 3394's integrity check fails when the KEK is wrong, i.e. the password.
    if (EVP_DecryptUpdate(context.get(), out, &length,
                          reinterpret_cast<const unsigned char *>(wrapped.constData()),
                          static_cast<int>(wrapped.size()))
            != 1
        || EVP_DecryptFinal_ex(context.get(), out + length, &finalLength) != 1
        || length + finalLength != kCekSize) {
        ossl::clearErrors();
        return Error(ErrorCode::WrongPassphrase,
                     QStringLiteral("cannot decrypt: wrong password (or a damaged file)"));
    }
    cek.resize(kCekSize);
    return cek;
}

struct Sealed
{
    QByteArray ciphertext;
    QByteArray tag;
};

Result<Sealed> gcmEncrypt(const SecretBytes &cek, const QByteArray &iv, const QByteArray &aad,
                          const SecretBytes &plaintext)
{
    ossl::EvpCipherCtxPtr context(EVP_CIPHER_CTX_new());
    Sealed sealed;
    sealed.ciphertext = QByteArray(plaintext.size() + 16, '\0');
    sealed.tag = QByteArray(kTagSize, '\0');
    auto *out = reinterpret_cast<unsigned char *>(sealed.ciphertext.data());
    int length = 0;
    int finalLength = 0;
    int aadLength = 0;
    if (!context
        || EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmIvSize, nullptr) != 1
        || EVP_EncryptInit_ex(context.get(), nullptr, nullptr, cek.udata(),
                              reinterpret_cast<const unsigned char *>(iv.constData()))
            != 1
        || EVP_EncryptUpdate(context.get(), nullptr, &aadLength,
                             reinterpret_cast<const unsigned char *>(aad.constData()),
                             static_cast<int>(aad.size()))
            != 1
        || (!plaintext.isEmpty()
            && EVP_EncryptUpdate(context.get(), out, &length, plaintext.udata(), plaintext.isize())
                != 1)
        || EVP_EncryptFinal_ex(context.get(), out + length, &finalLength) != 1
        || EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, sealed.tag.data())
            != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encrypt"));
    sealed.ciphertext.resize(length + finalLength);
    return sealed;
}

Error tampered()
{
    ossl::clearErrors();
    return Error(ErrorCode::VerificationFailed,
                 QStringLiteral("the encrypted data does not authenticate: it was altered"));
}

Result<SecretBytes> gcmDecrypt(const SecretBytes &cek, const QByteArray &iv, const QByteArray &aad,
                               const QByteArray &ciphertext, const QByteArray &tag)
{
    ossl::EvpCipherCtxPtr context(EVP_CIPHER_CTX_new());
    SecretBytes plaintext;
    plaintext.resize(ciphertext.size() + 16);
    auto *out = reinterpret_cast<unsigned char *>(plaintext.data());
    int length = 0;
    int finalLength = 0;
    int aadLength = 0;
    unsigned char expectedTag[kTagSize] = {};
    std::memcpy(expectedTag, tag.constData(), kTagSize);
    if (!context
        || EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmIvSize, nullptr) != 1
        || EVP_DecryptInit_ex(context.get(), nullptr, nullptr, cek.udata(),
                              reinterpret_cast<const unsigned char *>(iv.constData()))
            != 1
        || EVP_DecryptUpdate(context.get(), nullptr, &aadLength,
                             reinterpret_cast<const unsigned char *>(aad.constData()),
                             static_cast<int>(aad.size()))
            != 1
        || (!ciphertext.isEmpty()
            && EVP_DecryptUpdate(context.get(), out, &length,
                                 reinterpret_cast<const unsigned char *>(ciphertext.constData()),
                                 static_cast<int>(ciphertext.size()))
                != 1)
        || EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, expectedTag) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot decrypt"));
    if (EVP_DecryptFinal_ex(context.get(), out + length, &finalLength) != 1)
        return tampered();
    plaintext.resize(length + finalLength);
    return plaintext;
}

// AES_128_CBC_HMAC_SHA_256 (RFC 7518 §5.2.2.2, §5.2.3): the first half of the CEK keys
// HMAC-SHA-256 over AAD || IV || ciphertext || AL, truncated to 16 bytes; the second half
// keys AES-128-CBC. The tag is checked, in constant time, before anything is decrypted.
Result<SecretBytes> cbcHmacDecrypt(const SecretBytes &cek, const QByteArray &iv,
                                   const QByteArray &aad, const QByteArray &ciphertext,
                                   const QByteArray &tag)
{
    constexpr int kHalf = kCekSize / 2;
    QByteArray macInput = aad + iv + ciphertext;
    const quint64 aadBits = static_cast<quint64>(aad.size()) * 8;
    for (int shift = 56; shift >= 0; shift -= 8)
        macInput.append(static_cast<char>((aadBits >> shift) & 0xff));
    unsigned char mac[EVP_MAX_MD_SIZE] = {};
    size_t macLength = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, cek.udata(), kHalf,
                   reinterpret_cast<const unsigned char *>(macInput.constData()),
                   static_cast<size_t>(macInput.size()), mac, sizeof mac, &macLength)
        || macLength < kTagSize)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot compute the HMAC"));
    const bool authentic = CRYPTO_memcmp(mac, tag.constData(), kTagSize) == 0;
    OPENSSL_cleanse(mac, sizeof mac);
    if (!authentic)
        return tampered();

    ossl::EvpCipherCtxPtr context(EVP_CIPHER_CTX_new());
    SecretBytes plaintext;
    plaintext.resize(ciphertext.size() + 16);
    auto *out = reinterpret_cast<unsigned char *>(plaintext.data());
    int length = 0;
    int finalLength = 0;
    if (!context
        || EVP_DecryptInit_ex(context.get(), EVP_aes_128_cbc(), nullptr, cek.udata() + kHalf,
                              reinterpret_cast<const unsigned char *>(iv.constData()))
            != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot decrypt"));
    if (EVP_DecryptUpdate(context.get(), out, &length,
                          reinterpret_cast<const unsigned char *>(ciphertext.constData()),
                          static_cast<int>(ciphertext.size()))
            != 1
        || EVP_DecryptFinal_ex(context.get(), out + length, &finalLength) != 1)
        return tampered();
    plaintext.resize(length + finalLength);
    return plaintext;
}

Result<QByteArray> decodePart(const QByteArray &part, const char *name, int size)
{
    auto decoded = Base64Url::decode(part);
    if (!decoded)
        return decoded.error().withContext(QStringLiteral("JWE %1").arg(QLatin1String(name)));
    if (size >= 0 && decoded.value().size() != size)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWE %1 must be %2 bytes, not %3")
                         .arg(QLatin1String(name))
                         .arg(size)
                         .arg(decoded.value().size()));
    return decoded;
}

Result<int> iterationsFrom(const QJsonObject &header)
{
    const QJsonValue value = header.value(QLatin1String("p2c"));
    if (value.isUndefined())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the JWE header has no \"p2c\""));
    const double count = value.toDouble(-1);
    if (!value.isDouble() || count != std::floor(count))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWE header's \"p2c\" is not an integer"));
    if (count < Jwe::kMinimumIterations || count > Jwe::kMaximumIterations)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWE's iteration count p2c = %1 is outside %2…%3")
                         .arg(count, 0, 'f', 0)
                         .arg(Jwe::kMinimumIterations)
                         .arg(Jwe::kMaximumIterations));
    return static_cast<int>(count);
}

} // namespace

Result<QByteArray> Jwe::encrypt(const SecretBytes &plaintext, const SecretBytes &password,
                                const QString &contentType, int iterations)
{
    if (password.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("a password is needed"));
    if (iterations < kMinimumIterations || iterations > kMaximumIterations)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the iteration count %1 is outside %2…%3")
                         .arg(iterations)
                         .arg(kMinimumIterations)
                         .arg(kMaximumIterations));
    auto saltInput = SecureRandom::bytes(kSaltInputSize);
    if (!saltInput)
        return saltInput.error();
    auto iv = SecureRandom::bytes(kGcmIvSize);
    if (!iv)
        return iv.error();
    auto randomCek = SecureRandom::bytes(kCekSize);
    if (!randomCek)
        return randomCek.error();
    QByteArray cekBytes = std::move(randomCek).value();
    const SecretBytes cek = SecretBytes::take(cekBytes);

    QJsonObject header;
    header.insert(QStringLiteral("alg"), QLatin1String(kAlgorithm));
    header.insert(QStringLiteral("enc"), kA256Gcm);
    header.insert(QStringLiteral("p2c"), iterations);
    header.insert(QStringLiteral("p2s"), QString::fromLatin1(Base64Url::encode(saltInput.value())));
    if (!contentType.isEmpty())
        header.insert(QStringLiteral("cty"), contentType);
    const QByteArray encodedHeader
        = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact));

    auto kek = deriveKek(password, saltInput.value(), iterations);
    if (!kek)
        return kek.error();
    auto wrapped = wrapKey(kek.value(), cek);
    if (!wrapped)
        return wrapped.error();
    auto sealed = gcmEncrypt(cek, iv.value(), encodedHeader, plaintext);
    if (!sealed)
        return sealed.error();
    return encodedHeader + '.' + Base64Url::encode(wrapped.value()) + '.'
        + Base64Url::encode(iv.value()) + '.' + Base64Url::encode(sealed.value().ciphertext) + '.'
        + Base64Url::encode(sealed.value().tag);
}

Result<QByteArray> Jwe::encryptJwk(const Jwk &jwk, const SecretBytes &password, int iterations)
{
    auto json = jwk.toPrivateJson();
    if (!json)
        return json.error();
    return encrypt(json.value(), password, QLatin1String(kContentTypeJwk), iterations);
}

Result<DecryptedJwe> Jwe::decrypt(const QByteArray &token, const SecretBytes &password)
{
    if (token.size() > kMaximumSize)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWE is too long (%1 bytes)").arg(token.size()));
    // Files written by editors and `step` may end with a newline.
    const QList<QByteArray> parts = token.trimmed().split('.');
    if (parts.size() != 5)
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("a compact JWE has five parts, this one has %1").arg(parts.size()));

    auto headerBytes = decodePart(parts[0], "header", -1);
    if (!headerBytes)
        return headerBytes.error();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(headerBytes.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWE header is not a JSON object"));
    DecryptedJwe result;
    result.header = document.object();
    const QJsonObject &header = result.header;

    const QJsonValue alg = header.value(QLatin1String("alg"));
    const QJsonValue enc = header.value(QLatin1String("enc"));
    if (!alg.isString() || !enc.isString())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWE header needs \"alg\" and \"enc\" strings"));
    if (alg.toString() != QLatin1String(kAlgorithm))
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("JWE algorithm \"%1\" is not supported (%2 is)")
                         .arg(alg.toString().left(40), QLatin1String(kAlgorithm)));
    const bool gcm = enc.toString() == kA256Gcm;
    if (!gcm && enc.toString() != kA128CbcHs256)
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("JWE encryption \"%1\" is not supported (A256GCM and "
                                    "A128CBC-HS256 are)")
                         .arg(enc.toString().left(40)));
    if (header.contains(QLatin1String("zip")))
        return Error(ErrorCode::Unsupported, QStringLiteral("compressed JWEs are not supported"));
    if (header.contains(QLatin1String("crit")))
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("JWE header parameter \"crit\" is not supported"));
    const QJsonValue p2s = header.value(QLatin1String("p2s"));
    if (!p2s.isString())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWE header needs a \"p2s\" string"));
    auto saltInput = decodePart(p2s.toString().toLatin1(), "p2s", -1);
    if (!saltInput)
        return saltInput.error();
    if (saltInput.value().size() < kMinimumSaltInputSize)
        return Error(ErrorCode::InvalidInput, QStringLiteral("the JWE's p2s is too short"));
    auto iterations = iterationsFrom(header);
    if (!iterations)
        return iterations.error();

    auto wrapped = decodePart(parts[1], "encrypted key", kWrappedCekSize);
    if (!wrapped)
        return wrapped.error();
    auto iv = decodePart(parts[2], "IV", gcm ? kGcmIvSize : kCbcIvSize);
    if (!iv)
        return iv.error();
    auto ciphertext = decodePart(parts[3], "ciphertext", -1);
    if (!ciphertext)
        return ciphertext.error();
    auto tag = decodePart(parts[4], "tag", kTagSize);
    if (!tag)
        return tag.error();

    if (password.isEmpty())
        return Error(ErrorCode::WrongPassphrase,
                     QStringLiteral("the file is encrypted: a password is needed"));
    auto kek = deriveKek(password, saltInput.value(), iterations.value());
    if (!kek)
        return kek.error();
    auto cek = unwrapKey(kek.value(), wrapped.value());
    if (!cek)
        return cek.error();
    auto plaintext = gcm
        ? gcmDecrypt(cek.value(), iv.value(), parts[0], ciphertext.value(), tag.value())
        : cbcHmacDecrypt(cek.value(), iv.value(), parts[0], ciphertext.value(), tag.value());
    if (!plaintext)
        return plaintext.error();
    result.plaintext = std::move(plaintext).value();
    return result;
}

Result<Jwk> Jwe::decryptJwk(const QByteArray &token, const SecretBytes &password)
{
    auto decrypted = decrypt(token, password);
    if (!decrypted)
        return decrypted.error();
    const QJsonValue cty = decrypted.value().header.value(QLatin1String("cty"));
    if (!cty.isUndefined()
        && cty.toString().compare(QLatin1String(kContentTypeJwk), Qt::CaseInsensitive) != 0)
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("the JWE holds \"%1\", not a JWK").arg(cty.toString().left(40)));
    return Jwk::fromJson(decrypted.value().plaintext);
}

} // namespace certigram
