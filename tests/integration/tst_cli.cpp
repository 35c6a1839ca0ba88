#include "clidriver.h"
#include "crypto/certificate.h"
#include "processrunner.h"
#include "serverprocess.h"
#include "store/caprofile.h"
#include "store/profilestore.h"
#include "testfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace certigram;
using certigram::test::CliDriver;
using certigram::test::ProcessOutput;
namespace CliExit = certigram::test::CliExit;
using certigram::test::ServerProcess;

namespace {

// Every file under `root` with its content: "nothing lost or half-written" compares these.
QMap<QString, QByteArray> snapshot(const QString &root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(path, test::readFile(path));
    }
    return files;
}

} // namespace

// certigram-cli as a process against a certigram-server process on loopback (embedded CA,
// console notifier whose codes the test reads from the server's output).
class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void helpAndUsageErrors();
    void bootstrapRefusesAWrongFingerprint();
    void bootstrapReportsAnUnreachableServer();
    void bootstrap();
    void enrolEachKeyType_data();
    void enrolEachKeyType();
    void listShowsEveryIdentity();
    void enrolTwiceIsRefusedBeforeTheCodeIsSpent();
    void wrongCodeIsRefused();
    void passphraseProtectedKeyWithCodeFromStandardInput();
    void needsRenewalAnswersByExitCode();
    void renewKeepsThePreviousCertificate();
    void renewAllRenewsWhatIsDue();
    void daemonRenewsAndRunsTheHook();
    void exportAndImportRoundTrip();
    void revokeByMutualTls();
    void revokeWithALostKey();
    void unreachableServerIsAClearError();
    void corruptKeyFileIsReportedAndKept();
    void readOnlyAndFullHomeLoseNothing();
    void expiredCodeIsRefused();

private:
    QString newHome(const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<CliDriver> m_cli;
    QString m_home;
    QString m_rootFile;
    QString m_passwordFile;
    QString m_url;
    QDateTime m_expiringCodeSent;
    int m_expiringCodePrinted = 0;
};

void TestCli::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(CERTIGRAM_CLI_BINARY)));
    // Short-lived codes (expiredCodeIsRefused waits for one), and enough code requests from
    // 127.0.0.1 for the whole suite.
    const QString config
        = test::writeFile(m_dir, QStringLiteral("server.json"),
                          R"({"codes": {"lifetimeSeconds": 30, "requestsPerAddressPerHour": 1000,
                      "resendAfterSeconds": 0}})");
    const QString dataDir = m_dir.filePath(QStringLiteral("server"));
    m_server = std::make_unique<ServerProcess>(QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir,
                                               QStringList{QStringLiteral("--config"), config});
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_url = QStringLiteral("https://localhost:%1").arg(m_server->port());
    m_rootFile = dataDir + QStringLiteral("/ca/root_ca.crt");
    m_home = newHome(QStringLiteral("home"));
    m_cli
        = std::make_unique<CliDriver>(QStringLiteral(CERTIGRAM_CLI_BINARY), m_server.get(), m_home);
    m_passwordFile = test::writeFile(m_dir, QStringLiteral("password"), "correct horse\n");
    QVERIFY(
        QFile::setPermissions(m_passwordFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
}

void TestCli::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->terminate(), 0);
}

QString TestCli::newHome(const QString &name)
{
    return m_dir.filePath(name);
}

void TestCli::helpAndUsageErrors()
{
    const ProcessOutput help = m_cli->run({QStringLiteral("--help")});
    VERIFY_EXIT(help, 0);
    QVERIFY(help.standardOutput.contains("Exit codes"));
    for (const char *command : {"bootstrap", "profiles", "request-code", "enroll", "list", "show",
                                "renew", "needs-renewal", "revoke", "export", "import"}) {
        const ProcessOutput commandHelp
            = m_cli->run({QString::fromLatin1(command), QStringLiteral("--help")});
        VERIFY_EXIT(commandHelp, 0);
        QVERIFY2(commandHelp.standardOutput.contains(QByteArray("certigram-cli [global options] ")
                                                     + command),
                 commandHelp.standardOutput.constData());
    }
    VERIFY_EXIT(m_cli->run({}), CliExit::Usage);
    const ProcessOutput unknown = m_cli->run({QStringLiteral("frobnicate")});
    VERIFY_EXIT(unknown, CliExit::Usage);
    QVERIFY(unknown.standardError.contains("unknown command"));
    const ProcessOutput missing = m_cli->run({QStringLiteral("enroll")});
    VERIFY_EXIT(missing, CliExit::Usage);
    QVERIFY(missing.standardError.contains("--subject"));
    const ProcessOutput badOption = m_cli->run({QStringLiteral("list"), QStringLiteral("--bogus")});
    VERIFY_EXIT(badOption, CliExit::Usage);
    // --json errors are JSON too, with the exit code inside.
    const ProcessOutput jsonError
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("nobody")});
    VERIFY_EXIT(jsonError, 4);
    QCOMPARE(CliDriver::json(jsonError)[QLatin1String("error")][QLatin1String("exitCode")].toInt(),
             4);
}

