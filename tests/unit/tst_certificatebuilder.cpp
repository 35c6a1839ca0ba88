#include "crypto/certificate.h"
#include "crypto/certificatebuilder.h"
#include "crypto/certificaterequest.h"
#include "crypto/chainverifier.h"
#include "crypto/opensslptr.h"
#include "crypto/privatekey.h"
#include "processrunner.h"
#include "testfiles.h"

#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::openssl;
using certigram::test::readFile;
using certigram::test::runProcess;
using certigram::test::writeFile;

Q_DECLARE_METATYPE(certigram::KeyType)
Q_DECLARE_METATYPE(certigram::Certificate)

namespace {

QByteArray textDump(const QString &path)
{
    return openssl(QStringList{QStringLiteral("x509"), QStringLiteral("-in"), path,
                               QStringLiteral("-noout"), QStringLiteral("-text")})
        .standardOutput;
}

// A root and an intermediate for the tests that only need some issuer.
struct Authority
{
    PrivateKey rootKey;
    Certificate root;
    PrivateKey key;
    Certificate certificate;
};

Authority makeAuthority()
{
    Authority authority;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    authority.rootKey = PrivateKey::generate(KeyType::EcP256).valueOr({});
    authority.key = PrivateKey::generate(KeyType::EcP256).valueOr({});
    authority.root = CertificateBuilder()
                         .setSubject(QStringLiteral("Builder Root"))
                         .setValidity(now.addDays(-1), now.addYears(10))
                         .setCertificateAuthority(true, 1)
                         .selfSigned(authority.rootKey)
                         .valueOr({});
    authority.certificate = CertificateBuilder()
                                .setSubject(QStringLiteral("Builder Intermediate"))
                                .setSubjectPublicKey(authority.key.publicKey())
                                .setValidity(now.addDays(-1), now.addYears(5))
                                .setCertificateAuthority(true, 0)
                                .signedBy(authority.root, authority.rootKey)
                                .valueOr({});
    return authority;
}

} // namespace

class TestCertificateBuilder : public QObject
{
    Q_OBJECT

private slots:
    void issuesChainsOpensslAccepts_data();
    void issuesChainsOpensslAccepts();
    void keyIdentifierMatchesOpenssl();
    void encodesWhatOpensslEncodes_data();
    void encodesWhatOpensslEncodes();
    void randomSerials();
    void explicitSerials_data();
    void explicitSerials();
    void validity();
    void optionalExtensions();
    void sansWithoutSubjectAreCritical();
    void issuesFromRequest();
    void refusesWhatNoVerifierWouldAccept();
    void rejectsBadUsages();
};

void TestCertificateBuilder::issuesChainsOpensslAccepts_data()
{
    QTest::addColumn<KeyType>("rootType");
    QTest::addColumn<KeyType>("intermediateType");
    QTest::addColumn<KeyType>("leafType");
    QTest::addColumn<QByteArray>("leafSignature");
    QTest::newRow("ecdsa") << KeyType::EcP256 << KeyType::EcP384 << KeyType::EcP256
                           << QByteArray("ecdsa-with-SHA384");
    QTest::newRow("rsa") << KeyType::Rsa2048 << KeyType::Rsa3072 << KeyType::Rsa2048
                         << QByteArray("sha256WithRSAEncryption");
    QTest::newRow("ed25519") << KeyType::Ed25519 << KeyType::Ed25519 << KeyType::Ed25519
                             << QByteArray("ED25519");
    QTest::newRow("mixed") << KeyType::EcP384 << KeyType::Ed25519 << KeyType::Rsa2048
                           << QByteArray("ED25519");
}

