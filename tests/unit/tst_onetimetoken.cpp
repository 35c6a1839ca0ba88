#include "crypto/base64url.h"
#include "crypto/jwk.h"
#include "crypto/jws.h"
#include "crypto/onetimetoken.h"
#include "crypto/onetimetokenbuilder.h"
#include "crypto/onetimetokenverifier.h"
#include "crypto/provisionerkey.h"
#include "testfiles.h"
#include "testpaths.h"

#include <openssl/evp.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::fixturePath;

Q_DECLARE_METATYPE(certigram::ErrorCode)

namespace {

// The step fixtures: minted at 2026-11-28T15:13:11Z, valid for five minutes.
constexpr qint64 kFixtureIssued = 1795878791;
constexpr qint64 kFixtureExpires = 1795879091;
const QString kStepKid = QStringLiteral("vT1g9T_mudRiKi1z9LlH8TLBomG4o8qjkpUN8NV-zw4");
const QString kSignAudience = QStringLiteral("https://127.0.0.1:9543/1.0/sign");
const QString kRevokeAudience = QStringLiteral("https://127.0.0.1:9543/1.0/revoke");
const QString kRootFingerprint
    = QStringLiteral("86c2f890c6e3e472993e7321567195569f18e28818941e350048fe8f0b016fc4");
// A moment inside the validity of every token these tests make.
constexpr qint64 kNow = kFixtureIssued + 30;

QByteArray readFixture(const QString &name)
{
    QFile file(fixturePath(QStringLiteral("step-ca-0.19/") + name));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

SecretBytes stepPassword()
{
    QByteArray text = readFixture(QStringLiteral("provisioner_password.txt"));
    return SecretBytes::take(text);
}

QDateTime at(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

OneTimeTokenVerifier::Clock clockAt(qint64 seconds)
{
    return [seconds] { return at(seconds); };
}

QJsonObject jsonPart(const QByteArray &token, int index)
{
    return QJsonDocument::fromJson(Base64Url::decode(token.split('.').at(index)).value()).object();
}

QByteArray withHeader(const QByteArray &token, const QByteArray &headerJson)
{
    QList<QByteArray> parts = token.split('.');
    parts[0] = Base64Url::encode(headerJson);
    return parts.join('.');
}

QByteArray flipped(const QByteArray &token, int part)
{
    QList<QByteArray> parts = token.split('.');
    QByteArray &text = parts[part];
    const qsizetype at = text.size() / 2;
    text[at] = text[at] == 'A' ? 'B' : 'A';
    return parts.join('.');
}

} // namespace

class TestOneTimeToken : public QObject
{
    Q_OBJECT

private slots:
    void missingJtiIsKeyedOnTheToken();
    void initTestCase();
    void stepTokensVerify_data();
    void stepTokensVerify();
    void stepTokensAreExpiredByNow();
    void stepTokensNeedTheirAudience();
    void audiencePortIsIgnored();
    void stepTokensTampered_data();
    void stepTokensTampered();
    void provisionerKeyFromStepFile();
    void provisionerKeyLoaders();
    void builtTokensMatchStep();
    void builderOptions();
    void builderRejects_data();
    void builderRejects();
    void audienceFromCaUrl();
    void verifierChecks_data();
    void verifierChecks();
    void issuerSelectsAmongSharedKeys();

private:
    // Signs `claims` with the step provisioner key under `header` (kid and typ defaulted).
    QByteArray signClaims(const QJsonObject &claims, QJsonObject header = {}) const;
    QJsonObject validClaims() const;
    OneTimeTokenVerifier verifier(const QStringList &audiences = {kSignAudience}) const;

    ProvisionerKey m_key;
    Jwk m_publicJwk;
};

void TestOneTimeToken::initTestCase()
{
    auto key = ProvisionerKey::fromEncryptedJwk(QStringLiteral("admin"),
                                                readFixture(QStringLiteral("provisioner_key.jwe")),
                                                stepPassword());
    QVERIFY2(key.ok(), key.ok() ? "" : qPrintable(errorMessage(key.error())));
    m_key = key.value();
    auto jwk = Jwk::fromJson(readFixture(QStringLiteral("provisioner_public.jwk")));
    QVERIFY(jwk.ok());
    m_publicJwk = jwk.value();
}

QByteArray TestOneTimeToken::signClaims(const QJsonObject &claims, QJsonObject header) const
{
    if (!header.contains(QLatin1String("kid")))
        header.insert(QStringLiteral("kid"), kStepKid);
    if (!header.contains(QLatin1String("typ")))
        header.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
    auto token = Jws::sign(header, QJsonDocument(claims).toJson(QJsonDocument::Compact),
                           m_key.privateKey());
    return token ? token.value() : QByteArray();
}

QJsonObject TestOneTimeToken::validClaims() const
{
    QJsonObject claims;
    claims.insert(QStringLiteral("aud"), kSignAudience);
    claims.insert(QStringLiteral("exp"), kFixtureIssued + 300);
    claims.insert(QStringLiteral("iat"), kFixtureIssued);
    claims.insert(QStringLiteral("iss"), QStringLiteral("admin"));
    claims.insert(QStringLiteral("jti"), QString(64, QLatin1Char('7')));
    claims.insert(QStringLiteral("nbf"), kFixtureIssued);
    claims.insert(QStringLiteral("sans"), QJsonArray{QStringLiteral("host.example")});
    claims.insert(QStringLiteral("sub"), QStringLiteral("host.example"));
    return claims;
}

OneTimeTokenVerifier TestOneTimeToken::verifier(const QStringList &audiences) const
{
    OneTimeTokenVerifier result({{QStringLiteral("admin"), m_publicJwk}}, audiences);
    result.setClock(clockAt(kNow));
    return result;
}

void TestOneTimeToken::stepTokensVerify_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("sans");
    QTest::addColumn<QString>("jti");
    QTest::newRow("sign") << QStringLiteral("token_sign.jwt") << kSignAudience
                          << QStringLiteral("123456789") << QStringList{QStringLiteral("123456789")}
                          << QStringLiteral("dceb0efbf790a2518c288857b51b6446992a6f19fad595dbfcd73"
                                            "29b90c1ceba");
    // step puts no sans into a revoke token; like step-ca we read that as [sub].
    QTest::newRow("revoke") << QStringLiteral("token_revoke.jwt") << kRevokeAudience
                            << QStringLiteral("4242424242")
                            << QStringList{QStringLiteral("4242424242")}
                            << QStringLiteral("70e875d1565af9031572c2e7e7c96a0fc38d4339f793a855c3d"
                                              "774263642ca10");
}

void TestOneTimeToken::stepTokensVerify()
{
    QFETCH(QString, file);
    QFETCH(QString, audience);
    QFETCH(QString, subject);
    QFETCH(QStringList, sans);
    QFETCH(QString, jti);
    auto claims = verifier({audience}).verify(readFixture(file));
    QVERIFY2(claims.ok(), claims.ok() ? "" : qPrintable(errorMessage(claims.error())));
    QCOMPARE(claims->issuer, QStringLiteral("admin"));
    QCOMPARE(claims->subject, subject);
    QCOMPARE(claims->sans, sans);
    QCOMPARE(claims->audience, QStringList{audience});
    QCOMPARE(claims->jti, jti);
    QCOMPARE(claims->notBefore, at(kFixtureIssued));
    QCOMPARE(claims->issuedAt, at(kFixtureIssued));
    QCOMPARE(claims->expiresAt, at(kFixtureExpires));
    QCOMPARE(claims->rootFingerprint, kRootFingerprint);
    QCOMPARE(claims->kid, kStepKid);
}

void TestOneTimeToken::stepTokensAreExpiredByNow()
{
    OneTimeTokenVerifier realTime({{QStringLiteral("admin"), m_publicJwk}},
                                  {kSignAudience, kRevokeAudience});
    for (const char *file : {"token_sign.jwt", "token_revoke.jwt"}) {
        auto claims = realTime.verify(readFixture(QLatin1String(file)));
        QVERIFY2(!claims.ok(), file);
        QCOMPARE(claims.error().code(), ErrorCode::Unauthorized);
        QVERIFY2(claims.error().message().contains(QStringLiteral("expired")),
                 qPrintable(claims.error().message()));
    }
}

void TestOneTimeToken::stepTokensNeedTheirAudience()
{
    auto sign = verifier({kRevokeAudience}).verify(readFixture(QStringLiteral("token_sign.jwt")));
    QVERIFY(!sign.ok());
    QVERIFY(sign.error().message().contains(QStringLiteral("audience")));
    auto revoke = verifier({kSignAudience}).verify(readFixture(QStringLiteral("token_revoke.jwt")));
    QVERIFY(!revoke.ok());
    QCOMPARE(revoke.error().code(), ErrorCode::Unauthorized);
}

void TestOneTimeToken::audiencePortIsIgnored()
{
    // step-ca compares the audience's host with its dnsNames and ignores the port.
    const QByteArray token = readFixture(QStringLiteral("token_sign.jwt"));
    QVERIFY(verifier({QStringLiteral("https://127.0.0.1/1.0/sign")}).verify(token).ok());
    QVERIFY(verifier({QStringLiteral("https://127.0.0.1:443/1.0/sign")}).verify(token).ok());
    QVERIFY(!verifier({QStringLiteral("https://localhost:9543/1.0/sign")}).verify(token).ok());
    QVERIFY(!verifier({QStringLiteral("http://127.0.0.1:9543/1.0/sign")}).verify(token).ok());
    QVERIFY(!verifier({QStringLiteral("https://127.0.0.1:9543/sign")}).verify(token).ok());
    QVERIFY(!verifier({}).verify(token).ok());
}

void TestOneTimeToken::stepTokensTampered_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("part");
    QTest::newRow("sign payload") << QStringLiteral("token_sign.jwt") << 1;
    QTest::newRow("sign signature") << QStringLiteral("token_sign.jwt") << 2;
    QTest::newRow("revoke payload") << QStringLiteral("token_revoke.jwt") << 1;
    QTest::newRow("revoke signature") << QStringLiteral("token_revoke.jwt") << 2;
}

