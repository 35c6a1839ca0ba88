#include "crypto/certificaterequest.h"
#include "crypto/privatekey.h"
#include "crypto/subjectaltnames.h"
#include "processrunner.h"
#include "testfiles.h"

#include <QTemporaryDir>
#include <QtTest>

#include <openssl/x509.h>

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::openssl;
using certigram::test::readFile;
using certigram::test::runProcess;
using certigram::test::writeFile;

Q_DECLARE_METATYPE(certigram::KeyType)

namespace {

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts);
}

// One name of every kind, with the forms that are easy to get wrong: a wildcard, IPv6.
SubjectAltNames everyKindOfName()
{
    return SubjectAltNames::fromList(
        {QStringLiteral("alice.example.com"), QStringLiteral("*.alice.example.org"),
         QStringLiteral("192.0.2.7"), QStringLiteral("2001:db8::7"),
         QStringLiteral("alice@example.com"), QStringLiteral("spiffe://example.org/alice")});
}

} // namespace

class TestCertificateRequest : public QObject
{
    Q_OBJECT

private slots:
    void classifiesNames_data();
    void classifiesNames();
    void parsesAndFormatsIpAddresses_data();
    void parsesAndFormatsIpAddresses();
    void comparesNamesAsSets();
    void buildsForEachKeyType_data();
    void buildsForEachKeyType();
    void readsOpensslRequests_data();
    void readsOpensslRequests();
    void readsTheCommonFormAsOpensslDoes_data();
    void readsTheCommonFormAsOpensslDoes();
    void tamperedRequestFailsVerification_data();
    void tamperedRequestFailsVerification();
    void sansAreCriticalWithoutCommonName();
    void rejectsBadInput();
    void rejectsGarbage_data();
    void rejectsGarbage();
    void nullRequestIsSafe();
};

void TestCertificateRequest::classifiesNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("stored");
    const auto row = [](const char *name, const char *kind, const char *stored = nullptr) {
        QTest::newRow(name) << QString::fromUtf8(name) << QString::fromLatin1(kind)
                            << QString::fromUtf8(stored ? stored : name);
    };
    row("example.com", "dns");
    row("*.example.com", "dns");
    row("localhost", "dns");
    row("192.0.2.1", "ip");
    row("::1", "ip");
    row("2001:DB8:0:0:0:0:0:1", "ip", "2001:db8::1");
    row("::ffff:192.0.2.1", "ip");
    row("192.0.2.256", "dns"); // not an address, so step-ca calls it a DNS name
    row("01.2.3.4", "dns");
    row("alice@example.com", "email");
    row("mailto:alice@example.com", "uri"); // a scheme wins over '@', as in step-ca
    row("spiffe://example.org/ns/default/sa/alice", "uri");
    row("https://example.com/path?q=1", "uri");
    row("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "uri");
    row("1host:80", "dns"); // a scheme starts with a letter
}

void TestCertificateRequest::classifiesNames()
{
    QFETCH(QString, name);
    QFETCH(QString, kind);
    QFETCH(QString, stored);
    const SubjectAltNames names = SubjectAltNames::fromList({name});
    QCOMPARE(names.count(), 1);
    QCOMPARE(names.all(), QStringList{stored});
    const QStringList *expected = kind == QLatin1String("dns") ? &names.dnsNames
        : kind == QLatin1String("ip")                          ? &names.ipAddresses
        : kind == QLatin1String("email")                       ? &names.emailAddresses
                                                               : &names.uris;
    QCOMPARE(*expected, QStringList{stored});
}

void TestCertificateRequest::parsesAndFormatsIpAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical"); // empty: not an address
    const auto row = [](const char *text, const char *canonical) {
        QTest::newRow(text) << QString::fromLatin1(text) << QString::fromLatin1(canonical);
    };
    row("0.0.0.0", "0.0.0.0");
    row("255.255.255.255", "255.255.255.255");
    row("1.2.3", "");
    row("1.2.3.4.5", "");
    row("1.2.3.04", "");
    row(" 1.2.3.4", "");
    row("1.2.3.-4", "");
    row("::", "::");
    row("1::", "1::");
    row("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8");
    row("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"); // one zero group is not shortened
    row("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"); // the first of equal runs
    row("2001:0db8::0001", "2001:db8::1");
    row("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304");
    row("1:2:3:4:5:6:7:8:9", "");
    row("1:2:3:4:5:6:7", "");
    row(":::1", "");
    row("1::2::3", "");
    row("12345::", "");
    row("::+1", "");
    row("::g", "");
    row("[::1]", "");
    row("fe80::1%eth0", "");
}

