#include "crypto/base64url.h"
#include "crypto/jwk.h"
#include "crypto/opensslptr.h"
#include "processrunner.h"
#include "testfiles.h"

#include <openssl/core_names.h>

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::runProcess;
using certigram::test::writeFile;

Q_DECLARE_METATYPE(certigram::KeyType)
Q_DECLARE_METATYPE(certigram::ErrorCode)

namespace {

// RFC 7638 §3.1: the RSA key of RFC 7517 Appendix A.1 and its thumbprint.
const QByteArray kRfc7638Jwk
    = R"({"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"})";
const QString kRfc7638Thumbprint = QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");

// RFC 8037 Appendix A.1 (private Ed25519 key) and A.3 (its thumbprint).
const QByteArray kRfc8037Jwk
    = R"({"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";
const QString kRfc8037Thumbprint = QStringLiteral("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");

// RFC 7515 Appendix A.3: the ES256 example key.
const QByteArray kRfc7515EcJwk
    = R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray decoded(const QJsonObject &jwk, const char *member)
{
    auto bytes = Base64Url::decode(jwk.value(QLatin1String(member)).toString().toLatin1());
    return bytes ? bytes.value() : QByteArray();
}

// The private scalar of an EC key as OpenSSL holds it, independently of the JWK code.
int privateScalarBytes(const PrivateKey &key)
{
    BIGNUM *d = nullptr;
    if (EVP_PKEY_get_bn_param(key.native(), OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1)
        return -1;
    ossl::BignumPtr owner(d);
    return BN_num_bytes(d);
}

} // namespace

class TestJwk : public QObject
{
    Q_OBJECT

private slots:
    void rfc7638Thumbprint();
    void rfc8037Ed25519Key();
    void rfc7515EcKey();
    void roundTrips_data();
    void roundTrips();
    void ecMembersKeepLeadingZeros();
    void opensslAgreesOnTheKey_data();
    void opensslAgreesOnTheKey();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void rejectsMismatchedPrivateParts_data();
    void rejectsMismatchedPrivateParts();
    void publicJwkHasNoPrivatePart();
    void metadataIsKept();
};

void TestJwk::rfc7638Thumbprint()
{
    auto jwk = Jwk::fromJson(kRfc7638Jwk);
    QVERIFY2(jwk.ok(), jwk.ok() ? "" : qPrintable(errorMessage(jwk.error())));
    QVERIFY(!jwk->isPrivate());
    QCOMPARE(jwk->keyType(), QStringLiteral("RSA"));
    QCOMPARE(jwk->thumbprint(), kRfc7638Thumbprint);
    // Optional members do not take part in the thumbprint, and kid wins as key id.
    QCOMPARE(jwk->kid(), QStringLiteral("2011-04-29"));
    QCOMPARE(jwk->keyId(), QStringLiteral("2011-04-29"));
    QCOMPARE(jwk->alg(), QStringLiteral("RS256"));
    QCOMPARE(jwk->toJson(), object(kRfc7638Jwk));
    Jwk withoutKid = jwk.value();
    withoutKid.setKid({});
    QCOMPARE(withoutKid.keyId(), kRfc7638Thumbprint);
}

void TestJwk::rfc8037Ed25519Key()
{
    auto jwk = Jwk::fromJson(kRfc8037Jwk);
    QVERIFY2(jwk.ok(), jwk.ok() ? "" : qPrintable(errorMessage(jwk.error())));
    QVERIFY(jwk->isPrivate());
    QCOMPARE(jwk->keyType(), QStringLiteral("OKP"));
    QCOMPARE(jwk->curve(), QStringLiteral("Ed25519"));
    QCOMPARE(jwk->thumbprint(), kRfc8037Thumbprint);
    // The public JSON is A.2's public key; the private JSON gives the key back.
    QCOMPARE(
        jwk->toJson(),
        object(
            R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})"));
    auto privateJson = jwk->toPrivateJson();
    QVERIFY(privateJson.ok());
    QCOMPARE(object(privateJson->toByteArrayUnsafe()), object(kRfc8037Jwk));
}

void TestJwk::rfc7515EcKey()
{
    auto jwk = Jwk::fromJson(kRfc7515EcJwk);
    QVERIFY2(jwk.ok(), jwk.ok() ? "" : qPrintable(errorMessage(jwk.error())));
    QVERIFY(jwk->isPrivate());
    QCOMPARE(jwk->curve(), QStringLiteral("P-256"));
    auto privateJson = jwk->toPrivateJson();
    QVERIFY(privateJson.ok());
    QCOMPARE(object(privateJson->toByteArrayUnsafe()), object(kRfc7515EcJwk));
    auto key = jwk->toPrivateKey();
    QVERIFY(key.ok());
    const QByteArray data("certigram");
    auto signature = key->sign(data, DigestAlgorithm::Sha256);
    QVERIFY(signature.ok());
    QVERIFY(jwk->toPublicKey()->verify(data, signature.value(), DigestAlgorithm::Sha256).ok());
}

void TestJwk::roundTrips_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<QString>("kty");
    QTest::addColumn<QString>("crv");
    QTest::addColumn<int>("coordinateSize");
    QTest::newRow("EC P-256") << KeyType::EcP256 << "EC"
                              << "P-256" << 32;
    QTest::newRow("EC P-384") << KeyType::EcP384 << "EC"
                              << "P-384" << 48;
    QTest::newRow("Ed25519") << KeyType::Ed25519 << "OKP"
                             << "Ed25519" << 32;
    QTest::newRow("RSA 2048") << KeyType::Rsa2048 << "RSA" << QString() << 0;
}