void TestOneTimeToken::stepTokensTampered()
{
    QFETCH(QString, file);
    QFETCH(int, part);
    auto claims
        = verifier({kSignAudience, kRevokeAudience}).verify(flipped(readFixture(file), part));
    QVERIFY(!claims.ok());
    QCOMPARE(claims.error().code(), ErrorCode::Unauthorized);
}

void TestOneTimeToken::provisionerKeyFromStepFile()
{
    QCOMPARE(m_key.name(), QStringLiteral("admin"));
    QCOMPARE(m_key.kid(), kStepKid);
    QCOMPARE(m_key.algorithm(), JwsAlgorithm::ES256);
    // The public JWK we would configure is the one step-ca has.
    QCOMPARE(m_key.publicJwk().toJson(), m_publicJwk.toJson());
    QVERIFY(!m_key.publicJwk().isPrivate());

    auto wrong = ProvisionerKey::fromEncryptedJwk(
        QStringLiteral("admin"), readFixture(QStringLiteral("provisioner_key.jwe")),
        SecretBytes::fromUtf8(QStringLiteral("not the password")));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code(), ErrorCode::WrongPassphrase);
}

void TestOneTimeToken::provisionerKeyLoaders()
{
    auto key = PrivateKey::generate(KeyType::EcP384);
    QVERIFY(key.ok());
    auto jwk = Jwk::fromPrivateKey(key.value());
    QVERIFY(jwk.ok());

    // PEM, plain and encrypted: kid = thumbprint.
    auto fromPem
        = ProvisionerKey::fromPem(QStringLiteral("ops"), key->toPem()->toByteArrayUnsafe());
    QVERIFY2(fromPem.ok(), fromPem.ok() ? "" : qPrintable(errorMessage(fromPem.error())));
    QCOMPARE(fromPem->kid(), jwk->thumbprint());
    QCOMPARE(fromPem->algorithm(), JwsAlgorithm::ES384);
    QCOMPARE(fromPem->publicJwk().alg(), QStringLiteral("ES384"));
    QCOMPARE(fromPem->publicJwk().use(), QStringLiteral("sig"));
    const SecretBytes passphrase = SecretBytes::fromUtf8(QStringLiteral("pem pass"));
    auto encrypted = key->toPem(passphrase);
    QVERIFY(encrypted.ok());
    QVERIFY(
        ProvisionerKey::fromPem(QStringLiteral("ops"), encrypted->toByteArrayUnsafe(), passphrase)
            .ok());
    QCOMPARE(ProvisionerKey::fromPem(QStringLiteral("ops"), encrypted->toByteArrayUnsafe())
                 .error()
                 .code(),
             ErrorCode::WrongPassphrase);

    // Private JWK JSON; its own kid wins over the thumbprint.
    Jwk named = jwk.value();
    named.setKid(QStringLiteral("ops-key-1"));
    auto fromJson
        = ProvisionerKey::fromJwkJson(QStringLiteral("ops"), named.toPrivateJson().value());
    QVERIFY2(fromJson.ok(), fromJson.ok() ? "" : qPrintable(errorMessage(fromJson.error())));
    QCOMPARE(fromJson->kid(), QStringLiteral("ops-key-1"));
    QVERIFY(fromJson->publicJwk().hasSamePublicKey(jwk.value()));

    // Refused: no name, a public JWK, an alg or use that does not fit, a weak key.
    QCOMPARE(ProvisionerKey::fromJwk(QString(), jwk.value()).error().code(),
             ErrorCode::InvalidInput);
    QCOMPARE(ProvisionerKey::fromJwk(QStringLiteral("ops"), jwk->publicJwk()).error().code(),
             ErrorCode::InvalidInput);
    Jwk wrongAlg = jwk.value();
    wrongAlg.setAlg(QStringLiteral("ES256"));
    QCOMPARE(ProvisionerKey::fromJwk(QStringLiteral("ops"), wrongAlg).error().code(),
             ErrorCode::InvalidInput);
    Jwk encryptionKey = jwk.value();
    encryptionKey.setUse(QStringLiteral("enc"));
    QCOMPARE(ProvisionerKey::fromJwk(QStringLiteral("ops"), encryptionKey).error().code(),
             ErrorCode::InvalidInput);
    const PrivateKey weak
        = PrivateKey::adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{1024}));
    QCOMPARE(ProvisionerKey::fromPem(QStringLiteral("ops"), weak.toPem()->toByteArrayUnsafe())
                 .error()
                 .code(),
             ErrorCode::Unsupported);
}