void TestCertificateBuilder::issuesChainsOpensslAccepts()
{
    QFETCH(KeyType, rootType);
    QFETCH(KeyType, intermediateType);
    QFETCH(KeyType, leafType);
    QFETCH(QByteArray, leafSignature);
    auto rootKey = PrivateKey::generate(rootType);
    auto intermediateKey = PrivateKey::generate(intermediateType);
    auto leafKey = PrivateKey::generate(leafType);
    QVERIFY(rootKey && intermediateKey && leafKey);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    auto root = CertificateBuilder()
                    .setSubject(QStringLiteral("Certigram Test Root"), QStringLiteral("Certigram"))
                    .setValidity(now.addSecs(-3600), now.addYears(10))
                    .setCertificateAuthority(true, 1)
                    .selfSigned(rootKey.value());
    QVERIFY2(root.ok(), qPrintable(root.ok() ? QString() : errorMessage(root.error())));
    auto intermediate = CertificateBuilder()
                            .setSubject(QStringLiteral("Certigram Test Intermediate"),
                                        QStringLiteral("Certigram"))
                            .setSubjectPublicKey(intermediateKey->publicKey())
                            .setValidity(now.addSecs(-3600), now.addYears(5))
                            .setCertificateAuthority(true, 0)
                            .signedBy(root.value(), rootKey.value());
    QVERIFY2(intermediate.ok(),
             qPrintable(intermediate.ok() ? QString() : errorMessage(intermediate.error())));
    const SubjectAltNames names = SubjectAltNames::fromList(
        {QStringLiteral("alice.example.com"), QStringLiteral("192.0.2.1"),
         QStringLiteral("alice@example.com"), QStringLiteral("spiffe://example.org/alice")});
    auto leaf = CertificateBuilder()
                    .setSubject(QStringLiteral("alice"))
                    .setSubjectPublicKey(leafKey->publicKey())
                    .setSubjectAltNames(names)
                    .setNotAfter(now.addDays(1))
                    .signedBy(intermediate.value(), intermediateKey.value());
    QVERIFY2(leaf.ok(), qPrintable(leaf.ok() ? QString() : errorMessage(leaf.error())));

    // Our own reading of what we built.
    QVERIFY(root->isSelfSigned());
    QCOMPARE(root->subject(), QStringLiteral("CN=Certigram Test Root,O=Certigram"));
    QCOMPARE(root->pathLength(), 1);
    QCOMPARE(root->keyUsage(),
             (QStringList{QStringLiteral("keyCertSign"), QStringLiteral("cRLSign")}));
    QVERIFY(root->extendedKeyUsage().isEmpty());
    QCOMPARE(root->authorityKeyId(), root->subjectKeyId());
    QCOMPARE(intermediate->issuer(), root->subject());
    QCOMPARE(intermediate->pathLength(), 0);
    QCOMPARE(intermediate->authorityKeyId(), root->subjectKeyId());
    QVERIFY(!intermediate->isSelfSigned());
    QCOMPARE(leaf->issuer(), intermediate->subject());
    QCOMPARE(leaf->subject(), QStringLiteral("CN=alice"));
    QCOMPARE(leaf->authorityKeyId(), intermediate->subjectKeyId());
    QVERIFY(!leaf->isCertificateAuthority());
    QCOMPARE(leaf->subjectAltNames(), names);
    QStringList leafUsage{QStringLiteral("digitalSignature")};
    if (leafType == KeyType::Rsa2048)
        leafUsage << QStringLiteral("keyEncipherment");
    QCOMPARE(leaf->keyUsage(), leafUsage);
    QCOMPARE(leaf->extendedKeyUsage(),
             (QStringList{QStringLiteral("serverAuth"), QStringLiteral("clientAuth")}));
    QVERIFY(leaf->matchesPrivateKey(leafKey.value()));
    // Default notBefore: a minute back, against clock skew.
    QVERIFY(qAbs(leaf->notBefore().secsTo(now) - 60) <= 5);
    QVERIFY(leaf->serialHex() != intermediate->serialHex());

    ChainVerifier verifier(root.value());
    verifier.setPurpose(CertificatePurpose::ClientAuth);
    QVERIFY(verifier.verify(leaf.value(), {intermediate.value()}).ok());

    // openssl verifies the chain, strictly and for TLS clients and servers.
    QTemporaryDir dir;
    const QString rootPath = writeFile(dir, QStringLiteral("root.pem"), root->toPem());
    const QString intermediatePath
        = writeFile(dir, QStringLiteral("intermediate.pem"), intermediate->toPem());
    const QString leafPath = writeFile(dir, QStringLiteral("leaf.pem"), leaf->toPem());
    for (const char *purpose : {"sslclient", "sslserver"}) {
        auto verified = openssl(QStringList{
            QStringLiteral("verify"), QStringLiteral("-x509_strict"), QStringLiteral("-purpose"),
            QString::fromLatin1(purpose), QStringLiteral("-CAfile"), rootPath,
            QStringLiteral("-untrusted"), intermediatePath, leafPath});
        QVERIFY2(verified.succeeded(),
                 (verified.standardOutput + verified.standardError).constData());
        QVERIFY(verified.standardOutput.contains(leafPath.toLatin1() + ": OK"));
    }
    // …and not without the intermediate.
    auto incomplete = openssl(
        QStringList{QStringLiteral("verify"), QStringLiteral("-CAfile"), rootPath, leafPath});
    QVERIFY(!incomplete.succeeded());

    const QByteArray rootText = textDump(rootPath);
    for (const char *expected :
         {"X509v3 Basic Constraints: critical", "CA:TRUE, pathlen:1", "X509v3 Key Usage: critical",
          "Certificate Sign, CRL Sign", "X509v3 Subject Key Identifier",
          "Subject: O = Certigram, CN = Certigram Test Root"})
        QVERIFY2(rootText.contains(expected), expected);
    const QByteArray intermediateText = textDump(intermediatePath);
    QVERIFY(intermediateText.contains("CA:TRUE, pathlen:0"));
    const QByteArray leafText = textDump(leafPath);
    for (const char *expected :
         {"Version: 3 (0x2)", "CA:FALSE", "Digital Signature",
          "TLS Web Server Authentication, TLS Web Client Authentication", "DNS:alice.example.com",
          "IP Address:192.0.2.1", "email:alice@example.com", "URI:spiffe://example.org/alice",
          "X509v3 Authority Key Identifier",
          "Issuer: O = Certigram, CN = Certigram Test Intermediate"})
        QVERIFY2(leafText.contains(expected), expected);
    QVERIFY(leafText.contains("Signature Algorithm: " + leafSignature));
    QVERIFY(
        leafText.contains(Certificate::colonSeparatedHex(intermediate->subjectKeyId()).toLatin1()));
}