void TestCertificateRequest::parsesAndFormatsIpAddresses()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    const auto bytes = SubjectAltNames::parseIpAddress(text);
    QCOMPARE(bytes.has_value(), !canonical.isEmpty());
    if (!bytes)
        return;
    QVERIFY(bytes->size() == 4 || bytes->size() == 16);
    QCOMPARE(SubjectAltNames::formatIpAddress(*bytes), canonical);
    QCOMPARE(SubjectAltNames::parseIpAddress(canonical), bytes);
}

void TestCertificateRequest::comparesNamesAsSets()
{
    const SubjectAltNames one = SubjectAltNames::fromList(
        {QStringLiteral("a.example"), QStringLiteral("b.example"), QStringLiteral("::1")});
    SubjectAltNames other;
    other.dnsNames
        = {QStringLiteral("b.example"), QStringLiteral("a.example"), QStringLiteral("a.example")};
    other.ipAddresses = {QStringLiteral("0:0:0:0:0:0:0:1")};
    QVERIFY(one == other);
    other.dnsNames.removeLast();
    other.dnsNames.removeLast();
    QVERIFY(one != other);
    // The same string as another kind is another name.
    SubjectAltNames asUri;
    asUri.uris = one.dnsNames;
    asUri.ipAddresses = one.ipAddresses;
    QVERIFY(one != asUri);
    QVERIFY(SubjectAltNames().isEmpty());
    QVERIFY(!one.isEmpty());
}

void TestCertificateRequest::buildsForEachKeyType_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<QString>("signatureAlgorithm");
    QTest::newRow("ec-p256") << KeyType::EcP256 << QStringLiteral("ecdsa-with-SHA256");
    QTest::newRow("ec-p384") << KeyType::EcP384 << QStringLiteral("ecdsa-with-SHA384");
    QTest::newRow("ed25519") << KeyType::Ed25519 << QStringLiteral("ED25519");
    QTest::newRow("rsa-2048") << KeyType::Rsa2048 << QStringLiteral("sha256WithRSAEncryption");
    QTest::newRow("rsa-3072") << KeyType::Rsa3072 << QStringLiteral("sha256WithRSAEncryption");
    QTest::newRow("rsa-4096") << KeyType::Rsa4096 << QStringLiteral("sha256WithRSAEncryption");
}

void TestCertificateRequest::buildsForEachKeyType()
{
    QFETCH(KeyType, type);
    QFETCH(QString, signatureAlgorithm);
    auto key = PrivateKey::generate(type);
    QVERIFY(key.ok());
    const SubjectAltNames names = everyKindOfName();
    auto request = CertificateRequest::build(key.value(), QStringLiteral("alice"), names);
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : errorMessage(request.error())));

    QCOMPARE(request->commonName(), QStringLiteral("alice"));
    QCOMPARE(request->subject(), QStringLiteral("CN=alice"));
    QCOMPARE(request->subjectAltNames(), names);
    QCOMPARE(request->subjectAltNames().all(), names.all()); // the order survives too
    QVERIFY(request->publicKey() == key->publicKey());
    QVERIFY(request->verifySignature().ok());

    // PEM and DER round trips give back the same request.
    const QByteArray der = request->toDer();
    QVERIFY(!der.isEmpty());
    auto fromPem = CertificateRequest::fromPem(request->toPem());
    QVERIFY(fromPem.ok());
    QCOMPARE(fromPem->toDer(), der);
    auto fromDer = CertificateRequest::fromDer(der);
    QVERIFY(fromDer.ok());
    QCOMPARE(fromDer->subjectAltNames(), names);
    QVERIFY(fromDer->verifySignature().ok());

    // openssl checks the signature and sees our subject, SANs, key and algorithm.
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("request.pem"), request->toPem());
    auto verified = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-in"), path,
                                        QStringLiteral("-verify"), QStringLiteral("-noout")});
    QVERIFY2(verified.succeeded(), verified.standardError.constData());
    QVERIFY((verified.standardOutput + verified.standardError).contains("verify OK"));

    auto text = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-in"), path,
                                    QStringLiteral("-noout"), QStringLiteral("-text")});
    QVERIFY(text.succeeded());
    const QByteArray dump = text.standardOutput;
    for (const char *expected :
         {"Subject: CN = alice", "DNS:alice.example.com", "DNS:*.alice.example.org",
          "IP Address:192.0.2.7", "IP Address:2001:DB8:0:0:0:0:0:7", "email:alice@example.com",
          "URI:spiffe://example.org/alice", "Requested Extensions:"}) {
        QVERIFY2(dump.contains(expected), expected);
    }
    QVERIFY(dump.contains("Signature Algorithm: " + signatureAlgorithm.toLatin1()));
    QVERIFY(!dump.contains("Subject Alternative Name: critical")); // there is a CN

    auto publicKey = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-in"), path,
                                         QStringLiteral("-noout"), QStringLiteral("-pubkey")});
    QVERIFY(publicKey.succeeded());
    QCOMPARE(publicKey.standardOutput, key->publicKey().toPem());
}