void TestCli::bootstrapRefusesAWrongFingerprint()
{
    const QString wrong = QString(64, QLatin1Char('a'));
    const ProcessOutput refused
        = m_cli->run({QStringLiteral("bootstrap"), QStringLiteral("--ca-url"), m_url,
                      QStringLiteral("--fingerprint"), wrong});
    QVERIFY2(refused.exitCode != 0 && refused.finished, qPrintable(CliDriver::describe(refused)));
    QVERIFY2(refused.standardError.contains("fingerprint"), refused.standardError.constData());
    QVERIFY(!QFile::exists(m_home + QStringLiteral("/profiles.json")));
    VERIFY_EXIT(m_cli->run({QStringLiteral("bootstrap"), QStringLiteral("--ca-url"), m_url,
                            QStringLiteral("--fingerprint"), QStringLiteral("12:34")}),
                CliExit::Usage);
}

void TestCli::bootstrapReportsAnUnreachableServer()
{
    const ProcessOutput unreachable
        = m_cli->run({QStringLiteral("bootstrap"), QStringLiteral("--ca-url"),
                      QStringLiteral("https://127.0.0.1:%1").arg(test::freeLoopbackPort()),
                      QStringLiteral("--fingerprint"), m_server->fingerprint()});
    VERIFY_EXIT(unreachable, CliExit::Network);
}

void TestCli::bootstrap()
{
    const ProcessOutput done
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("bootstrap"),
                      QStringLiteral("--ca-url"), m_url, QStringLiteral("--fingerprint"),
                      Certificate::colonSeparatedHex(m_server->fingerprint()).toUpper()});
    VERIFY_EXIT(done, 0);
    const QJsonObject json = CliDriver::json(done);
    QCOMPARE(json[QLatin1String("fingerprint")].toString(), m_server->fingerprint());
    QCOMPARE(json[QLatin1String("profile")].toString(), QStringLiteral("default"));
    QCOMPARE(QFile::permissions(m_home + QStringLiteral("/profiles.json")),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                 | QFileDevice::WriteUser);
    const ProcessOutput profiles = m_cli->run({QStringLiteral("profiles")});
    VERIFY_EXIT(profiles, 0);
    QVERIFY(profiles.standardOutput.contains(m_server->fingerprint().toLatin1()));

    // For expiredCodeIsRefused, at the end: a code left to expire meanwhile.
    m_expiringCodePrinted = m_server->codesPrintedFor(QStringLiteral("810700"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("request-code"), QStringLiteral("--subject"),
                            QStringLiteral("810700")}),
                0);
    m_expiringCodeSent = QDateTime::currentDateTimeUtc();
}

void TestCli::enrolEachKeyType_data()
{
    QTest::addColumn<QString>("keyType");
    QTest::addColumn<QString>("subject");
    QTest::newRow("ec-p256") << QStringLiteral("ec-p256") << QStringLiteral("810001");
    QTest::newRow("ec-p384") << QStringLiteral("ec-p384") << QStringLiteral("810002");
    QTest::newRow("ed25519") << QStringLiteral("ed25519") << QStringLiteral("810003");
    QTest::newRow("rsa-2048") << QStringLiteral("rsa-2048") << QStringLiteral("810004");
    QTest::newRow("rsa-3072") << QStringLiteral("rsa-3072") << QStringLiteral("810005");
    QTest::newRow("rsa-4096") << QStringLiteral("rsa-4096") << QStringLiteral("810006");
}

