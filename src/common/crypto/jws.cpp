#include "crypto/jws.h"

#include "crypto/base64url.h"
#include "crypto/derencoding.h"
#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"

#include <openssl/ec.h>

#include <QJsonDocument>
#include <QList>

namespace certigram {

namespace {

using EcdsaSignaturePtr = ossl::Owner<ECDSA_SIG, ECDSA_SIG_free>;

// RFC 7518 §3.3: RS256 keys MUST be 2048 bits or larger.
constexpr int kMinimumRsaBits = 2048;

int componentSize(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::ES256: return 32;
    case JwsAlgorithm::ES384: return 48;
    case JwsAlgorithm::RS256:
    case JwsAlgorithm::EdDSA: return 0;
    }
    return 0;
}

DigestAlgorithm digestFor(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::ES256:
    case JwsAlgorithm::RS256: return DigestAlgorithm::Sha256;
    case JwsAlgorithm::ES384: return DigestAlgorithm::Sha384;
    case JwsAlgorithm::EdDSA: return DigestAlgorithm::None;
    }
    return DigestAlgorithm::Sha256;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QString Jws::algorithmName(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::ES256: return QStringLiteral("ES256");
    case JwsAlgorithm::ES384: return QStringLiteral("ES384");
    case JwsAlgorithm::RS256: return QStringLiteral("RS256");
    case JwsAlgorithm::EdDSA: return QStringLiteral("EdDSA");
    }
    Q_UNREACHABLE();
}

Result<JwsAlgorithm> Jws::parseAlgorithm(const QString &name)
{
    for (const JwsAlgorithm algorithm :
         {JwsAlgorithm::ES256, JwsAlgorithm::ES384, JwsAlgorithm::RS256, JwsAlgorithm::EdDSA}) {
        if (name == algorithmName(algorithm))
            return algorithm;
    }
    if (name.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("unsigned JWS (alg \"none\") is never accepted"));
    return Error(ErrorCode::Unsupported,
                 QStringLiteral("JWS algorithm \"%1\" is not supported (ES256, ES384, RS256 and "
                                "EdDSA are)")
                     .arg(name.left(40)));
}

Result<JwsAlgorithm> Jws::algorithmFor(const PublicKey &key)
{
    if (key.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no key"));
    switch (EVP_PKEY_get_base_id(key.native())) {
    case EVP_PKEY_EC: {
        const QString curve = key.curveName();
        if (curve == QLatin1String("P-256"))
            return JwsAlgorithm::ES256;
        if (curve == QLatin1String("P-384"))
            return JwsAlgorithm::ES384;
        break;
    }
    case EVP_PKEY_ED25519: return JwsAlgorithm::EdDSA;
    case EVP_PKEY_RSA:
        if (key.bits() >= kMinimumRsaBits)
            return JwsAlgorithm::RS256;
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("RSA keys of %1 bits are too short for JWS (2048 at least)")
                         .arg(key.bits()));
    default: break;
    }
    return Error(ErrorCode::Unsupported,
                 QStringLiteral("no JWS algorithm for a %1 key (ECDSA P-256/P-384, RSA and "
                                "Ed25519 have one)")
                     .arg(key.description()));
}

Result<JwsAlgorithm> Jws::algorithmFor(const PrivateKey &key)
{
    if (key.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no key"));
    return algorithmFor(key.publicKey());
}

Result<QByteArray> Jws::sign(const QJsonObject &header, const QByteArray &payload,
                             const PrivateKey &key)
{
    auto algorithm = algorithmFor(key);
    if (!algorithm)
        return algorithm.error();
    const QString name = algorithmName(algorithm.value());
    if (header.contains(QLatin1String("crit")))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("JWS headers with \"crit\" are not produced here"));
    const QJsonValue requested = header.value(QLatin1String("alg"));
    if (!requested.isUndefined() && requested.toString() != name)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the header asks for alg %1 but the key signs with %2")
                         .arg(requested.toString().left(40), name));

    QJsonObject protectedHeader = header;
    protectedHeader.insert(QStringLiteral("alg"), name);
    const QByteArray signingInput
        = Base64Url::encode(compactJson(protectedHeader)) + '.' + Base64Url::encode(payload);
    auto signature = key.sign(signingInput, digestFor(algorithm.value()));
    if (!signature)
        return signature.error();
    QByteArray joseSignature = signature.value();
    if (const int size = componentSize(algorithm.value()); size > 0) {
        auto raw = ecdsaDerToRaw(joseSignature, size);
        if (!raw)
            return raw.error();
        joseSignature = raw.value();
    }
    return signingInput + '.' + Base64Url::encode(joseSignature);
}

