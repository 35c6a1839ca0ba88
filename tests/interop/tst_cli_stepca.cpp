#include "clidriver.h"
#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/onetimetokenbuilder.h"
#include "crypto/privatekey.h"
#include "crypto/provisionerkey.h"
#include "processrunner.h"
#include "protocol/stepcamessages.h"
#include "serverprocess.h"
#include "stepcaprocess.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace certigram;
using certigram::test::CliDriver;
using certigram::test::ProcessOutput;
namespace CliExit = certigram::test::CliExit;
using certigram::test::ServerProcess;
using certigram::test::StepCaProcess;

namespace {

bool writeSecret(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size()
        && file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace

// certigram-cli as a process against a real step-ca (0.19) fronted by certigram-server in
// external mode: the holder's lifecycle with step-ca as the CA and certigram-server as the RA.
// The CLI pins one root for both URLs, so the RA's own TLS certificate comes from step-ca
// too: the test mints it with the provisioner key, as an administrator would with
// `step ca certificate localhost ra.crt ra.key`.
class TestCliStepCa : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bootstrap();
    void enrolEachKeyType_data();
    void enrolEachKeyType();
    void list();
    void renewKeepsThePreviousCertificate();
    void exportToPkcs12();
    void revokeByMutualTls();
    void revokeWithALostKey();

private:
    bool mintRaCertificate(const QString &certificateFile, const QString &keyFile);

    StepCaProcess m_stepCa;
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_ra;
    std::unique_ptr<CliDriver> m_cli;
    QString m_raUrl;
    QString m_home;
    QString m_passwordFile;
    QString m_exportedBeforeRevocation;
    QString m_error;
};

void TestCliStepCa::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(CERTIGRAM_CLI_BINARY)));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_stepCa.start(), qPrintable(m_stepCa.errorString()));

    const QString dataDir = m_dir.filePath(QStringLiteral("ra"));
    QVERIFY(QDir().mkpath(dataDir));
    QVERIFY2(
        mintRaCertificate(dataDir + QStringLiteral("/ra.crt"), dataDir + QStringLiteral("/ra.key")),
        qPrintable(m_error));
    QVERIFY(writeSecret(dataDir + QStringLiteral("/provisioner.pem"),
                        test::readFile(m_stepCa.provisionerKeyPemPath())));
    const QJsonObject config{
        {QStringLiteral("ca"),
         QJsonObject{{QStringLiteral("mode"), QStringLiteral("external")},
                     {QStringLiteral("url"), m_stepCa.url()},
                     {QStringLiteral("rootFile"), m_stepCa.rootCertificatePath()},
                     {QStringLiteral("intermediateFile"),
                      QFileInfo(m_stepCa.rootCertificatePath()).absolutePath()
                          + QStringLiteral("/intermediate_ca.crt")},
                     {QStringLiteral("provisionerName"), m_stepCa.provisionerName()},
                     {QStringLiteral("provisionerKeyFile"), QStringLiteral("provisioner.pem")}}},
        {QStringLiteral("tls"),
         QJsonObject{{QStringLiteral("certificateFile"), QStringLiteral("ra.crt")},
                     {QStringLiteral("keyFile"), QStringLiteral("ra.key")}}},
        {QStringLiteral("codes"),
         QJsonObject{{QStringLiteral("requestsPerAddressPerHour"), 1000},
                     {QStringLiteral("resendAfterSeconds"), 0}}}};
    QVERIFY(writeSecret(dataDir + QStringLiteral("/config.json"), QJsonDocument(config).toJson()));
    m_ra = std::make_unique<ServerProcess>(
        QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir,
        QStringList{QStringLiteral("--config"), dataDir + QStringLiteral("/config.json")});
    QVERIFY2(m_ra->start(), m_ra->output().constData());
    QCOMPARE(m_ra->fingerprint(), m_stepCa.rootFingerprint());
    m_raUrl = QStringLiteral("https://localhost:%1").arg(m_ra->port());

    m_home = m_dir.filePath(QStringLiteral("home"));
    m_cli = std::make_unique<CliDriver>(QStringLiteral(CERTIGRAM_CLI_BINARY), m_ra.get(), m_home);
    m_passwordFile = test::writeFile(m_dir, QStringLiteral("password"), "correct horse\n");
    QVERIFY(
        QFile::setPermissions(m_passwordFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
}

void TestCliStepCa::cleanupTestCase()
{
    if (m_ra)
        QCOMPARE(m_ra->terminate(), 0);
    m_stepCa.stop();
}

// A TLS certificate for "localhost" from step-ca itself: a sign token minted with the
// provisioner key, a CSR, POST /1.0/sign. Leaf and intermediate go to `certificateFile`.
bool TestCliStepCa::mintRaCertificate(const QString &certificateFile, const QString &keyFile)
{
    auto provisioner = ProvisionerKey::fromPem(m_stepCa.provisionerName(),
                                               test::readFile(m_stepCa.provisionerKeyPemPath()));
    if (!provisioner) {
        m_error = provisioner.error().message();
        return false;
    }
    OneTimeTokenBuilder tokens(provisioner.value(), QUrl(m_stepCa.url()));
    tokens.setRootFingerprint(m_stepCa.rootFingerprint());
    const QStringList names{QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
    auto token = tokens.signToken(names.first(), names);
    auto key = PrivateKey::generate(KeyType::EcP256);
    if (!token || !key) {
        m_error = QStringLiteral("no token or key");
        return false;
    }
    auto csr
        = CertificateRequest::build(key.value(), names.first(), SubjectAltNames::fromList(names));
    auto keyPem = key->toPem();
    if (!csr || !keyPem) {
        m_error = QStringLiteral("no CSR");
        return false;
    }
    SignRequest sign;
    sign.csr = QString::fromLatin1(csr->toPem());
    sign.ott = QString::fromLatin1(token.value());

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(m_stepCa.url() + QStringLiteral("/1.0/sign")));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({QSslCertificate(test::readFile(m_stepCa.rootCertificatePath()))});
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(
        network.post(request, QJsonDocument(sign.toJson()).toJson(QJsonDocument::Compact)));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(20000)) {
        m_error = QStringLiteral("step-ca did not answer /1.0/sign");
        return false;
    }
    const QByteArray body = reply->readAll();
    auto issued = SignResponse::fromJson(QJsonDocument::fromJson(body).object());
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201 || !issued) {
        m_error = QStringLiteral("step-ca refused the RA's certificate: %1 %2")
                      .arg(reply->errorString(), QString::fromUtf8(body));
        return false;
    }
    QByteArray chain;
    for (const QString &pem : issued->certChain)
        chain += pem.toLatin1();
    return writeSecret(certificateFile, chain) && writeSecret(keyFile, keyPem->toByteArrayUnsafe());
}

