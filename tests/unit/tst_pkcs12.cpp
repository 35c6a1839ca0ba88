#include "crypto/certificatebuilder.h"
#include "crypto/pkcs12bundle.h"
#include "processrunner.h"
#include "testfiles.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::openssl;
using certigram::test::readFile;
using certigram::test::runProcess;
using certigram::test::writeFile;

Q_DECLARE_METATYPE(certigram::KeyType)
Q_DECLARE_METATYPE(certigram::Pkcs12Format)

namespace {

// Non-ASCII on purpose: both sides must agree on UTF-8.
const char kPassword[] = "correct horse ✓ battery";
const char kFriendlyName[] = "Alice’s key ✓";

SecretBytes password(const char *text = kPassword)
{
    return SecretBytes::fromUtf8(QString::fromUtf8(text));
}

// The password as openssl's "-passin stdin" / "-passout stdin" read it: the first line.
QByteArray passwordLine(const char *text = kPassword)
{
    return QByteArray(text) + '\n';
}

} // namespace

class TestPkcs12 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensslReadsOurFiles_data();
    void opensslReadsOurFiles();
    void roundTripsEachKeyType_data();
    void roundTripsEachKeyType();
    void readsOpensslFiles_data();
    void readsOpensslFiles();
    void emptyPasswordFromOpenssl();
    void wrongPassword_data();
    void wrongPassword();
    void refusesBadExports();
    void rejectsGarbage_data();
    void rejectsGarbage();

private:
    // Issues a leaf for `key` under m_intermediate.
    Certificate issueLeaf(const PrivateKey &key) const;

    QTemporaryDir m_dir;
    PrivateKey m_rootKey;
    Certificate m_root;
    PrivateKey m_intermediateKey;
    Certificate m_intermediate;
    PrivateKey m_leafKey;
    Certificate m_leaf;
    Pkcs12Export m_modern;
    Pkcs12Export m_legacy;
};

Certificate TestPkcs12::issueLeaf(const PrivateKey &key) const
{
    return CertificateBuilder()
        .setSubject(QStringLiteral("alice"))
        .setSubjectPublicKey(key.publicKey())
        .setSubjectAltNames(SubjectAltNames::fromList({QStringLiteral("alice.example.com")}))
        .setNotAfter(QDateTime::currentDateTimeUtc().addDays(1))
        .signedBy(m_intermediate, m_intermediateKey)
        .valueOr({});
}

void TestPkcs12::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_rootKey = PrivateKey::generate(KeyType::EcP384).valueOr({});
    m_intermediateKey = PrivateKey::generate(KeyType::EcP256).valueOr({});
    m_leafKey = PrivateKey::generate(KeyType::EcP256).valueOr({});
    m_root = CertificateBuilder()
                 .setSubject(QStringLiteral("PKCS#12 Test Root"))
                 .setValidity(now.addDays(-1), now.addYears(10))
                 .setCertificateAuthority(true, 1)
                 .selfSigned(m_rootKey)
                 .valueOr({});
    m_intermediate = CertificateBuilder()
                         .setSubject(QStringLiteral("PKCS#12 Test Intermediate"))
                         .setSubjectPublicKey(m_intermediateKey.publicKey())
                         .setValidity(now.addDays(-1), now.addYears(5))
                         .setCertificateAuthority(true, 0)
                         .signedBy(m_root, m_rootKey)
                         .valueOr({});
    m_leaf = issueLeaf(m_leafKey);
    QVERIFY(!m_root.isNull() && !m_intermediate.isNull() && !m_leaf.isNull());

    // One file of each format, shared by the tests that only read them.
    auto modern
        = Pkcs12Bundle::exportBundle(m_leafKey, m_leaf, {m_intermediate, m_root}, password(),
                                     QString::fromUtf8(kFriendlyName), Pkcs12Format::Modern);
    QVERIFY2(modern.ok(), qPrintable(modern.ok() ? QString() : errorMessage(modern.error())));
    m_modern = modern.value();
    auto legacy
        = Pkcs12Bundle::exportBundle(m_leafKey, m_leaf, {m_intermediate, m_root}, password(),
                                     QString::fromUtf8(kFriendlyName), Pkcs12Format::Legacy);
    QVERIFY2(legacy.ok(), qPrintable(legacy.ok() ? QString() : errorMessage(legacy.error())));
    m_legacy = legacy.value();
    // Debian's OpenSSL ships the legacy provider, so RC2 is expected here.
    QVERIFY(!m_legacy.certificatesUseTripleDes);
    QVERIFY(!m_modern.certificatesUseTripleDes);
}