void TestCertificateBuilder::keyIdentifierMatchesOpenssl()
{
    // openssl's "subjectKeyIdentifier = hash" for the same key gives the same identifier.
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto ours = CertificateBuilder()
                    .setSubject(QStringLiteral("ski"))
                    .setNotAfter(QDateTime::currentDateTimeUtc().addDays(1))
                    .selfSigned(key.value());
    QVERIFY(ours.ok());
    QTemporaryDir dir;
    auto pem = key->toPem();
    QVERIFY(pem.ok());
    const QString keyPath = writeFile(dir, QStringLiteral("key.pem"), pem->toByteArrayUnsafe());
    const QString certificatePath = dir.filePath(QStringLiteral("theirs.pem"));
    auto made = openssl(QStringList{
        QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-key"), keyPath,
        QStringLiteral("-subj"), QStringLiteral("/CN=ski"), QStringLiteral("-addext"),
        QStringLiteral("subjectKeyIdentifier=hash"), QStringLiteral("-out"), certificatePath});
    QVERIFY2(made.succeeded(), made.standardError.constData());
    auto theirs = Certificate::fromPem(readFile(certificatePath));
    QVERIFY(theirs.ok());
    QVERIFY(!ours->subjectKeyId().isEmpty());
    QCOMPARE(ours->subjectKeyId(), theirs->subjectKeyId());
}