void TestOneTimeToken::builtTokensMatchStep()
{
    // With the same key, CA URL, root and clock, our tokens have exactly the header and
    // the claims `step ca token` wrote (jti aside, which is random).
    OneTimeTokenBuilder builder(m_key, QUrl(QStringLiteral("https://127.0.0.1:9543")));
    builder.setRootFingerprint(kRootFingerprint);
    builder.setClock(clockAt(kFixtureIssued));
    const QByteArray stepSign = readFixture(QStringLiteral("token_sign.jwt"));
    const QByteArray stepRevoke = readFixture(QStringLiteral("token_revoke.jwt"));

    auto sign = builder.signToken(QStringLiteral("123456789"));
    QVERIFY2(sign.ok(), sign.ok() ? "" : qPrintable(errorMessage(sign.error())));
    auto revoke = builder.revokeToken(QStringLiteral("4242424242"));
    QVERIFY2(revoke.ok(), revoke.ok() ? "" : qPrintable(errorMessage(revoke.error())));

    const QList<QPair<QByteArray, QByteArray>> pairs{{sign.value(), stepSign},
                                                     {revoke.value(), stepRevoke}};
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    for (const auto &[ours, theirs] : pairs) {
        QCOMPARE(ours.split('.').first(), theirs.split('.').first()); // identical header bytes
        QJsonObject ourClaims = jsonPart(ours, 1);
        QJsonObject stepClaims = jsonPart(theirs, 1);
        QVERIFY(hex64.match(ourClaims.value(QLatin1String("jti")).toString()).hasMatch());
        QVERIFY(ourClaims.value(QLatin1String("jti")) != stepClaims.value(QLatin1String("jti")));
        ourClaims.remove(QStringLiteral("jti"));
        stepClaims.remove(QStringLiteral("jti"));
        QCOMPARE(ourClaims, stepClaims);
    }
    QVERIFY(!jsonPart(revoke.value(), 1).contains(QLatin1String("sans")));

    auto signClaims = verifier({kSignAudience}).verify(sign.value());
    QVERIFY2(signClaims.ok(), signClaims.ok() ? "" : qPrintable(errorMessage(signClaims.error())));
    QCOMPARE(signClaims->subject, QStringLiteral("123456789"));
    auto revokeClaims = verifier({kRevokeAudience}).verify(revoke.value());
    QVERIFY2(revokeClaims.ok(),
             revokeClaims.ok() ? "" : qPrintable(errorMessage(revokeClaims.error())));
    QCOMPARE(revokeClaims->subject, QStringLiteral("4242424242"));
}