void TestCli::enrolEachKeyType()
{
    QFETCH(QString, keyType);
    QFETCH(QString, subject);
    const ProcessOutput enrolled = m_cli->enrol(subject, {QStringLiteral("--key-type"), keyType});
    VERIFY_EXIT(enrolled, 0);
    const QJsonObject json = CliDriver::json(enrolled);
    QCOMPARE(json[QLatin1String("keyType")].toString(), keyType);
    QCOMPARE(json[QLatin1String("subject")].toString(), subject);
    QCOMPARE(json[QLatin1String("status")].toString(), QStringLiteral("valid"));

    const QString folder = m_cli->identityFolder(subject);
    QCOMPARE(QFile::permissions(folder + QStringLiteral("/key.pem"))
                 & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                    | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    // The chain as stored verifies with openssl against the server's root.
    const QString certificate = folder + QStringLiteral("/certificate.pem");
    const ProcessOutput verified
        = test::openssl({QStringLiteral("verify"), QStringLiteral("-CAfile"), m_rootFile,
                         QStringLiteral("-untrusted"), certificate, certificate});
    QVERIFY2(verified.succeeded(), verified.standardError.constData());
    // And the key is the certificate's.
    const ProcessOutput certificateKey
        = test::openssl({QStringLiteral("x509"), QStringLiteral("-in"), certificate,
                         QStringLiteral("-noout"), QStringLiteral("-pubkey")});
    const ProcessOutput privateKey
        = test::openssl({QStringLiteral("pkey"), QStringLiteral("-in"),
                         folder + QStringLiteral("/key.pem"), QStringLiteral("-pubout")});
    QVERIFY(certificateKey.succeeded() && privateKey.succeeded());
    QCOMPARE(certificateKey.standardOutput, privateKey.standardOutput);
}

void TestCli::listShowsEveryIdentity()
{
    const ProcessOutput listed = m_cli->run({QStringLiteral("--json"), QStringLiteral("list")});
    VERIFY_EXIT(listed, 0);
    const QJsonArray identities = CliDriver::json(listed)[QLatin1String("identities")].toArray();
    QCOMPARE(identities.size(), 6);
    for (const QJsonValue &identity : identities) {
        QCOMPARE(identity[QLatin1String("status")].toString(), QStringLiteral("valid"));
        // A random 128-bit serial has fewer than 32 hex digits when its top byte is zero,
        // so compare with what openssl reads from the stored certificate.
        const QString folder = m_cli->identityFolder(identity[QLatin1String("subject")].toString());
        const ProcessOutput serial
            = test::openssl({QStringLiteral("x509"), QStringLiteral("-in"),
                             folder + QStringLiteral("/certificate.pem"), QStringLiteral("-noout"),
                             QStringLiteral("-serial")});
        QVERIFY(serial.succeeded());
        QCOMPARE(QStringLiteral("serial=") + identity[QLatin1String("serial")].toString()
                     + QLatin1Char('\n'),
                 QString::fromLatin1(serial.standardOutput));
        QVERIFY(identity[QLatin1String("daysLeft")].isDouble());
    }
    const ProcessOutput table = m_cli->run({QStringLiteral("list")});
    VERIFY_EXIT(table, 0);
    QVERIFY(table.standardOutput.startsWith("ID"));
    QCOMPARE(table.standardOutput.count('\n'), 7);

    const ProcessOutput shown
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("810001")});
    VERIFY_EXIT(shown, 0);
    const QJsonObject json = CliDriver::json(shown);
    QCOMPARE(json[QLatin1String("subjectAltNames")].toArray().first().toString(),
             QStringLiteral("810001"));
    QVERIFY(
        json[QLatin1String("extendedKeyUsage")].toArray().contains(QStringLiteral("clientAuth")));
}

void TestCli::enrolTwiceIsRefusedBeforeTheCodeIsSpent()
{
    const ProcessOutput again = m_cli->run({QStringLiteral("enroll"), QStringLiteral("--subject"),
                                            QStringLiteral("810001"), QStringLiteral("--code"),
                                            QStringLiteral("123456")});
    VERIFY_EXIT(again, CliExit::Conflict);
    QVERIFY(again.standardError.contains("already enrolled"));
}

void TestCli::wrongCodeIsRefused()
{
    const QString subject = QStringLiteral("810100");
    const int printed = m_server->codesPrintedFor(subject);
    VERIFY_EXIT(m_cli->run({QStringLiteral("request-code"), QStringLiteral("--subject"), subject}),
                0);
    const QString right = m_cli->waitForCode(subject, printed);
    QVERIFY(!right.isEmpty());
    const QString wrong
        = right == QStringLiteral("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    const ProcessOutput refused = m_cli->run({QStringLiteral("enroll"), QStringLiteral("--subject"),
                                              subject, QStringLiteral("--code"), wrong});
    VERIFY_EXIT(refused, CliExit::Refused);
    QVERIFY2(refused.standardError.contains("attempt"), refused.standardError.constData());
    QVERIFY(!QFile::exists(m_cli->identityFolder(subject)));
    // Without --code and without a terminal: say how to get one.
    const ProcessOutput noCode
        = m_cli->run({QStringLiteral("enroll"), QStringLiteral("--subject"), subject});
    VERIFY_EXIT(noCode, CliExit::InvalidInput);
    QVERIFY(noCode.standardError.contains("request-code"));
}

