#include "crypto/base64url.h"
#include "crypto/jwk.h"
#include "crypto/jws.h"
#include "processrunner.h"
#include "testfiles.h"
#include "testpaths.h"

#include <openssl/evp.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::fixturePath;
using certigram::test::readFile;
using certigram::test::runProcess;
using certigram::test::writeFile;

Q_DECLARE_METATYPE(certigram::KeyType)
Q_DECLARE_METATYPE(certigram::JwsAlgorithm)
Q_DECLARE_METATYPE(certigram::ErrorCode)

namespace {

// RFC 7515 Appendix A.2 (RS256, key of A.2.1) and A.3 (ES256, key of A.3.1), and
// RFC 8037 Appendix A.4 (EdDSA, key of A.1): published tokens and their public keys.
const QByteArray kRfc7515RsaJwk
    = R"({"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"})";
const QByteArray kRfc7515RsaToken
    = "eyJhbGciOiJSUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl"
      "fQ."
      "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5"
      "jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_"
      "nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1"
      "L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-"
      "eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYE"
      "UipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
const QByteArray kRfc7515EcJwk
    = R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})";
const QByteArray kRfc7515EcToken
    = "eyJhbGciOiJFUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl"
      "fQ."
      "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
const QByteArray kRfc8037Jwk
    = R"({"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";
const QByteArray kRfc8037Token
    = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

PublicKey publicKeyOf(const QByteArray &jwkJson)
{
    auto jwk = Jwk::fromJson(jwkJson);
    return jwk ? jwk->toPublicKey().value() : PublicKey();
}

QByteArray encodeJson(const QByteArray &json)
{
    return Base64Url::encode(json);
}

// Replaces one character in the middle of a token part with a different one that keeps
// the base64url canonical (the middle of a part has no spare bits).
QByteArray flipped(const QByteArray &token, int part)
{
    QList<QByteArray> parts = token.split('.');
    QByteArray &text = parts[part];
    const qsizetype at = text.size() / 2;
    text[at] = text[at] == 'A' ? 'B' : 'A';
    return parts.join('.');
}

// A token with its header replaced and its signature kept.
QByteArray withHeader(const QByteArray &token, const QByteArray &headerJson)
{
    QList<QByteArray> parts = token.split('.');
    parts[0] = encodeJson(headerJson);
    return parts.join('.');
}

// RSA 1024 is no longer a KeyType we generate, but a peer might present one.
PrivateKey rsa1024()
{
    return PrivateKey::adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{1024}));
}

} // namespace

class TestJws : public QObject
{
    Q_OBJECT

private slots:
    void roundTrips_data();
    void roundTrips();
    void publishedVectorsVerify_data();
    void publishedVectorsVerify();
    void ed25519SignatureIsTheRfcOne();
    void opensslVerifiesOurSignature_data();
    void opensslVerifiesOurSignature();
    void weVerifyOpensslSignature_data();
    void weVerifyOpensslSignature();
    void stepTokensVerify_data();
    void stepTokensVerify();
    void parseRejects_data();
    void parseRejects();
    void algorithmIsBoundToTheKey();
    void shortRsaKeysAreRefused();
    void signRefusesConflictingHeaders();
    void ecdsaSignatureForms();
};

void TestJws::roundTrips_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::addColumn<int>("signatureSize");
    QTest::newRow("ES256") << KeyType::EcP256 << JwsAlgorithm::ES256 << 64;
    QTest::newRow("ES384") << KeyType::EcP384 << JwsAlgorithm::ES384 << 96;
    QTest::newRow("RS256") << KeyType::Rsa2048 << JwsAlgorithm::RS256 << 256;
    QTest::newRow("EdDSA") << KeyType::Ed25519 << JwsAlgorithm::EdDSA << 64;
}

