#include "crypto/certificatebuilder.h"
#include "processrunner.h"
#include "store/identitystore.h"
#include "testfiles.h"
#include "testpki.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::readFile;
using certigram::test::runProcess;
using certigram::test::TestPki;

Q_DECLARE_METATYPE(certigram::Pkcs12Format)

namespace {

// The message is only built on failure: error() of a success asserts.
// Evaluates `expression` once.
#define VERIFY_OK(expression) \
    do { \
        const auto &verifiedResult = (expression); \
        QVERIFY2(verifiedResult.ok(), \
                 verifiedResult.ok() ? "" : qPrintable(errorMessage(verifiedResult.error()))); \
    } while (false)

void writeRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

int mode(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
#else
    Q_UNUSED(path);
    return -1;
#endif
}

test::ProcessOutput run(const QString &program, const QStringList &arguments,
                        const QByteArray &input = {})
{
    return runProcess(program, arguments, input);
}

} // namespace

class TestIdentityStore : public QObject
{
    Q_OBJECT

private slots:
    void saveLoadRoundTrip_data();
    void saveLoadRoundTrip();
    void wrongPassphrase();
    void permissions();
    void refusesDuplicatesAndMismatches();
    void renewalKeepsPreviousAndKey();
    void revokedIsFlaggedAndNotRenewed();
    void crashLeftoversDoNotHurt();
    void listToleratesBrokenFolders();
    void sameSubjectUnderTwoProfiles();
    void importPrototypeFiles_data();
    void importPrototypeFiles();
    void importRefusesMismatchedPrototypePair();
    void pkcs12RoundTrip_data();
    void pkcs12RoundTrip();
    void exportPem();
    void remove();
    void readOnlyAndFullFileSystem();
    void concurrentRenewalAndListing();

private:
    // A certificate for `key` issued by the test root.
    Certificate issueFor(const PrivateKey &key, const QString &commonName,
                         int lifetimeSeconds = 3600) const;

    TestPki m_pki;
};

Certificate TestIdentityStore::issueFor(const PrivateKey &key, const QString &commonName,
                                        int lifetimeSeconds) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Result<Certificate> certificate
        = CertificateBuilder()
              .setSubject(commonName)
              .setSubjectPublicKey(key.publicKey())
              .setValidity(now.addSecs(-60), now.addSecs(lifetimeSeconds))
              .signedBy(m_pki.root(), m_pki.rootKey());
    Q_ASSERT(certificate.ok());
    return certificate.value();
}

void TestIdentityStore::saveLoadRoundTrip_data()
{
    QTest::addColumn<QString>("passphrase");
    QTest::newRow("plain") << QString();
    QTest::newRow("passphrase") << QStringLiteral("pass ✓ phrase");
}

void TestIdentityStore::saveLoadRoundTrip()
{
    QFETCH(QString, passphrase);
    QTemporaryDir dir;
    IdentityStore store(dir.filePath(QStringLiteral("identities")));
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("123456789"));
    const SecretBytes secret = SecretBytes::fromUtf8(passphrase);

    Result<Identity> saved = store.save(QStringLiteral("prod"), issued.key, issued.certificate,
                                        {m_pki.root()}, secret);
    VERIFY_OK(saved);
    QCOMPARE(saved->id(), QStringLiteral("123456789"));

    const IdentityList listed = store.list();
    QVERIFY(listed.broken.isEmpty());
    QCOMPARE(listed.identities.size(), 1);
    const Identity &entry = listed.identities.first();
    QCOMPARE(entry.subject(), QStringLiteral("123456789"));
    QCOMPARE(entry.profile(), QStringLiteral("prod"));
    QCOMPARE(entry.keyType(), QStringLiteral("ec-p256"));
    QCOMPARE(entry.serialHex(), issued.certificate.serialHex());
    QCOMPARE(entry.notAfter(), issued.certificate.notAfter());
    QCOMPARE(entry.isKeyEncrypted(), !passphrase.isEmpty());
    QVERIFY(entry.certificate().isNull()); // list reads metadata only
    QCOMPARE(entry.status(), IdentityStatus::Valid);
    QVERIFY(entry.created().isValid());

    Result<LoadedIdentity> loaded = store.load(QStringLiteral("123456789"), secret);
    VERIFY_OK(loaded);
    QCOMPARE(loaded->identity.certificate(), issued.certificate);
    QCOMPARE(loaded->identity.chain().size(), 1);
    QCOMPARE(loaded->identity.chain().first(), m_pki.root());
    QVERIFY(loaded->identity.certificate().matchesPrivateKey(loaded->key));
    QCOMPARE(loaded->identity.isKeyEncrypted(), !passphrase.isEmpty());
    // Also by subject@profile.
    VERIFY_OK(store.identity(QStringLiteral("123456789@prod")));

    const QByteArray keyPem
        = readFile(store.folderOf(QStringLiteral("prod"), QStringLiteral("123456789"))
                   + QStringLiteral("/key.pem"));
    QVERIFY(keyPem.startsWith(passphrase.isEmpty() ? "-----BEGIN PRIVATE KEY-----"
                                                   : "-----BEGIN ENCRYPTED PRIVATE KEY-----"));
}