void TestCertificateBuilder::encodesWhatOpensslEncodes_data()
{
    QTest::addColumn<Certificate>("certificate");
    const Authority authority = makeAuthority();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto rsaKey = PrivateKey::generate(KeyType::Rsa2048);
    auto ecKey = PrivateKey::generate(KeyType::EcP384);
    QVERIFY(rsaKey && ecKey);
    // Long enough for two-byte DER lengths in the SAN extension and the whole certificate.
    QStringList manyNames;
    for (int i = 0; i < 40; ++i)
        manyNames << QStringLiteral("host-%1.example.org").arg(i);
    manyNames << QStringLiteral("192.0.2.7") << QStringLiteral("2001:db8::7")
              << QStringLiteral("ops@example.org") << QStringLiteral("spiffe://example.org/a");

    QTest::newRow("root, path length 1") << authority.root;
    QTest::newRow("intermediate, path length 0") << authority.certificate;
    QTest::newRow("RSA leaf, many SANs")
        << CertificateBuilder()
               .setSubject(QStringLiteral("rsa leaf"), QStringLiteral("Example Org"))
               .setSubjectPublicKey(rsaKey->publicKey())
               .setSubjectAltNames(SubjectAltNames::fromList(manyNames))
               .setValidity(now, now.addYears(40)) // past 2049: GeneralizedTime
               .signedBy(authority.certificate, authority.key)
               .valueOr({});
    QTest::newRow("P-384 leaf, every usage, 64-character non-ASCII CN")
        << CertificateBuilder()
               .setSubject(QString(64, QChar(0x00e9)))
               .setSubjectPublicKey(ecKey->publicKey())
               .setKeyUsage(Certificate::keyUsageNames())
               .setExtendedKeyUsage({QStringLiteral("serverAuth"), QStringLiteral("codeSigning"),
                                     QStringLiteral("1.3.6.1.4.1.99999.1")})
               .setNotAfter(now.addDays(1))
               .signedBy(authority.certificate, authority.key)
               .valueOr({});
    // P-521 has the longest point the builder encodes (133 bytes); KeyType has no P-521.
    const PrivateKey p521Key = PrivateKey::adopt(EVP_EC_gen("P-521"));
    QVERIFY(!p521Key.isNull());
    QTest::newRow("P-521 leaf") << CertificateBuilder()
                                       .setSubject(QStringLiteral("p-521 leaf"))
                                       .setSubjectPublicKey(p521Key.publicKey())
                                       .setNotAfter(now.addDays(1))
                                       .signedBy(authority.certificate, authority.key)
                                       .valueOr({});
    QTest::newRow("CA without path length, decipherOnly alone")
        << CertificateBuilder()
               .setSubject(QStringLiteral("unlimited"))
               .setCertificateAuthority(true)
               .setKeyUsage({QStringLiteral("decipherOnly")})
               .setNotAfter(now.addDays(1))
               .selfSigned(ecKey.value())
               .valueOr({});
}

void TestCertificateBuilder::encodesWhatOpensslEncodes()
{
    // The builder writes DER itself. OpenSSL re-encoding what it parsed out of each part
    // must give the same bytes: anything else is not DER, or not what OpenSSL would write.
    QFETCH(Certificate, certificate);
    QVERIFY(!certificate.isNull());
    X509 *native = certificate.native();
    const QByteArray original = certificate.toDer();

    // The TBSCertificate re-encoded from its parsed fields (the version, serial, algorithm,
    // key and extension list; validity() checks the times).
    unsigned char *reencoded = nullptr;
    const int reencodedLength = i2d_re_X509_tbs(native, &reencoded);
    QVERIFY(reencodedLength > 0);
    const QByteArray tbs(reinterpret_cast<const char *>(reencoded), reencodedLength);
    OPENSSL_free(reencoded);
    QVERIFY(original.contains(tbs));

    // Each extension's value, through OpenSSL's own encoder for its type.
    for (int i = 0; i < X509_get_ext_count(native); ++i) {
        X509_EXTENSION *extension = X509_get_ext(native, i);
        const int nid = OBJ_obj2nid(X509_EXTENSION_get_object(extension));
        void *decoded = X509V3_EXT_d2i(extension);
        QVERIFY2(decoded, OBJ_nid2sn(nid));
        // OpenSSL keeps a parsed BIT STRING's unused-bit count; cleared, it counts them
        // itself, as DER wants: only past the last bit set.
        if (nid == NID_key_usage)
            static_cast<ASN1_BIT_STRING *>(decoded)->flags &= ~(ASN1_STRING_FLAG_BITS_LEFT | 0x07);
        ossl::X509ExtensionPtr again(
            X509V3_EXT_i2d(nid, X509_EXTENSION_get_critical(extension), decoded));
        X509V3_EXT_METHOD const *method = X509V3_EXT_get_nid(nid);
        QVERIFY(method && method->it);
        ASN1_item_free(static_cast<ASN1_VALUE *>(decoded), ASN1_ITEM_ptr(method->it));
        QCOMPARE(ossl::encodeDer(again.get(), i2d_X509_EXTENSION),
                 ossl::encodeDer(extension, i2d_X509_EXTENSION));
    }

    // The subject as X509_NAME_add_entry_by_NID writes it from the same UTF-8 strings.
    const X509_NAME *subject = X509_get_subject_name(native);
    ossl::Owner<X509_NAME, X509_NAME_free> rebuilt(X509_NAME_new());
    for (int i = 0; i < X509_NAME_entry_count(subject); ++i) {
        const X509_NAME_ENTRY *entry = X509_NAME_get_entry(subject, i);
        const ASN1_STRING *value = X509_NAME_ENTRY_get_data(entry);
        QCOMPARE(ASN1_STRING_type(value), V_ASN1_UTF8STRING);
        QVERIFY(X509_NAME_add_entry_by_NID(
            rebuilt.get(), OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry)), MBSTRING_UTF8,
            ASN1_STRING_get0_data(value), ASN1_STRING_length(value), -1, 0));
    }
    QCOMPARE(ossl::encodeDer(rebuilt.get(), i2d_X509_NAME),
             ossl::encodeDer(subject, i2d_X509_NAME));
}

