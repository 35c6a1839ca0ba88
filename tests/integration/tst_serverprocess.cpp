#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/privatekey.h"
#include "faketelegramserver.h"
#include "postgresserver.h"
#include "serverprocess.h"
#include "testpki.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace certigram;
using certigram::test::ServerProcess;

namespace {

struct Answer
{
    int status = 0;
    QJsonObject json;
};

} // namespace

// certigram-server as a user runs it: a process on loopback, from first start (it creates
// its CA) to SIGTERM, and two of them sharing one PostgreSQL.
class TestServerProcess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void firstStartCreatesItsCaAndEnrols();
    void restartKeepsTheCa();
    void caOnAListenerOfItsOwn();
    void badConfigurationIsOneClearMessage_data();
    void badConfigurationIsOneClearMessage();
    void twoServersOnOnePostgresSendOneCode();
    void telegramCarriesTheCodeThroughTheBotApi();

private:
    Answer post(quint16 port, const QString &path, const QJsonObject &body);
    // Asks `server` for an enrol code, reads it from the console notifier's output and
    // exchanges it: the token answer (or the failed code request's).
    Answer enrolToken(const ServerProcess &server, const QString &subject);
    QSslConfiguration trusting(const QString &dataDir) const;

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    certigram::test::PostgresServer m_postgres;
    QSslConfiguration m_tls;
};

void TestServerProcess::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(CERTIGRAM_SERVER_BINARY)));
}

void TestServerProcess::cleanupTestCase()
{
    m_postgres.stop();
}

QSslConfiguration TestServerProcess::trusting(const QString &dataDir) const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(dataDir + QStringLiteral("/ca/root_ca.crt")));
    return tls;
}