void TestIdentityStore::wrongPassphrase()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("42"));
    VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {},
                         SecretBytes::fromUtf8(QStringLiteral("right"))));
    Result<LoadedIdentity> wrong
        = store.load(QStringLiteral("42"), SecretBytes::fromUtf8(QStringLiteral("wrong")));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code(), ErrorCode::WrongPassphrase);
    QVERIFY2(wrong.error().message().contains(QStringLiteral("wrong passphrase")),
             qPrintable(wrong.error().message()));
    Result<LoadedIdentity> none = store.load(QStringLiteral("42"));
    QVERIFY(!none);
    QCOMPARE(none.error().code(), ErrorCode::WrongPassphrase);
    // Reading without the key works without a passphrase.
    VERIFY_OK(store.identity(QStringLiteral("42")));
}

void TestIdentityStore::permissions()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX permissions only");
#endif
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("a/b/identities"));
    IdentityStore store(root);
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("42"));
    VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {}));
    const QString folder = store.folderOf(QStringLiteral("p"), QStringLiteral("42"));
    QCOMPARE(mode(root), 0700);
    QCOMPARE(mode(root + QStringLiteral("/p")), 0700);
    QCOMPARE(mode(folder), 0700);
    for (const char *file : {"key.pem", "certificate.pem", "metadata.json"})
        QCOMPARE(mode(folder + QLatin1Char('/') + QLatin1String(file)), 0600);
    VERIFY_OK(store.replaceCertificate(QStringLiteral("42"),
                                       issueFor(issued.key, QStringLiteral("42")), {}));
    QCOMPARE(mode(folder + QStringLiteral("/previous")), 0700);
    QCOMPARE(mode(folder + QStringLiteral("/certificate.pem")), 0600);
    Result<QStringList> previous = store.previousCertificates(QStringLiteral("42"));
    VERIFY_OK(previous);
    QCOMPARE(previous->size(), 1);
    QCOMPARE(mode(previous->first()), 0600);
}