void TestCli::passphraseProtectedKeyWithCodeFromStandardInput()
{
    const QString subject = QStringLiteral("810200");
    const int printed = m_server->codesPrintedFor(subject);
    VERIFY_EXIT(m_cli->run({QStringLiteral("request-code"), QStringLiteral("--subject"), subject}),
                0);
    const QString code = m_cli->waitForCode(subject, printed);
    const ProcessOutput enrolled
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("enroll"),
                      QStringLiteral("--subject"), subject, QStringLiteral("--code"),
                      QStringLiteral("-"), QStringLiteral("--passphrase-file"), m_passwordFile},
                     {}, code.toLatin1() + '\n');
    VERIFY_EXIT(enrolled, 0);
    QVERIFY(CliDriver::json(enrolled)[QLatin1String("keyEncrypted")].toBool());
    QVERIFY(test::readFile(m_cli->identityFolder(subject) + QStringLiteral("/key.pem"))
                .contains("ENCRYPTED PRIVATE KEY"));
    // Renewal needs the passphrase to open the key.
    const ProcessOutput locked
        = m_cli->run({QStringLiteral("renew"), subject, QStringLiteral("--force")});
    VERIFY_EXIT(locked, CliExit::InvalidInput);
    VERIFY_EXIT(m_cli->run({QStringLiteral("renew"), subject, QStringLiteral("--force"),
                            QStringLiteral("--passphrase-file"), m_passwordFile}),
                0);
    // A passphrase file others can read is refused.
    const QString open = test::writeFile(m_dir, QStringLiteral("open-passphrase"), "x");
    QVERIFY(QFile::setPermissions(
        open, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    const ProcessOutput refused
        = m_cli->run({QStringLiteral("renew"), subject, QStringLiteral("--force"),
                      QStringLiteral("--passphrase-file"), open});
    VERIFY_EXIT(refused, CliExit::InvalidInput);
    QVERIFY(refused.standardError.contains("chmod"));
}

void TestCli::needsRenewalAnswersByExitCode()
{
    // Lifetime 5 minutes (+1 backdated): 40 % of it is past after 2.4 minutes, 10 % at once.
    VERIFY_EXIT(m_cli->enrol(QStringLiteral("810300"),
                             {QStringLiteral("--not-after"), QStringLiteral("5m")}),
                0);
    VERIFY_EXIT(m_cli->run({QStringLiteral("needs-renewal"), QStringLiteral("810300")}),
                CliExit::NotDue);
    const ProcessOutput due
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("needs-renewal"),
                      QStringLiteral("810300"), QStringLiteral("--renew-at"), QStringLiteral("0.1"),
                      QStringLiteral("--jitter"), QStringLiteral("0")});
    VERIFY_EXIT(due, 0);
    QVERIFY(CliDriver::json(due)[QLatin1String("due")].toBool());
    VERIFY_EXIT(m_cli->run({QStringLiteral("needs-renewal"), QStringLiteral("810300"),
                            QStringLiteral("--renew-at"), QStringLiteral("7")}),
                CliExit::Usage);
}

void TestCli::renewKeepsThePreviousCertificate()
{
    const QString folder = m_cli->identityFolder(QStringLiteral("810001"));
    const QByteArray keyBefore = test::readFile(folder + QStringLiteral("/key.pem"));
    const QString serialBefore
        = CliDriver::json(m_cli->run({QStringLiteral("--json"), QStringLiteral("show"),
                                      QStringLiteral("810001")}))[QLatin1String("serial")]
              .toString();

    const ProcessOutput notDue
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("renew"), QStringLiteral("810001")});
    VERIFY_EXIT(notDue, 0);
    QCOMPARE(CliDriver::json(notDue)[QLatin1String("renewed")].toBool(true), false);

    const ProcessOutput renewed = m_cli->run({QStringLiteral("--json"), QStringLiteral("renew"),
                                              QStringLiteral("810001"), QStringLiteral("--force")});
    VERIFY_EXIT(renewed, 0);
    const QJsonObject json = CliDriver::json(renewed);
    QVERIFY(json[QLatin1String("renewed")].toBool());
    QVERIFY(json[QLatin1String("serial")].toString() != serialBefore);
    QCOMPARE(test::readFile(folder + QStringLiteral("/key.pem")), keyBefore);
    const QStringList previous = QDir(folder + QStringLiteral("/previous")).entryList(QDir::Files);
    QCOMPARE(previous.size(), 1);
    QVERIFY(previous.first().contains(serialBefore));
}

