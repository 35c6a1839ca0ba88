#include "crypto/jwk.h"

#include "crypto/base64url.h"
#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/param_build.h>

#include <QJsonDocument>
#include <QJsonValue>

#include <cstring>
#include <vector>

namespace certigram {

namespace {

using ParamBuilderPtr = ossl::Owner<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
// OSSL_PARAM_free wipes the part of the array that held secure (private) big numbers.
using ParamsPtr = ossl::Owner<OSSL_PARAM, OSSL_PARAM_free>;

const QString kEc = QStringLiteral("EC");
const QString kRsa = QStringLiteral("RSA");
const QString kOkp = QStringLiteral("OKP");
const QString kP256 = QStringLiteral("P-256");
const QString kP384 = QStringLiteral("P-384");
const QString kEd25519 = QStringLiteral("Ed25519");

constexpr int kEd25519Size = 32;

Error memberError(const char *member, const QString &problem)
{
    return Error(ErrorCode::InvalidInput,
                 QStringLiteral("JWK member \"%1\" %2").arg(QLatin1String(member), problem));
}

// The byte length of a coordinate or private scalar on a curve (RFC 7518 §6.2.1.2).
int fieldSize(const QString &curve)
{
    if (curve == kP256 || curve == kEd25519)
        return 32;
    if (curve == kP384)
        return 48;
    return 0;
}

const char *opensslGroupName(const QString &curve)
{
    return curve == kP384 ? "secp384r1" : "prime256v1";
}

Result<QString> stringMember(const QJsonObject &object, const char *member, bool required)
{
    const QJsonValue value = object.value(QLatin1String(member));
    if (value.isUndefined()) {
        if (required)
            return memberError(member, QStringLiteral("is missing"));
        return QString();
    }
    if (!value.isString())
        return memberError(member, QStringLiteral("must be a string"));
    return value.toString();
}

// A public base64url member; `size` > 0 demands that exact decoded length, `size` == 0
// the minimal big-endian encoding of a positive integer (RFC 7518 §2, Base64urlUInt).
Result<QByteArray> publicMember(const QJsonObject &object, const char *member, int size)
{
    auto text = stringMember(object, member, true);
    if (!text)
        return text.error();
    auto decoded = Base64Url::decode(text.value().toLatin1());
    if (!decoded)
        return memberError(member, QStringLiteral("is not valid base64url"));
    const QByteArray &bytes = decoded.value();
    if (size > 0 && bytes.size() != size)
        return memberError(member,
                           QStringLiteral("must be %1 bytes, not %2").arg(size).arg(bytes.size()));
    if (size == 0 && (bytes.isEmpty() || bytes.front() == '\0'))
        return memberError(member,
                           QStringLiteral("must be a positive integer in its shortest form"));
    return bytes;
}

// The private counterpart: the decoded value goes straight into SecretBytes and the
// intermediate copies are wiped.
Result<SecretBytes> secretMember(const QJsonObject &object, const char *member, int size)
{
    auto text = stringMember(object, member, true);
    if (!text)
        return text.error();
    QByteArray latin1 = text.value().toLatin1();
    auto decoded = Base64Url::decode(latin1);
    SecretBytes::wipe(latin1);
    if (!decoded)
        return memberError(member, QStringLiteral("is not valid base64url"));
    QByteArray bytes = std::move(decoded).value();
    SecretBytes secret = SecretBytes::take(bytes);
    if (size > 0 && secret.size() != size)
        return memberError(member, QStringLiteral("must be %1 bytes").arg(size));
    if (size == 0 && (secret.isEmpty() || secret.data()[0] == '\0'))
        return memberError(member,
                           QStringLiteral("must be a positive integer in its shortest form"));
    return secret;
}

ossl::BignumPtr publicBignum(const QByteArray &bytes)
{
    return ossl::BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()),
                                     static_cast<int>(bytes.size()), nullptr));
}

// Private numbers live in OpenSSL's secure heap (when one is configured) and make the
// parameter builder place them in the part of the array it wipes when freed.
ossl::BignumPtr secretBignum(const SecretBytes &bytes)
{
    ossl::BignumPtr number(BN_secure_new());
    if (number && !BN_bin2bn(bytes.udata(), bytes.isize(), number.get()))
        number.reset();
    return number;
}

Result<ossl::EvpPkeyPtr> keyFromData(const char *type, OSSL_PARAM_BLD *builder, bool withPrivate)
{
    ParamsPtr params(OSSL_PARAM_BLD_to_param(builder));
    ossl::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &key,
                             withPrivate ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get())
            != 1)
        return ossl::error(
            ErrorCode::InvalidInput,
            QStringLiteral("the JWK does not describe a valid %1 key").arg(QLatin1String(type)));
    return ossl::EvpPkeyPtr(key);
}