void TestIdentityStore::refusesDuplicatesAndMismatches()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    const TestPki::Identity a = m_pki.issue(QStringLiteral("42"));
    const TestPki::Identity b = m_pki.issue(QStringLiteral("43"));
    VERIFY_OK(store.save(QStringLiteral("p"), a.key, a.certificate, {}));
    Result<Identity> again = store.save(QStringLiteral("p"), a.key, a.certificate, {});
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::Conflict);
    Result<Identity> mismatch = store.save(QStringLiteral("p"), a.key, b.certificate, {});
    QVERIFY(!mismatch);
    QCOMPARE(mismatch.error().code(), ErrorCode::InvalidInput);
    // Names that could escape the store or hide as working folders.
    for (const char *profile : {"..", "../x", ".staging", "a/b", ""}) {
        Result<Identity> bad = store.save(QString::fromUtf8(profile), b.key, b.certificate, {});
        QVERIFY2(!bad && bad.error().code() == ErrorCode::InvalidInput, profile);
    }
    Result<Identity> badSubject = [&] {
        const TestPki::Identity evil = m_pki.issue(QStringLiteral("../../etc"));
        return store.save(QStringLiteral("p"), evil.key, evil.certificate, {});
    }();
    QVERIFY(!badSubject);
    QCOMPARE(badSubject.error().code(), ErrorCode::InvalidInput);
    QCOMPARE(store.list().identities.size(), 1);
    Result<Identity> missing = store.identity(QStringLiteral("nobody"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
}

void TestIdentityStore::renewalKeepsPreviousAndKey()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("777"));
    VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {m_pki.root()}));
    const QString folder = store.folderOf(QStringLiteral("p"), QStringLiteral("777"));
    const QByteArray keyBefore = readFile(folder + QStringLiteral("/key.pem"));
    const QByteArray certificateBefore = readFile(folder + QStringLiteral("/certificate.pem"));

    const Certificate renewed = issueFor(issued.key, QStringLiteral("777"), 7200);
    QVERIFY(renewed.serialHex() != issued.certificate.serialHex());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Result<Identity> result
        = store.replaceCertificate(QStringLiteral("777"), renewed, {m_pki.root()}, now);
    VERIFY_OK(result);
    QCOMPARE(result->serialHex(), renewed.serialHex());
    QCOMPARE(result->renewed(), now);

    QCOMPARE(readFile(folder + QStringLiteral("/key.pem")), keyBefore);
    Result<QStringList> previous = store.previousCertificates(QStringLiteral("777"));
    VERIFY_OK(previous);
    QCOMPARE(previous->size(), 1);
    QCOMPARE(readFile(previous->first()), certificateBefore);
    QVERIFY(previous->first().contains(issued.certificate.serialHex()));

    Result<LoadedIdentity> loaded = store.load(QStringLiteral("777"));
    VERIFY_OK(loaded);
    QCOMPARE(loaded->identity.certificate(), renewed);
    QCOMPARE(loaded->identity.chain().size(), 1);
    const Identity listed = store.list().identities.value(0);
    QCOMPARE(listed.serialHex(), renewed.serialHex());
    QCOMPARE(listed.notAfter(), renewed.notAfter());
    QCOMPARE(listed.renewed(), now);

    // Only the last kPreviousKept are kept.
    for (int i = 1; i <= 7; ++i)
        VERIFY_OK(store.replaceCertificate(QStringLiteral("777"),
                                           issueFor(issued.key, QStringLiteral("777")), {},
                                           now.addSecs(i)));
    previous = store.previousCertificates(QStringLiteral("777"));
    VERIFY_OK(previous);
    QCOMPARE(previous->size(), IdentityStore::kPreviousKept);
    QVERIFY(!previous->join(QLatin1Char(' ')).contains(issued.certificate.serialHex()));

    // A certificate for another key is not a renewal.
    const TestPki::Identity other = m_pki.issue(QStringLiteral("777"));
    Result<Identity> wrongKey
        = store.replaceCertificate(QStringLiteral("777"), other.certificate, {});
    QVERIFY(!wrongKey);
    QCOMPARE(wrongKey.error().code(), ErrorCode::InvalidInput);
    QCOMPARE(readFile(folder + QStringLiteral("/key.pem")), keyBefore);
}

void TestIdentityStore::revokedIsFlaggedAndNotRenewed()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("9"));
    VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {}));
    const QDateTime when = QDateTime::currentDateTimeUtc();
    VERIFY_OK(store.markRevoked(QStringLiteral("9"), when));
    const Identity listed = store.list().identities.value(0);
    QVERIFY(listed.isRevoked());
    QCOMPARE(listed.revokedAt(), when);
    QCOMPARE(listed.status(), IdentityStatus::Revoked);
    Result<Identity> renewal = store.replaceCertificate(
        QStringLiteral("9"), issueFor(issued.key, QStringLiteral("9")), {});
    QVERIFY(!renewal);
    QCOMPARE(renewal.error().code(), ErrorCode::Conflict);
}