void TestCli::renewAllRenewsWhatIsDue()
{
    const ProcessOutput nothing
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("renew"), QStringLiteral("--all")});
    VERIFY_EXIT(nothing, 0);
    QVERIFY(CliDriver::json(nothing)[QLatin1String("renewals")].toArray().isEmpty());
    // With renewal at 10 % of the lifetime, only the 5-minute certificate is due.
    const ProcessOutput some = m_cli->run(
        {QStringLiteral("--json"), QStringLiteral("renew"), QStringLiteral("--all"),
         QStringLiteral("--renew-at"), QStringLiteral("0.1"), QStringLiteral("--jitter"),
         QStringLiteral("0"), QStringLiteral("--passphrase-file"), m_passwordFile});
    VERIFY_EXIT(some, 0);
    const QJsonArray renewals = CliDriver::json(some)[QLatin1String("renewals")].toArray();
    QCOMPARE(renewals.size(), 1);
    QCOMPARE(renewals.first()[QLatin1String("id")].toString(), QStringLiteral("810300@default"));
    QVERIFY(renewals.first()[QLatin1String("renewed")].toBool());
}

void TestCli::daemonRenewsAndRunsTheHook()
{
    const QString home = newHome(QStringLiteral("daemon-home"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("bootstrap"), QStringLiteral("--ca-url"), m_url,
                            QStringLiteral("--fingerprint"), m_server->fingerprint()},
                           home),
                0);
    VERIFY_EXIT(m_cli->enrol(QStringLiteral("810400"),
                             {QStringLiteral("--not-after"), QStringLiteral("5m")}, home),
                0);
    const QString hookOutput = m_dir.filePath(QStringLiteral("hook.txt"));
    // The hook is a program with arguments, run without a shell by the CLI; the test's
    // program happens to be a shell, to write its environment down.
    QProcess daemon;
    daemon.setProgram(QStringLiteral(CERTIGRAM_CLI_BINARY));
    daemon.setArguments({QStringLiteral("--home"), home, QStringLiteral("renew"),
                         QStringLiteral("--daemon"), QStringLiteral("--renew-at"),
                         QStringLiteral("0.2"), QStringLiteral("--jitter"), QStringLiteral("0"),
                         QStringLiteral("--exec"), QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                         QStringLiteral("printf '%s %s' \"$CERTIGRAM_SERIAL\" \"$1\" > \"$2\""),
                         QStringLiteral("hook"), QStringLiteral("--not-an-option"), hookOutput});
    daemon.start();
    QVERIFY(daemon.waitForStarted());
    const auto stop = qScopeGuard([&] {
        daemon.kill();
        daemon.waitForFinished();
    });
    // Due 72 s after notBefore, which is 60 s in the past: about 12 s from now.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(hookOutput) && !test::readFile(hookOutput).isEmpty(),
                             45000);
    const QString serial = CliDriver::json(m_cli->run(
        {QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("810400")},
        home))[QLatin1String("serial")]
                               .toString();
    QCOMPARE(QString::fromLatin1(test::readFile(hookOutput)),
             serial + QStringLiteral(" --not-an-option"));
    QCOMPARE(
        QDir(m_cli->identityFolder(QStringLiteral("810400"), home) + QStringLiteral("/previous"))
            .entryList(QDir::Files)
            .size(),
        1);
    daemon.terminate();
    QVERIFY(daemon.waitForFinished(10000));
    QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon.exitCode(), 0);
}