void TestPkcs12::opensslReadsOurFiles_data()
{
    QTest::addColumn<Pkcs12Format>("format");
    QTest::addColumn<QStringList>("expected"); // lines of `openssl pkcs12 -info`
    QTest::newRow("modern")
        << Pkcs12Format::Modern
        << QStringList{
               QStringLiteral("MAC: sha256, Iteration 600000"),
               QStringLiteral("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration "
                              "600000, PRF hmacWithSHA256"),
               QStringLiteral("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, "
                              "PRF hmacWithSHA256")};
    QTest::newRow("legacy")
        << Pkcs12Format::Legacy
        << QStringList{
               QStringLiteral("MAC: sha1, Iteration 2048"),
               QStringLiteral("PKCS7 Encrypted data: pbeWithSHA1And40BitRC2-CBC, Iteration 2048"),
               QStringLiteral("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration "
                              "2048")};
}

void TestPkcs12::opensslReadsOurFiles()
{
    QFETCH(Pkcs12Format, format);
    QFETCH(QStringList, expected);
    const Pkcs12Export &exported = format == Pkcs12Format::Modern ? m_modern : m_legacy;
    QVERIFY(!exported.protection.isEmpty());
    const QString path = writeFile(m_dir, QStringLiteral("ours.p12"), exported.data);
    QStringList common{QStringLiteral("pkcs12"), QStringLiteral("-in"), path,
                       QStringLiteral("-passin"), QStringLiteral("stdin")};
    if (format == Pkcs12Format::Legacy)
        common << QStringLiteral("-legacy"); // openssl 3 needs it for RC2

    auto info = openssl(QStringList(common) << QStringLiteral("-info") << QStringLiteral("-nokeys"),
                        passwordLine());
    QVERIFY2(info.succeeded(), info.standardError.constData());
    const QString text = QString::fromUtf8(info.standardOutput + info.standardError);
    for (const QString &line : expected)
        QVERIFY2(text.contains(line), qPrintable(line + QStringLiteral("\n\n") + text));
    // openssl prints a BMPString's low bytes only; a name encoded as UTF-16 shows as
    // these (a UTF-8 name stored byte by byte would show its UTF-8 bytes instead).
    QByteArray lowBytes;
    for (QChar c : QString::fromUtf8(kFriendlyName))
        lowBytes += static_cast<char>(c.unicode() & 0xff);
    QVERIFY(info.standardOutput.contains("friendlyName: " + lowBytes + '\n'));

    // The same key and certificates, leaf first.
    auto contents = openssl(QStringList(common) << QStringLiteral("-noenc"), passwordLine());
    QVERIFY2(contents.succeeded(), contents.standardError.constData());
    // PrivateKey::fromPem wants the key block alone (OpenSSL 3's decoder stops at the
    // first block, a certificate here).
    const QByteArray &dump = contents.standardOutput;
    const auto keyStart = dump.indexOf("-----BEGIN PRIVATE KEY-----");
    const auto keyEnd = dump.indexOf("-----END PRIVATE KEY-----");
    QVERIFY(keyStart >= 0 && keyEnd > keyStart);
    auto key = PrivateKey::fromPem(dump.mid(keyStart, keyEnd + 26 - keyStart));
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : errorMessage(key.error())));
    QVERIFY(key->publicKey() == m_leafKey.publicKey());
    auto certificates = Certificate::chainFromPem(contents.standardOutput);
    QVERIFY(certificates.ok());
    QCOMPARE(certificates->size(), 3);
    QVERIFY(certificates->at(0) == m_leaf);
    QVERIFY(certificates->at(1) == m_intermediate);
    QVERIFY(certificates->at(2) == m_root);

    if (format == Pkcs12Format::Legacy) {
        // Without -legacy, openssl 3 cannot decrypt RC2: proof the certificates use it.
        QStringList plain{
            QStringLiteral("pkcs12"),  QStringLiteral("-in"),   path,
            QStringLiteral("-passin"), QStringLiteral("stdin"), QStringLiteral("-noenc")};
        QVERIFY(!openssl(plain, passwordLine()).succeeded());
    }

    // And we read it back ourselves.
    auto imported = Pkcs12Bundle::importBundle(exported.data, password());
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : errorMessage(imported.error())));
    QVERIFY(imported->key.publicKey() == m_leafKey.publicKey());
    QVERIFY(imported->certificate == m_leaf);
    QCOMPARE(imported->chain.size(), 2);
    QVERIFY(imported->chain.at(0) == m_intermediate);
    QVERIFY(imported->chain.at(1) == m_root);
    QCOMPARE(imported->friendlyName, QString::fromUtf8(kFriendlyName));
}