void TestIdentityStore::crashLeftoversDoNotHurt()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    const TestPki::Identity a = m_pki.issue(QStringLiteral("100"));
    VERIFY_OK(store.save(QStringLiteral("p"), a.key, a.certificate, {}));
    const QString folder = store.folderOf(QStringLiteral("p"), QStringLiteral("100"));
    const QByteArray certificateBefore = readFile(folder + QStringLiteral("/certificate.pem"));

    // A crash while saving "101": its staging folder holds half an identity.
    const QString staging = dir.filePath(QStringLiteral("p/.staging-101-deadbeef"));
    QVERIFY(QDir().mkpath(staging));
    writeRaw(staging + QStringLiteral("/key.pem"), "-----BEGIN PRIVATE KEY-----\nMII");
    // A crash while renewing "100": QSaveFile's temp file next to certificate.pem.
    writeRaw(folder + QStringLiteral("/certificate.pem.Xa12Bc"), "-----BEGIN CERT");
    // A crash during remove(): the renamed-away folder.
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("p/.removing-55-0000"))));

    // A write in progress (not committed) leaves the real file as it was.
    {
        QSaveFile pending(folder + QStringLiteral("/certificate.pem"));
        QVERIFY(pending.open(QIODevice::WriteOnly));
        pending.write("garbage");
        QCOMPARE(readFile(folder + QStringLiteral("/certificate.pem")), certificateBefore);
        VERIFY_OK(store.load(QStringLiteral("100")));
    } // destroyed without commit(): discarded, as a crash would

    const IdentityList listed = store.list();
    QCOMPARE(listed.identities.size(), 1);
    QCOMPARE(listed.identities.first().subject(), QStringLiteral("100"));
    QVERIFY(listed.broken.isEmpty());
    Result<LoadedIdentity> loaded = store.load(QStringLiteral("100"));
    VERIFY_OK(loaded);
    QCOMPARE(loaded->identity.certificate(), a.certificate);
    QVERIFY(!store.identity(QStringLiteral("101")));

    // Saving "101" again works despite the leftover.
    const TestPki::Identity b = m_pki.issue(QStringLiteral("101"));
    VERIFY_OK(store.save(QStringLiteral("p"), b.key, b.certificate, {}));
    QCOMPARE(store.list().identities.size(), 2);
    VERIFY_OK(store.load(QStringLiteral("101")));
}

void TestIdentityStore::listToleratesBrokenFolders()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    for (const char *subject : {"1", "2", "3", "4"}) {
        const TestPki::Identity issued = m_pki.issue(QString::fromLatin1(subject));
        VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {}));
    }
    const QString two = store.folderOf(QStringLiteral("p"), QStringLiteral("2"));
    const QString three = store.folderOf(QStringLiteral("p"), QStringLiteral("3"));
    const QString four = store.folderOf(QStringLiteral("p"), QStringLiteral("4"));
    writeRaw(two + QStringLiteral("/metadata.json"), "{ not json");
    QVERIFY(QFile::remove(three + QStringLiteral("/metadata.json")));
    writeRaw(four + QStringLiteral("/metadata.json"), R"({"format":1,"profile":"p"})");

    const IdentityList listed = store.list();
    QCOMPARE(listed.identities.size(), 1);
    QCOMPARE(listed.identities.first().subject(), QStringLiteral("1"));
    QCOMPARE(listed.broken.size(), 3);
    QCOMPARE(listed.broken.at(0).path, two);
    QVERIFY2(listed.broken.at(0).message.contains(QStringLiteral("metadata.json")),
             qPrintable(listed.broken.at(0).message));
    QCOMPARE(listed.broken.at(1).path, three);
    QVERIFY2(listed.broken.at(1).message.contains(QStringLiteral("missing")),
             qPrintable(listed.broken.at(1).message));
    QCOMPARE(listed.broken.at(2).path, four);
    QVERIFY2(listed.broken.at(2).message.contains(QStringLiteral("\"subject\"")),
             qPrintable(listed.broken.at(2).message));

    Result<LoadedIdentity> broken = store.load(QStringLiteral("2"));
    QVERIFY(!broken);
    QCOMPARE(broken.error().code(), ErrorCode::InvalidInput);
    // A corrupt key is reported, not crashed on.
    writeRaw(store.folderOf(QStringLiteral("p"), QStringLiteral("1")) + QStringLiteral("/key.pem"),
             "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    Result<LoadedIdentity> corruptKey = store.load(QStringLiteral("1"));
    QVERIFY(!corruptKey);
    QVERIFY2(corruptKey.error().message().contains(QStringLiteral("key.pem")),
             qPrintable(errorMessage(corruptKey.error())));
}