void TestJws::roundTrips()
{
    QFETCH(KeyType, type);
    QFETCH(JwsAlgorithm, algorithm);
    QFETCH(int, signatureSize);
    auto key = PrivateKey::generate(type);
    QVERIFY(key.ok());
    QCOMPARE(Jws::algorithmFor(key.value()).value(), algorithm);

    const QByteArray payload(R"({"sub":"certigram","n":1})");
    QJsonObject header;
    header.insert(QStringLiteral("kid"), QStringLiteral("key-1"));
    header.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
    auto token = Jws::sign(header, payload, key.value());
    QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(errorMessage(token.error())));
    QCOMPARE(token->count('.'), 2);

    auto parsed = Jws::parse(token.value());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(errorMessage(parsed.error())));
    QCOMPARE(parsed->algorithm, algorithm);
    QCOMPARE(parsed->header.value(QLatin1String("alg")).toString(), Jws::algorithmName(algorithm));
    QCOMPARE(parsed->kid(), QStringLiteral("key-1"));
    QCOMPARE(parsed->header.value(QLatin1String("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(parsed->payload, payload);
    QCOMPARE(parsed->signature.size(), signatureSize);
    QCOMPARE(parsed->signingInput, token->left(token->lastIndexOf('.')));
    auto verified = Jws::verify(parsed.value(), key->publicKey());
    QVERIFY2(verified.ok(), verified.ok() ? "" : qPrintable(errorMessage(verified.error())));

    // Another key of the same type, a changed payload, a changed signature: all refused.
    auto other = PrivateKey::generate(type);
    QVERIFY(other.ok());
    QCOMPARE(Jws::verify(parsed.value(), other->publicKey()).error().code(),
             ErrorCode::VerificationFailed);
    for (int part : {1, 2}) {
        auto tampered = Jws::parse(flipped(token.value(), part));
        QVERIFY(tampered.ok());
        QVERIFY(!Jws::verify(tampered.value(), key->publicKey()).ok());
    }
}

void TestJws::publishedVectorsVerify_data()
{
    QTest::addColumn<QByteArray>("jwk");
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("RFC 7515 A.2 RS256") << kRfc7515RsaJwk << kRfc7515RsaToken;
    QTest::newRow("RFC 7515 A.3 ES256") << kRfc7515EcJwk << kRfc7515EcToken;
    QTest::newRow("RFC 8037 A.4 EdDSA") << kRfc8037Jwk << kRfc8037Token;
}

void TestJws::publishedVectorsVerify()
{
    QFETCH(QByteArray, jwk);
    QFETCH(QByteArray, token);
    const PublicKey key = publicKeyOf(jwk);
    QVERIFY(!key.isNull());
    auto parsed = Jws::parse(token);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(errorMessage(parsed.error())));
    auto verified = Jws::verify(parsed.value(), key);
    QVERIFY2(verified.ok(), verified.ok() ? "" : qPrintable(errorMessage(verified.error())));
    for (int part : {1, 2}) {
        auto tampered = Jws::parse(flipped(token, part));
        QVERIFY(tampered.ok());
        QCOMPARE(Jws::verify(tampered.value(), key).error().code(), ErrorCode::VerificationFailed);
    }
}

void TestJws::ed25519SignatureIsTheRfcOne()
{
    // Ed25519 is deterministic: RFC 8037 A.4's key and payload give A.4's token exactly.
    auto jwk = Jwk::fromJson(kRfc8037Jwk);
    QVERIFY(jwk.ok());
    auto token
        = Jws::sign(QJsonObject(), "Example of Ed25519 signing", jwk->toPrivateKey().value());
    QVERIFY(token.ok());
    QCOMPARE(token.value(), kRfc8037Token);
}

void TestJws::opensslVerifiesOurSignature_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<QString>("digest");
    QTest::newRow("ES256") << KeyType::EcP256 << QStringLiteral("-sha256");
    QTest::newRow("ES384") << KeyType::EcP384 << QStringLiteral("-sha384");
}

void TestJws::opensslVerifiesOurSignature()
{
    // Our raw r||s, converted to DER, is what `openssl dgst -verify` accepts.
    QFETCH(KeyType, type);
    QFETCH(QString, digest);
    auto key = PrivateKey::generate(type);
    QVERIFY(key.ok());
    auto token = Jws::sign(QJsonObject(), "interop", key.value());
    QVERIFY(token.ok());
    auto parsed = Jws::parse(token.value());
    QVERIFY(parsed.ok());
    const int half = static_cast<int>(parsed->signature.size() / 2);
    auto der = Jws::ecdsaRawToDer(parsed->signature, half);
    QVERIFY(der.ok());

    QTemporaryDir dir;
    const QString publicPem = writeFile(dir, QStringLiteral("pub.pem"), key->publicKey().toPem());
    const QString signature = writeFile(dir, QStringLiteral("sig.der"), der.value());
    const QString input = writeFile(dir, QStringLiteral("input.txt"), parsed->signingInput);
    const QString otherInput
        = writeFile(dir, QStringLiteral("other.txt"), parsed->signingInput + "x");
    auto verified = runProcess(QStringLiteral("openssl"),
                               {QStringLiteral("dgst"), digest, QStringLiteral("-verify"),
                                publicPem, QStringLiteral("-signature"), signature, input});
    QVERIFY2(verified.succeeded(), verified.standardError.constData());
    QVERIFY(verified.standardOutput.contains("Verified OK"));
    auto refused = runProcess(QStringLiteral("openssl"),
                              {QStringLiteral("dgst"), digest, QStringLiteral("-verify"), publicPem,
                               QStringLiteral("-signature"), signature, otherInput});
    QVERIFY(!refused.succeeded());
}