void TestCli::exportAndImportRoundTrip()
{
    const QString p12 = m_dir.filePath(QStringLiteral("810002.p12"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("export"), QStringLiteral("810002"),
                            QStringLiteral("--p12"), p12}),
                CliExit::Usage); // no password
    VERIFY_EXIT(
        m_cli->run({QStringLiteral("export"), QStringLiteral("810002"), QStringLiteral("--p12"),
                    p12, QStringLiteral("--password-file"), m_passwordFile}),
        0);
    const ProcessOutput info = test::openssl(
        {QStringLiteral("pkcs12"), QStringLiteral("-in"), p12, QStringLiteral("-passin"),
         QStringLiteral("file:") + m_passwordFile, QStringLiteral("-nodes")});
    QVERIFY2(info.succeeded(), info.standardError.constData());
    QCOMPARE(info.standardOutput.count("BEGIN CERTIFICATE"), 2);
    QCOMPARE(info.standardOutput.count("BEGIN PRIVATE KEY"), 1);
    // Never overwritten.
    const QByteArray exported = test::readFile(p12);
    VERIFY_EXIT(
        m_cli->run({QStringLiteral("export"), QStringLiteral("810002"), QStringLiteral("--p12"),
                    p12, QStringLiteral("--password-file"), m_passwordFile}),
        CliExit::Conflict);
    QCOMPARE(test::readFile(p12), exported);

    const QString legacy = m_dir.filePath(QStringLiteral("810002-legacy.p12"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("export"), QStringLiteral("810002"),
                            QStringLiteral("--p12"), legacy, QStringLiteral("--legacy"),
                            QStringLiteral("--password-file"), m_passwordFile}),
                0);
    const ProcessOutput legacyInfo = test::openssl(
        {QStringLiteral("pkcs12"), QStringLiteral("-legacy"), QStringLiteral("-in"), legacy,
         QStringLiteral("-passin"), QStringLiteral("file:") + m_passwordFile,
         QStringLiteral("-nodes"), QStringLiteral("-info")});
    QVERIFY2(legacyInfo.succeeded(), legacyInfo.standardError.constData());
    QVERIFY(legacyInfo.standardError.contains("pbeWithSHA1And3-KeyTripleDES-CBC"));

    // PKCS#12 into a new home.
    const QString imported = newHome(QStringLiteral("import-home"));
    const ProcessOutput fromP12
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("import"), p12,
                      QStringLiteral("--password-file"), m_passwordFile},
                     imported);
    VERIFY_EXIT(fromP12, 0);
    const QString serial
        = CliDriver::json(m_cli->run({QStringLiteral("--json"), QStringLiteral("show"),
                                      QStringLiteral("810002")}))[QLatin1String("serial")]
              .toString();
    QCOMPARE(CliDriver::json(fromP12)[QLatin1String("serial")].toString(), serial);

    // The prototype's PEM pair, key first on the command line.
    const QString pemDir = m_dir.filePath(QStringLiteral("pem"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("export"), QStringLiteral("810002"),
                            QStringLiteral("--pem"), pemDir}),
                0);
    const QString keyFile = pemDir + QStringLiteral("/810002.pem");
    const QString certificateFile = pemDir + QStringLiteral("/810002_crt.pem");
    QVERIFY(test::openssl(
                {QStringLiteral("pkey"), QStringLiteral("-in"), keyFile, QStringLiteral("-noout")})
                .succeeded());
    const ProcessOutput fromPem
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("import"), keyFile, certificateFile,
                      QStringLiteral("--profile"), QStringLiteral("old")},
                     imported);
    VERIFY_EXIT(fromPem, 0);
    QCOMPARE(CliDriver::json(fromPem)[QLatin1String("id")].toString(),
             QStringLiteral("810002@old"));
    // A wrong PKCS#12 password is a clear error, and nothing is imported.
    const QString wrongPassword = test::writeFile(m_dir, QStringLiteral("wrong"), "nope");
    QVERIFY(QFile::setPermissions(wrongPassword, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const ProcessOutput wrong
        = m_cli->run({QStringLiteral("import"), p12, QStringLiteral("--password-file"),
                      wrongPassword, QStringLiteral("--profile"), QStringLiteral("third")},
                     imported);
    VERIFY_EXIT(wrong, CliExit::InvalidInput);
    QVERIFY(!QFile::exists(imported + QStringLiteral("/identities/third")));
}

void TestCli::revokeByMutualTls()
{
    // A copy of the identity, made before it is revoked, to try the CA itself afterwards.
    const QString p12 = m_dir.filePath(QStringLiteral("810004.p12"));
    VERIFY_EXIT(
        m_cli->run({QStringLiteral("export"), QStringLiteral("810004"), QStringLiteral("--p12"),
                    p12, QStringLiteral("--password-file"), m_passwordFile}),
        0);

    const ProcessOutput revoked
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("revoke"), QStringLiteral("810004"),
                      QStringLiteral("--reason-code"), QStringLiteral("4"),
                      QStringLiteral("--reason"), QStringLiteral("superseded by a new laptop")});
    VERIFY_EXIT(revoked, 0);
    QCOMPARE(CliDriver::json(revoked)[QLatin1String("status")].toString(),
             QStringLiteral("revoked"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("revoke"), QStringLiteral("810004")}),
                CliExit::Conflict);
    const ProcessOutput refusedLocally = m_cli->run(
        {QStringLiteral("renew"), QStringLiteral("810004"), QStringLiteral("--force")});
    VERIFY_EXIT(refusedLocally, CliExit::Conflict);
    QVERIFY(refusedLocally.standardError.contains("revoked"));

    // The CA refuses the revoked certificate too.
    const QString other = newHome(QStringLiteral("revoked-copy"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("bootstrap"), QStringLiteral("--ca-url"), m_url,
                            QStringLiteral("--fingerprint"), m_server->fingerprint()},
                           other),
                0);
    VERIFY_EXIT(m_cli->run({QStringLiteral("import"), p12, QStringLiteral("--password-file"),
                            m_passwordFile},
                           other),
                0);
    const ProcessOutput refusedByCa = m_cli->run(
        {QStringLiteral("renew"), QStringLiteral("810004"), QStringLiteral("--force")}, other);
    VERIFY_EXIT(refusedByCa, CliExit::Refused);
    QVERIFY(refusedByCa.standardError.contains("revoked"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("revoke"), QStringLiteral("810004"),
                            QStringLiteral("--reason-code"), QStringLiteral("7")}),
                CliExit::Usage);
}