Answer TestServerProcess::post(quint16 port, const QString &path, const QJsonObject &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("https://localhost:%1%2").arg(port).arg(path)));
    request.setSslConfiguration(m_tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
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

Answer TestServerProcess::enrolToken(const ServerProcess &server, const QString &subject)
{
    const Answer requested = post(server.port(), QStringLiteral("/api/v1/codes"),
                                  {{QStringLiteral("subject"), subject},
                                   {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    if (requested.status != 202)
        return requested;
    QElapsedTimer clock;
    clock.start();
    while (server.codeFor(subject).isEmpty() && clock.elapsed() < 5000)
        QTest::qWait(20);
    return post(server.port(), QStringLiteral("/api/v1/tokens"),
                {{QStringLiteral("subject"), subject},
                 {QStringLiteral("code"), server.codeFor(subject)},
                 {QStringLiteral("purpose"), QStringLiteral("enroll")}});
}

void TestServerProcess::firstStartCreatesItsCaAndEnrols()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("first"));
    ServerProcess server(QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir);
    QVERIFY2(server.start(), server.output().constData());
    QCOMPARE(server.fingerprint().size(), 64);
    m_tls = trusting(dataDir);

    // The root it prints is the root it serves.
    auto root = Certificate::fromPem([&] {
        QFile file(dataDir + QStringLiteral("/ca/root_ca.crt"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }());
    QVERIFY(root.ok());
    QCOMPARE(root->sha256Fingerprint(), server.fingerprint());

    // Enrol: code over the (console) notifier, token, then the embedded CA signs.
    const QString subject = QStringLiteral("123456789");
    const Answer token = enrolToken(server, subject);
    QCOMPARE(token.status, 200);
    QCOMPARE(token.json.value(QStringLiteral("caUrl")).toString(),
             QStringLiteral("https://localhost:%1").arg(server.port()));

    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto csr
        = CertificateRequest::build(key.value(), subject, SubjectAltNames::fromList({subject}));
    QVERIFY(csr.ok());
    const Answer signedAnswer
        = post(server.port(), QStringLiteral("/1.0/sign"),
               {{QStringLiteral("csr"), QString::fromLatin1(csr->toPem())},
                {QStringLiteral("ott"), token.json.value(QStringLiteral("ott"))}});
    QCOMPARE(signedAnswer.status, 201);
    auto certificate = Certificate::fromPem(
        signedAnswer.json.value(QStringLiteral("crt")).toString().toLatin1());
    QVERIFY(certificate.ok());
    QCOMPARE(certificate->commonName(), subject);
    QVERIFY(certificate->matchesPrivateKey(key.value()));

    // The audit log has the prototype's columns.
    QFile log(dataDir + QStringLiteral("/registration.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray lines = log.readAll();
    QVERIFY(lines.startsWith("type ;; date ;; message ;; ip_address\n"));
    QVERIFY(lines.contains("registration 123456789 got a enroll code ;; 127.0.0.1"));
    QVERIFY(!lines.contains(server.codeFor(subject).toLatin1()));

    QCOMPARE(server.terminate(), 0);
}

void TestServerProcess::restartKeepsTheCa()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("restart"));
    QString fingerprint;
    {
        ServerProcess first(QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir);
        QVERIFY2(first.start(), first.output().constData());
        fingerprint = first.fingerprint();
        QCOMPARE(first.terminate(), 0);
    }
    ServerProcess second(QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir);
    QVERIFY2(second.start(), second.output().constData());
    QCOMPARE(second.fingerprint(), fingerprint);
    QCOMPARE(second.terminate(), 0);
}

void TestServerProcess::caOnAListenerOfItsOwn()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("separate"));
    QVERIFY(QDir().mkpath(dataDir));
    const quint16 caPort = certigram::test::freeLoopbackPort();
    QFile config(dataDir + QStringLiteral("/config.json"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QJsonDocument(QJsonObject{{QStringLiteral("ca"),
                                            QJsonObject{{QStringLiteral("port"), caPort}}}})
                     .toJson());
    config.close();
    ServerProcess server(QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir,
                         {QStringLiteral("--config"), config.fileName()});
    QVERIFY2(server.start(), server.output().constData());
    QVERIFY(server.output().contains(
        QStringLiteral("Embedded CA listening on https://localhost:%1").arg(caPort).toUtf8()));
    m_tls = trusting(dataDir);

    // The RA hands out tokens for the CA's own port; the CA answers there, not on the RA's.
    const QString subject = QStringLiteral("606060");
    const Answer token = enrolToken(server, subject);
    QCOMPARE(token.status, 200);
    QCOMPARE(token.json.value(QStringLiteral("caUrl")).toString(),
             QStringLiteral("https://localhost:%1").arg(caPort));
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto csr
        = CertificateRequest::build(key.value(), subject, SubjectAltNames::fromList({subject}));
    QVERIFY(csr.ok());
    const QJsonObject sign{{QStringLiteral("csr"), QString::fromLatin1(csr->toPem())},
                           {QStringLiteral("ott"), token.json.value(QStringLiteral("ott"))}};
    QCOMPARE(post(server.port(), QStringLiteral("/1.0/sign"), sign).status, 404);
    QCOMPARE(post(caPort, QStringLiteral("/1.0/sign"), sign).status, 201);
    QCOMPARE(server.terminate(), 0);
}

void TestServerProcess::badConfigurationIsOneClearMessage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--frobnicate")} << 2 << QStringLiteral("frobnicate");
    QTest::newRow("bad listen") << QStringList{QStringLiteral("--listen"),
                                               QStringLiteral("nowhere")}
                                << 2 << QStringLiteral("HOST:PORT");
    QTest::newRow("bad notifier") << QStringList{QStringLiteral("--notifier"),
                                                 QStringLiteral("pigeon")}
                                  << 2 << QStringLiteral("console, telegram or command");
    QTest::newRow("bad database") << QStringList{QStringLiteral("--database"),
                                                 QStringLiteral("mysql://x/y")}
                                  << 2 << QStringLiteral("postgresql://");
    QTest::newRow("missing config")
        << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent.json")} << 2
        << QStringLiteral("/nonexistent.json");
    QTest::newRow("telegram without token")
        << QStringList{QStringLiteral("--notifier"), QStringLiteral("telegram"),
                       QStringLiteral("--telegram-token-file"),
                       QStringLiteral("/nonexistent-token")}
        << 1 << QStringLiteral("/nonexistent-token");
}

void TestServerProcess::badConfigurationIsOneClearMessage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QProcess process;
    process.start(
        QStringLiteral(CERTIGRAM_SERVER_BINARY),
        QStringList{QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("bad")),
                    QStringLiteral("--listen"),
                    QStringLiteral("127.0.0.1:%1").arg(certigram::test::freeLoopbackPort())}
            + arguments);
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), exitCode);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.startsWith(QLatin1String("certigram-server: ")), qPrintable(error));
}