void TestJwk::roundTrips()
{
    QFETCH(KeyType, type);
    QFETCH(QString, kty);
    QFETCH(QString, crv);
    QFETCH(int, coordinateSize);
    auto key = PrivateKey::generate(type);
    QVERIFY(key.ok());
    auto jwk = Jwk::fromPrivateKey(key.value());
    QVERIFY2(jwk.ok(), jwk.ok() ? "" : qPrintable(errorMessage(jwk.error())));
    QVERIFY(jwk->isPrivate());
    QCOMPARE(jwk->keyType(), kty);
    QCOMPARE(jwk->curve(), crv);

    // Public: JSON → JWK gives the same key, members and thumbprint.
    const QJsonObject publicJson = jwk->toJson();
    QVERIFY(!publicJson.contains(QLatin1String("d")));
    QCOMPARE(publicJson.value(QLatin1String("kty")).toString(), kty);
    if (coordinateSize > 0) {
        QCOMPARE(decoded(publicJson, "x").size(), coordinateSize);
        if (kty == QLatin1String("EC"))
            QCOMPARE(decoded(publicJson, "y").size(), coordinateSize);
    } else {
        QCOMPARE(decoded(publicJson, "n").size(), 256);
        QCOMPARE(decoded(publicJson, "e"), QByteArray("\x01\x00\x01", 3));
    }
    auto reread = Jwk::fromJson(publicJson);
    QVERIFY2(reread.ok(), reread.ok() ? "" : qPrintable(errorMessage(reread.error())));
    QVERIFY(!reread->isPrivate());
    QVERIFY(reread->hasSamePublicKey(jwk.value()));
    QVERIFY(reread->toPublicKey().value() == key->publicKey());
    QCOMPARE(reread->thumbprint(), jwk->thumbprint());
    QCOMPARE(reread->toJson(), publicJson);

    // Private: JSON text → JWK gives a key that signs for the original public key.
    auto privateJson = jwk->toPrivateJson();
    QVERIFY(privateJson.ok());
    const QJsonObject privateObject = object(privateJson->toByteArrayUnsafe());
    if (coordinateSize > 0)
        QCOMPARE(decoded(privateObject, "d").size(), coordinateSize);
    else
        for (const char *member : {"d", "p", "q", "dp", "dq", "qi"})
            QVERIFY2(!decoded(privateObject, member).isEmpty(), member);
    auto privateReread = Jwk::fromJson(privateJson.value());
    QVERIFY2(privateReread.ok(),
             privateReread.ok() ? "" : qPrintable(errorMessage(privateReread.error())));
    QVERIFY(privateReread->isPrivate());
    QCOMPARE(privateReread->toPrivateJson().value(), privateJson.value());
    auto rereadKey = privateReread->toPrivateKey();
    QVERIFY(rereadKey.ok());
    const QByteArray data("one-time token");
    auto signature = rereadKey->sign(data, key->defaultDigest());
    QVERIFY(signature.ok());
    QVERIFY(key->publicKey().verify(data, signature.value(), key->defaultDigest()).ok());
}