void TestIdentityStore::sameSubjectUnderTwoProfiles()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    const TestPki::Identity one = m_pki.issue(QStringLiteral("alice"));
    const TestPki::Identity two = m_pki.issue(QStringLiteral("alice"));
    const TestPki::Identity bob = m_pki.issue(QStringLiteral("bob"));
    VERIFY_OK(store.save(QStringLiteral("home"), one.key, one.certificate, {}));
    VERIFY_OK(store.save(QStringLiteral("work"), two.key, two.certificate, {}));
    VERIFY_OK(store.save(QStringLiteral("work"), bob.key, bob.certificate, {}));
    QStringList ids;
    for (const Identity &identity : store.list().identities)
        ids << identity.id();
    QCOMPARE(ids,
             (QStringList{QStringLiteral("alice@home"), QStringLiteral("alice@work"),
                          QStringLiteral("bob")}));
    Result<Identity> ambiguous = store.identity(QStringLiteral("alice"));
    QVERIFY(!ambiguous);
    QCOMPARE(ambiguous.error().code(), ErrorCode::Conflict);
    QVERIFY(ambiguous.error().message().contains(QStringLiteral("alice@work")));
    Result<Identity> work = store.identity(QStringLiteral("alice@work"));
    VERIFY_OK(work);
    QCOMPARE(work->certificate(), two.certificate);
    QCOMPARE(work->id(), QStringLiteral("alice@work"));
    VERIFY_OK(store.remove(QStringLiteral("alice@home")));
    Result<Identity> alone = store.identity(QStringLiteral("alice"));
    VERIFY_OK(alone);
    QCOMPARE(alone->id(), QStringLiteral("alice"));
}

void TestIdentityStore::importPrototypeFiles_data()
{
    QTest::addColumn<QStringList>("genkey");
    QTest::addColumn<QByteArray>("pemHeader");
    QTest::addColumn<QString>("keyType");
    QTest::newRow("genrsa -traditional")
        << QStringList{QStringLiteral("genrsa"), QStringLiteral("-traditional"),
                       QStringLiteral("2048")}
        << QByteArray("-----BEGIN RSA PRIVATE KEY-----") << QStringLiteral("rsa-2048");
    QTest::newRow("ecparam -genkey P-384")
        << QStringList{QStringLiteral("ecparam"), QStringLiteral("-genkey"),
                       QStringLiteral("-name"), QStringLiteral("secp384r1"),
                       QStringLiteral("-noout")}
        << QByteArray("-----BEGIN EC PRIVATE KEY-----") << QStringLiteral("ec-p384");
}