// OpenSSL's own consistency checks: for public keys that an EC point lies on the curve
// (and is not of small order) and that an RSA modulus is sane; for key pairs also that
// the private part belongs to the public part.
Result<void> checkKey(EVP_PKEY *key, bool withPrivate)
{
    ossl::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!context)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot check the JWK"));
    const int verdict = withPrivate ? EVP_PKEY_pairwise_check(context.get())
                                    : EVP_PKEY_public_check(context.get());
    if (verdict != 1)
        return ossl::error(ErrorCode::InvalidInput,
                           withPrivate ? QStringLiteral("the JWK's private key does not match "
                                                        "its public key")
                                       : QStringLiteral("the JWK's public key is not valid"));
    return {};
}

Result<ossl::EvpPkeyPtr> ecKey(const QJsonObject &object, const QString &curve, bool withPrivate)
{
    const int size = fieldSize(curve);
    auto x = publicMember(object, "x", size);
    if (!x)
        return x.error();
    auto y = publicMember(object, "y", size);
    if (!y)
        return y.error();
    const QByteArray point = QByteArray(1, '\x04') + x.value() + y.value();

    ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
    ossl::BignumPtr d;
    if (withPrivate) {
        auto secret = secretMember(object, "d", size);
        if (!secret)
            return secret.error();
        d = secretBignum(secret.value());
    }
    if (!builder || (withPrivate && !d)
        || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                           opensslGroupName(curve), 0)
            != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                            point.constData(), static_cast<size_t>(point.size()))
            != 1
        || (withPrivate
            && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get()) != 1))
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot build the EC key"));
    auto key = keyFromData("EC", builder.get(), withPrivate);
    if (!key)
        return key.error();
    if (auto checked = checkKey(key.value().get(), withPrivate); !checked)
        return checked.error();
    return key;
}

Result<ossl::EvpPkeyPtr> rsaKey(const QJsonObject &object, bool withPrivate)
{
    if (object.contains(QLatin1String("oth")))
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("multi-prime RSA JWKs (member \"oth\") are not supported"));
    auto n = publicMember(object, "n", 0);
    if (!n)
        return n.error();
    auto e = publicMember(object, "e", 0);
    if (!e)
        return e.error();

    ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
    std::vector<ossl::BignumPtr> numbers;
    numbers.push_back(publicBignum(n.value()));
    numbers.push_back(publicBignum(e.value()));
    const char *names[] = {OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,
                           OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
                           OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
                           OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    if (withPrivate) {
        // RFC 7518 §6.3.2 allows d alone, but then OpenSSL cannot check the key pair;
        // every producer we meet (step, go-jose, OpenSSL) writes the CRT members too.
        for (const char *member : {"d", "p", "q", "dp", "dq", "qi"}) {
            if (!object.contains(QLatin1String(member)))
                return Error(ErrorCode::Unsupported,
                             QStringLiteral("RSA private JWK without member \"%1\": d, p, q, dp, "
                                            "dq and qi are all required")
                                 .arg(QLatin1String(member)));
            auto secret = secretMember(object, member, 0);
            if (!secret)
                return secret.error();
            numbers.push_back(secretBignum(secret.value()));
        }
    }
    if (!builder)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot build the RSA key"));
    for (size_t i = 0; i < numbers.size(); ++i) {
        if (!numbers[i] || OSSL_PARAM_BLD_push_BN(builder.get(), names[i], numbers[i].get()) != 1)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot build the RSA key"));
    }
    auto key = keyFromData("RSA", builder.get(), withPrivate);
    if (!key)
        return key.error();
    if (auto checked = checkKey(key.value().get(), withPrivate); !checked)
        return checked.error();
    return key;
}

Result<ossl::EvpPkeyPtr> ed25519Key(const QJsonObject &object, bool withPrivate)
{
    auto x = publicMember(object, "x", kEd25519Size);
    if (!x)
        return x.error();
    const auto *publicBytes = reinterpret_cast<const unsigned char *>(x.value().constData());
    if (!withPrivate) {
        ossl::EvpPkeyPtr key(
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, publicBytes, kEd25519Size));
        if (!key)
            return ossl::error(ErrorCode::InvalidInput,
                               QStringLiteral("the JWK does not describe a valid Ed25519 key"));
        return key;
    }
    auto d = secretMember(object, "d", kEd25519Size);
    if (!d)
        return d.error();
    // OpenSSL derives the public key from the seed; it must be the x we were given.
    ossl::EvpPkeyPtr key(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, d.value().udata(), kEd25519Size));
    if (!key)
        return ossl::error(ErrorCode::InvalidInput,
                           QStringLiteral("the JWK does not describe a valid Ed25519 key"));
    unsigned char derived[kEd25519Size] = {};
    size_t length = sizeof derived;
    if (EVP_PKEY_get_raw_public_key(key.get(), derived, &length) != 1 || length != sizeof derived)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot derive the Ed25519 public key"));
    if (CRYPTO_memcmp(derived, publicBytes, sizeof derived) != 0)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWK's private key does not match its public key"));
    return key;
}