Result<ParsedJws> Jws::parse(const QByteArray &token)
{
    if (token.size() > kMaximumTokenSize)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWS is too long (%1 bytes)").arg(token.size()));
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("a compact JWS has three parts, this one has %1").arg(parts.size()));

    auto headerBytes = Base64Url::decode(parts[0]);
    if (!headerBytes)
        return headerBytes.error().withContext(QStringLiteral("JWS header"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(headerBytes.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWS header is not a JSON object"));

    ParsedJws parsed;
    parsed.header = document.object();
    const QJsonValue alg = parsed.header.value(QLatin1String("alg"));
    if (alg.isUndefined())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the JWS header has no \"alg\""));
    if (!alg.isString())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the JWS header's \"alg\" is not a string"));
    auto algorithm = parseAlgorithm(alg.toString());
    if (!algorithm)
        return algorithm.error();
    parsed.algorithm = algorithm.value();
    // RFC 7515 §4.1.11: extensions we do not understand must make the JWS invalid; we
    // understand none.
    if (parsed.header.contains(QLatin1String("crit")))
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("JWS header parameter \"crit\" is not supported"));

    auto payload = Base64Url::decode(parts[1]);
    if (!payload)
        return payload.error().withContext(QStringLiteral("JWS payload"));
    auto signature = Base64Url::decode(parts[2]);
    if (!signature)
        return signature.error().withContext(QStringLiteral("JWS signature"));
    if (signature.value().isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the JWS has no signature"));

    parsed.payload = payload.value();
    parsed.signature = signature.value();
    parsed.signingInput = parts[0] + '.' + parts[1];
    return parsed;
}

Result<void> Jws::verify(const ParsedJws &jws, const PublicKey &key)
{
    if (key.isNull())
        return Error(ErrorCode::VerificationFailed, QStringLiteral("no key to verify with"));
    // The key decides the algorithm; the header may only agree with it.
    auto keyAlgorithm = algorithmFor(key);
    if (!keyAlgorithm || keyAlgorithm.value() != jws.algorithm)
        return Error(ErrorCode::VerificationFailed,
                     QStringLiteral("the JWS algorithm %1 does not fit the key (%2)")
                         .arg(algorithmName(jws.algorithm), key.description()));
    QByteArray signature = jws.signature;
    if (const int size = componentSize(jws.algorithm); size > 0) {
        auto der = ecdsaRawToDer(signature, size);
        if (!der)
            return Error(ErrorCode::VerificationFailed, der.error().message());
        signature = der.value();
    }
    return key.verify(jws.signingInput, signature, digestFor(jws.algorithm));
}

Result<QByteArray> Jws::ecdsaDerToRaw(const QByteArray &der, int componentSize)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *cursor = begin;
    EcdsaSignaturePtr signature(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    if (!signature || cursor != begin + der.size()) {
        ossl::clearErrors();
        return Error(ErrorCode::InvalidInput, QStringLiteral("not a DER ECDSA signature"));
    }
    const BIGNUM *r = ECDSA_SIG_get0_r(signature.get());
    const BIGNUM *s = ECDSA_SIG_get0_s(signature.get());
    QByteArray raw(2 * componentSize, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    // BN_bn2binpad fails when a number does not fit, so r and s are range-checked here.
    if (BN_bn2binpad(r, out, componentSize) != componentSize
        || BN_bn2binpad(s, out + componentSize, componentSize) != componentSize) {
        ossl::clearErrors();
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the ECDSA signature is too long for the curve"));
    }
    return raw;
}

Result<QByteArray> Jws::ecdsaRawToDer(const QByteArray &raw, int componentSize)
{
    if (componentSize <= 0 || raw.size() != 2 * componentSize)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("an ECDSA signature for this curve has %1 bytes, not %2")
                         .arg(2 * componentSize)
                         .arg(raw.size()));
    // SEQUENCE { r INTEGER, s INTEGER }, written directly: through OpenSSL's ECDSA_SIG and
    // its BIGNUMs it cost a token's check ~10 µs.
    return der::sequence(der::unsignedInteger(raw.first(componentSize))
                         + der::unsignedInteger(raw.sliced(componentSize)));
}

} // namespace certigram