void TestJws::weVerifyOpensslSignature_data()
{
    QTest::addColumn<QString>("curve");
    QTest::addColumn<QString>("digest");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("ES256") << QStringLiteral("P-256") << QStringLiteral("-sha256")
                           << QByteArray(R"({"alg":"ES256"})");
    QTest::newRow("ES384") << QStringLiteral("P-384") << QStringLiteral("-sha384")
                           << QByteArray(R"({"alg":"ES384"})");
}

void TestJws::weVerifyOpensslSignature()
{
    // openssl signs a signing input (DER signature); converted to r||s it is a JWS that
    // verifies with the public key openssl derives.
    QFETCH(QString, curve);
    QFETCH(QString, digest);
    QFETCH(QByteArray, header);
    QTemporaryDir dir;
    auto generated
        = runProcess(QStringLiteral("openssl"),
                     {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                      QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:") + curve});
    QVERIFY(generated.succeeded());
    const QString keyFile = writeFile(dir, QStringLiteral("key.pem"), generated.standardOutput);
    const QByteArray signingInput = encodeJson(header) + '.' + Base64Url::encode("from openssl");
    const QString input = writeFile(dir, QStringLiteral("input.txt"), signingInput);
    auto signature
        = runProcess(QStringLiteral("openssl"),
                     {QStringLiteral("dgst"), digest, QStringLiteral("-sign"), keyFile, input});
    QVERIFY2(signature.succeeded(), signature.standardError.constData());
    auto publicPem = runProcess(
        QStringLiteral("openssl"),
        {QStringLiteral("pkey"), QStringLiteral("-in"), keyFile, QStringLiteral("-pubout")});
    QVERIFY(publicPem.succeeded());
    auto publicKey = PublicKey::fromPem(publicPem.standardOutput);
    QVERIFY(publicKey.ok());

    const int half = curve == QLatin1String("P-256") ? 32 : 48;
    auto raw = Jws::ecdsaDerToRaw(signature.standardOutput, half);
    QVERIFY2(raw.ok(), raw.ok() ? "" : qPrintable(errorMessage(raw.error())));
    QCOMPARE(raw->size(), 2 * half);
    auto parsed = Jws::parse(signingInput + '.' + Base64Url::encode(raw.value()));
    QVERIFY(parsed.ok());
    auto verified = Jws::verify(parsed.value(), publicKey.value());
    QVERIFY2(verified.ok(), verified.ok() ? "" : qPrintable(errorMessage(verified.error())));
    // The DER form itself is not a JOSE signature.
    auto derToken = Jws::parse(signingInput + '.' + Base64Url::encode(signature.standardOutput));
    QVERIFY(derToken.ok());
    QVERIFY(!Jws::verify(derToken.value(), publicKey.value()).ok());
}

void TestJws::stepTokensVerify_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("sign") << QStringLiteral("step-ca-0.19/token_sign.jwt");
    QTest::newRow("revoke") << QStringLiteral("step-ca-0.19/token_revoke.jwt");
}

void TestJws::stepTokensVerify()
{
    // Tokens minted by `step ca token` verify with the provisioner's public JWK.
    QFETCH(QString, file);
    const QByteArray token = readFile(fixturePath(file)).trimmed();
    const PublicKey key
        = publicKeyOf(readFile(fixturePath(QStringLiteral("step-ca-0.19/provisioner_public.jwk"))));
    QVERIFY(!key.isNull());
    auto parsed = Jws::parse(token);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(errorMessage(parsed.error())));
    QCOMPARE(parsed->algorithm, JwsAlgorithm::ES256);
    QCOMPARE(parsed->kid(), QStringLiteral("vT1g9T_mudRiKi1z9LlH8TLBomG4o8qjkpUN8NV-zw4"));
    auto verified = Jws::verify(parsed.value(), key);
    QVERIFY2(verified.ok(), verified.ok() ? "" : qPrintable(errorMessage(verified.error())));
    for (int part : {1, 2}) {
        auto tampered = Jws::parse(flipped(token, part));
        QVERIFY(tampered.ok());
        QVERIFY(!Jws::verify(tampered.value(), key).ok());
    }
}