void TestCertificateBuilder::randomSerials()
{
    QSet<QByteArray> seen;
    bool sawTopBit = false;
    for (int i = 0; i < 500; ++i) {
        auto serial = CertificateBuilder::randomSerial();
        QVERIFY(serial.ok());
        QCOMPARE(serial->size(), 16);
        QVERIFY(serial.value() != QByteArray(16, '\0'));
        sawTopBit = sawTopBit || (static_cast<uchar>(serial->at(0)) & 0x80);
        seen.insert(serial.value());
    }
    QCOMPARE(seen.size(), 500);
    QVERIFY(sawTopBit); // fails with probability 2^-500

    // Serials of built certificates are positive, distinct, and at most 16 bytes of value.
    auto key = PrivateKey::generate(KeyType::Ed25519);
    QVERIFY(key.ok());
    CertificateBuilder builder;
    builder.setSubject(QStringLiteral("serial"))
        .setNotAfter(QDateTime::currentDateTimeUtc().addDays(1));
    QSet<QString> serials;
    for (int i = 0; i < 20; ++i) {
        auto certificate = builder.selfSigned(key.value());
        QVERIFY(certificate.ok());
        const QString hex = certificate->serialHex();
        QVERIFY(!hex.startsWith(u'-'));
        QVERIFY(hex != QStringLiteral("00"));
        QVERIFY(hex.size() <= 32);
        serials.insert(hex);
    }
    QCOMPARE(serials.size(), 20);
}

void TestCertificateBuilder::explicitSerials_data()
{
    QTest::addColumn<QByteArray>("serial");
    QTest::addColumn<QString>("hex"); // empty: refused
    QTest::newRow("one") << QByteArray::fromHex("01") << QStringLiteral("01");
    QTest::newRow("leading zeros dropped")
        << QByteArray::fromHex("000000ab") << QStringLiteral("AB");
    QTest::newRow("top bit (17 DER bytes)")
        << QByteArray::fromHex("80000000000000000000000000000001")
        << QStringLiteral("80000000000000000000000000000001");
    QTest::newRow("20 bytes") << QByteArray(20, '\x7f') << QStringLiteral("7F").repeated(20);
    QTest::newRow("20 bytes, top bit") << QByteArray(20, '\x80') << QString();
    QTest::newRow("21 bytes") << QByteArray(21, '\x01') << QString();
    QTest::newRow("zero") << QByteArray(4, '\0') << QString();
}