void TestJwk::ecMembersKeepLeadingZeros()
{
    // A P-256 coordinate or scalar starts with a zero byte once in 256 keys. Generate keys
    // until OpenSSL says one does (checked without the JWK code) and make sure the JWK
    // still carries the full 32 bytes (RFC 7518 §6.2.1.2, §6.2.2.1).
    bool foundX = false;
    bool foundD = false;
    for (int attempt = 0; attempt < 20000 && !(foundX && foundD); ++attempt) {
        auto key = PrivateKey::generate(KeyType::EcP256);
        QVERIFY(key.ok());
        const QByteArray spki = key->publicKey().toDer();
        const bool leadingZeroX = spki.at(spki.size() - 64) == '\0';
        const bool leadingZeroD = privateScalarBytes(key.value()) < 32;
        if ((!leadingZeroX || foundX) && (!leadingZeroD || foundD))
            continue;
        auto jwk = Jwk::fromPrivateKey(key.value());
        QVERIFY(jwk.ok());
        auto privateJson = jwk->toPrivateJson();
        QVERIFY(privateJson.ok());
        const QJsonObject members = object(privateJson->toByteArrayUnsafe());
        QCOMPARE(decoded(members, "x").size(), 32);
        QCOMPARE(decoded(members, "y").size(), 32);
        QCOMPARE(decoded(members, "d").size(), 32);
        auto reread = Jwk::fromJson(privateJson.value());
        QVERIFY2(reread.ok(), reread.ok() ? "" : qPrintable(errorMessage(reread.error())));
        QVERIFY(reread->toPublicKey().value() == key->publicKey());
        foundX = foundX || leadingZeroX;
        foundD = foundD || leadingZeroD;
    }
    QVERIFY(foundX);
    QVERIFY(foundD);
}