// The OpenSSL key a JWK of type `kty` describes, checked for consistency.
Result<ossl::EvpPkeyPtr> keyFromJson(const QJsonObject &object, const QString &kty,
                                     bool withPrivate)
{
    if (kty == kRsa) {
        if (!withPrivate) {
            for (const char *member : {"p", "q", "dp", "dq", "qi"}) {
                if (object.contains(QLatin1String(member)))
                    return memberError("d",
                                       QStringLiteral("is missing (the JWK has \"%1\")")
                                           .arg(QLatin1String(member)));
            }
        }
        return rsaKey(object, withPrivate);
    }
    if (kty != kEc && kty != kOkp)
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("JWK key type \"%1\" is not supported (EC, RSA and OKP are)")
                         .arg(kty.left(40)));
    auto curve = stringMember(object, "crv", true);
    if (!curve)
        return curve.error();
    const QString crv = curve.value();
    if (kty == kEc && (crv == kP256 || crv == kP384))
        return ecKey(object, crv, withPrivate);
    if (kty == kOkp && crv == kEd25519)
        return ed25519Key(object, withPrivate);
    return Error(ErrorCode::Unsupported,
                 QStringLiteral("JWK curve \"%1\" is not supported for kty %2 (P-256 and P-384 "
                                "for EC, Ed25519 for OKP are)")
                     .arg(crv.left(40), kty));
}

QByteArray bignumBytes(const BIGNUM *number, int size)
{
    const int length = size > 0 ? size : BN_num_bytes(number);
    QByteArray bytes(length, '\0');
    if (BN_bn2binpad(number, reinterpret_cast<unsigned char *>(bytes.data()), length) != length)
        return {};
    return bytes;
}

SecretBytes secretBignumBytes(const BIGNUM *number, int size)
{
    const int length = size > 0 ? size : BN_num_bytes(number);
    SecretBytes bytes;
    bytes.resize(length);
    if (BN_bn2binpad(number, reinterpret_cast<unsigned char *>(bytes.data()), length) != length)
        return {};
    return bytes;
}

// A big-number parameter of a key; null when the key does not have it.
ossl::BignumPtr keyBignum(EVP_PKEY *key, const char *name)
{
    BIGNUM *number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1) {
        ossl::clearErrors();
        return {};
    }
    return ossl::BignumPtr(number);
}

QByteArray encodePublicBignum(EVP_PKEY *key, const char *name, int size)
{
    const ossl::BignumPtr number = keyBignum(key, name);
    return number ? Base64Url::encode(bignumBytes(number.get(), size)) : QByteArray();
}

SecretBytes encodeSecret(const SecretBytes &raw)
{
    if (raw.isEmpty())
        return {};
    QByteArray text = Base64Url::encode(QByteArray::fromRawData(raw.data(), raw.size()));
    return SecretBytes::take(text);
}

SecretBytes encodeSecretBignum(EVP_PKEY *key, const char *name, int size)
{
    const ossl::BignumPtr number = keyBignum(key, name);
    return number ? encodeSecret(secretBignumBytes(number.get(), size)) : SecretBytes();
}

} // namespace

Result<Jwk> Jwk::fromJson(const QJsonObject &object)
{
    auto keyType = stringMember(object, "kty", true);
    if (!keyType)
        return keyType.error();
    const QString kty = keyType.value();
    const bool withPrivate = object.contains(QLatin1String("d"));

    auto key = keyFromJson(object, kty, withPrivate);
    if (!key)
        return key.error();

    auto kid = stringMember(object, "kid", false);
    if (!kid)
        return kid.error();
    auto alg = stringMember(object, "alg", false);
    if (!alg)
        return alg.error();
    auto use = stringMember(object, "use", false);
    if (!use)
        return use.error();

    EVP_PKEY *native = key.value().release();
    PrivateKey privateKey;
    PublicKey publicKey;
    if (withPrivate) {
        privateKey = PrivateKey::adopt(native);
        publicKey = privateKey.publicKey();
    } else {
        publicKey = PublicKey::adopt(native);
    }
    auto jwk = fromKeys(publicKey, privateKey);
    if (!jwk)
        return jwk.error();
    Jwk result = std::move(jwk).value();
    result.m_kid = kid.value();
    result.m_alg = alg.value();
    result.m_use = use.value();
    return result;
}