void TestCertificateBuilder::explicitSerials()
{
    QFETCH(QByteArray, serial);
    QFETCH(QString, hex);
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto certificate = CertificateBuilder()
                           .setSubject(QStringLiteral("serial"))
                           .setSerial(serial)
                           .setNotAfter(QDateTime::currentDateTimeUtc().addDays(1))
                           .selfSigned(key.value());
    if (hex.isEmpty()) {
        QVERIFY(!certificate.ok());
        QCOMPARE(certificate.error().code(), ErrorCode::InvalidInput);
        return;
    }
    QVERIFY2(certificate.ok(),
             qPrintable(certificate.ok() ? QString() : errorMessage(certificate.error())));
    QCOMPARE(certificate->serialHex(), hex);
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("c.pem"), certificate->toPem());
    auto printed = openssl(QStringList{QStringLiteral("x509"), QStringLiteral("-in"), path,
                                       QStringLiteral("-noout"), QStringLiteral("-serial")});
    QVERIFY(printed.succeeded());
    QCOMPARE(printed.standardOutput.trimmed(), "serial=" + hex.toLatin1());
}

void TestCertificateBuilder::validity()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    const QDateTime from(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
    // After 2049 the time is a GeneralizedTime (RFC 5280 §4.1.2.5).
    const QDateTime until(QDate(2051, 6, 7), QTime(8, 9, 10), Qt::UTC);
    auto certificate = CertificateBuilder()
                           .setSubject(QStringLiteral("validity"))
                           .setValidity(from, until)
                           .selfSigned(key.value());
    QVERIFY(certificate.ok());
    QCOMPARE(certificate->notBefore(), from);
    QCOMPARE(certificate->notAfter(), until);
    QVERIFY(!certificate->isValidAt(QDateTime::currentDateTimeUtc()));
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("c.pem"), certificate->toPem());
    auto dates = openssl(QStringList{QStringLiteral("x509"), QStringLiteral("-in"), path,
                                     QStringLiteral("-noout"), QStringLiteral("-dates"),
                                     QStringLiteral("-dateopt"), QStringLiteral("iso_8601")});
    QVERIFY(dates.succeeded());
    QVERIFY(dates.standardOutput.contains("notBefore=2030-01-02 03:04:05Z"));
    QVERIFY(dates.standardOutput.contains("notAfter=2051-06-07 08:09:10Z"));

    const auto refused = [&](CertificateBuilder builder) {
        auto result = builder.setSubject(QStringLiteral("x")).selfSigned(key.value());
        return !result.ok() && result.error().code() == ErrorCode::InvalidInput;
    };
    QVERIFY(refused(CertificateBuilder())); // no notAfter
    QVERIFY(refused(CertificateBuilder().setValidity(until, from)));
    QVERIFY(refused(CertificateBuilder().setValidity(from, from)));
}

void TestCertificateBuilder::optionalExtensions()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    const QDateTime until = QDateTime::currentDateTimeUtc().addDays(1);
    auto bare = CertificateBuilder()
                    .setSubject(QStringLiteral("bare"))
                    .setNotAfter(until)
                    .setKeyUsage({})
                    .setExtendedKeyUsage({})
                    .setKeyIdentifiers(false)
                    .selfSigned(key.value());
    QVERIFY(bare.ok());
    QVERIFY(bare->keyUsage().isEmpty());
    QVERIFY(bare->extendedKeyUsage().isEmpty());
    QVERIFY(bare->subjectKeyId().isEmpty());
    QVERIFY(bare->authorityKeyId().isEmpty());
    QVERIFY(!bare->isCertificateAuthority());

    auto custom
        = CertificateBuilder()
              .setSubject(QStringLiteral("custom"))
              .setNotAfter(until)
              .setKeyUsage({QStringLiteral("digitalSignature"), QStringLiteral("nonRepudiation"),
                            QStringLiteral("decipherOnly")})
              .setExtendedKeyUsage(
                  {QStringLiteral("codeSigning"), QStringLiteral("1.3.6.1.4.1.99999.1")})
              .selfSigned(key.value());
    QVERIFY(custom.ok());
    QCOMPARE(custom->keyUsage(),
             (QStringList{QStringLiteral("digitalSignature"), QStringLiteral("nonRepudiation"),
                          QStringLiteral("decipherOnly")}));
    QCOMPARE(custom->extendedKeyUsage(),
             (QStringList{QStringLiteral("codeSigning"), QStringLiteral("1.3.6.1.4.1.99999.1")}));
}