void TestCliStepCa::bootstrap()
{
    const ProcessOutput done
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("bootstrap"),
                      QStringLiteral("--ca-url"), m_stepCa.url(), QStringLiteral("--ra-url"),
                      m_raUrl, QStringLiteral("--fingerprint"), m_stepCa.rootFingerprint()});
    VERIFY_EXIT(done, 0);
    const QJsonObject json = CliDriver::json(done);
    QCOMPARE(json[QLatin1String("fingerprint")].toString(), m_stepCa.rootFingerprint());
    QCOMPARE(json[QLatin1String("caUrl")].toString(), m_stepCa.url());
    QCOMPARE(json[QLatin1String("raUrl")].toString(), m_raUrl);
}

void TestCliStepCa::enrolEachKeyType_data()
{
    QTest::addColumn<QString>("keyType");
    QTest::addColumn<QString>("subject");
    QTest::newRow("ec-p256") << QStringLiteral("ec-p256") << QStringLiteral("920001");
    QTest::newRow("rsa-2048") << QStringLiteral("rsa-2048") << QStringLiteral("920002");
    // step-ca 0.19 signs Ed25519 CSRs (its JWK provisioner's key validator allows Ed25519).
    QTest::newRow("ed25519") << QStringLiteral("ed25519") << QStringLiteral("920003");
}