void TestJws::parseRejects_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<ErrorCode>("code");
    const QByteArray payload = Base64Url::encode("{}");
    const QByteArray signature = Base64Url::encode(QByteArray(64, 's'));
    const auto token = [&](const QByteArray &header) {
        return encodeJson(header) + '.' + payload + '.' + signature;
    };
    QTest::newRow("two parts") << QByteArray(encodeJson(R"({"alg":"ES256"})") + '.' + payload)
                               << ErrorCode::InvalidInput;
    QTest::newRow("four parts") << QByteArray(token(R"({"alg":"ES256"})") + ".x")
                                << ErrorCode::InvalidInput;
    QTest::newRow("empty signature")
        << QByteArray(encodeJson(R"({"alg":"ES256"})") + '.' + payload + '.')
        << ErrorCode::InvalidInput;
    QTest::newRow("header not base64url")
        << QByteArray("eyJhbGciOiJFUzI1NiJ9!." + payload + '.' + signature)
        << ErrorCode::InvalidInput;
    QTest::newRow("header with padding")
        << QByteArray(encodeJson(R"({"alg":"ES256"})") + "=." + payload + '.' + signature)
        << ErrorCode::InvalidInput;
    QTest::newRow("payload not base64url")
        << QByteArray(encodeJson(R"({"alg":"ES256"})") + ".e30+." + signature)
        << ErrorCode::InvalidInput;
    QTest::newRow("header not JSON") << token("not json") << ErrorCode::InvalidInput;
    QTest::newRow("header an array") << token(R"(["alg","ES256"])") << ErrorCode::InvalidInput;
    QTest::newRow("no alg") << token(R"({"kid":"k"})") << ErrorCode::InvalidInput;
    QTest::newRow("alg a number") << token(R"({"alg":256})") << ErrorCode::InvalidInput;
    QTest::newRow("alg none") << token(R"({"alg":"none"})") << ErrorCode::Unsupported;
    QTest::newRow("alg None") << token(R"({"alg":"None"})") << ErrorCode::Unsupported;
    QTest::newRow("alg HS256") << token(R"({"alg":"HS256"})") << ErrorCode::Unsupported;
    QTest::newRow("alg es256") << token(R"({"alg":"es256"})") << ErrorCode::Unsupported;
    QTest::newRow("crit") << token(R"({"alg":"ES256","crit":["exp"],"exp":1})")
                          << ErrorCode::Unsupported;
    QTest::newRow("too long") << QByteArray(token(R"({"alg":"ES256"})") + QByteArray(70000, 'A'))
                              << ErrorCode::InvalidInput;
}

void TestJws::parseRejects()
{
    QFETCH(QByteArray, token);
    QFETCH(ErrorCode, code);
    auto parsed = Jws::parse(token);
    QVERIFY(!parsed.ok());
    QCOMPARE(Error::codeName(parsed.error().code()), Error::codeName(code));
}

void TestJws::algorithmIsBoundToTheKey()
{
    auto p256 = PrivateKey::generate(KeyType::EcP256);
    auto p384 = PrivateKey::generate(KeyType::EcP384);
    auto ed25519 = PrivateKey::generate(KeyType::Ed25519);
    auto rsa = PrivateKey::generate(KeyType::Rsa2048);
    QVERIFY(p256.ok() && p384.ok() && ed25519.ok() && rsa.ok());
    auto token = Jws::sign(QJsonObject(), "payload", p256.value());
    QVERIFY(token.ok());

    // The right key, but a header claiming another algorithm: refused before any check.
    for (const char *header : {R"({"alg":"ES384"})", R"({"alg":"RS256"})", R"({"alg":"EdDSA"})"}) {
        auto parsed = Jws::parse(withHeader(token.value(), header));
        QVERIFY2(parsed.ok(), header);
        auto verified = Jws::verify(parsed.value(), p256->publicKey());
        QVERIFY2(!verified.ok(), header);
        QCOMPARE(verified.error().code(), ErrorCode::VerificationFailed);
    }
    // An honest ES256 token offered to keys of other kinds.
    auto parsed = Jws::parse(token.value());
    QVERIFY(parsed.ok());
    for (const PrivateKey &wrong : {p384.value(), ed25519.value(), rsa.value()})
        QVERIFY(!Jws::verify(parsed.value(), wrong.publicKey()).ok());
    // An RS256 token is not accepted by an EC key, nor an EdDSA one by RSA.
    auto rsaToken = Jws::parse(Jws::sign(QJsonObject(), "payload", rsa.value()).value());
    QVERIFY(rsaToken.ok());
    QVERIFY(!Jws::verify(rsaToken.value(), p256->publicKey()).ok());
    auto edToken = Jws::parse(Jws::sign(QJsonObject(), "payload", ed25519.value()).value());
    QVERIFY(edToken.ok());
    QVERIFY(!Jws::verify(edToken.value(), rsa->publicKey()).ok());
    QVERIFY(Jws::verify(edToken.value(), ed25519->publicKey()).ok());
}

