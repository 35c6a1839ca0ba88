#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/chainverifier.h"
#include "crypto/onetimetokenbuilder.h"
#include "crypto/provisionerkey.h"
#include "protocol/stepcamessages.h"
#include "stepcaprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslKey>
#include <QtTest>

using namespace certigram;
using certigram::test::StepCaProcess;

Q_DECLARE_METATYPE(certigram::KeyType)

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct HttpResult
{
    int status = 0;
    QJsonObject body;
    QString error;
};

} // namespace

// Our crypto core against the real smallstep step-ca (0.19, from Debian's packages): tokens
// we mint with the provisioner key get CSRs we build signed, and our revoke tokens revoke.
class TestStepCaInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void provisionerKidMatchesStep();
    void signAndRevoke_data();
    void signAndRevoke();
    void replayedTokenIsRefused();
    void renewWithMutualTls();

private:
    HttpResult post(const QString &path, const QJsonObject &body,
                    const QSslConfiguration *tls = nullptr);
    Result<Certificate> enroll(const PrivateKey &key, const QString &subject);

    StepCaProcess m_ca;
    Certificate m_root;
    ProvisionerKey m_provisioner;
    std::unique_ptr<OneTimeTokenBuilder> m_tokens;
    QNetworkAccessManager m_network;
};

void TestStepCaInterop::initTestCase()
{
    QVERIFY2(m_ca.start(), qPrintable(m_ca.errorString()));
    auto root = Certificate::fromPem(readFile(m_ca.rootCertificatePath()));
    QVERIFY(root.ok());
    m_root = root.value();
    QCOMPARE(m_root.sha256Fingerprint(), m_ca.rootFingerprint());

    auto key
        = ProvisionerKey::fromPem(m_ca.provisionerName(), readFile(m_ca.provisionerKeyPemPath()));
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().message()));
    m_provisioner = key.value();
    m_tokens = std::make_unique<OneTimeTokenBuilder>(m_provisioner, QUrl(m_ca.url()));
    m_tokens->setRootFingerprint(m_ca.rootFingerprint());
}

void TestStepCaInterop::cleanupTestCase()
{
    m_ca.stop();
}

