#include "crypto/onetimetokenverifier.h"
#include "crypto/provisionerkey.h"
#include "crypto/securerandom.h"
#include "db/coderequestquotastore.h"
#include "db/database.h"
#include "db/pendingcodestore.h"
#include "http/httplistener.h"
#include "log/auditlogreader.h"
#include "log/auditlogwriter.h"
#include "metrics/metricsregistry.h"
#include "notify/notifier.h"
#include "postgresserver.h"
#include "ra/raroutes.h"
#include "ra/registrationservice.h"
#include "testpki.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

using namespace certigram;
using certigram::test::TestPki;

namespace {

// Stands in for Telegram: keeps what would have been sent, or fails on request.
class RecordingNotifier : public Notifier
{
public:
    QString name() const override { return QStringLiteral("recording"); }
    Result<void> send(const QString &subject, const QString &message) override
    {
        QMutexLocker lock(&m_mutex);
        if (m_failing)
            return Error(ErrorCode::NetworkError, QStringLiteral("Telegram is unreachable"));
        m_messages.append({subject, message});
        return {};
    }
    void setFailing(bool failing)
    {
        QMutexLocker lock(&m_mutex);
        m_failing = failing;
    }
    // The code in the last message to `subject`.
    QString lastCode(const QString &subject)
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_messages.crbegin(); it != m_messages.crend(); ++it) {
            if (it->first == subject)
                return QRegularExpression(QStringLiteral("\\b(\\d{6})\\b"))
                    .match(it->second)
                    .captured(1);
        }
        return {};
    }
    int count()
    {
        QMutexLocker lock(&m_mutex);
        return static_cast<int>(m_messages.size());
    }

private:
    QMutex m_mutex;
    bool m_failing = false;
    QList<QPair<QString, QString>> m_messages;
};

struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

// The registration authority end to end over HTTPS on loopback, on a real SQLite database
// and then on a real PostgreSQL (the whole suite runs once for each), with the audit log
// and metrics; Telegram replaced by a recording notifier.
class TestRegistration : public QObject
{
    Q_OBJECT

public:
    // Without a PostgreSQL server: SQLite.
    explicit TestRegistration(certigram::test::PostgresServer *postgres = nullptr)
        : m_postgres(postgres)
    { }

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void codeIsSentAndExchangedForAToken();
    void secondRequestWhilePendingIsRefused();
    void invalidRequestsAreRefused_data();
    void invalidRequestsAreRefused();
    void wrongCodesSpendAttemptsThenBurnTheCode();
    void expiredCodeIsRefused();
    void failedDeliveryReleasesTheCode();
    void codeRequestsAreLimitedPerAddress();
    void revocationTokenWithMutualTls();
    void revocationTokenWithACodeForALostKey();
    void revocationTokenRefusedWithoutProofOrForeignCertificate();
    void legacyRoutesKeepThePrototypesShapes();
    void legacyRevokeNeedsTheCertificate();
    void auditLogAndMetricsRecordEvents();
    void injectionAttemptsCannotForgeLogLines();

private:
    Answer post(const QString &path, const QJsonObject &body,
                const TestPki::Identity *client = nullptr);
    Answer postRaw(const QString &path, const QByteArray &body,
                   const TestPki::Identity *client = nullptr);
    QString requestCode(const QString &subject, const QString &purpose = QStringLiteral("enroll"));

    std::unique_ptr<TestPki> m_pki;
    TestPki::Identity m_serverIdentity;
    ProvisionerKey m_provisioner;
    QUrl m_caUrl = QUrl(QStringLiteral("https://ca.example.org:9000"));
    certigram::test::PostgresServer *m_postgres;
    QTemporaryDir m_dir;
    int m_round = 0;
    QDateTime m_now;

    QThreadPool m_workers;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<PendingCodeStore> m_codes;
    std::unique_ptr<CodeRequestQuotaStore> m_codeQuotas;
    std::unique_ptr<AuditLogWriter> m_audit;
    std::unique_ptr<MetricsRegistry> m_metrics;
    std::unique_ptr<RecordingNotifier> m_notifier;
    std::unique_ptr<RegistrationService> m_service;
    std::unique_ptr<HttpListener> m_listener;
    QNetworkAccessManager m_network;
    RegistrationPolicy m_policy;
};