void TestIdentityStore::importPrototypeFiles()
{
    QFETCH(QStringList, genkey);
    QFETCH(QByteArray, pemHeader);
    QFETCH(QString, keyType);
    QTemporaryDir dir;
    const test::ProcessOutput generated = run(QStringLiteral("openssl"), genkey);
    QVERIFY2(generated.succeeded(), generated.standardError.constData());
    QVERIFY(generated.standardOutput.startsWith(pemHeader));
    Result<PrivateKey> key = PrivateKey::fromPem(generated.standardOutput);
    VERIFY_OK(key);
    const Certificate certificate = issueFor(key.value(), QStringLiteral("31337"));
    // The prototype's layout: <id>_crt.pem = crt + ca, <id>.pem = the key.
    const QString certificatePath = dir.filePath(QStringLiteral("31337_crt.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("31337.pem"));
    writeRaw(certificatePath, certificate.toPem() + m_pki.root().toPem());
    writeRaw(keyPath, generated.standardOutput);

    IdentityStore store(dir.filePath(QStringLiteral("store")));
    Result<Identity> imported = store.importPrototypeFiles(certificatePath, keyPath);
    VERIFY_OK(imported);
    QCOMPARE(imported->subject(), QStringLiteral("31337"));
    QCOMPARE(imported->profile(), IdentityStore::defaultProfile());
    QCOMPARE(imported->keyType(), keyType);
    Result<LoadedIdentity> loaded = store.load(QStringLiteral("31337"));
    VERIFY_OK(loaded);
    QCOMPARE(loaded->identity.certificate(), certificate);
    QCOMPARE(loaded->identity.chain(), QList<Certificate>{m_pki.root()});
    // Stored as PKCS#8, not in the prototype's traditional form.
    QVERIFY(readFile(store.folderOf(IdentityStore::defaultProfile(), QStringLiteral("31337"))
                     + QStringLiteral("/key.pem"))
                .startsWith("-----BEGIN PRIVATE KEY-----"));
}

void TestIdentityStore::importRefusesMismatchedPrototypePair()
{
    QTemporaryDir dir;
    const TestPki::Identity a = m_pki.issue(QStringLiteral("500"));
    const TestPki::Identity b = m_pki.issue(QStringLiteral("501"));
    const QString certificatePath = dir.filePath(QStringLiteral("500_crt.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("500.pem"));
    writeRaw(certificatePath, a.certificate.toPem() + m_pki.root().toPem());
    Result<SecretBytes> otherKey = b.key.toPem();
    VERIFY_OK(otherKey);
    writeRaw(keyPath, otherKey->toByteArrayUnsafe());
    IdentityStore store(dir.filePath(QStringLiteral("store")));
    Result<Identity> imported = store.importPrototypeFiles(certificatePath, keyPath);
    QVERIFY(!imported);
    QCOMPARE(imported.error().code(), ErrorCode::InvalidInput);
    QVERIFY2(imported.error().message().contains(keyPath), qPrintable(imported.error().message()));
    QVERIFY(store.list().identities.isEmpty());
    QVERIFY(
        !QFileInfo::exists(store.folderOf(IdentityStore::defaultProfile(), QStringLiteral("500"))));
    // Missing files are reported with their path.
    Result<Identity> missing
        = store.importPrototypeFiles(dir.filePath(QStringLiteral("nope_crt.pem")), keyPath);
    QVERIFY(!missing);
    QVERIFY(missing.error().message().contains(QStringLiteral("nope_crt.pem")));
}

void TestIdentityStore::pkcs12RoundTrip_data()
{
    QTest::addColumn<Pkcs12Format>("format");
    QTest::newRow("modern") << Pkcs12Format::Modern;
    QTest::newRow("legacy") << Pkcs12Format::Legacy;
}

void TestIdentityStore::pkcs12RoundTrip()
{
    QFETCH(Pkcs12Format, format);
    QTemporaryDir dir;
    IdentityStore store(dir.filePath(QStringLiteral("a")));
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("2024"));
    const SecretBytes storePassphrase = SecretBytes::fromUtf8(QStringLiteral("store"));
    VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {m_pki.root()},
                         storePassphrase));
    const SecretBytes password = SecretBytes::fromUtf8(QStringLiteral("export pw"));
    Result<Pkcs12Export> exported
        = store.exportPkcs12(QStringLiteral("2024"), password, format, storePassphrase);
    VERIFY_OK(exported);

    const QString path = dir.filePath(QStringLiteral("2024.p12"));
    writeRaw(path, exported->data);
    QStringList arguments{QStringLiteral("pkcs12"),
                          QStringLiteral("-info"),
                          QStringLiteral("-nokeys"),
                          QStringLiteral("-in"),
                          path,
                          QStringLiteral("-passin"),
                          QStringLiteral("stdin")};
    if (format == Pkcs12Format::Legacy)
        arguments << QStringLiteral("-legacy");
    const test::ProcessOutput info = run(QStringLiteral("openssl"), arguments, "export pw\n");
    QVERIFY2(info.succeeded(), info.standardError.constData());
    QVERIFY(info.standardOutput.contains("CN = 2024"));

    IdentityStore other(dir.filePath(QStringLiteral("b")));
    Result<Identity> wrong
        = other.importPkcs12(exported->data, SecretBytes::fromUtf8(QStringLiteral("nope")));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code(), ErrorCode::WrongPassphrase);
    Result<Identity> imported = other.importPkcs12(exported->data, password);
    VERIFY_OK(imported);
    Result<LoadedIdentity> loaded = other.load(QStringLiteral("2024"));
    VERIFY_OK(loaded);
    QCOMPARE(loaded->identity.certificate(), issued.certificate);
    QCOMPARE(loaded->identity.chain(), QList<Certificate>{m_pki.root()});
    QCOMPARE(loaded->key.publicKey(), issued.key.publicKey());
}