void TestCliStepCa::enrolEachKeyType()
{
    QFETCH(QString, keyType);
    QFETCH(QString, subject);
    const ProcessOutput enrolled = m_cli->enrol(subject, {QStringLiteral("--key-type"), keyType});
    VERIFY_EXIT(enrolled, 0);
    const QJsonObject json = CliDriver::json(enrolled);
    QCOMPARE(json[QLatin1String("keyType")].toString(), keyType);
    QCOMPARE(json[QLatin1String("subject")].toString(), subject);
    QCOMPARE(json[QLatin1String("status")].toString(), QStringLiteral("valid"));

    // step-ca issued it: the stored chain verifies against step-ca's root, for client auth.
    const QString certificate = m_cli->identityFolder(subject) + QStringLiteral("/certificate.pem");
    const ProcessOutput verified = test::openssl(
        {QStringLiteral("verify"), QStringLiteral("-CAfile"), m_stepCa.rootCertificatePath(),
         QStringLiteral("-purpose"), QStringLiteral("sslclient"), QStringLiteral("-untrusted"),
         certificate, certificate});
    QVERIFY2(verified.succeeded(), verified.standardError.constData());
    const ProcessOutput issuer
        = test::openssl({QStringLiteral("x509"), QStringLiteral("-in"), certificate,
                         QStringLiteral("-noout"), QStringLiteral("-issuer")});
    QVERIFY2(issuer.standardOutput.contains("Test Intermediate CA"),
             issuer.standardOutput.constData());
}

void TestCliStepCa::list()
{
    const ProcessOutput listed = m_cli->run({QStringLiteral("--json"), QStringLiteral("list")});
    VERIFY_EXIT(listed, 0);
    const QJsonArray identities = CliDriver::json(listed)[QLatin1String("identities")].toArray();
    QCOMPARE(identities.size(), 3);
    for (const QJsonValue &identity : identities) {
        QCOMPARE(identity[QLatin1String("status")].toString(), QStringLiteral("valid"));
        QVERIFY(!identity[QLatin1String("serial")].toString().isEmpty());
        // step-ca's default and maximum lifetime here: 24 hours.
        QVERIFY(identity[QLatin1String("daysLeft")].toDouble() <= 1.0);
    }
}

void TestCliStepCa::renewKeepsThePreviousCertificate()
{
    // Renewal is step-ca's /1.0/renew over mutual TLS with the current certificate.
    const QString folder = m_cli->identityFolder(QStringLiteral("920001"));
    const QByteArray keyBefore = test::readFile(folder + QStringLiteral("/key.pem"));
    const QString serialBefore
        = CliDriver::json(m_cli->run({QStringLiteral("--json"), QStringLiteral("show"),
                                      QStringLiteral("920001")}))[QLatin1String("serial")]
              .toString();
    QVERIFY(!serialBefore.isEmpty());

    const ProcessOutput renewed = m_cli->run({QStringLiteral("--json"), QStringLiteral("renew"),
                                              QStringLiteral("920001"), QStringLiteral("--force")});
    VERIFY_EXIT(renewed, 0);
    const QJsonObject json = CliDriver::json(renewed);
    QVERIFY(json[QLatin1String("renewed")].toBool());
    QVERIFY(!json[QLatin1String("serial")].toString().isEmpty());
    QVERIFY(json[QLatin1String("serial")].toString() != serialBefore);
    QCOMPARE(test::readFile(folder + QStringLiteral("/key.pem")), keyBefore);
    const QStringList previous = QDir(folder + QStringLiteral("/previous")).entryList(QDir::Files);
    QCOMPARE(previous.size(), 1);
    QVERIFY2(previous.first().contains(serialBefore), qPrintable(previous.first()));
}

void TestCliStepCa::exportToPkcs12()
{
    // A copy of 920002 made before it is revoked, to try the CA itself afterwards.
    m_exportedBeforeRevocation = m_dir.filePath(QStringLiteral("920002.p12"));
    VERIFY_EXIT(
        m_cli->run({QStringLiteral("export"), QStringLiteral("920002"), QStringLiteral("--p12"),
                    m_exportedBeforeRevocation, QStringLiteral("--password-file"), m_passwordFile}),
        0);
    const ProcessOutput info
        = test::openssl({QStringLiteral("pkcs12"), QStringLiteral("-in"),
                         m_exportedBeforeRevocation, QStringLiteral("-passin"),
                         QStringLiteral("file:") + m_passwordFile, QStringLiteral("-nodes")});
    QVERIFY2(info.succeeded(), info.standardError.constData());
    // Key, leaf and step-ca's intermediate.
    QCOMPARE(info.standardOutput.count("BEGIN CERTIFICATE"), 2);
    QCOMPARE(info.standardOutput.count("BEGIN PRIVATE KEY"), 1);
    QVERIFY(info.standardOutput.contains("CN = 920002"));
    QVERIFY(info.standardOutput.contains("CN = Test Intermediate CA"));
}