void TestCertificateBuilder::sansWithoutSubjectAreCritical()
{
    const Authority authority = makeAuthority();
    QVERIFY(!authority.certificate.isNull());
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto leaf = CertificateBuilder()
                    .setSubjectPublicKey(key->publicKey())
                    .setSubjectAltNames(SubjectAltNames::fromList({QStringLiteral("a.example")}))
                    .setNotAfter(QDateTime::currentDateTimeUtc().addDays(1))
                    .signedBy(authority.certificate, authority.key);
    QVERIFY(leaf.ok());
    QVERIFY(leaf->subject().isEmpty());
    QTemporaryDir dir;
    const QByteArray text = textDump(writeFile(dir, QStringLiteral("c.pem"), leaf->toPem()));
    QVERIFY(text.contains("X509v3 Subject Alternative Name: critical"));

    auto nameless = CertificateBuilder()
                        .setSubjectPublicKey(key->publicKey())
                        .setNotAfter(QDateTime::currentDateTimeUtc().addDays(1))
                        .signedBy(authority.certificate, authority.key);
    QVERIFY(!nameless.ok());
    QCOMPARE(nameless.error().code(), ErrorCode::InvalidInput);
}

void TestCertificateBuilder::issuesFromRequest()
{
    const Authority authority = makeAuthority();
    auto key = PrivateKey::generate(KeyType::Ed25519);
    QVERIFY(key.ok());
    const SubjectAltNames names = SubjectAltNames::fromList(
        {QStringLiteral("bob.example.com"), QStringLiteral("2001:db8::2")});
    auto request = CertificateRequest::build(key.value(), QStringLiteral("Zoë Ångström"), names);
    QVERIFY(request.ok());
    auto builder = CertificateBuilder::fromRequest(request.value());
    QVERIFY(builder.ok());
    auto leaf = builder.value()
                    .setNotAfter(QDateTime::currentDateTimeUtc().addDays(1))
                    .signedBy(authority.certificate, authority.key);
    QVERIFY2(leaf.ok(), qPrintable(leaf.ok() ? QString() : errorMessage(leaf.error())));
    QCOMPARE(leaf->commonName(), QStringLiteral("Zoë Ångström"));
    QCOMPARE(leaf->subject(), QStringLiteral("CN=Zoë Ångström"));
    QCOMPARE(leaf->subjectAltNames(), names);
    QVERIFY(leaf->matchesPrivateKey(key.value()));
    QVERIFY(ChainVerifier(authority.root).verify(leaf.value(), {authority.certificate}).ok());

    // An ECDSA request read as a client sends it (DER): its SubjectPublicKeyInfo goes into
    // the certificate as it is, and the subject key identifier is still that key's.
    auto ecKey = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(ecKey.ok());
    auto ecRequest = CertificateRequest::build(ecKey.value(), QStringLiteral("carol"), names);
    QVERIFY(ecRequest.ok());
    auto received = CertificateRequest::fromDer(ecRequest->toDer());
    QVERIFY(received.ok());
    QVERIFY(!received->subjectPublicKeyInfo().isEmpty());
    auto fromReceived = CertificateBuilder::fromRequest(received.value());
    QVERIFY(fromReceived.ok());
    auto sameKey = fromReceived.value()
                       .setNotAfter(QDateTime::currentDateTimeUtc().addDays(1))
                       .signedBy(authority.certificate, authority.key);
    QVERIFY(sameKey.ok());
    QVERIFY(sameKey->matchesPrivateKey(ecKey.value()));
    QCOMPARE(ossl::encodeDer(X509_get_X509_PUBKEY(sameKey->native()), i2d_X509_PUBKEY),
             received->subjectPublicKeyInfo());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    QVERIFY(X509_pubkey_digest(sameKey->native(), EVP_sha1(), digest, &digestLength) == 1);
    QCOMPARE(sameKey->subjectKeyId(),
             QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest),
                                            static_cast<qsizetype>(digestLength))
                                     .toHex()));

    // A request whose signature does not verify is refused.
    QByteArray der = request->toDer();
    der[der.size() - 1] = static_cast<char>(der.back() ^ 0x01);
    auto tampered = CertificateRequest::fromDer(der);
    QVERIFY(tampered.ok());
    auto refused = CertificateBuilder::fromRequest(tampered.value());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code(), ErrorCode::VerificationFailed);
}