void TestCli::revokeWithALostKey()
{
    const QString subject = QStringLiteral("810003");
    QVERIFY(QFile::remove(m_cli->identityFolder(subject) + QStringLiteral("/key.pem")));
    // With the key gone, mutual TLS is impossible.
    VERIFY_EXIT(m_cli->run({QStringLiteral("revoke"), subject}), 4);
    // Without a terminal, --lost-key needs the code on the command line.
    const ProcessOutput noCode
        = m_cli->run({QStringLiteral("revoke"), subject, QStringLiteral("--lost-key")});
    VERIFY_EXIT(noCode, CliExit::InvalidInput);
    QVERIFY(noCode.standardError.contains("--purpose revoke"));

    const int printed = m_server->codesPrintedFor(subject);
    VERIFY_EXIT(m_cli->run({QStringLiteral("request-code"), QStringLiteral("--subject"), subject,
                            QStringLiteral("--purpose"), QStringLiteral("revoke")}),
                0);
    const QString code = m_cli->waitForCode(subject, printed);
    const ProcessOutput revoked = m_cli->run(
        {QStringLiteral("--json"), QStringLiteral("revoke"), subject, QStringLiteral("--lost-key"),
         QStringLiteral("--code"), code, QStringLiteral("--reason-code"), QStringLiteral("1"),
         QStringLiteral("--reason"), QStringLiteral("laptop stolen")});
    VERIFY_EXIT(revoked, 0);
    QCOMPARE(CliDriver::json(revoked)[QLatin1String("status")].toString(),
             QStringLiteral("revoked"));

    // The CRL lists it.
    const QString serial = CliDriver::json(revoked)[QLatin1String("serial")].toString();
    const ProcessOutput crl
        = test::runProcess(QStringLiteral("curl"),
                           {QStringLiteral("-sf"), QStringLiteral("--cacert"), m_rootFile,
                            m_url + QStringLiteral("/1.0/crl?pem")});
    if (crl.finished && crl.exitCode != 127 && crl.succeeded()) {
        const QString crlFile
            = test::writeFile(m_dir, QStringLiteral("crl.pem"), crl.standardOutput);
        const ProcessOutput text
            = test::openssl({QStringLiteral("crl"), QStringLiteral("-in"), crlFile,
                             QStringLiteral("-noout"), QStringLiteral("-text")});
        QVERIFY(text.standardOutput.toUpper().contains(serial.toLatin1()));
    }
}

void TestCli::unreachableServerIsAClearError()
{
    // A profile whose CA is not listening any more.
    const QString home = newHome(QStringLiteral("gone-home"));
    ProfileStore profiles(home + QStringLiteral("/profiles.json"));
    auto root = Certificate::fromPem(test::readFile(m_rootFile));
    QVERIFY(root.ok());
    const QUrl gone(QStringLiteral("https://127.0.0.1:%1").arg(test::freeLoopbackPort()));
    QVERIFY(
        profiles.save(CaProfile{QStringLiteral("default"), gone, gone, root.value()}, false).ok());
    const ProcessOutput unreachable = m_cli->run(
        {QStringLiteral("request-code"), QStringLiteral("--subject"), QStringLiteral("810500")},
        home);
    VERIFY_EXIT(unreachable, CliExit::Network);
    QVERIFY2(unreachable.standardError.contains(gone.host().toLatin1()),
             unreachable.standardError.constData());
}