void TestJws::shortRsaKeysAreRefused()
{
    const PrivateKey weak = rsa1024();
    QVERIFY(!weak.isNull());
    auto algorithm = Jws::algorithmFor(weak);
    QVERIFY(!algorithm.ok());
    QCOMPARE(algorithm.error().code(), ErrorCode::Unsupported);
    QVERIFY(!Jws::sign(QJsonObject(), "payload", weak).ok());

    // A correct RS256 signature by a 1024-bit key still does not verify.
    const QByteArray signingInput
        = encodeJson(R"({"alg":"RS256"})") + '.' + Base64Url::encode("payload");
    auto signature = weak.sign(signingInput, DigestAlgorithm::Sha256);
    QVERIFY(signature.ok());
    QVERIFY(weak.publicKey().verify(signingInput, signature.value(), DigestAlgorithm::Sha256).ok());
    auto parsed = Jws::parse(signingInput + '.' + Base64Url::encode(signature.value()));
    QVERIFY(parsed.ok());
    QCOMPARE(Jws::verify(parsed.value(), weak.publicKey()).error().code(),
             ErrorCode::VerificationFailed);
}

void TestJws::signRefusesConflictingHeaders()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    QJsonObject header;
    header.insert(QStringLiteral("alg"), QStringLiteral("RS256"));
    QCOMPARE(Jws::sign(header, "x", key.value()).error().code(), ErrorCode::InvalidInput);
    header.insert(QStringLiteral("alg"), QStringLiteral("ES256"));
    QVERIFY(Jws::sign(header, "x", key.value()).ok());
    header.insert(QStringLiteral("crit"), QJsonArray{QStringLiteral("exp")});
    QCOMPARE(Jws::sign(header, "x", key.value()).error().code(), ErrorCode::InvalidInput);
    QVERIFY(!Jws::sign(QJsonObject(), "x", PrivateKey()).ok());
}

void TestJws::ecdsaSignatureForms()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto der = key->sign("data", DigestAlgorithm::Sha256);
    QVERIFY(der.ok());
    auto raw = Jws::ecdsaDerToRaw(der.value(), 32);
    QVERIFY(raw.ok());
    QCOMPARE(raw->size(), 64);
    QCOMPARE(Jws::ecdsaRawToDer(raw.value(), 32).value(), der.value());

    // Halves with leading zeros, the top bit set, or zero: OpenSSL's strict DER reader takes
    // the encoding back to the same halves.
    const QByteArray one = QByteArray(31, '\0') + '\x01';
    const QByteArray topBit = '\x80' + QByteArray(31, '\x11');
    const QByteArray zero(32, '\0');
    const QByteArray ones(32, '\xff');
    for (const QByteArray &edge : {one + topBit, topBit + one, zero + ones, ones + zero}) {
        auto encoded = Jws::ecdsaRawToDer(edge, 32);
        QVERIFY(encoded.ok());
        QCOMPARE(Jws::ecdsaDerToRaw(encoded.value(), 32).value(), edge);
    }
    QCOMPARE(Jws::ecdsaRawToDer(one + topBit, 32).value().left(5),
             QByteArray("\x30\x26\x02\x01\x01"));

    QVERIFY(!Jws::ecdsaRawToDer(raw->left(63), 32).ok());
    QVERIFY(!Jws::ecdsaRawToDer(raw.value() + '\0', 32).ok());
    QVERIFY(!Jws::ecdsaDerToRaw(der.value() + '\0', 32).ok()); // trailing bytes
    QVERIFY(!Jws::ecdsaDerToRaw("not DER", 32).ok());
    // A P-384 signature does not fit P-256's halves.
    auto p384 = PrivateKey::generate(KeyType::EcP384);
    QVERIFY(p384.ok());
    auto wide = p384->sign("data", DigestAlgorithm::Sha384);
    QVERIFY(wide.ok());
    QVERIFY(!Jws::ecdsaDerToRaw(wide.value(), 32).ok());
    QVERIFY(Jws::ecdsaDerToRaw(wide.value(), 48).ok());
}

QTEST_GUILESS_MAIN(TestJws)
#include "tst_jws.moc"