void TestCertificateBuilder::refusesWhatNoVerifierWouldAccept()
{
    const Authority authority = makeAuthority();
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    const QDateTime until = QDateTime::currentDateTimeUtc().addDays(1);
    CertificateBuilder leafBuilder;
    leafBuilder.setSubject(QStringLiteral("leaf"))
        .setSubjectPublicKey(key->publicKey())
        .setNotAfter(until);
    auto leaf = leafBuilder.signedBy(authority.certificate, authority.key);
    QVERIFY(leaf.ok());

    const auto refused = [](const Result<Certificate> &result, const QString &why) {
        if (result.ok() || result.error().code() != ErrorCode::InvalidInput) {
            qWarning("expected a refusal for: %s", qPrintable(why));
            return false;
        }
        return true;
    };
    QVERIFY(refused(leafBuilder.signedBy(leaf.value(), key.value()), QStringLiteral("leaf")));
    // The same checks, made once for an issuer that signs many (the embedded CA's).
    QCOMPARE(CertificateBuilder::Issuer::check(leaf.value(), key.value()).error().code(),
             ErrorCode::InvalidInput);
    QCOMPARE(
        CertificateBuilder::Issuer::check(authority.certificate, authority.rootKey).error().code(),
        ErrorCode::InvalidInput);
    auto issuer = CertificateBuilder::Issuer::check(authority.certificate, authority.key);
    QVERIFY(issuer.ok());
    const auto underPathLengthZero = CertificateBuilder(leafBuilder)
                                         .setCertificateAuthority(true)
                                         .signedByAsDer(issuer.value());
    QVERIFY(!underPathLengthZero.ok());
    QCOMPARE(underPathLengthZero.error().code(), ErrorCode::InvalidInput);
    QVERIFY(refused(leafBuilder.signedBy(authority.certificate, authority.rootKey),
                    QStringLiteral("wrong issuer key")));
    QVERIFY(refused(CertificateBuilder(leafBuilder)
                        .setCertificateAuthority(true)
                        .signedBy(authority.certificate, authority.key),
                    QStringLiteral("CA under pathlen 0")));
    QVERIFY(
        refused(leafBuilder.signedBy(Certificate(), authority.key), QStringLiteral("null issuer")));
    QVERIFY(refused(CertificateBuilder(leafBuilder)
                        .setSubjectPublicKey(PublicKey())
                        .signedBy(authority.certificate, authority.key),
                    QStringLiteral("no subject key")));
    QVERIFY(refused(leafBuilder.selfSigned(authority.key),
                    QStringLiteral("self-signed with another key")));

    // A CA whose key usage lacks keyCertSign may not sign.
    auto crlOnly = CertificateBuilder()
                       .setSubject(QStringLiteral("CRL signer"))
                       .setSubjectPublicKey(key->publicKey())
                       .setNotAfter(until)
                       .setCertificateAuthority(true, 0)
                       .setKeyUsage({QStringLiteral("cRLSign")})
                       .signedBy(authority.root, authority.rootKey);
    QVERIFY(crlOnly.ok());
    QVERIFY(refused(leafBuilder.signedBy(crlOnly.value(), key.value()),
                    QStringLiteral("no keyCertSign")));
}

void TestCertificateBuilder::rejectsBadUsages()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    CertificateBuilder builder;
    builder.setSubject(QStringLiteral("x")).setNotAfter(QDateTime::currentDateTimeUtc().addDays(1));
    for (const QStringList &usage :
         {QStringList{QStringLiteral("signEverything")}, QStringList{QStringLiteral("")}}) {
        auto result = CertificateBuilder(builder).setKeyUsage(usage).selfSigned(key.value());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::InvalidInput);
    }
    for (const QStringList &usage :
         {QStringList{QStringLiteral("commonName")}, QStringList{QStringLiteral("noSuchThing")},
          QStringList{QString()}}) {
        auto result
            = CertificateBuilder(builder).setExtendedKeyUsage(usage).selfSigned(key.value());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::InvalidInput);
    }
    auto tooLong = CertificateBuilder(builder)
                       .setSubject(QStringLiteral("x"), QString(65, u'o'))
                       .selfSigned(key.value());
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().code(), ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestCertificateBuilder)
#include "tst_certificatebuilder.moc"