void TestOneTimeToken::builderOptions()
{
    OneTimeTokenBuilder builder(m_key, QUrl(QStringLiteral("https://ca.example.org")));
    builder.setClock(clockAt(kNow));
    const OneTimeTokenVerifier check
        = verifier({QStringLiteral("https://ca.example.org/1.0/sign")});

    // Defaults: five minutes, no sha, sans = [sub].
    auto token = builder.signToken(QStringLiteral("host.example"));
    QVERIFY(token.ok());
    QJsonObject claims = jsonPart(token.value(), 1);
    QCOMPARE(claims.value(QLatin1String("exp")).toInteger()
                 - claims.value(QLatin1String("nbf")).toInteger(),
             300);
    QCOMPARE(claims.value(QLatin1String("iat")).toInteger(), kNow);
    QVERIFY(!claims.contains(QLatin1String("sha")));
    QCOMPARE(claims.value(QLatin1String("sans")).toArray(),
             QJsonArray{QStringLiteral("host.example")});
    QVERIFY(check.verify(token.value()).ok());

    // Explicit SANs, a shorter lifetime, a fingerprint written with colons.
    builder.setLifetime(std::chrono::seconds(60));
    builder.setRootFingerprint(QStringLiteral("86:C2:F8:90:C6:E3:E4:72:99:3E:73:21:56:71:95:56:9F:"
                                              "18:E2:88:18:94:1E:35:00:48:FE:8F:0B:01:6F:C4"));
    const QStringList sans{QStringLiteral("host.example"), QStringLiteral("10.0.0.7")};
    token = builder.signToken(QStringLiteral("host.example"), sans);
    QVERIFY(token.ok());
    claims = jsonPart(token.value(), 1);
    QCOMPARE(claims.value(QLatin1String("exp")).toInteger(), kNow + 60);
    QCOMPARE(claims.value(QLatin1String("sha")).toString(), kRootFingerprint);
    auto verified = check.verify(token.value());
    QVERIFY(verified.ok());
    QCOMPARE(verified->sans, sans);
    QCOMPARE(verified->rootFingerprint, kRootFingerprint);

    // The maximum lifetime is accepted by the verifier.
    builder.setLifetime(OneTimeToken::kMaximumLifetime);
    token = builder.signToken(QStringLiteral("host.example"));
    QVERIFY(token.ok());
    QVERIFY(check.verify(token.value()).ok());
}