void TestCliStepCa::revokeByMutualTls()
{
    QVERIFY(QFile::exists(m_exportedBeforeRevocation));
    // The RA checks the client certificate (step-ca's) and mints a revoke token; step-ca
    // revokes.
    const ProcessOutput revoked
        = m_cli->run({QStringLiteral("--json"), QStringLiteral("revoke"), QStringLiteral("920002"),
                      QStringLiteral("--reason-code"), QStringLiteral("4"),
                      QStringLiteral("--reason"), QStringLiteral("superseded")});
    VERIFY_EXIT(revoked, 0);
    QCOMPARE(CliDriver::json(revoked)[QLatin1String("status")].toString(),
             QStringLiteral("revoked"));

    // Refused locally: the store knows it is revoked.
    const ProcessOutput refusedLocally = m_cli->run(
        {QStringLiteral("renew"), QStringLiteral("920002"), QStringLiteral("--force")});
    VERIFY_EXIT(refusedLocally, CliExit::Conflict);
    QVERIFY(refusedLocally.standardError.contains("revoked"));

    // Refused by step-ca: a copy that does not know it is revoked.
    const QString other = m_dir.filePath(QStringLiteral("revoked-copy"));
    VERIFY_EXIT(m_cli->run({QStringLiteral("bootstrap"), QStringLiteral("--ca-url"), m_stepCa.url(),
                            QStringLiteral("--ra-url"), m_raUrl, QStringLiteral("--fingerprint"),
                            m_stepCa.rootFingerprint()},
                           other),
                0);
    VERIFY_EXIT(m_cli->run({QStringLiteral("import"), m_exportedBeforeRevocation,
                            QStringLiteral("--password-file"), m_passwordFile},
                           other),
                0);
    const ProcessOutput refusedByCa = m_cli->run(
        {QStringLiteral("renew"), QStringLiteral("920002"), QStringLiteral("--force")}, other);
    VERIFY_EXIT(refusedByCa, CliExit::Refused);
    QVERIFY2(refusedByCa.standardError.contains("revoked"), refusedByCa.standardError.constData());
}

void TestCliStepCa::revokeWithALostKey()
{
    // 920001, renewed above: the certificate revoked is the current one.
    const QString subject = QStringLiteral("920001");
    const QString serial = CliDriver::json(m_cli->run(
        {QStringLiteral("--json"), QStringLiteral("show"), subject}))[QLatin1String("serial")]
                               .toString();
    QVERIFY(QFile::remove(m_cli->identityFolder(subject) + QStringLiteral("/key.pem")));
    const int printed = m_ra->codesPrintedFor(subject);
    VERIFY_EXIT(m_cli->run({QStringLiteral("request-code"), QStringLiteral("--subject"), subject,
                            QStringLiteral("--purpose"), QStringLiteral("revoke")}),
                0);
    const QString code = m_cli->waitForCode(subject, printed);
    QVERIFY(!code.isEmpty());
    const ProcessOutput revoked = m_cli->run(
        {QStringLiteral("--json"), QStringLiteral("revoke"), subject, QStringLiteral("--lost-key"),
         QStringLiteral("--code"), code, QStringLiteral("--reason-code"), QStringLiteral("1"),
         QStringLiteral("--reason"), QStringLiteral("laptop stolen")});
    VERIFY_EXIT(revoked, 0);
    QCOMPARE(CliDriver::json(revoked)[QLatin1String("status")].toString(),
             QStringLiteral("revoked"));
    QCOMPARE(CliDriver::json(revoked)[QLatin1String("serial")].toString(), serial);

    const ProcessOutput refused
        = m_cli->run({QStringLiteral("renew"), subject, QStringLiteral("--force")});
    // Refused locally as revoked, although its key is gone.
    VERIFY_EXIT(refused, CliExit::Conflict);
    const ProcessOutput listed = m_cli->run({QStringLiteral("--json"), QStringLiteral("list")});
    VERIFY_EXIT(listed, 0);
    int revokedCount = 0;
    for (const QJsonValue &identity :
         CliDriver::json(listed)[QLatin1String("identities")].toArray())
        revokedCount += identity[QLatin1String("status")].toString() == QLatin1String("revoked");
    QCOMPARE(revokedCount, 2);
}

QTEST_GUILESS_MAIN(TestCliStepCa)
#include "tst_cli_stepca.moc"