void TestJwk::opensslAgreesOnTheKey_data()
{
    QTest::addColumn<QStringList>("generate");
    QTest::newRow("EC P-256") << QStringList{
        QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
        QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256")};
    QTest::newRow("EC P-384") << QStringList{
        QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
        QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-384")};
    QTest::newRow("Ed25519") << QStringList{QStringLiteral("genpkey"), QStringLiteral("-algorithm"),
                                            QStringLiteral("ED25519")};
    QTest::newRow("RSA 3072") << QStringList{
        QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
        QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:3072")};
}

void TestJwk::opensslAgreesOnTheKey()
{
    // openssl makes a key; it goes PEM → JWK → private JSON → JWK → PEM through our code;
    // openssl must then see the very same key (public PEM and full text dump).
    QFETCH(QStringList, generate);
    QTemporaryDir dir;
    auto generated = runProcess(QStringLiteral("openssl"), generate);
    QVERIFY2(generated.succeeded(), generated.standardError.constData());
    const QString original
        = writeFile(dir, QStringLiteral("original.pem"), generated.standardOutput);

    auto key = PrivateKey::fromPem(generated.standardOutput);
    QVERIFY(key.ok());
    auto jwk = Jwk::fromPrivateKey(key.value());
    QVERIFY(jwk.ok());
    auto privateJson = jwk->toPrivateJson();
    QVERIFY(privateJson.ok());
    auto reread = Jwk::fromJson(privateJson.value());
    QVERIFY2(reread.ok(), reread.ok() ? "" : qPrintable(errorMessage(reread.error())));
    auto pem = reread->toPrivateKey()->toPem();
    QVERIFY(pem.ok());
    const QString ours = writeFile(dir, QStringLiteral("ours.pem"), pem->toByteArrayUnsafe());

    auto publicOriginal = runProcess(
        QStringLiteral("openssl"),
        {QStringLiteral("pkey"), QStringLiteral("-in"), original, QStringLiteral("-pubout")});
    auto publicOurs = runProcess(
        QStringLiteral("openssl"),
        {QStringLiteral("pkey"), QStringLiteral("-in"), ours, QStringLiteral("-pubout")});
    QVERIFY2(publicOurs.succeeded(), publicOurs.standardError.constData());
    QCOMPARE(publicOurs.standardOutput, publicOriginal.standardOutput);
    QCOMPARE(publicOurs.standardOutput, reread->toPublicKey()->toPem());

    auto textOriginal = runProcess(QStringLiteral("openssl"),
                                   {QStringLiteral("pkey"), QStringLiteral("-in"), original,
                                    QStringLiteral("-noout"), QStringLiteral("-text")});
    auto textOurs = runProcess(QStringLiteral("openssl"),
                               {QStringLiteral("pkey"), QStringLiteral("-in"), ours,
                                QStringLiteral("-noout"), QStringLiteral("-text")});
    QVERIFY(textOurs.succeeded());
    QCOMPARE(textOurs.standardOutput, textOriginal.standardOutput);
}

void TestJwk::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("mentions");

    const QByteArray x = "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"";
    const QByteArray y = "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"";
    const QByteArray ec = "\"kty\":\"EC\",\"crv\":\"P-256\"";
    const QByteArray n = "\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86"
                         "zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5"
                         "n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZg"
                         "nYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu"
                         "0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\"";
    const auto row
        = [](const char *name, const QByteArray &json, ErrorCode code, const char *mentions) {
              QTest::newRow(name) << json << code << QString::fromLatin1(mentions);
          };
    row("not JSON", "{\"kty\":", ErrorCode::InvalidInput, "JSON");
    row("JSON array", "[]", ErrorCode::InvalidInput, "object");
    row("missing kty", "{\"crv\":\"P-256\"," + x + "," + y + "}", ErrorCode::InvalidInput,
        "\"kty\"");
    row("kty not a string", "{\"kty\":1}", ErrorCode::InvalidInput, "\"kty\"");
    row("kty oct", "{\"kty\":\"oct\",\"k\":\"AAAA\"}", ErrorCode::Unsupported, "oct");
    row("EC without crv", "{\"kty\":\"EC\"," + x + "," + y + "}", ErrorCode::InvalidInput,
        "\"crv\"");
    row("EC P-521", "{\"kty\":\"EC\",\"crv\":\"P-521\"," + x + "," + y + "}",
        ErrorCode::Unsupported, "P-521");
    row("EC without y", "{" + ec + "," + x + "}", ErrorCode::InvalidInput, "\"y\"");
    row("EC x a number", "{" + ec + ",\"x\":5," + y + "}", ErrorCode::InvalidInput, "\"x\"");
    row("EC x 31 bytes",
        "{" + ec + ",\"x\":\"" + Base64Url::encode(QByteArray(31, 'a')) + "\"," + y + "}",
        ErrorCode::InvalidInput, "\"x\"");
    row("EC x padded base64",
        "{" + ec + ",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU=\"," + y + "}",
        ErrorCode::InvalidInput, "\"x\"");
    row("EC point not on the curve",
        "{" + ec + "," + x + ",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a4\"}",
        ErrorCode::InvalidInput, "JWK");
    row("EC d of another key",
        "{" + ec + "," + x + "," + y + ",\"d\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE\"}",
        ErrorCode::InvalidInput, "private key does not match");
    row("EC d an array", "{" + ec + "," + x + "," + y + ",\"d\":[]}", ErrorCode::InvalidInput,
        "\"d\"");
    row("RSA without e", "{\"kty\":\"RSA\"," + n + "}", ErrorCode::InvalidInput, "\"e\"");
    row("RSA e with a leading zero", "{\"kty\":\"RSA\"," + n + ",\"e\":\"AAEAAQ\"}",
        ErrorCode::InvalidInput, "\"e\"");
    row("RSA p without d", "{\"kty\":\"RSA\"," + n + ",\"e\":\"AQAB\",\"p\":\"AQAB\"}",
        ErrorCode::InvalidInput, "\"d\"");
    row("RSA d without CRT members", "{\"kty\":\"RSA\"," + n + ",\"e\":\"AQAB\",\"d\":\"AQAB\"}",
        ErrorCode::Unsupported, "\"p\"");
    row("RSA multi-prime", "{\"kty\":\"RSA\"," + n + ",\"e\":\"AQAB\",\"oth\":[]}",
        ErrorCode::Unsupported, "oth");
    row("OKP X25519",
        "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"11qYAYKxCrfVS_"
        "7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
        ErrorCode::Unsupported, "X25519");
    row("OKP d of another key",
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_"
        "7TyWQHOg7hcvPapiMlrwIaaPcHURo\","
        "\"d\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
        ErrorCode::InvalidInput, "private key does not match");
    row("OKP x 33 bytes",
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Base64Url::encode(QByteArray(33, 'a'))
            + "\"}",
        ErrorCode::InvalidInput, "\"x\"");
    row("kid a number", "{" + ec + "," + x + "," + y + ",\"kid\":7}", ErrorCode::InvalidInput,
        "\"kid\"");
    row("alg an array", "{" + ec + "," + x + "," + y + ",\"alg\":[\"ES256\"]}",
        ErrorCode::InvalidInput, "\"alg\"");
    row("use an object", "{" + ec + "," + x + "," + y + ",\"use\":{}}", ErrorCode::InvalidInput,
        "\"use\"");
}

void TestJwk::rejectsMalformed()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    QFETCH(QString, mentions);
    auto jwk = Jwk::fromJson(json);
    QVERIFY(!jwk.ok());
    QCOMPARE(Error::codeName(jwk.error().code()), Error::codeName(code));
    QVERIFY2(jwk.error().message().contains(mentions), qPrintable(jwk.error().message()));
}

void TestJwk::rejectsMismatchedPrivateParts_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<QStringList>("swapped");
    QTest::newRow("EC d") << KeyType::EcP256 << QStringList{QStringLiteral("d")};
    QTest::newRow("EC P-384 d") << KeyType::EcP384 << QStringList{QStringLiteral("d")};
    QTest::newRow("Ed25519 d") << KeyType::Ed25519 << QStringList{QStringLiteral("d")};
    QTest::newRow("RSA d") << KeyType::Rsa2048 << QStringList{QStringLiteral("d")};
    QTest::newRow("RSA all private members")
        << KeyType::Rsa2048
        << QStringList{QStringLiteral("d"),  QStringLiteral("p"),  QStringLiteral("q"),
                       QStringLiteral("dp"), QStringLiteral("dq"), QStringLiteral("qi")};
}