void TestOneTimeToken::builderRejects_data()
{
    QTest::addColumn<QString>("caUrl");
    QTest::addColumn<int>("lifetime");
    QTest::addColumn<QString>("fingerprint");
    QTest::addColumn<bool>("revoke");
    QTest::addColumn<QString>("subject");
    const QString url = QStringLiteral("https://ca.example.org");
    QTest::newRow("empty subject") << url << 300 << QString() << false << QString();
    QTest::newRow("zero lifetime") << url << 0 << QString() << false << QStringLiteral("a");
    QTest::newRow("lifetime over the maximum")
        << url << 601 << QString() << false << QStringLiteral("a");
    QTest::newRow("http CA URL") << QStringLiteral("http://ca.example.org") << 300 << QString()
                                 << false << QStringLiteral("a");
    QTest::newRow("CA URL without scheme")
        << QStringLiteral("ca.example.org") << 300 << QString() << false << QStringLiteral("a");
    QTest::newRow("CA URL with a password") << QStringLiteral("https://user:pass@ca.example.org")
                                            << 300 << QString() << false << QStringLiteral("a");
    QTest::newRow("fingerprint not hex")
        << url << 300 << QStringLiteral("xyz") << false << QStringLiteral("a");
    QTest::newRow("fingerprint too short")
        << url << 300 << QStringLiteral("86c2f890") << false << QStringLiteral("a");
    QTest::newRow("hex serial") << url << 300 << QString() << true << QStringLiteral("0x1f");
    QTest::newRow("serial with a space")
        << url << 300 << QString() << true << QStringLiteral("42 42");
    QTest::newRow("empty serial") << url << 300 << QString() << true << QString();
    QTest::newRow("50-digit serial")
        << url << 300 << QString() << true << QString(50, QLatin1Char('9'));
}