void TestIdentityStore::exportPem()
{
    QTemporaryDir dir;
    IdentityStore store(dir.filePath(QStringLiteral("a")));
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("808"));
    VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {m_pki.root()}));
    const QString out = dir.filePath(QStringLiteral("out"));
    Result<PemExport> exported = store.exportPem(QStringLiteral("808"), out);
    VERIFY_OK(exported);
    QCOMPARE(QFileInfo(exported->keyPath).fileName(), QStringLiteral("808.pem"));
    QCOMPARE(QFileInfo(exported->certificatePath).fileName(), QStringLiteral("808_crt.pem"));
#ifdef Q_OS_UNIX
    QCOMPARE(mode(exported->keyPath), 0600);
#endif
    const test::ProcessOutput key = run(QStringLiteral("openssl"),
                                        {QStringLiteral("pkey"), QStringLiteral("-in"),
                                         exported->keyPath, QStringLiteral("-noout")});
    QVERIFY2(key.succeeded(), key.standardError.constData());
    Result<QList<Certificate>> chain
        = Certificate::chainFromPem(readFile(exported->certificatePath));
    VERIFY_OK(chain);
    QCOMPARE(chain.value(), (QList<Certificate>{issued.certificate, m_pki.root()}));

    // Not overwritten.
    Result<PemExport> again = store.exportPem(QStringLiteral("808"), out);
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::Conflict);

    // What exportPem writes, importPrototypeFiles reads back.
    IdentityStore other(dir.filePath(QStringLiteral("b")));
    Result<Identity> imported
        = other.importPrototypeFiles(exported->certificatePath, exported->keyPath);
    VERIFY_OK(imported);
    QCOMPARE(imported->serialHex(), issued.certificate.serialHex());
}

void TestIdentityStore::remove()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("66"));
    VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {}));
    const QString folder = store.folderOf(QStringLiteral("p"), QStringLiteral("66"));
    VERIFY_OK(store.remove(QStringLiteral("66")));
    QVERIFY(!QFileInfo::exists(folder));
    QVERIFY(QDir(dir.filePath(QStringLiteral("p")))
                .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                .isEmpty());
    QVERIFY(store.list().identities.isEmpty());
    Result<LoadedIdentity> gone = store.load(QStringLiteral("66"));
    QVERIFY(!gone);
    QCOMPARE(gone.error().code(), ErrorCode::NotFound);
    QVERIFY(!store.remove(QStringLiteral("66")));
}