void TestJwk::rejectsMismatchedPrivateParts()
{
    // The public members of one key with the private members of another.
    QFETCH(KeyType, type);
    QFETCH(QStringList, swapped);
    auto first = PrivateKey::generate(type);
    auto second = PrivateKey::generate(type);
    QVERIFY(first.ok() && second.ok());
    QJsonObject mixed
        = object(Jwk::fromPrivateKey(first.value())->toPrivateJson()->toByteArrayUnsafe());
    const QJsonObject donor
        = object(Jwk::fromPrivateKey(second.value())->toPrivateJson()->toByteArrayUnsafe());
    for (const QString &member : swapped)
        mixed.insert(member, donor.value(member));
    auto jwk = Jwk::fromJson(mixed);
    QVERIFY(!jwk.ok());
    QCOMPARE(jwk.error().code(), ErrorCode::InvalidInput);
}

void TestJwk::publicJwkHasNoPrivatePart()
{
    auto jwk = Jwk::fromJson(kRfc7515EcJwk);
    QVERIFY(jwk.ok());
    const Jwk publicOnly = jwk->publicJwk();
    QVERIFY(!publicOnly.isPrivate());
    QVERIFY(!publicOnly.toPrivateJson().ok());
    QVERIFY(!publicOnly.toPrivateKey().ok());
    QVERIFY(!publicOnly.toJson().contains(QLatin1String("d")));
    QVERIFY(publicOnly.hasSamePublicKey(jwk.value()));
    QCOMPARE(publicOnly.thumbprint(), jwk->thumbprint());
}

void TestJwk::metadataIsKept()
{
    QJsonObject source = object(kRfc7515EcJwk);
    source.insert(QStringLiteral("kid"), QStringLiteral("key-1"));
    source.insert(QStringLiteral("alg"), QStringLiteral("ES256"));
    source.insert(QStringLiteral("use"), QStringLiteral("sig"));
    auto jwk = Jwk::fromJson(source);
    QVERIFY(jwk.ok());
    QCOMPARE(jwk->kid(), QStringLiteral("key-1"));
    QCOMPARE(jwk->alg(), QStringLiteral("ES256"));
    QCOMPARE(jwk->use(), QStringLiteral("sig"));
    auto privateJson = jwk->toPrivateJson();
    QVERIFY(privateJson.ok());
    QCOMPARE(object(privateJson->toByteArrayUnsafe()), source);
    QJsonObject publicSource = source;
    publicSource.remove(QStringLiteral("d"));
    QCOMPARE(jwk->toJson(), publicSource);
}

QTEST_GUILESS_MAIN(TestJwk)
#include "tst_jwk.moc"