Result<Jwk> Jwk::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWK is not valid JSON: %1").arg(parseError.errorString()));
    if (!document.isObject())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the JWK is not a JSON object"));
    return fromJson(document.object());
}

Result<Jwk> Jwk::fromJson(const SecretBytes &json)
{
    return fromJson(QByteArray::fromRawData(json.data(), json.size()));
}

Result<Jwk> Jwk::fromPublicKey(const PublicKey &key)
{
    if (key.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no public key"));
    return fromKeys(key, PrivateKey());
}

Result<Jwk> Jwk::fromPrivateKey(const PrivateKey &key)
{
    if (key.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no private key"));
    return fromKeys(key.publicKey(), key);
}

Result<Jwk> Jwk::fromKeys(const PublicKey &publicKey, const PrivateKey &privateKey)
{
    EVP_PKEY *key = publicKey.native();
    Jwk jwk;
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_EC: {
        jwk.m_curve = publicKey.curveName();
        if (jwk.m_curve != kP256 && jwk.m_curve != kP384)
            return Error(ErrorCode::Unsupported,
                         QStringLiteral("JWKs for curve %1 are not supported (P-256 and P-384 are)")
                             .arg(jwk.m_curve));
        const int size = fieldSize(jwk.m_curve);
        jwk.m_x = encodePublicBignum(key, OSSL_PKEY_PARAM_EC_PUB_X, size);
        jwk.m_y = encodePublicBignum(key, OSSL_PKEY_PARAM_EC_PUB_Y, size);
        if (jwk.m_x.isEmpty() || jwk.m_y.isEmpty())
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot read the EC public key"));
        break;
    }
    case EVP_PKEY_RSA: {
        if (!privateKey.isNull() && keyBignum(key, OSSL_PKEY_PARAM_RSA_FACTOR3))
            return Error(ErrorCode::Unsupported,
                         QStringLiteral("multi-prime RSA keys are not supported"));
        jwk.m_n = encodePublicBignum(key, OSSL_PKEY_PARAM_RSA_N, 0);
        jwk.m_e = encodePublicBignum(key, OSSL_PKEY_PARAM_RSA_E, 0);
        if (jwk.m_n.isEmpty() || jwk.m_e.isEmpty())
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot read the RSA public key"));
        break;
    }
    case EVP_PKEY_ED25519: {
        jwk.m_curve = kEd25519;
        QByteArray raw(kEd25519Size, '\0');
        size_t length = static_cast<size_t>(raw.size());
        if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(raw.data()), &length)
                != 1
            || length != kEd25519Size)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot read the Ed25519 public key"));
        jwk.m_x = Base64Url::encode(raw);
        break;
    }
    default:
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("JWKs for this key algorithm are not supported (ECDSA, RSA "
                                    "and Ed25519 are)"));
    }
    jwk.m_public = publicKey;
    jwk.m_private = privateKey;
    return jwk;
}

QString Jwk::keyType() const
{
    if (isNull())
        return {};
    switch (algorithm()) {
    case KeyAlgorithm::Ec: return kEc;
    case KeyAlgorithm::Rsa: return kRsa;
    case KeyAlgorithm::Ed25519: return kOkp;
    }
    return {};
}

QJsonObject Jwk::toJson() const
{
    QJsonObject object;
    if (isNull())
        return object;
    object.insert(QStringLiteral("kty"), keyType());
    if (algorithm() == KeyAlgorithm::Rsa) {
        object.insert(QStringLiteral("n"), QString::fromLatin1(m_n));
        object.insert(QStringLiteral("e"), QString::fromLatin1(m_e));
    } else {
        object.insert(QStringLiteral("crv"), m_curve);
        object.insert(QStringLiteral("x"), QString::fromLatin1(m_x));
        if (algorithm() == KeyAlgorithm::Ec)
            object.insert(QStringLiteral("y"), QString::fromLatin1(m_y));
    }
    if (!m_kid.isEmpty())
        object.insert(QStringLiteral("kid"), m_kid);
    if (!m_alg.isEmpty())
        object.insert(QStringLiteral("alg"), m_alg);
    if (!m_use.isEmpty())
        object.insert(QStringLiteral("use"), m_use);
    return object;
}

