#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/jwe.h"
#include "crypto/jwk.h"
#include "crypto/privatekey.h"
#include "serverprocess.h"
#include "stepcaprocess.h"
#include "testpki.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;
using certigram::test::ServerProcess;
using certigram::test::StepCaProcess;
using certigram::test::TestPki;

Q_DECLARE_METATYPE(QJsonObject)

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeSecret(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size()
        && file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
}

struct Answer
{
    int status = 0;
    QJsonObject json;
};

} // namespace

// certigram-server in front of a real step-ca (--ca external): the RA mints tokens with
// the step-ca provisioner's key — given as PEM, as a JWK, or as step's encrypted JWE with a
// password file — and step-ca accepts them.
class TestExternalCa : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void enrolAndRevokeThroughTheRa_data();
    void enrolAndRevokeThroughTheRa();

private:
    Answer post(const QUrl &url, const QJsonObject &body, const QSslConfiguration &tls);

    StepCaProcess m_stepCa;
    QTemporaryDir m_dir;
    TestPki m_raPki{QStringLiteral("RA TLS Root")};
    QNetworkAccessManager m_network;
    QSslConfiguration m_trustBoth;
};

void TestExternalCa::initTestCase()
{
    QVERIFY2(m_stepCa.start(), qPrintable(m_stepCa.errorString()));
    // Clients trust step-ca's root (the CA) and the RA's own TLS root.
    m_trustBoth = QSslConfiguration::defaultConfiguration();
    m_trustBoth.setCaCertificates({QSslCertificate(readFile(m_stepCa.rootCertificatePath())),
                                   QSslCertificate(m_raPki.root().toPem())});
}

Answer TestExternalCa::post(const QUrl &url, const QJsonObject &body, const QSslConfiguration &tls)
{
    QNetworkRequest request(url);
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    m_network.clearConnectionCache();
    QNetworkReply *reply
        = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  QJsonDocument::fromJson(reply->readAll()).object()};
    reply->deleteLater();
    return answer;
}

void TestExternalCa::enrolAndRevokeThroughTheRa_data()
{
    QTest::addColumn<QString>("keyForm");
    QTest::newRow("PEM key") << QStringLiteral("pem");
    QTest::newRow("private JWK") << QStringLiteral("jwk");
    QTest::newRow("step's encrypted JWE + password file") << QStringLiteral("jwe");
}