void TestRegistration::initTestCase()
{
    m_pki = std::make_unique<TestPki>();
    m_serverIdentity = m_pki->server();
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto pem = key->toPem();
    QVERIFY(pem.ok());
    auto provisioner
        = ProvisionerKey::fromPem(QStringLiteral("certigram"), pem->toByteArrayUnsafe());
    QVERIFY(provisioner.ok());
    m_provisioner = provisioner.value();
}

void TestRegistration::init()
{
    ++m_round;
    m_now = QDateTime::currentDateTimeUtc();
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("round%1").arg(m_round))));
    if (m_postgres) {
        auto admin = DatabaseConfig::fromUrl(m_postgres->url());
        QVERIFY(admin.ok());
        {
            Database postgres(admin.value());
            auto db = postgres.connection();
            QVERIFY(db.ok());
            QSqlQuery create(db.value());
            QVERIFY(create.exec(QStringLiteral("CREATE DATABASE registration%1").arg(m_round)));
        }
        auto config = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://certigram@127.0.0.1:%1/registration%2")
                .arg(m_postgres->port())
                .arg(m_round));
        QVERIFY(config.ok());
        m_database = std::make_unique<Database>(config.value());
    } else {
        m_database = std::make_unique<Database>(DatabaseConfig::sqlite(
            m_dir.filePath(QStringLiteral("round%1/certigram.db").arg(m_round))));
    }
    QVERIFY(m_database->migrate().ok());
    m_codes = std::make_unique<PendingCodeStore>(*m_database);
    m_codeQuotas = std::make_unique<CodeRequestQuotaStore>(*m_database,
                                                           m_policy.codeRequestsPerAddressPerHour);
    m_audit = std::make_unique<AuditLogWriter>();
    QVERIFY(m_audit->open(m_dir.filePath(QStringLiteral("round%1/registration.log").arg(m_round)))
                .ok());
    m_metrics = std::make_unique<MetricsRegistry>();
    m_notifier = std::make_unique<RecordingNotifier>();
    auto secret = SecureRandom::bytes(32);
    QVERIFY(secret.ok());
    m_service = std::make_unique<RegistrationService>(
        m_policy, *m_codes, *m_codeQuotas, CodeHasher(SecretBytes::take(secret.value())),
        *m_notifier, OneTimeTokenBuilder(m_provisioner, m_caUrl), m_caUrl,
        QList<Certificate>{m_pki->root()}, QList<Certificate>{}, m_audit.get(), m_metrics.get());
    m_service->setClock([this] { return m_now; });

    HttpListener::Options options;
    options.tls = m_pki->serverConfiguration(m_serverIdentity);
    options.limits.burst = 1000; // this suite tests the RA's own limits, not the listener's
    m_listener = std::make_unique<HttpListener>(options, &m_workers);
    RaRoutes::registerOn(*m_listener, *m_service);
    QVERIFY(m_listener->listen().ok());
    m_network.clearConnectionCache();
}

void TestRegistration::cleanup()
{
    m_listener.reset();
    m_workers.waitForDone();
    m_service.reset();
    m_policy = RegistrationPolicy();
}

Answer TestRegistration::postRaw(const QString &path, const QByteArray &body,
                                 const TestPki::Identity *client)
{
    QNetworkRequest request(
        QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_listener->port()).arg(path)));
    request.setSslConfiguration(m_pki->clientConfiguration(client));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    m_network.clearConnectionCache(); // the client certificate may differ from the last request
    QNetworkReply *reply = m_network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  reply->readAll()};
    reply->deleteLater();
    return answer;
}

Answer TestRegistration::post(const QString &path, const QJsonObject &body,
                              const TestPki::Identity *client)
{
    return postRaw(path, QJsonDocument(body).toJson(QJsonDocument::Compact), client);
}