void TestCertificateRequest::readsOpensslRequests_data()
{
    QTest::addColumn<QStringList>("newKey");
    QTest::addColumn<QString>("keyDescription");
    QTest::newRow("ec-p384") << words("-newkey ec -pkeyopt ec_paramgen_curve:P-384")
                             << QStringLiteral("ECDSA P-384");
    QTest::newRow("rsa-2048") << words("-newkey rsa:2048") << QStringLiteral("RSA 2048");
    QTest::newRow("ed25519") << words("-newkey ed25519") << QStringLiteral("Ed25519");
}

void TestCertificateRequest::readsOpensslRequests()
{
    QFETCH(QStringList, newKey);
    QFETCH(QString, keyDescription);
    QTemporaryDir dir;
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    const QString requestPath = dir.filePath(QStringLiteral("request.pem"));
    auto made
        = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-new")}
                  << newKey
                  << QStringList{QStringLiteral("-noenc"), QStringLiteral("-keyout"), keyPath,
                                 QStringLiteral("-out"), requestPath, QStringLiteral("-subj"),
                                 QStringLiteral("/O=Example/CN=bob"), QStringLiteral("-addext"),
                                 QStringLiteral("subjectAltName=DNS:bob.example.com,IP:10.0.0.1,"
                                                "IP:fe80::1,email:bob@example.com,"
                                                "URI:https://example.com/bob")});
    QVERIFY2(made.succeeded(), made.standardError.constData());

    auto request = CertificateRequest::fromPem(readFile(requestPath));
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : errorMessage(request.error())));
    QCOMPARE(request->commonName(), QStringLiteral("bob"));
    QCOMPARE(request->subject(), QStringLiteral("CN=bob,O=Example"));
    SubjectAltNames expected;
    expected.dnsNames = {QStringLiteral("bob.example.com")};
    expected.ipAddresses = {QStringLiteral("10.0.0.1"), QStringLiteral("fe80::1")};
    expected.emailAddresses = {QStringLiteral("bob@example.com")};
    expected.uris = {QStringLiteral("https://example.com/bob")};
    QCOMPARE(request->subjectAltNames(), expected);
    QVERIFY(request->verifySignature().ok());
    QCOMPARE(request->publicKey().description(), keyDescription);
    auto key = PrivateKey::fromPem(readFile(keyPath));
    QVERIFY(key.ok());
    QVERIFY(request->publicKey() == key->publicKey());
}