HttpResult TestStepCaInterop::post(const QString &path, const QJsonObject &body,
                                   const QSslConfiguration *tls)
{
    QNetworkRequest request(QUrl(m_ca.url() + path));
    QSslConfiguration configuration = tls ? *tls : QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({QSslCertificate(m_root.toPem())});
    request.setSslConfiguration(configuration);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    m_network.clearConnectionCache(); // client certificates change between requests
    QNetworkReply *reply
        = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpResult result;
    if (!reply->isFinished() && !finished.wait(30000)) {
        result.error = QStringLiteral("timed out");
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = QJsonDocument::fromJson(reply->readAll()).object();
    if (result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

Result<Certificate> TestStepCaInterop::enroll(const PrivateKey &key, const QString &subject)
{
    auto csr = CertificateRequest::build(key, subject, SubjectAltNames::fromList({subject}));
    if (!csr)
        return csr.error();
    auto token = m_tokens->signToken(subject);
    if (!token)
        return token.error();
    SignRequest sign;
    sign.csr = QString::fromLatin1(csr->toPem());
    sign.ott = QString::fromLatin1(token.value());
    const HttpResult answer = post(QStringLiteral("/1.0/sign"), sign.toJson());
    if (answer.status != 201)
        return Error(
            ErrorCode::Internal,
            QStringLiteral("sign answered %1: %2 %3")
                .arg(answer.status)
                .arg(QString::fromUtf8(QJsonDocument(answer.body).toJson()), answer.error));
    auto response = SignResponse::fromJson(answer.body);
    if (!response)
        return response.error();
    return Certificate::fromPem(response->crt.toLatin1());
}

void TestStepCaInterop::provisionerKidMatchesStep()
{
    // The kid we derive (RFC 7638 thumbprint) is the one the CA is configured with.
    QCOMPARE(m_provisioner.kid(), m_ca.provisionerKid());
    auto fromJwk = ProvisionerKey::fromJwkJson(
        m_ca.provisionerName(),
        SecretBytes::fromUtf8(QString::fromUtf8(readFile(m_ca.provisionerKeyJwkPath()))));
    QVERIFY(fromJwk.ok());
    QCOMPARE(fromJwk->kid(), m_ca.provisionerKid());
}

void TestStepCaInterop::signAndRevoke_data()
{
    QTest::addColumn<KeyType>("keyType");
    QTest::newRow("ec-p256") << KeyType::EcP256;
    QTest::newRow("ec-p384") << KeyType::EcP384;
    QTest::newRow("rsa-2048") << KeyType::Rsa2048;
    QTest::newRow("ed25519") << KeyType::Ed25519;
}

void TestStepCaInterop::signAndRevoke()
{
    QFETCH(KeyType, keyType);
    auto key = PrivateKey::generate(keyType);
    QVERIFY(key.ok());
    const QString subject = QStringLiteral("123456789");
    auto certificate = enroll(key.value(), subject);
    QVERIFY2(certificate.ok(),
             qPrintable(certificate.ok() ? QString() : certificate.error().message()));

    // What step-ca issued is what we asked for, and chains to the pinned root.
    QCOMPARE(certificate->commonName(), subject);
    QCOMPARE(certificate->subjectAltNames().all(), QStringList{subject});
    QVERIFY(certificate->matchesPrivateKey(key.value()));
    QVERIFY(certificate->extendedKeyUsage().contains(QStringLiteral("clientAuth")));
    QVERIFY(certificate->notAfter() > QDateTime::currentDateTimeUtc().addSecs(23 * 3600));
    ChainVerifier verifier(m_root);
    verifier.setPurpose(CertificatePurpose::ClientAuth);
    auto intermediate
        = Certificate::fromPem(readFile(QFileInfo(m_ca.rootCertificatePath()).absolutePath()
                                        + QStringLiteral("/intermediate_ca.crt")));
    QVERIFY(intermediate.ok());
    QVERIFY(verifier.verify(certificate.value(), {intermediate.value()}).ok());

    // Our revoke token (sub = the serial) revokes it.
    auto revokeToken = m_tokens->revokeToken(certificate->serialDecimal());
    QVERIFY(revokeToken.ok());
    RevokeRequest revoke;
    revoke.serial = certificate->serialDecimal();
    revoke.ott = QString::fromLatin1(revokeToken.value());
    revoke.reasonCode = 1;
    revoke.reason = QStringLiteral("interop test: key compromise");
    revoke.passive = true;
    const HttpResult revoked = post(QStringLiteral("/1.0/revoke"), revoke.toJson());
    QCOMPARE(revoked.status, 200);
    QCOMPARE(revoked.body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    // Revoking it again is refused: the CA really recorded it.
    auto again = m_tokens->revokeToken(certificate->serialDecimal());
    QVERIFY(again.ok());
    revoke.ott = QString::fromLatin1(again.value());
    const HttpResult twice = post(QStringLiteral("/1.0/revoke"), revoke.toJson());
    QVERIFY2(twice.status >= 400, qPrintable(QString::number(twice.status)));
}

void TestStepCaInterop::replayedTokenIsRefused()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto csr = CertificateRequest::build(key.value(), QStringLiteral("42"),
                                         SubjectAltNames::fromList({QStringLiteral("42")}));
    QVERIFY(csr.ok());
    auto token = m_tokens->signToken(QStringLiteral("42"));
    QVERIFY(token.ok());
    SignRequest sign;
    sign.csr = QString::fromLatin1(csr->toPem());
    sign.ott = QString::fromLatin1(token.value());
    QCOMPARE(post(QStringLiteral("/1.0/sign"), sign.toJson()).status, 201);
    const HttpResult replay = post(QStringLiteral("/1.0/sign"), sign.toJson());
    QCOMPARE(replay.status, 401);
    QCOMPARE(replay.body.value(QStringLiteral("status")).toInt(), 401);
}

void TestStepCaInterop::renewWithMutualTls()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto certificate = enroll(key.value(), QStringLiteral("555"));
    QVERIFY2(certificate.ok(),
             qPrintable(certificate.ok() ? QString() : certificate.error().message()));

    auto keyPem = key->toPem();
    QVERIFY(keyPem.ok());
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certificate->toPem()));
    tls.setPrivateKey(QSslKey(keyPem->toByteArrayUnsafe(), QSsl::Ec));
    const HttpResult renewed = post(QStringLiteral("/1.0/renew"), {}, &tls);
    QCOMPARE(renewed.status, 201);
    auto response = SignResponse::fromJson(renewed.body);
    QVERIFY(response.ok());
    auto fresh = Certificate::fromPem(response->crt.toLatin1());
    QVERIFY(fresh.ok());
    QCOMPARE(fresh->commonName(), QStringLiteral("555"));
    QVERIFY(fresh->serialDecimal() != certificate->serialDecimal());
    QVERIFY(fresh->matchesPrivateKey(key.value()));
}

QTEST_GUILESS_MAIN(TestStepCaInterop)
#include "tst_stepca_interop.moc"