void TestPkcs12::roundTripsEachKeyType_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<Pkcs12Format>("format");
    QTest::newRow("rsa-2048 modern") << KeyType::Rsa2048 << Pkcs12Format::Modern;
    QTest::newRow("rsa-2048 legacy") << KeyType::Rsa2048 << Pkcs12Format::Legacy;
    QTest::newRow("ec-p384 legacy") << KeyType::EcP384 << Pkcs12Format::Legacy;
    QTest::newRow("ed25519 modern") << KeyType::Ed25519 << Pkcs12Format::Modern;
    QTest::newRow("ed25519 legacy") << KeyType::Ed25519 << Pkcs12Format::Legacy;
}

void TestPkcs12::roundTripsEachKeyType()
{
    QFETCH(KeyType, type);
    QFETCH(Pkcs12Format, format);
    auto key = PrivateKey::generate(type);
    QVERIFY(key.ok());
    const Certificate leaf = issueLeaf(key.value());
    QVERIFY(!leaf.isNull());
    // No chain and no friendly name this time.
    auto exported = Pkcs12Bundle::exportBundle(key.value(), leaf, {}, password(), {}, format);
    QVERIFY2(exported.ok(), qPrintable(exported.ok() ? QString() : errorMessage(exported.error())));
    auto imported = Pkcs12Bundle::importBundle(exported->data, password());
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : errorMessage(imported.error())));
    QCOMPARE(imported->key.keyType(), std::optional<KeyType>(type));
    QVERIFY(imported->key.publicKey() == key->publicKey());
    QVERIFY(imported->certificate == leaf);
    QVERIFY(imported->chain.isEmpty());
    QVERIFY(imported->friendlyName.isEmpty());
    // The imported key really is the private key: it signs what the certificate verifies.
    auto signature = imported->key.sign("data", imported->key.defaultDigest());
    QVERIFY(signature.ok());
    QVERIFY(leaf.publicKey().verify("data", signature.value(), key->defaultDigest()).ok());
    // Re-exporting what we imported works (the imported certificate carries aux data).
    auto again = Pkcs12Bundle::exportBundle(imported->key, imported->certificate, {}, password(),
                                            {}, format);
    QVERIFY(again.ok());
}

void TestPkcs12::readsOpensslFiles_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("hasMac");
    QTest::newRow("openssl 3 default") << QStringList() << true;
    QTest::newRow("legacy (RC2)") << QStringList{QStringLiteral("-legacy")} << true;
    QTest::newRow("no MAC") << QStringList{QStringLiteral("-nomac")} << false;
}

void TestPkcs12::readsOpensslFiles()
{
    QFETCH(QStringList, options);
    QFETCH(bool, hasMac);
    QTemporaryDir dir;
    auto keyPem = m_leafKey.toPem();
    QVERIFY(keyPem.ok());
    const QString keyPath = writeFile(dir, QStringLiteral("key.pem"), keyPem->toByteArrayUnsafe());
    const QString leafPath = writeFile(dir, QStringLiteral("leaf.pem"), m_leaf.toPem());
    const QString chainPath
        = writeFile(dir, QStringLiteral("chain.pem"), m_intermediate.toPem() + m_root.toPem());
    const QString bundlePath = dir.filePath(QStringLiteral("theirs.p12"));
    auto made
        = openssl(QStringList{QStringLiteral("pkcs12"), QStringLiteral("-export"),
                              QStringLiteral("-inkey"), keyPath, QStringLiteral("-in"), leafPath,
                              QStringLiteral("-certfile"), chainPath, QStringLiteral("-name"),
                              QStringLiteral("Bob"), QStringLiteral("-passout"),
                              QStringLiteral("stdin"), QStringLiteral("-out"), bundlePath}
                      << options,
                  passwordLine());
    QVERIFY2(made.succeeded(), made.standardError.constData());

    const QByteArray data = readFile(bundlePath);
    auto imported = Pkcs12Bundle::importBundle(data, password());
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : errorMessage(imported.error())));
    QVERIFY(imported->key.publicKey() == m_leafKey.publicKey());
    QVERIFY(imported->certificate == m_leaf);
    QCOMPARE(imported->chain.size(), 2);
    QVERIFY(imported->chain.at(0) == m_intermediate);
    QVERIFY(imported->chain.at(1) == m_root);
    QCOMPARE(imported->friendlyName, QStringLiteral("Bob"));

    // Without a MAC a wrong password shows only as a failed decryption.
    auto wrong = Pkcs12Bundle::importBundle(data, password("wrong"));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code(), ErrorCode::WrongPassphrase);
    QCOMPARE(wrong.error().message().contains(QStringLiteral("damaged")), !hasMac);
}