void TestCertificateRequest::readsTheCommonFormAsOpensslDoes_data()
{
    // openssl req arguments for the key and digest; whether fromDer() reads the request
    // itself (its common form) or leaves it to OpenSSL's decoder.
    QTest::addColumn<QStringList>("keyAndDigest");
    QTest::addColumn<QString>("pointForm"); // openssl ec -conv_form for a P-256 key, or none
    QTest::addColumn<bool>("commonForm");
    QTest::newRow("P-256, SHA-256")
        << words("-newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256") << QString() << true;
    QTest::newRow("P-384, SHA-384")
        << words("-newkey ec -pkeyopt ec_paramgen_curve:P-384 -sha384") << QString() << true;
    QTest::newRow("P-521, SHA-512")
        << words("-newkey ec -pkeyopt ec_paramgen_curve:P-521 -sha512") << QString() << true;
    QTest::newRow("P-256, SHA-384")
        << words("-newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha384") << QString() << true;
    QTest::newRow("P-256, SHA-1") << words("-newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha1")
                                  << QString() << false;
    QTest::newRow("P-256, compressed point")
        << QStringList() << QStringLiteral("compressed") << false;
    QTest::newRow("P-256, hybrid point") << QStringList() << QStringLiteral("hybrid") << false;
    QTest::newRow("secp256k1") << words("-newkey ec -pkeyopt ec_paramgen_curve:secp256k1")
                               << QString() << false;
    QTest::newRow("RSA 2048") << words("-newkey rsa:2048") << QString() << false;
    QTest::newRow("Ed25519") << words("-newkey ed25519") << QString() << false;
}

void TestCertificateRequest::readsTheCommonFormAsOpensslDoes()
{
    QFETCH(QStringList, keyAndDigest);
    QFETCH(QString, pointForm);
    QFETCH(bool, commonForm);
    QTemporaryDir dir;
    if (!pointForm.isEmpty()) {
        const QString generated = dir.filePath(QStringLiteral("generated.pem"));
        const QString converted = dir.filePath(QStringLiteral("converted.pem"));
        QVERIFY(openssl({QStringLiteral("ecparam"), QStringLiteral("-name"),
                         QStringLiteral("prime256v1"), QStringLiteral("-genkey"),
                         QStringLiteral("-noout"), QStringLiteral("-out"), generated})
                    .succeeded());
        QVERIFY(
            openssl({QStringLiteral("ec"), QStringLiteral("-in"), generated,
                     QStringLiteral("-conv_form"), pointForm, QStringLiteral("-out"), converted})
                .succeeded());
        keyAndDigest = {QStringLiteral("-key"), converted};
    }
    // Several name parts, SANs and other extensions, and attributes besides the extensions.
    const QString config = writeFile(dir, QStringLiteral("req.cnf"),
                                     "[req]\nprompt = no\ndistinguished_name = dn\n"
                                     "attributes = attributes\n"
                                     "[dn]\nC = DE\nO = Example\nOU = Devices\nCN = carol\n"
                                     "[attributes]\nchallengePassword = sesame-1234\n"
                                     "unstructuredName = carol-laptop\n");
    const QString requestPath = dir.filePath(QStringLiteral("request.der"));
    auto made = openssl(
        QStringList{QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-config"),
                    config}
        << keyAndDigest
        << QStringList{QStringLiteral("-noenc"), QStringLiteral("-keyout"),
                       dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-outform"),
                       QStringLiteral("DER"), QStringLiteral("-out"), requestPath,
                       QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=DNS:carol.example.com,IP:10.0.0.2"),
                       QStringLiteral("-addext"), QStringLiteral("keyUsage=digitalSignature")});
    QVERIFY2(made.succeeded(), made.standardError.constData());
    const QByteArray der = readFile(requestPath);

    auto ours = CertificateRequest::fromDer(der);
    QVERIFY(ours.ok());
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    const CertificateRequest theirs
        = CertificateRequest::adopt(d2i_X509_REQ(nullptr, &cursor, static_cast<long>(der.size())));
    QVERIFY(!theirs.isNull());

    // Read without OpenSSL's decoder, the X509_REQ holds no key.
    QCOMPARE(X509_REQ_get0_pubkey(ours->native()) == nullptr, commonForm);
    QCOMPARE(ours->subjectPublicKeyInfo().isEmpty(), !commonForm);
    if (commonForm)
        QVERIFY(der.contains(ours->subjectPublicKeyInfo()));
    QCOMPARE(ours->subject(), QStringLiteral("CN=carol,OU=Devices,O=Example,C=DE"));
    QCOMPARE(ours->subject(), theirs.subject());
    QCOMPARE(ours->commonName(), theirs.commonName());
    QCOMPARE(ours->subjectAltNames(), theirs.subjectAltNames());
    QCOMPARE(ours->subjectAltNames().all(),
             QStringList({QStringLiteral("carol.example.com"), QStringLiteral("10.0.0.2")}));
    QVERIFY(!theirs.publicKey().isNull());
    QVERIFY(ours->publicKey() == theirs.publicKey());
    QVERIFY(theirs.verifySignature().ok());
    QVERIFY(ours->verifySignature().ok());
    QCOMPARE(ours->toDer(), der);
    QCOMPARE(ours->toPem(), theirs.toPem());

    // A point moved off the curve: OpenSSL's decoder reads the request without a key, and
    // so does fromDer(); nothing verifies.
    if (commonForm) {
        QByteArray offCurve = der;
        const qsizetype pointEnd
            = der.indexOf(ours->subjectPublicKeyInfo()) + ours->subjectPublicKeyInfo().size();
        offCurve[pointEnd - 1] = static_cast<char>(offCurve.at(pointEnd - 1) ^ 0x01);
        auto moved = CertificateRequest::fromDer(offCurve);
        QVERIFY(moved.ok());
        QVERIFY(moved->publicKey().isNull());
        QVERIFY(!moved->verifySignature().ok());
    }
}