void TestExternalCa::enrolAndRevokeThroughTheRa()
{
    QFETCH(QString, keyForm);
    const QString dataDir = m_dir.filePath(keyForm);
    QVERIFY(QDir().mkpath(dataDir));

    // The provisioner key, in the form under test.
    QJsonObject ca{{QStringLiteral("mode"), QStringLiteral("external")},
                   {QStringLiteral("url"), m_stepCa.url()},
                   {QStringLiteral("rootFile"), m_stepCa.rootCertificatePath()},
                   {QStringLiteral("intermediateFile"),
                    QFileInfo(m_stepCa.rootCertificatePath()).absolutePath()
                        + QStringLiteral("/intermediate_ca.crt")},
                   {QStringLiteral("provisionerName"), m_stepCa.provisionerName()}};
    if (keyForm == QLatin1String("pem")) {
        QVERIFY(writeSecret(dataDir + QStringLiteral("/provisioner.pem"),
                            readFile(m_stepCa.provisionerKeyPemPath())));
        ca.insert(QStringLiteral("provisionerKeyFile"), QStringLiteral("provisioner.pem"));
    } else if (keyForm == QLatin1String("jwk")) {
        QVERIFY(writeSecret(dataDir + QStringLiteral("/provisioner.jwk"),
                            readFile(m_stepCa.provisionerKeyJwkPath())));
        ca.insert(QStringLiteral("provisionerKeyFile"), QStringLiteral("provisioner.jwk"));
    } else {
        auto jwk = Jwk::fromJson(readFile(m_stepCa.provisionerKeyJwkPath()));
        QVERIFY(jwk.ok());
        auto jwe
            = Jwe::encryptJwk(jwk.value(), SecretBytes::fromUtf8(QStringLiteral("step password")),
                              Jwe::kStepIterations);
        QVERIFY(jwe.ok());
        QVERIFY(writeSecret(dataDir + QStringLiteral("/provisioner.jwe"), jwe.value()));
        QVERIFY(writeSecret(dataDir + QStringLiteral("/provisioner.password"), "step password\n"));
        ca.insert(QStringLiteral("provisionerKeyFile"), QStringLiteral("provisioner.jwe"));
        ca.insert(QStringLiteral("provisionerPasswordFile"),
                  QStringLiteral("provisioner.password"));
    }

    // The RA's own TLS certificate (with an external CA it is the admin's to provide).
    const TestPki::Identity raIdentity = m_raPki.server();
    auto raKey = raIdentity.key.toPem();
    QVERIFY(raKey.ok());
    QVERIFY(writeSecret(dataDir + QStringLiteral("/ra.crt"), raIdentity.certificate.toPem()));
    QVERIFY(writeSecret(dataDir + QStringLiteral("/ra.key"), raKey->toByteArrayUnsafe()));
    const QJsonObject config{
        {QStringLiteral("ca"), ca},
        {QStringLiteral("tls"),
         QJsonObject{{QStringLiteral("certificateFile"), QStringLiteral("ra.crt")},
                     {QStringLiteral("keyFile"), QStringLiteral("ra.key")}}}};
    QVERIFY(writeSecret(dataDir + QStringLiteral("/config.json"), QJsonDocument(config).toJson()));

    ServerProcess ra(QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir,
                     {QStringLiteral("--config"), dataDir + QStringLiteral("/config.json")});
    QVERIFY2(ra.start(), ra.output().constData());
    QCOMPARE(ra.fingerprint(), m_stepCa.rootFingerprint()); // it announces step-ca's root
    const QString raUrl = QStringLiteral("https://localhost:%1").arg(ra.port());

    // Enrol: code → token from the RA → step-ca signs.
    const QString subject = QStringLiteral("700700700");
    QCOMPARE(post(QUrl(raUrl + QStringLiteral("/api/v1/codes")),
                  {{QStringLiteral("subject"), subject},
                   {QStringLiteral("purpose"), QStringLiteral("enroll")}},
                  m_trustBoth)
                 .status,
             202);
    QTRY_VERIFY(!ra.codeFor(subject).isEmpty());
    const Answer token = post(QUrl(raUrl + QStringLiteral("/api/v1/tokens")),
                              {{QStringLiteral("subject"), subject},
                               {QStringLiteral("code"), ra.codeFor(subject)},
                               {QStringLiteral("purpose"), QStringLiteral("enroll")}},
                              m_trustBoth);
    QCOMPARE(token.status, 200);
    QCOMPARE(token.json.value(QStringLiteral("caUrl")).toString(), m_stepCa.url());

    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto csr
        = CertificateRequest::build(key.value(), subject, SubjectAltNames::fromList({subject}));
    QVERIFY(csr.ok());
    const Answer issued = post(QUrl(m_stepCa.url() + QStringLiteral("/1.0/sign")),
                               {{QStringLiteral("csr"), QString::fromLatin1(csr->toPem())},
                                {QStringLiteral("ott"), token.json.value(QStringLiteral("ott"))}},
                               m_trustBoth);
    QCOMPARE(issued.status, 201);
    auto certificate
        = Certificate::fromPem(issued.json.value(QStringLiteral("crt")).toString().toLatin1());
    QVERIFY(certificate.ok());

    // Revoke: the holder proves the certificate to the RA by mutual TLS, step-ca revokes.
    QSslConfiguration holder = m_trustBoth;
    auto keyPem = key->toPem();
    QVERIFY(keyPem.ok());
    holder.setLocalCertificate(QSslCertificate(certificate->toPem()));
    holder.setPrivateKey(QSslKey(keyPem->toByteArrayUnsafe(), QSsl::Ec));
    const Answer revokeToken = post(
        QUrl(raUrl + QStringLiteral("/api/v1/revocation-tokens")),
        {{QStringLiteral("certificate"), QString::fromLatin1(certificate->toPem())}}, holder);
    QCOMPARE(revokeToken.status, 200);
    const Answer revoked
        = post(QUrl(m_stepCa.url() + QStringLiteral("/1.0/revoke")),
               {{QStringLiteral("serial"), certificate->serialDecimal()},
                {QStringLiteral("ott"), revokeToken.json.value(QStringLiteral("ott"))},
                {QStringLiteral("passive"), true},
                {QStringLiteral("reasonCode"), 1},
                {QStringLiteral("reason"), QStringLiteral("external CA test")}},
               m_trustBoth);
    QCOMPARE(revoked.status, 200);
    QCOMPARE(ra.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestExternalCa)
#include "tst_externalca.moc"