QString TestRegistration::requestCode(const QString &subject, const QString &purpose)
{
    const Answer answer
        = post(QStringLiteral("/api/v1/codes"),
               {{QStringLiteral("subject"), subject}, {QStringLiteral("purpose"), purpose}});
    if (answer.status != 202)
        return QStringLiteral("status %1: %2")
            .arg(answer.status)
            .arg(QString::fromUtf8(answer.body));
    return m_notifier->lastCode(subject);
}

void TestRegistration::codeIsSentAndExchangedForAToken()
{
    const Answer sent = post(QStringLiteral("/api/v1/codes"),
                             {{QStringLiteral("subject"), QStringLiteral("123456789")},
                              {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(sent.status, 202);
    auto issued = CodeResponse::fromJson(sent.json());
    QVERIFY(issued.ok());
    QCOMPARE(issued->expiresAt.toSecsSinceEpoch(), m_now.addSecs(300).toSecsSinceEpoch());
    QCOMPARE(issued->resendAfter.toSecsSinceEpoch(), m_now.addSecs(60).toSecsSinceEpoch());
    const QString code = m_notifier->lastCode(QStringLiteral("123456789"));
    QCOMPARE(code.size(), 6);

    const Answer exchanged = post(QStringLiteral("/api/v1/tokens"),
                                  {{QStringLiteral("subject"), QStringLiteral("123456789")},
                                   {QStringLiteral("code"), code},
                                   {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(exchanged.status, 200);
    auto token = TokenResponse::fromJson(exchanged.json());
    QVERIFY2(token.ok(), exchanged.body.constData());
    QCOMPARE(token->caUrl, m_caUrl);

    // The token is one the CA accepts: right key, audience, subject and SANs.
    OneTimeTokenVerifier verifier({{m_provisioner.name(), m_provisioner.publicJwk()}},
                                  {QStringLiteral("https://ca.example.org/1.0/sign")});
    verifier.setClock([this] { return m_now; });
    auto claims = verifier.verify(token->ott.toLatin1());
    QVERIFY2(claims.ok(), qPrintable(claims.ok() ? QString() : claims.error().message()));
    QCOMPARE(claims->subject, QStringLiteral("123456789"));
    QCOMPARE(claims->sans, QStringList{QStringLiteral("123456789")});
    QCOMPARE(token->expiresAt, claims->expiresAt);

    // The code was consumed.
    const Answer again = post(QStringLiteral("/api/v1/tokens"),
                              {{QStringLiteral("subject"), QStringLiteral("123456789")},
                               {QStringLiteral("code"), code},
                               {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(again.status, 401);
    QCOMPARE(again.json().value(QStringLiteral("reason")).toString(), QStringLiteral("no-code"));
}

void TestRegistration::secondRequestWhilePendingIsRefused()
{
    QCOMPARE(requestCode(QStringLiteral("42")).size(), 6);
    const Answer second = post(QStringLiteral("/api/v1/codes"),
                               {{QStringLiteral("subject"), QStringLiteral("42")},
                                {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(second.status, 409);
    QCOMPARE(second.json().value(QStringLiteral("status")).toInt(), 409);
    QCOMPARE(second.json().value(QStringLiteral("reason")).toString(),
             QStringLiteral("code-pending"));
    QCOMPARE(m_notifier->count(), 1);

    // A revoke code is independent; after the resend time a new code replaces the old.
    QCOMPARE(requestCode(QStringLiteral("42"), QStringLiteral("revoke")).size(), 6);
    m_now = m_now.addSecs(61);
    QCOMPARE(requestCode(QStringLiteral("42")).size(), 6);
    QCOMPARE(m_notifier->count(), 3);
}

void TestRegistration::invalidRequestsAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("letters") << "/api/v1/codes"
                             << QByteArray(R"({"subject":"12ab","purpose":"enroll"})");
    QTest::newRow("zero") << "/api/v1/codes" << QByteArray(R"({"subject":"0","purpose":"enroll"})");
    QTest::newRow("20 digits") << "/api/v1/codes"
                               << QByteArray(
                                      R"({"subject":"12345678901234567890","purpose":"enroll"})");
    QTest::newRow("log injection")
        << "/api/v1/codes" << QByteArray(R"({"subject":"1 ;; forged\n","purpose":"enroll"})");
    QTest::newRow("sql injection")
        << "/api/v1/codes" << QByteArray(R"({"subject":"1' OR '1'='1","purpose":"enroll"})");
    QTest::newRow("number not string")
        << "/api/v1/codes" << QByteArray(R"({"subject":123,"purpose":"enroll"})");
    QTest::newRow("bad purpose") << "/api/v1/codes"
                                 << QByteArray(R"({"subject":"123","purpose":"steal"})");
    QTest::newRow("missing subject") << "/api/v1/codes" << QByteArray(R"({"purpose":"enroll"})");
    QTest::newRow("not json") << "/api/v1/codes" << QByteArray("subject=123");
    QTest::newRow("array") << "/api/v1/codes" << QByteArray("[]");
    QTest::newRow("binary") << "/api/v1/codes" << QByteArray("\x00\xff\xfe", 3);
    QTest::newRow("short code") << "/api/v1/tokens"
                                << QByteArray(
                                       R"({"subject":"123","code":"12","purpose":"enroll"})");
    QTest::newRow("code letters") << "/api/v1/tokens"
                                  << QByteArray(
                                         R"({"subject":"123","code":"12a456","purpose":"enroll"})");
    QTest::newRow("no certificate")
        << "/api/v1/revocation-tokens" << QByteArray(R"({"code":"123456"})");
    QTest::newRow("garbage certificate")
        << "/api/v1/revocation-tokens" << QByteArray(R"({"certificate":"nope"})");
}

void TestRegistration::invalidRequestsAreRefused()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const Answer answer = postRaw(path, body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json().value(QStringLiteral("status")).toInt(), 400);
    QVERIFY(!answer.json().value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(m_notifier->count(), 0);
}

void TestRegistration::wrongCodesSpendAttemptsThenBurnTheCode()
{
    const QString code = requestCode(QStringLiteral("777"));
    QCOMPARE(code.size(), 6);
    const QString wrong
        = code == QLatin1String("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    const QJsonObject guess{{QStringLiteral("subject"), QStringLiteral("777")},
                            {QStringLiteral("code"), wrong},
                            {QStringLiteral("purpose"), QStringLiteral("enroll")}};
    for (int attemptsLeft = 4; attemptsLeft >= 1; --attemptsLeft) {
        const Answer answer = post(QStringLiteral("/api/v1/tokens"), guess);
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.json().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("wrong-code"));
        QVERIFY(answer.json()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QString::number(attemptsLeft)));
    }
    const Answer last = post(QStringLiteral("/api/v1/tokens"), guess);
    QCOMPARE(last.json().value(QStringLiteral("reason")).toString(),
             QStringLiteral("attempts-exhausted"));
    // Burned: the right code no longer works.
    const Answer right = post(QStringLiteral("/api/v1/tokens"),
                              {{QStringLiteral("subject"), QStringLiteral("777")},
                               {QStringLiteral("code"), code},
                               {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(right.status, 401);
    QCOMPARE(right.json().value(QStringLiteral("reason")).toString(), QStringLiteral("no-code"));
}

void TestRegistration::expiredCodeIsRefused()
{
    const QString code = requestCode(QStringLiteral("888"));
    QCOMPARE(code.size(), 6);
    m_now = m_now.addSecs(301);
    const Answer late = post(QStringLiteral("/api/v1/tokens"),
                             {{QStringLiteral("subject"), QStringLiteral("888")},
                              {QStringLiteral("code"), code},
                              {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(late.status, 401);
    QCOMPARE(late.json().value(QStringLiteral("reason")).toString(), QStringLiteral("no-code"));
}

void TestRegistration::failedDeliveryReleasesTheCode()
{
    m_notifier->setFailing(true);
    const Answer failed = post(QStringLiteral("/api/v1/codes"),
                               {{QStringLiteral("subject"), QStringLiteral("999")},
                                {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(failed.status, 502);
    QVERIFY(failed.json()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("Telegram")));
    m_notifier->setFailing(false);
    QCOMPARE(requestCode(QStringLiteral("999")).size(), 6); // no 409: the slot was freed
}

void TestRegistration::codeRequestsAreLimitedPerAddress()
{
    cleanup(); // rebuild the service with a tighter policy
    m_policy.codeRequestsPerAddressPerHour = 3;
    init();
    QCOMPARE(requestCode(QStringLiteral("1001")).size(), 6);
    // Asking again while that code is pending is refused, and costs no quota.
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(post(QStringLiteral("/api/v1/codes"),
                      {{QStringLiteral("subject"), QStringLiteral("1001")},
                       {QStringLiteral("purpose"), QStringLiteral("enroll")}})
                     .status,
                 409);
    }
    QCOMPARE(requestCode(QStringLiteral("1002")).size(), 6);
    QCOMPARE(requestCode(QStringLiteral("1003")).size(), 6);
    const Answer limited = post(QStringLiteral("/api/v1/codes"),
                                {{QStringLiteral("subject"), QStringLiteral("1004")},
                                 {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json().value(QStringLiteral("reason")).toString(),
             QStringLiteral("rate-limited"));
    QCOMPARE(m_notifier->count(), 3);

    // 3 an hour refill one every 20 minutes, and only one.
    m_now = m_now.addSecs(19 * 60);
    QCOMPARE(post(QStringLiteral("/api/v1/codes"),
                  {{QStringLiteral("subject"), QStringLiteral("1005")},
                   {QStringLiteral("purpose"), QStringLiteral("enroll")}})
                 .status,
             429);
    m_now = m_now.addSecs(61);
    QCOMPARE(requestCode(QStringLiteral("1006")).size(), 6);
    QCOMPARE(post(QStringLiteral("/api/v1/codes"),
                  {{QStringLiteral("subject"), QStringLiteral("1007")},
                   {QStringLiteral("purpose"), QStringLiteral("enroll")}})
                 .status,
             429);
    QCOMPARE(m_notifier->count(), 4);
}

void TestRegistration::revocationTokenWithMutualTls()
{
    const TestPki::Identity holder = m_pki->issue(QStringLiteral("123456789"));
    const Answer answer
        = post(QStringLiteral("/api/v1/revocation-tokens"),
               {{QStringLiteral("certificate"), QString::fromLatin1(holder.certificate.toPem())}},
               &holder);
    QCOMPARE(answer.status, 200);
    auto token = RevocationTokenResponse::fromJson(answer.json());
    QVERIFY2(token.ok(), answer.body.constData());
    QCOMPARE(token->serial, holder.certificate.serialDecimal());

    OneTimeTokenVerifier verifier({{m_provisioner.name(), m_provisioner.publicJwk()}},
                                  {QStringLiteral("https://ca.example.org/1.0/revoke")});
    verifier.setClock([this] { return m_now; });
    auto claims = verifier.verify(token->ott.toLatin1());
    QVERIFY2(claims.ok(), qPrintable(claims.ok() ? QString() : claims.error().message()));
    QCOMPARE(claims->subject,
             holder.certificate.serialDecimal()); // step-ca 0.29+: sub is the serial
}

void TestRegistration::revocationTokenWithACodeForALostKey()
{
    const TestPki::Identity holder = m_pki->issue(QStringLiteral("5550001"));
    const QString code = requestCode(QStringLiteral("5550001"), QStringLiteral("revoke"));
    QCOMPARE(code.size(), 6);
    // No client certificate: the key is lost. The code proves the Telegram account.
    const Answer answer
        = post(QStringLiteral("/api/v1/revocation-tokens"),
               {{QStringLiteral("certificate"), QString::fromLatin1(holder.certificate.toPem())},
                {QStringLiteral("code"), code}});
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("serial")).toString(),
             holder.certificate.serialDecimal());

    // An enrol code is not a revoke code.
    const QString enrollCode = requestCode(QStringLiteral("5550001"));
    const Answer wrongPurpose
        = post(QStringLiteral("/api/v1/revocation-tokens"),
               {{QStringLiteral("certificate"), QString::fromLatin1(holder.certificate.toPem())},
                {QStringLiteral("code"), enrollCode}});
    QCOMPARE(wrongPurpose.status, 401);
}

void TestRegistration::revocationTokenRefusedWithoutProofOrForeignCertificate()
{
    const TestPki::Identity holder = m_pki->issue(QStringLiteral("123"));
    const Answer noProof
        = post(QStringLiteral("/api/v1/revocation-tokens"),
               {{QStringLiteral("certificate"), QString::fromLatin1(holder.certificate.toPem())}});
    QCOMPARE(noProof.status, 401);
    QCOMPARE(noProof.json().value(QStringLiteral("reason")).toString(),
             QStringLiteral("proof-required"));

    // Someone else's certificate presented while connected with your own: no.
    const TestPki::Identity mallory = m_pki->issue(QStringLiteral("456"));
    const Answer notYours
        = post(QStringLiteral("/api/v1/revocation-tokens"),
               {{QStringLiteral("certificate"), QString::fromLatin1(holder.certificate.toPem())}},
               &mallory);
    QCOMPARE(notYours.status, 401);

    // A certificate from another CA gets nothing, whatever the proof.
    const TestPki stranger(QStringLiteral("Stranger Root"));
    const TestPki::Identity foreign = stranger.issue(QStringLiteral("123"));
    const Answer foreignAnswer
        = post(QStringLiteral("/api/v1/revocation-tokens"),
               {{QStringLiteral("certificate"), QString::fromLatin1(foreign.certificate.toPem())}},
               &foreign);
    QCOMPARE(foreignAnswer.status, 403);
}

void TestRegistration::legacyRoutesKeepThePrototypesShapes()
{
    const Answer registered = post(QStringLiteral("/registration"),
                                   {{QStringLiteral("number"), QStringLiteral("31337")}});
    QCOMPARE(registered.status, 200);
    QCOMPARE(registered.body, QByteArray("1111"));
    const Answer twice = post(QStringLiteral("/registration"),
                              {{QStringLiteral("number"), QStringLiteral("31337")}});
    QCOMPARE(twice.body, QByteArray("Error, multiple token requests"));
    const Answer invalid = post(QStringLiteral("/registration"),
                                {{QStringLiteral("number"), QStringLiteral("abc")}});
    QCOMPARE(invalid.body, QByteArray("Error, invalid number"));
    // The prototype's clients may send the number as a JSON integer.
    const Answer integer
        = post(QStringLiteral("/registration"), {{QStringLiteral("number"), 31338}});
    QCOMPARE(integer.body, QByteArray("1111"));

    const QString code = m_notifier->lastCode(QStringLiteral("31337"));
    const QString wrong
        = code == QLatin1String("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    const Answer wrongAnswer = post(
        QStringLiteral("/send_token"),
        {{QStringLiteral("number"), QStringLiteral("31337")}, {QStringLiteral("token"), wrong}});
    QCOMPARE(wrongAnswer.json().value(QStringLiteral("msg")).toString(),
             QStringLiteral("Error, wrong Telegram token"));
    const Answer bad
        = post(QStringLiteral("/send_token"),
               {{QStringLiteral("number"), QStringLiteral("x")}, {QStringLiteral("token"), code}});
    QCOMPARE(bad.json().value(QStringLiteral("msg")).toString(),
             QStringLiteral("Error, invalid number or Telegram token"));
    const Answer right = post(
        QStringLiteral("/send_token"),
        {{QStringLiteral("number"), QStringLiteral("31337")}, {QStringLiteral("token"), code}});
    const QString ott = right.json().value(QStringLiteral("msg")).toString();
    QCOMPARE(ott.count(QLatin1Char('.')), 2); // a JWT
}

void TestRegistration::legacyRevokeNeedsTheCertificate()
{
    // The prototype gave anyone a revoke token; now it takes the certificate itself.
    const Answer anyone = post(QStringLiteral("/revoke_token"),
                               {{QStringLiteral("number"), QStringLiteral("2024")}});
    QVERIFY(
        anyone.json().value(QStringLiteral("msg")).toString().startsWith(QLatin1String("Error, ")));

    const TestPki::Identity holder = m_pki->issue(QStringLiteral("2024"));
    const Answer proved = post(QStringLiteral("/revoke_token"),
                               {{QStringLiteral("number"), QStringLiteral("2024")}}, &holder);
    QCOMPARE(proved.json().value(QStringLiteral("msg")).toString().count(QLatin1Char('.')), 2);

    const TestPki::Identity other = m_pki->issue(QStringLiteral("2025"));
    const Answer otherNumber = post(QStringLiteral("/revoke_token"),
                                    {{QStringLiteral("number"), QStringLiteral("2024")}}, &other);
    QVERIFY(otherNumber.json()
                .value(QStringLiteral("msg"))
                .toString()
                .startsWith(QLatin1String("Error, ")));
}

void TestRegistration::auditLogAndMetricsRecordEvents()
{
    const QString code = requestCode(QStringLiteral("4242"));
    post(QStringLiteral("/api/v1/codes"),
         {{QStringLiteral("subject"), QStringLiteral("4242")},
          {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    post(QStringLiteral("/api/v1/tokens"),
         {{QStringLiteral("subject"), QStringLiteral("4242")},
          {QStringLiteral("code"), code},
          {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    postRaw(QStringLiteral("/api/v1/codes"), R"({"subject":"nope","purpose":"enroll"})");

    auto contents = AuditLogReader::readFile(m_audit->path());
    QVERIFY(contents.ok());
    QVERIFY(contents->malformedLines.isEmpty());
    QStringList messages;
    for (const AuditRecord &record : contents->records) {
        messages << record.message;
        QCOMPARE(record.remoteAddress, QStringLiteral("127.0.0.1"));
    }
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages.at(0), QStringLiteral("registration 4242 got a enroll code"));
    QCOMPARE(messages.at(1), QStringLiteral("registration 4242 multiple token requests"));
    QCOMPARE(messages.at(2), QStringLiteral("send_token 4242 got a token"));
    QVERIFY(messages.at(3).startsWith(QLatin1String("codes invalid request")));
    QCOMPARE(contents->records.at(1).level, AuditLevel::Error);
    // The code itself never reaches the log.
    for (const QString &message : std::as_const(messages))
        QVERIFY(!message.contains(code));

    QCOMPARE(m_metrics->counterValue(QStringLiteral("certigram_ra_codes_sent_total")), 1.0);
    QCOMPARE(m_metrics->counterValue(QStringLiteral("certigram_ra_multiple_code_requests_total")),
             1.0);
    QCOMPARE(m_metrics->counterValue(QStringLiteral("certigram_ra_tokens_issued_total")), 1.0);
    QCOMPARE(m_metrics->counterValue(QStringLiteral("certigram_ra_invalid_numbers_total")), 1.0);
    QVERIFY(m_metrics->render().contains("certigram_ra_codes_sent_total 1\n"));
}

void TestRegistration::injectionAttemptsCannotForgeLogLines()
{
    const QByteArray forged
        = R"({"number":"1 ;; 2020-01-01 00:00:00,000 ;; forged ;; 6.6.6.6\nINFO ;; x ;; y ;; z"})";
    postRaw(QStringLiteral("/registration"), forged);
    postRaw(QStringLiteral("/send_token"),
            R"({"number":"1\r\nERROR ;; a ;; b ;; c","token":"123456"})");
    auto contents = AuditLogReader::readFile(m_audit->path());
    QVERIFY(contents.ok());
    QVERIFY(contents->malformedLines.isEmpty());
    QCOMPARE(contents->records.size(), 2);
    for (const AuditRecord &record : contents->records)
        QCOMPARE(record.remoteAddress, QStringLiteral("127.0.0.1"));
}

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    TestRegistration onSqlite;
    int failures = QTest::qExec(&onSqlite, argc, argv);

    certigram::test::PostgresServer postgres;
    if (!postgres.start()) {
        qCritical("PostgreSQL did not start: %s", qPrintable(postgres.errorString()));
        return 1;
    }
    TestRegistration onPostgres(&postgres);
    failures += QTest::qExec(&onPostgres, argc, argv);
    return failures;
}
#include "tst_registration.moc"