void TestOneTimeToken::builderRejects()
{
    QFETCH(QString, caUrl);
    QFETCH(int, lifetime);
    QFETCH(QString, fingerprint);
    QFETCH(bool, revoke);
    QFETCH(QString, subject);
    OneTimeTokenBuilder builder(m_key, QUrl(caUrl));
    builder.setLifetime(std::chrono::seconds(lifetime));
    builder.setRootFingerprint(fingerprint);
    auto token = revoke ? builder.revokeToken(subject) : builder.signToken(subject);
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code(), ErrorCode::InvalidInput);
    QVERIFY(!OneTimeTokenBuilder(ProvisionerKey(), QUrl(QStringLiteral("https://ca.example.org")))
                 .signToken(QStringLiteral("a"))
                 .ok());
}

void TestOneTimeToken::audienceFromCaUrl()
{
    QCOMPARE(
        OneTimeToken::audience(QUrl(QStringLiteral("https://ca.example.org:9000/some/path?x=1#f")),
                               TokenPurpose::Sign)
            .value(),
        QStringLiteral("https://ca.example.org:9000/1.0/sign"));
    QCOMPARE(OneTimeToken::audience(QUrl(QStringLiteral("https://CA.Example.org/")),
                                    TokenPurpose::Revoke)
                 .value(),
             QStringLiteral("https://ca.example.org/1.0/revoke"));
    QVERIFY(
        !OneTimeToken::audience(QUrl(QStringLiteral("ftp://ca.example.org")), TokenPurpose::Sign)
             .ok());
}