void TestIdentityStore::readOnlyAndFullFileSystem()
{
#ifndef Q_OS_LINUX
    QSKIP("needs Linux tmpfs mounts");
#else
    // Running as root here, so chmod would not stop writes: use a small tmpfs, remounted
    // read-only, then filled up.
    QTemporaryDir dir;
    const QString mountPoint = dir.filePath(QStringLiteral("mnt"));
    QVERIFY(QDir().mkpath(mountPoint));
    const test::ProcessOutput mounted
        = run(QStringLiteral("mount"),
              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
               QStringLiteral("size=256k"), QStringLiteral("tmpfs"), mountPoint});
    if (!mounted.succeeded())
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs (needs root / CAP_SYS_ADMIN): ")
                         + QString::fromLocal8Bit(mounted.standardError.trimmed())));
    const auto unmount = qScopeGuard([&] {
        run(QStringLiteral("umount"), {QStringLiteral("-l"), mountPoint});
    });

    const QString root = mountPoint + QStringLiteral("/identities");
    IdentityStore store(root);
    const TestPki::Identity a = m_pki.issue(QStringLiteral("1000"));
    const TestPki::Identity b = m_pki.issue(QStringLiteral("1001"));
    VERIFY_OK(store.save(QStringLiteral("p"), a.key, a.certificate, {}));
    const QString folder = store.folderOf(QStringLiteral("p"), QStringLiteral("1000"));
    auto snapshot = [&] {
        QStringList files;
        QDirIterator it(mountPoint, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        files.sort();
        return files;
    };
    const QStringList filesBefore = snapshot();
    const QByteArray certificateBefore = readFile(folder + QStringLiteral("/certificate.pem"));
    auto checkNothingLost = [&] {
        Result<LoadedIdentity> loaded = store.load(QStringLiteral("1000"));
        VERIFY_OK(loaded);
        QCOMPARE(loaded->identity.certificate(), a.certificate);
        QCOMPARE(readFile(folder + QStringLiteral("/certificate.pem")), certificateBefore);
        QCOMPARE(store.list().identities.size(), 1);
        QVERIFY(store.list().broken.isEmpty());
    };

    // Read-only.
    const test::ProcessOutput readOnly = run(
        QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), mountPoint});
    QVERIFY2(readOnly.succeeded(), readOnly.standardError.constData());
    Result<Identity> saved = store.save(QStringLiteral("p"), b.key, b.certificate, {});
    QVERIFY(!saved);
    QCOMPARE(saved.error().code(), ErrorCode::IoError);
    QVERIFY2(saved.error().message().contains(root), qPrintable(saved.error().message()));
    qInfo("read-only: %s", qPrintable(saved.error().message()));
    Result<Identity> renewed = store.replaceCertificate(
        QStringLiteral("1000"), issueFor(a.key, QStringLiteral("1000")), {});
    QVERIFY(!renewed);
    QCOMPARE(renewed.error().code(), ErrorCode::IoError);
    QVERIFY2(renewed.error().message().contains(folder), qPrintable(renewed.error().message()));
    Result<Identity> revoked = store.markRevoked(QStringLiteral("1000"));
    QVERIFY(!revoked);
    QCOMPARE(revoked.error().code(), ErrorCode::IoError);
    Result<void> removed = store.remove(QStringLiteral("1000"));
    QVERIFY(!removed);
    QCOMPARE(removed.error().code(), ErrorCode::IoError);
    checkNothingLost();
    QCOMPARE(snapshot(), filesBefore);

    // Full.
    const test::ProcessOutput writable = run(
        QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,rw"), mountPoint});
    QVERIFY2(writable.succeeded(), writable.standardError.constData());
    const test::ProcessOutput dd = run(
        QStringLiteral("dd"),
        {QStringLiteral("if=/dev/zero"),
         QStringLiteral("of=") + mountPoint + QStringLiteral("/filler"), QStringLiteral("bs=4k")});
    QVERIFY2(dd.standardError.contains("No space left"), dd.standardError.constData());
    const QStringList filesFull = snapshot();
    saved = store.save(QStringLiteral("p"), b.key, b.certificate, {});
    QVERIFY(!saved);
    QCOMPARE(saved.error().code(), ErrorCode::IoError);
    QVERIFY2(saved.error().message().contains(root), qPrintable(saved.error().message()));
    renewed = store.replaceCertificate(QStringLiteral("1000"),
                                       issueFor(a.key, QStringLiteral("1000")), {});
    QVERIFY(!renewed);
    QCOMPARE(renewed.error().code(), ErrorCode::IoError);
    qInfo("disk full: %s", qPrintable(renewed.error().message()));
    checkNothingLost();
    QCOMPARE(snapshot(), filesFull); // no staging folder, temp file or stray copy left
#endif
}

void TestIdentityStore::concurrentRenewalAndListing()
{
    QTemporaryDir dir;
    IdentityStore store(dir.path());
    const TestPki::Identity issued = m_pki.issue(QStringLiteral("4242"));
    VERIFY_OK(store.save(QStringLiteral("p"), issued.key, issued.certificate, {}));
    QList<Certificate> renewals;
    for (int i = 0; i < 20; ++i)
        renewals << issueFor(issued.key, QStringLiteral("4242"));

    std::atomic<int> failures{0};
    QThread *worker = QThread::create([&] {
        for (const Certificate &certificate : std::as_const(renewals))
            if (!store.replaceCertificate(QStringLiteral("4242"), certificate, {}))
                ++failures;
    });
    worker->start();
    int lists = 0;
    while (!worker->isFinished() || lists < 50) {
        const IdentityList listed = store.list();
        QCOMPARE(listed.identities.size(), 1);
        QVERIFY(listed.broken.isEmpty());
        Result<Identity> identity = store.identity(QStringLiteral("4242"));
        VERIFY_OK(identity);
        ++lists;
    }
    worker->wait();
    delete worker;
    QCOMPARE(failures.load(), 0);
    QCOMPARE(store.identity(QStringLiteral("4242"))->certificate(), renewals.last());
}

QTEST_GUILESS_MAIN(TestIdentityStore)
#include "tst_identitystore.moc"