void TestPkcs12::emptyPasswordFromOpenssl()
{
    // PKCS#12 tells an absent password from an empty one; an empty one must open both.
    QTemporaryDir dir;
    auto keyPem = m_leafKey.toPem();
    QVERIFY(keyPem.ok());
    const QString keyPath = writeFile(dir, QStringLiteral("key.pem"), keyPem->toByteArrayUnsafe());
    const QString leafPath = writeFile(dir, QStringLiteral("leaf.pem"), m_leaf.toPem());
    const QString bundlePath = dir.filePath(QStringLiteral("empty.p12"));
    auto made = openssl(QStringList{QStringLiteral("pkcs12"), QStringLiteral("-export"),
                                    QStringLiteral("-inkey"), keyPath, QStringLiteral("-in"),
                                    leafPath, QStringLiteral("-passout"), QStringLiteral("stdin"),
                                    QStringLiteral("-out"), bundlePath},
                        "\n");
    QVERIFY2(made.succeeded(), made.standardError.constData());
    auto imported = Pkcs12Bundle::importBundle(readFile(bundlePath), SecretBytes());
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : errorMessage(imported.error())));
    QVERIFY(imported->certificate == m_leaf);
    auto withPassword = Pkcs12Bundle::importBundle(readFile(bundlePath), password());
    QVERIFY(!withPassword.ok());
    QCOMPARE(withPassword.error().code(), ErrorCode::WrongPassphrase);
}

void TestPkcs12::wrongPassword_data()
{
    QTest::addColumn<Pkcs12Format>("format");
    QTest::addColumn<QByteArray>("attempt");
    QTest::newRow("modern") << Pkcs12Format::Modern << QByteArray("correct horse ✓ batterY");
    QTest::newRow("modern, empty") << Pkcs12Format::Modern << QByteArray();
    QTest::newRow("legacy") << Pkcs12Format::Legacy << QByteArray("wrong");
}

void TestPkcs12::wrongPassword()
{
    QFETCH(Pkcs12Format, format);
    QFETCH(QByteArray, attempt);
    const Pkcs12Export &exported = format == Pkcs12Format::Modern ? m_modern : m_legacy;
    auto imported = Pkcs12Bundle::importBundle(exported.data,
                                               SecretBytes(attempt.constData(), attempt.size()));
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error().code(), ErrorCode::WrongPassphrase);

    // openssl refuses the same password too.
    const QString path = writeFile(m_dir, QStringLiteral("wrong.p12"), exported.data);
    auto checked = openssl(QStringList{QStringLiteral("pkcs12"), QStringLiteral("-in"), path,
                                       QStringLiteral("-passin"), QStringLiteral("stdin"),
                                       QStringLiteral("-legacy"), QStringLiteral("-noout")},
                           attempt + '\n');
    QVERIFY(!checked.succeeded());
    QVERIFY(checked.standardError.contains("Mac verify error"));
}

void TestPkcs12::refusesBadExports()
{
    const auto refused = [](const Result<Pkcs12Export> &result) {
        return !result.ok() && result.error().code() == ErrorCode::InvalidInput;
    };
    QVERIFY(refused(Pkcs12Bundle::exportBundle(m_leafKey, m_leaf, {}, SecretBytes())));
    QVERIFY(refused(Pkcs12Bundle::exportBundle(m_rootKey, m_leaf, {}, password())));
    QVERIFY(refused(Pkcs12Bundle::exportBundle(PrivateKey(), m_leaf, {}, password())));
    QVERIFY(refused(Pkcs12Bundle::exportBundle(m_leafKey, Certificate(), {}, password())));
    QVERIFY(refused(Pkcs12Bundle::exportBundle(m_leafKey, m_leaf, {Certificate()}, password())));
    QVERIFY(refused(Pkcs12Bundle::exportBundle(m_leafKey, m_leaf, {}, SecretBytes("a\0b", 3))));
}

void TestPkcs12::rejectsGarbage_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QByteArray("not a pkcs12 file");
    QTest::newRow("truncated") << m_modern.data.left(m_modern.data.size() - 10);
    QTest::newRow("trailing byte") << m_modern.data + 'x';
    QTest::newRow("certificate") << m_leaf.toDer();
    QTest::newRow("base64 of a file") << m_modern.data.toBase64();
}

void TestPkcs12::rejectsGarbage()
{
    QFETCH(QByteArray, data);
    auto imported = Pkcs12Bundle::importBundle(data, password());
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error().code(), ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestPkcs12)
#include "tst_pkcs12.moc"