void TestCli::corruptKeyFileIsReportedAndKept()
{
    const QString folder = m_cli->identityFolder(QStringLiteral("810005"));
    QFile key(folder + QStringLiteral("/key.pem"));
    QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
    key.write("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    key.close();
    const auto before = snapshot(folder);
    const ProcessOutput renewed = m_cli->run(
        {QStringLiteral("renew"), QStringLiteral("810005"), QStringLiteral("--force")});
    VERIFY_EXIT(renewed, CliExit::InvalidInput);
    QVERIFY2(renewed.standardError.contains("key.pem"), renewed.standardError.constData());
    QCOMPARE(snapshot(folder), before);
    // The rest of the store is unaffected.
    VERIFY_EXIT(m_cli->run({QStringLiteral("list")}), 0);
}

void TestCli::readOnlyAndFullHomeLoseNothing()
{
#ifndef Q_OS_LINUX
    QSKIP("needs Linux tmpfs mounts");
#else
    // Running as root, chmod would not stop writes: a small tmpfs, remounted read-only, then
    // filled up.
    const QString home = newHome(QStringLiteral("tmpfs-home"));
    QVERIFY(QDir().mkpath(home));
    const ProcessOutput mounted
        = test::runProcess(QStringLiteral("mount"),
                           {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                            QStringLiteral("size=512k"), QStringLiteral("tmpfs"), home});
    if (!mounted.succeeded())
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs (needs root / CAP_SYS_ADMIN): ")
                         + QString::fromLocal8Bit(mounted.standardError.trimmed())));
    const auto unmount = qScopeGuard([&] {
        test::runProcess(QStringLiteral("umount"), {QStringLiteral("-l"), home});
    });
    const auto remount = [&](const QString &mode) {
        return test::runProcess(QStringLiteral("mount"),
                                {QStringLiteral("-o"), QStringLiteral("remount,") + mode, home})
            .succeeded();
    };

    VERIFY_EXIT(m_cli->run({QStringLiteral("bootstrap"), QStringLiteral("--ca-url"), m_url,
                            QStringLiteral("--fingerprint"), m_server->fingerprint()},
                           home),
                0);
    VERIFY_EXIT(m_cli->enrol(QStringLiteral("810600"), {}, home), 0);
    const auto before = snapshot(home);

    QVERIFY(remount(QStringLiteral("ro")));
    const ProcessOutput readOnlyRenew = m_cli->run(
        {QStringLiteral("renew"), QStringLiteral("810600"), QStringLiteral("--force")}, home);
    VERIFY_EXIT(readOnlyRenew, CliExit::Io);
    QVERIFY2(readOnlyRenew.standardError.contains("Read-only"),
             readOnlyRenew.standardError.constData());
    const ProcessOutput readOnlyEnrol = m_cli->enrol(QStringLiteral("810601"), {}, home);
    VERIFY_EXIT(readOnlyEnrol, CliExit::Io);
    QCOMPARE(snapshot(home), before);

    QVERIFY(remount(QStringLiteral("rw")));
    {
        QFile filler(home + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) { }
    }
    auto full = snapshot(home);
    const ProcessOutput fullRenew = m_cli->run(
        {QStringLiteral("renew"), QStringLiteral("810600"), QStringLiteral("--force")}, home);
    VERIFY_EXIT(fullRenew, CliExit::Io);
    QVERIFY2(fullRenew.standardError.contains("No space"), fullRenew.standardError.constData());
    const ProcessOutput fullExport = m_cli->run(
        {QStringLiteral("export"), QStringLiteral("810600"), QStringLiteral("--p12"),
         home + QStringLiteral("/out.p12"), QStringLiteral("--password-file"), m_passwordFile},
        home);
    VERIFY_EXIT(fullExport, CliExit::Io);
    QCOMPARE(snapshot(home), full);
    // And once there is room again, it works.
    QVERIFY(QFile::remove(home + QStringLiteral("/filler")));
    VERIFY_EXIT(
        m_cli->run({QStringLiteral("renew"), QStringLiteral("810600"), QStringLiteral("--force")},
                   home),
        0);
#endif
}

void TestCli::expiredCodeIsRefused()
{
    const QString subject = QStringLiteral("810700");
    QVERIFY(m_expiringCodeSent.isValid());
    const QString code = m_cli->waitForCode(subject, m_expiringCodePrinted);
    QVERIFY(!code.isEmpty());
    // The server's codes last 30 s.
    const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(m_expiringCodeSent.addSecs(31));
    if (left > 0)
        QTest::qWait(static_cast<int>(left));
    const ProcessOutput expired = m_cli->run({QStringLiteral("enroll"), QStringLiteral("--subject"),
                                              subject, QStringLiteral("--code"), code});
    VERIFY_EXIT(expired, CliExit::Refused);
    QVERIFY(!QFile::exists(m_cli->identityFolder(subject)));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