void TestCertificateRequest::tamperedRequestFailsVerification_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::newRow("ec-p256") << KeyType::EcP256;
    QTest::newRow("ed25519") << KeyType::Ed25519;
    QTest::newRow("rsa-2048") << KeyType::Rsa2048;
}

void TestCertificateRequest::tamperedRequestFailsVerification()
{
    QFETCH(KeyType, type);
    auto key = PrivateKey::generate(type);
    QVERIFY(key.ok());
    auto request = CertificateRequest::build(key.value(), QStringLiteral("alice"),
                                             SubjectAltNames::fromList({QStringLiteral("a.b")}));
    QVERIFY(request.ok());
    const QByteArray der = request->toDer();

    // The signature BIT STRING ends the DER: flip its last byte.
    QByteArray badSignature = der;
    badSignature[badSignature.size() - 1] = static_cast<char>(badSignature.back() ^ 0x01);
    auto parsed = CertificateRequest::fromDer(badSignature);
    QVERIFY(parsed.ok()); // still well-formed
    auto verdict = parsed->verifySignature();
    QVERIFY(!verdict.ok());
    QCOMPARE(verdict.error().code(), ErrorCode::VerificationFailed);

    // openssl agrees.
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("bad.pem"), parsed->toPem());
    auto checked = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-in"), path,
                                       QStringLiteral("-verify"), QStringLiteral("-noout")});
    // openssl 3.0 exits with 0 either way; its verdict is in the text.
    const QByteArray verdictText = checked.standardOutput + checked.standardError;
    QVERIFY2(verdictText.contains("verify failure"), verdictText.constData());
    QVERIFY(!verdictText.contains("verify OK"));

    // Changing what was signed (the CN) breaks it as well.
    QByteArray badSubject = der;
    const auto at = badSubject.indexOf("alice");
    QVERIFY(at > 0);
    badSubject[at] = 'e';
    auto renamed = CertificateRequest::fromDer(badSubject);
    QVERIFY(renamed.ok());
    QCOMPARE(renamed->commonName(), QStringLiteral("elice"));
    QVERIFY(!renamed->verifySignature().ok());
}

void TestCertificateRequest::sansAreCriticalWithoutCommonName()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    const SubjectAltNames names = SubjectAltNames::fromList({QStringLiteral("only.example")});
    auto request = CertificateRequest::build(key.value(), QString(), names);
    QVERIFY(request.ok());
    QVERIFY(request->commonName().isEmpty());
    QCOMPARE(request->subjectAltNames(), names);
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("request.pem"), request->toPem());
    auto text = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-in"), path,
                                    QStringLiteral("-noout"), QStringLiteral("-text")});
    QVERIFY(text.succeeded());
    QVERIFY(text.standardOutput.contains("X509v3 Subject Alternative Name: critical"));

    auto nothing = CertificateRequest::build(key.value(), QString(), {});
    QVERIFY(!nothing.ok());
    QCOMPARE(nothing.error().code(), ErrorCode::InvalidInput);
}