void TestOneTimeToken::verifierChecks_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("mentions");

    const QJsonObject valid = validClaims();
    const auto with = [&valid](const char *claim, const QJsonValue &value) {
        QJsonObject claims = valid;
        if (value.isUndefined())
            claims.remove(QLatin1String(claim));
        else
            claims.insert(QLatin1String(claim), value);
        return claims;
    };
    const auto times = [&valid](qint64 nbf, qint64 iat, qint64 exp) {
        QJsonObject claims = valid;
        claims.insert(QStringLiteral("nbf"), kNow + nbf);
        claims.insert(QStringLiteral("iat"), kNow + iat);
        claims.insert(QStringLiteral("exp"), kNow + exp);
        return claims;
    };
    const auto accept = [](const char *name, const QByteArray &token) {
        QTest::newRow(name) << token << true << QString();
    };
    const auto refuse = [](const char *name, const QByteArray &token, const char *mentions) {
        QTest::newRow(name) << token << false << QString::fromLatin1(mentions);
    };
    const QByteArray good = signClaims(valid);

    accept("valid", good);
    accept(
        "audience in an array",
        signClaims(with(
            "aud", QJsonArray{QStringLiteral("https://other.example/1.0/sign"), kSignAudience})));
    accept("sans absent", signClaims(with("sans", QJsonValue::Undefined)));
    accept("expired within the leeway", signClaims(times(-290, -290, -50)));
    accept("not yet valid within the leeway", signClaims(times(50, 0, 300)));
    accept("lifetime at the maximum", signClaims(times(-10, -10, 590)));

    // The algorithm.
    refuse("alg none, signature kept",
           withHeader(good, R"({"alg":"none","kid":")" + kStepKid.toLatin1() + R"(","typ":"JWT"})"),
           "malformed");
    const QByteArray unsigned_
        = withHeader(good, R"({"alg":"none","kid":")" + kStepKid.toLatin1() + R"(","typ":"JWT"})");
    refuse("alg none, no signature", unsigned_.left(unsigned_.lastIndexOf('.') + 1), "malformed");
    refuse(
        "alg changed to ES384",
        withHeader(good, R"({"alg":"ES384","kid":")" + kStepKid.toLatin1() + R"(","typ":"JWT"})"),
        "ES384");
    refuse(
        "alg changed to RS256",
        withHeader(good, R"({"alg":"RS256","kid":")" + kStepKid.toLatin1() + R"(","typ":"JWT"})"),
        "RS256");
    refuse(
        "alg changed to HS256",
        withHeader(good, R"({"alg":"HS256","kid":")" + kStepKid.toLatin1() + R"(","typ":"JWT"})"),
        "HS256");
    refuse(
        "alg changed to EdDSA",
        withHeader(good, R"({"alg":"EdDSA","kid":")" + kStepKid.toLatin1() + R"(","typ":"JWT"})"),
        "EdDSA");
    refuse(
        "crit header",
        withHeader(good,
                   R"({"alg":"ES256","crit":["x"],"x":1,"kid":")" + kStepKid.toLatin1() + R"("})"),
        "crit");
    refuse("typ not JWT",
           signClaims(valid, QJsonObject{{QStringLiteral("typ"), QStringLiteral("dpop+jwt")}}),
           "type");

    // Who signed it.
    refuse("unknown kid",
           signClaims(valid, QJsonObject{{QStringLiteral("kid"), QStringLiteral("another-kid")}}),
           "key id");
    refuse("kid missing", withHeader(good, R"({"alg":"ES256","typ":"JWT"})"), "kid");
    refuse("wrong issuer", signClaims(with("iss", QStringLiteral("someone-else"))), "issuer");
    refuse("issuer missing", signClaims(with("iss", QJsonValue::Undefined)), "issuer");
    {
        auto impostor = PrivateKey::generate(KeyType::EcP256);
        QJsonObject header{{QStringLiteral("kid"), kStepKid},
                           {QStringLiteral("typ"), QStringLiteral("JWT")}};
        auto forged = Jws::sign(header, QJsonDocument(valid).toJson(QJsonDocument::Compact),
                                impostor.value());
        refuse("another key under the provisioner's kid", forged.value(), "signature");
    }
    refuse("payload changed", flipped(good, 1), "");
    refuse("signature changed", flipped(good, 2), "signature");
    {
        auto text = Jws::sign(QJsonObject{{QStringLiteral("kid"), kStepKid}}, "not JSON",
                              m_key.privateKey());
        refuse("payload not JSON", text.value(), "JSON");
    }

    // For whom.
    refuse("revoke audience", signClaims(with("aud", kRevokeAudience)), "audience");
    refuse("other host", signClaims(with("aud", QStringLiteral("https://evil.example/1.0/sign"))),
           "audience");
    refuse("audience missing", signClaims(with("aud", QJsonValue::Undefined)), "audience");
    refuse("audience array without ours",
           signClaims(with("aud", QJsonArray{QStringLiteral("https://evil.example/1.0/sign")})),
           "audience");
    refuse("audience array empty", signClaims(with("aud", QJsonArray())), "audience");
    refuse("audience a number", signClaims(with("aud", 7)), "audience");

    // When.
    refuse("expired", signClaims(times(-400, -400, -100)), "expired");
    refuse("not yet valid", signClaims(times(100, 0, 400)), "not valid before");
    refuse("issued in the future", signClaims(times(0, 120, 300)), "future");
    refuse("lifetime over the maximum", signClaims(times(-10, -10, 591)), "lifetime");
    refuse("exp before nbf", signClaims(times(10, 0, 5)), "before it becomes valid");
    refuse("exp missing", signClaims(with("exp", QJsonValue::Undefined)), "\"exp\"");
    refuse("nbf missing", signClaims(with("nbf", QJsonValue::Undefined)), "\"nbf\"");
    refuse("iat missing", signClaims(with("iat", QJsonValue::Undefined)), "\"iat\"");
    refuse("exp a string", signClaims(with("exp", QString::number(kNow + 300))), "\"exp\"");

    // What.
    refuse("jti of 31 characters", signClaims(with("jti", QString(31, QLatin1Char('a')))), "jti");
    refuse("jti a number", signClaims(with("jti", 1234567)), "jti");
    refuse("subject missing", signClaims(with("sub", QJsonValue::Undefined)), "subject");
    refuse("subject empty", signClaims(with("sub", QString())), "subject");
    refuse("sans a string", signClaims(with("sans", QStringLiteral("host.example"))), "sans");
    refuse("sans holding a number", signClaims(with("sans", QJsonArray{1})), "SAN");
    refuse("sha a number", signClaims(with("sha", 5)), "sha");
}