void TestServerProcess::twoServersOnOnePostgresSendOneCode()
{
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.errorString()));
    // Limits opened wide: this is about the database's one-pending-code rule, which must
    // hold across processes, not about rate limits.
    const QString configPath = m_dir.filePath(QStringLiteral("wide-open.json"));
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"limits":{"requestsPerMinute":600000,"burst":100000},
                     "codes":{"requestsPerAddressPerHour":100000}})");
    config.close();

    // Both servers share the CA (one data directory's keys) and the database.
    const QString sharedData = m_dir.filePath(QStringLiteral("shared"));
    const QStringList common{QStringLiteral("--database"), m_postgres.url(),
                             QStringLiteral("--config"), configPath};
    ServerProcess first(QStringLiteral(CERTIGRAM_SERVER_BINARY), sharedData, common);
    QVERIFY2(first.start(), first.output().constData());
    ServerProcess second(QStringLiteral(CERTIGRAM_SERVER_BINARY), sharedData, common);
    QVERIFY2(second.start(), second.output().constData());
    m_tls = trusting(sharedData);

    // 200 requests for one subject, alternating between the servers, all in flight at once.
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 200; ++i) {
        const quint16 port = i % 2 ? second.port() : first.port();
        QNetworkRequest request(
            QUrl(QStringLiteral("https://localhost:%1/api/v1/codes").arg(port)));
        request.setSslConfiguration(m_tls);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        replies << m_network.post(request, R"({"subject":"4242424242","purpose":"enroll"})");
    }
    QMap<int, int> statuses;
    for (QNetworkReply *reply : std::as_const(replies)) {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            QVERIFY(finished.wait(60000));
        }
        ++statuses[reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()];
        reply->deleteLater();
    }
    QCOMPARE(statuses.value(202), 1);
    QCOMPARE(statuses.value(409), 199);
    QTest::qWait(200);
    QCOMPARE(first.codesPrintedFor(QStringLiteral("4242424242"))
                 + second.codesPrintedFor(QStringLiteral("4242424242")),
             1);
    QCOMPARE(first.terminate(), 0);
    QCOMPARE(second.terminate(), 0);
}

void TestServerProcess::telegramCarriesTheCodeThroughTheBotApi()
{
    // A fake Bot API over real HTTPS; the server reaches it through the production code
    // path, trusting the fake's CA through notifier.caFile.
    const certigram::test::TestPki pki(QStringLiteral("Fake Telegram Root"));
    const QString botToken = QStringLiteral("123456789:AAE-fake_token_for_tests");
    certigram::test::FakeTelegramServer telegram(pki.serverConfiguration(pki.server()), botToken);
    QVERIFY2(telegram.start() != 0, qPrintable(telegram.errorString()));

    const QString dataDir = m_dir.filePath(QStringLiteral("telegram"));
    QVERIFY(QDir().mkpath(dataDir));
    const auto writeFile = [&](const QString &name, const QByteArray &content) {
        QFile file(dataDir + QLatin1Char('/') + name);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    };
    writeFile(QStringLiteral("bot.token"), botToken.toLatin1() + '\n');
    writeFile(QStringLiteral("telegram-ca.pem"), pki.root().toPem());
    writeFile(
        QStringLiteral("config.json"),
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("notifier"),
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("telegram")},
                             {QStringLiteral("telegramApiUrl"), telegram.apiBaseUrl().toString()},
                             {QStringLiteral("tokenFile"), QStringLiteral("bot.token")},
                             {QStringLiteral("caFile"), QStringLiteral("telegram-ca.pem")},
                             {QStringLiteral("timeoutSeconds"), 3}}}})
            .toJson());
    ServerProcess server(QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir,
                         {QStringLiteral("--config"), dataDir + QStringLiteral("/config.json")});
    QVERIFY2(server.start(), server.output().constData());
    m_tls = trusting(dataDir);

    const QJsonObject request{{QStringLiteral("subject"), QStringLiteral("987654321")},
                              {QStringLiteral("purpose"), QStringLiteral("enroll")}};
    QCOMPARE(post(server.port(), QStringLiteral("/api/v1/codes"), request).status, 202);
    QVERIFY(telegram.waitForMessages(1, 5000));
    const auto message = telegram.messages().constFirst();
    QCOMPARE(message.token, botToken);
    QCOMPARE(message.chatId, QStringLiteral("987654321"));
    const QString code
        = QRegularExpression(QStringLiteral("\\b(\\d{6})\\b")).match(message.text).captured(1);
    QCOMPARE(code.size(), 6);
    const Answer token = post(server.port(), QStringLiteral("/api/v1/tokens"),
                              {{QStringLiteral("subject"), QStringLiteral("987654321")},
                               {QStringLiteral("code"), code},
                               {QStringLiteral("purpose"), QStringLiteral("enroll")}});
    QCOMPARE(token.status, 200);

    // Telegram down: a clear 502, and the user may try again at once once it is back.
    telegram.setMode(certigram::test::FakeTelegramServer::Mode::ServerError);
    const QJsonObject other{{QStringLiteral("subject"), QStringLiteral("11223344")},
                            {QStringLiteral("purpose"), QStringLiteral("enroll")}};
    const Answer down = post(server.port(), QStringLiteral("/api/v1/codes"), other);
    QCOMPARE(down.status, 502);
    QVERIFY(!down.json.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(!down.json.value(QStringLiteral("message")).toString().contains(botToken));
    telegram.setMode(certigram::test::FakeTelegramServer::Mode::Deliver);
    QCOMPARE(post(server.port(), QStringLiteral("/api/v1/codes"), other).status, 202);

    // The token never reaches the server's output or its audit log.
    QVERIFY(!server.output().contains(botToken.toLatin1()));
    QFile log(dataDir + QStringLiteral("/registration.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(!log.readAll().contains(botToken.toLatin1()));
    QCOMPARE(server.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_serverprocess.moc"