void TestCertificateRequest::rejectsBadInput()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    const auto expectInvalid = [&](const QString &commonName, const SubjectAltNames &names) {
        auto request = CertificateRequest::build(key.value(), commonName, names);
        return !request.ok() && request.error().code() == ErrorCode::InvalidInput;
    };
    QVERIFY(CertificateRequest::build(key.value(), QString(64, u'a'), {}).ok());
    QVERIFY(expectInvalid(QString(65, u'a'), {})); // RFC 5280 ub-common-name
    QVERIFY(expectInvalid(QStringLiteral("x"),
                          SubjectAltNames::fromList({QStringLiteral("bücher.example")})));
    QVERIFY(expectInvalid(QStringLiteral("x"),
                          SubjectAltNames::fromList({QStringLiteral("has space.example")})));
    SubjectAltNames badIp;
    badIp.ipAddresses = {QStringLiteral("300.1.1.1")};
    QVERIFY(expectInvalid(QStringLiteral("x"), badIp));
    SubjectAltNames emptyName;
    emptyName.dnsNames = {QString()};
    QVERIFY(expectInvalid(QStringLiteral("x"), emptyName));
    auto noKey = CertificateRequest::build(PrivateKey(), QStringLiteral("x"), {});
    QVERIFY(!noKey.ok());
    QCOMPARE(noKey.error().code(), ErrorCode::InvalidInput);
}

void TestCertificateRequest::rejectsGarbage_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("pem");
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto request = CertificateRequest::build(key.value(), QStringLiteral("alice"), {});
    QVERIFY(request.ok());
    const QByteArray der = request->toDer();
    const QByteArray body = der.toBase64();

    QTest::newRow("empty pem") << QByteArray() << true;
    QTest::newRow("text") << QByteArray("certificate request, honest") << true;
    QTest::newRow("bad base64") << QByteArray("-----BEGIN CERTIFICATE REQUEST-----\n@@@@\n"
                                              "-----END CERTIFICATE REQUEST-----\n")
                                << true;
    QTest::newRow("no end line") << QByteArray("-----BEGIN CERTIFICATE REQUEST-----\n" + body
                                               + "\n")
                                 << true;
    QTest::newRow("other label") << QByteArray("-----BEGIN CERTIFICATE-----\n" + body
                                               + "\n-----END CERTIFICATE-----\n")
                                 << true;
    QTest::newRow("trailing byte in pem")
        << QByteArray("-----BEGIN CERTIFICATE REQUEST-----\n" + (der + '\0').toBase64()
                      + "\n-----END CERTIFICATE REQUEST-----\n")
        << true;
    QTest::newRow("empty der") << QByteArray() << false;
    QTest::newRow("random der") << QByteArray::fromHex("3082ffff0102030405") << false;
    QTest::newRow("truncated der") << der.left(der.size() - 3) << false;
    QTest::newRow("trailing byte") << der + '\0' << false;
}

void TestCertificateRequest::rejectsGarbage()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, pem);
    auto request = pem ? CertificateRequest::fromPem(input) : CertificateRequest::fromDer(input);
    QVERIFY(!request.ok());
    QCOMPARE(request.error().code(), ErrorCode::InvalidInput);
    QVERIFY(!request.error().message().isEmpty());
}

void TestCertificateRequest::nullRequestIsSafe()
{
    const CertificateRequest request;
    QVERIFY(request.isNull());
    QVERIFY(request.toPem().isEmpty());
    QVERIFY(request.toDer().isEmpty());
    QVERIFY(request.subject().isEmpty());
    QVERIFY(request.commonName().isEmpty());
    QVERIFY(request.subjectAltNames().isEmpty());
    QVERIFY(request.publicKey().isNull());
    QVERIFY(!request.verifySignature().ok());
    QVERIFY(!request.native());
}

QTEST_GUILESS_MAIN(TestCertificateRequest)
#include "tst_certificaterequest.moc"