void TestOneTimeToken::verifierChecks()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, accepted);
    QFETCH(QString, mentions);
    QVERIFY(!token.isEmpty());
    auto claims = verifier().verify(token);
    if (accepted) {
        QVERIFY2(claims.ok(), claims.ok() ? "" : qPrintable(errorMessage(claims.error())));
        QCOMPARE(claims->issuer, QStringLiteral("admin"));
        return;
    }
    QVERIFY(!claims.ok());
    QCOMPARE(claims.error().code(), ErrorCode::Unauthorized);
    QVERIFY2(claims.error().message().contains(mentions), qPrintable(claims.error().message()));
}

void TestOneTimeToken::issuerSelectsAmongSharedKeys()
{
    // Two provisioners with the same key: iss picks; an unknown iss is refused.
    OneTimeTokenVerifier shared(
        {{QStringLiteral("first"), m_publicJwk}, {QStringLiteral("admin"), m_publicJwk}},
        {kSignAudience});
    shared.setClock(clockAt(kNow));
    QCOMPARE(shared.verify(signClaims(validClaims()))->issuer, QStringLiteral("admin"));
    QJsonObject claims = validClaims();
    claims.insert(QStringLiteral("iss"), QStringLiteral("first"));
    QCOMPARE(shared.verify(signClaims(claims))->issuer, QStringLiteral("first"));
    claims.insert(QStringLiteral("iss"), QStringLiteral("third"));
    QVERIFY(!shared.verify(signClaims(claims)).ok());

    // A provisioner whose JWK names another alg refuses tokens signed under ES256.
    Jwk mislabelled = m_publicJwk;
    mislabelled.setAlg(QStringLiteral("ES384"));
    OneTimeTokenVerifier strict({{QStringLiteral("admin"), mislabelled}}, {kSignAudience});
    strict.setClock(clockAt(kNow));
    QVERIFY(!strict.verify(signClaims(validClaims())).ok());
}

void TestOneTimeToken::missingJtiIsKeyedOnTheToken()
{
    // As step-ca: a token without jti is accepted, and its single use is keyed on the
    // token's SHA-256, so a replay is still caught.
    QJsonObject claims = validClaims();
    claims.remove(QStringLiteral("jti"));
    const QByteArray token = signClaims(claims);
    auto verified = verifier().verify(token);
    QVERIFY2(verified.ok(), verified.ok() ? "" : qPrintable(errorMessage(verified.error())));
    QCOMPARE(
        verified->jti,
        QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex()));
}

QTEST_GUILESS_MAIN(TestOneTimeToken)
#include "tst_onetimetoken.moc"