Result<SecretBytes> Jwk::toPrivateJson() const
{
    if (!isPrivate())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the JWK has no private key"));
    EVP_PKEY *key = m_private.native();

    struct Member
    {
        const char *name;
        SecretBytes value;
    };
    std::vector<Member> members;
    switch (algorithm()) {
    case KeyAlgorithm::Ec:
        members.push_back(
            {"d", encodeSecretBignum(key, OSSL_PKEY_PARAM_PRIV_KEY, fieldSize(m_curve))});
        break;
    case KeyAlgorithm::Rsa:
        members.push_back({"d", encodeSecretBignum(key, OSSL_PKEY_PARAM_RSA_D, 0)});
        members.push_back({"p", encodeSecretBignum(key, OSSL_PKEY_PARAM_RSA_FACTOR1, 0)});
        members.push_back({"q", encodeSecretBignum(key, OSSL_PKEY_PARAM_RSA_FACTOR2, 0)});
        members.push_back({"dp", encodeSecretBignum(key, OSSL_PKEY_PARAM_RSA_EXPONENT1, 0)});
        members.push_back({"dq", encodeSecretBignum(key, OSSL_PKEY_PARAM_RSA_EXPONENT2, 0)});
        members.push_back({"qi", encodeSecretBignum(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, 0)});
        break;
    case KeyAlgorithm::Ed25519: {
        SecretBytes raw;
        raw.resize(kEd25519Size);
        size_t length = kEd25519Size;
        if (EVP_PKEY_get_raw_private_key(key, reinterpret_cast<unsigned char *>(raw.data()),
                                         &length)
                == 1
            && length == kEd25519Size)
            members.push_back({"d", encodeSecret(raw)});
        else
            members.push_back({"d", SecretBytes()});
        break;
    }
    }

    // The public members as Qt writes them, then the private ones spliced in before '}'.
    QByteArray head = QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
    head.chop(1);
    qsizetype total = head.size() + 1;
    for (const Member &member : members) {
        if (member.value.isEmpty())
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot read the private key"));
        total += static_cast<qsizetype>(std::strlen(member.name)) + member.value.size() + 6;
    }
    SecretBytes json;
    json.resize(total);
    char *cursor = json.data();
    const auto put = [&cursor](const char *data, size_t size) {
        std::memcpy(cursor, data, size);
        cursor += size;
    };
    put(head.constData(), static_cast<size_t>(head.size()));
    for (const Member &member : members) {
        put(",\"", 2);
        put(member.name, std::strlen(member.name));
        put("\":\"", 3);
        put(member.value.data(), static_cast<size_t>(member.value.size()));
        put("\"", 1);
    }
    put("}", 1);
    Q_ASSERT(cursor == json.data() + json.size());
    return json;
}

Jwk Jwk::publicJwk() const
{
    Jwk copy = *this;
    copy.m_private = PrivateKey();
    return copy;
}

QString Jwk::thumbprint() const
{
    if (isNull())
        return {};
    // RFC 7638 §3.2: only the required members, sorted, no whitespace. Every value here
    // is base64url or a fixed name, so no JSON escaping is ever needed.
    QByteArray canonical;
    switch (algorithm()) {
    case KeyAlgorithm::Ec:
        canonical = "{\"crv\":\"" + m_curve.toLatin1() + "\",\"kty\":\"EC\",\"x\":\"" + m_x
            + "\",\"y\":\"" + m_y + "\"}";
        break;
    case KeyAlgorithm::Rsa:
        canonical = "{\"e\":\"" + m_e + "\",\"kty\":\"RSA\",\"n\":\"" + m_n + "\"}";
        break;
    case KeyAlgorithm::Ed25519:
        canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + m_x + "\"}";
        break;
    }
    unsigned char digest[EVP_MAX_MD_SIZE] = {};
    unsigned int length = 0;
    if (EVP_Digest(canonical.constData(), static_cast<size_t>(canonical.size()), digest, &length,
                   EVP_sha256(), nullptr)
        != 1) {
        ossl::clearErrors();
        return {};
    }
    return QString::fromLatin1(Base64Url::encode(
        QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length))));
}

bool Jwk::hasSamePublicKey(const Jwk &other) const
{
    return !isNull() && !other.isNull() && m_public == other.m_public;
}

Result<PublicKey> Jwk::toPublicKey() const
{
    if (isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("empty JWK"));
    return m_public;
}

Result<PrivateKey> Jwk::toPrivateKey() const
{
    if (!isPrivate())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the JWK has no private key"));
    return m_private;
}

} // namespace certigram
