#include "http/httplistener.h"
#include "testpki.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSslSocket>
#include <QThread>
#include <QThreadPool>
#include <QtTest>

using namespace certigram;
using certigram::test::TestPki;

// The HTTP front of the server on loopback, over real TLS: routing, JSON errors, mutual
// TLS, limits, and clients that misbehave.
class TestHttpListener : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void servesJsonOverHttps();
    void unknownRoutesAndMethodsAnswerJson();
    void pathArgumentsReachTheHandler();
    void handlersRunOffTheServerThread();
    void inlineRoutesAnswerWhileEveryWorkerIsBusy();
    void clientCertificatesAreVerified();
    void oversizeBodiesAreRefused();
    void chunkedBodiesAreRefused();
    void ratesArelimitedPerAddress();
    void idleConnectionsAreClosed();
    void busyConnectionsOutliveTheIdleTimeout();
    void connectionsBeyondTheBudgetAreRefused();
    void connectionCloseIsHonoured();
    void clientLeavingEarlyDoesNotHurt();
    void listenerMayGoWhileHandlersRun();
    void plainHttpOnlyWhenAskedFor();

private:
    void start(HttpLimits limits = {}, bool plain = false);
    // GET /block: counts itself in `blocked`, then waits (10 s at most) for `release`.
    void routeBlockingHandler(QSemaphore &release, QAtomicInt &blocked);
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                        const TestPki::Identity *clientIdentity = nullptr);
    static bool waitFor(QNetworkReply *reply);
    bool connectEncrypted(QSslSocket &socket);
    QByteArray rawExchange(const QByteArray &request, int waitMs = 3000, bool *closed = nullptr);

    std::unique_ptr<TestPki> m_pki;
    TestPki::Identity m_serverIdentity;
    QThreadPool m_workers;
    std::unique_ptr<HttpListener> m_listener;
    QNetworkAccessManager m_network;
    QAtomicPointer<QThread> m_handlerThread;
};

void TestHttpListener::initTestCase()
{
    m_pki = std::make_unique<TestPki>();
    m_serverIdentity = m_pki->server();
    m_workers.setMaxThreadCount(4);
}

void TestHttpListener::init()
{
    m_network.clearConnectionCache();
    m_network.clearAccessCache();
}

void TestHttpListener::cleanup()
{
    m_listener.reset();
    m_workers.waitForDone();
}

void TestHttpListener::start(HttpLimits limits, bool plain)
{
    HttpListener::Options options;
    options.address = QHostAddress::LocalHost;
    options.plainHttp = plain;
    options.tls = m_pki->serverConfiguration(m_serverIdentity);
    options.limits = limits;
    m_listener = std::make_unique<HttpListener>(options, &m_workers);
    m_listener->route(
        QHttpServerRequest::Method::Get, QStringLiteral("/hello"), [this](const HttpRequest &) {
            m_handlerThread.storeRelaxed(QThread::currentThread());
            return HttpReply::json(200, {{QStringLiteral("hello"), QStringLiteral("world")}});
        });
    m_listener->route(
        QHttpServerRequest::Method::Post, QStringLiteral("/echo"), [](const HttpRequest &request) {
            return HttpReply::json(201, {{QStringLiteral("length"), request.body.size()}});
        });
    m_listener->route(
        QHttpServerRequest::Method::Get, QStringLiteral("/root/<arg>"),
        [](const HttpRequest &request) {
            return HttpReply::json(200, {{QStringLiteral("arg"), request.pathArguments.value(0)}});
        });
    m_listener->route(
        QHttpServerRequest::Method::Get, QStringLiteral("/whoami"), [](const HttpRequest &request) {
            const QString name = request.peerCertificateChain.isEmpty()
                ? QString()
                : request.peerCertificateChain.first()
                      .subjectInfo(QSslCertificate::CommonName)
                      .value(0);
            return HttpReply::json(200,
                                   {{QStringLiteral("verified"), request.peerVerified},
                                    {QStringLiteral("name"), name}});
        });
    m_listener->route(QHttpServerRequest::Method::Get, QStringLiteral("/slow"),
                      [](const HttpRequest &) {
                          QThread::msleep(300);
                          return HttpReply::json(200, {});
                      });
    auto listening = m_listener->listen();
    QVERIFY2(listening.ok(), qPrintable(listening.ok() ? QString() : listening.error().message()));
    QVERIFY(m_listener->port() != 0);
}

void TestHttpListener::routeBlockingHandler(QSemaphore &release, QAtomicInt &blocked)
{
    m_listener->route(QHttpServerRequest::Method::Get, QStringLiteral("/block"),
                      [&release, &blocked](const HttpRequest &) {
                          blocked.ref();
                          release.tryAcquire(1, 10000);
                          return HttpReply::json(200, {});
                      });
}

QNetworkReply *TestHttpListener::send(const QByteArray &method, const QString &path,
                                      const QByteArray &body,
                                      const TestPki::Identity *clientIdentity)
{
    const bool plain = m_listener->isPlainHttp();
    QNetworkRequest request(QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                                     .arg(plain ? QStringLiteral("http") : QStringLiteral("https"))
                                     .arg(m_listener->port())
                                     .arg(path)));
    if (!plain)
        request.setSslConfiguration(m_pki->clientConfiguration(clientIdentity));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return m_network.sendCustomRequest(request, method, body);
}

bool TestHttpListener::waitFor(QNetworkReply *reply)
{
    if (reply->isFinished())
        return true;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    return finished.wait(10000);
}

bool TestHttpListener::connectEncrypted(QSslSocket &socket)
{
    // The server runs on this thread: wait by spinning the event loop, never by blocking.
    socket.setSslConfiguration(m_pki->clientConfiguration());
    QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_listener->port(),
                                  QStringLiteral("localhost"));
    return encrypted.wait(3000);
}

QByteArray TestHttpListener::rawExchange(const QByteArray &request, int waitMs, bool *closed)
{
    QSslSocket socket;
    if (!connectEncrypted(socket))
        return "no TLS: " + socket.errorString().toUtf8();
    socket.write(request);
    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < waitMs && socket.state() == QAbstractSocket::ConnectedState) {
        QTest::qWait(20);
        received += socket.readAll();
    }
    received += socket.readAll();
    if (closed)
        *closed = socket.state() != QAbstractSocket::ConnectedState;
    return received;
}

void TestHttpListener::servesJsonOverHttps()
{
    start();
    QNetworkReply *reply = send("GET", QStringLiteral("/hello"));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader)
                .toString()
                .startsWith(QLatin1String("application/json")));
    QCOMPARE(QJsonDocument::fromJson(reply->readAll())
                 .object()
                 .value(QStringLiteral("hello"))
                 .toString(),
             QStringLiteral("world"));
    const QSsl::SslProtocol protocol = reply->sslConfiguration().sessionProtocol();
    QVERIFY(protocol == QSsl::TlsV1_2 || protocol == QSsl::TlsV1_3);
    reply->deleteLater();

    QNetworkReply *posted = send("POST", QStringLiteral("/echo"), QByteArray(1000, 'x'));
    QVERIFY(waitFor(posted));
    QCOMPARE(posted->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    QCOMPARE(
        QJsonDocument::fromJson(posted->readAll()).object().value(QStringLiteral("length")).toInt(),
        1000);
    posted->deleteLater();
}

void TestHttpListener::unknownRoutesAndMethodsAnswerJson()
{
    start();
    QNetworkReply *missing = send("GET", QStringLiteral("/nowhere"));
    QVERIFY(waitFor(missing));
    QCOMPARE(missing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    const QJsonObject notFound = QJsonDocument::fromJson(missing->readAll()).object();
    QCOMPARE(notFound.value(QStringLiteral("status")).toInt(), 404);
    QVERIFY(!notFound.value(QStringLiteral("message")).toString().isEmpty());
    missing->deleteLater();

    QNetworkReply *wrongMethod = send("DELETE", QStringLiteral("/hello"));
    QVERIFY(waitFor(wrongMethod));
    QCOMPARE(wrongMethod->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    QCOMPARE(QJsonDocument::fromJson(wrongMethod->readAll())
                 .object()
                 .value(QStringLiteral("status"))
                 .toInt(),
             405);
    wrongMethod->deleteLater();
}

void TestHttpListener::pathArgumentsReachTheHandler()
{
    start();
    QNetworkReply *reply = send("GET", QStringLiteral("/root/abc123"));
    QVERIFY(waitFor(reply));
    QCOMPARE(
        QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("arg")).toString(),
        QStringLiteral("abc123"));
    reply->deleteLater();
}

void TestHttpListener::handlersRunOffTheServerThread()
{
    start();
    m_handlerThread.storeRelaxed(nullptr);
    QNetworkReply *reply = send("GET", QStringLiteral("/hello"));
    QVERIFY(waitFor(reply));
    QVERIFY(m_handlerThread.loadRelaxed() != nullptr);
    QVERIFY(m_handlerThread.loadRelaxed() != QThread::currentThread());
    reply->deleteLater();
}

void TestHttpListener::inlineRoutesAnswerWhileEveryWorkerIsBusy()
{
    start();
    QSemaphore release;
    QAtomicInt blocked;
    routeBlockingHandler(release, blocked);
    QAtomicPointer<QThread> pingThread;
    m_listener->route(
        QHttpServerRequest::Method::Get, QStringLiteral("/ping"),
        [&](const HttpRequest &) {
            pingThread.storeRelaxed(QThread::currentThread());
            return HttpReply::json(200, {{QStringLiteral("status"), QStringLiteral("ok")}});
        },
        HttpListener::Dispatch::Inline);
    // A route registered elsewhere, switched to inline afterwards.
    m_listener->setDispatch(QHttpServerRequest::Method::Get, QStringLiteral("/hello"),
                            HttpListener::Dispatch::Inline);

    // Every worker (4) waits in /block.
    QList<QNetworkReply *> blockers;
    for (int i = 0; i < m_workers.maxThreadCount(); ++i)
        blockers << send("GET", QStringLiteral("/block"));
    QTRY_COMPARE_WITH_TIMEOUT(blocked.loadRelaxed(), m_workers.maxThreadCount(), 5000);

    QElapsedTimer clock;
    clock.start();
    QNetworkReply *ping = send("GET", QStringLiteral("/ping"));
    QVERIFY(waitFor(ping));
    QCOMPARE(ping->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(pingThread.loadRelaxed(), QThread::currentThread()); // the listener's thread
    ping->deleteLater();

    m_handlerThread.storeRelaxed(nullptr);
    QNetworkReply *hello = send("GET", QStringLiteral("/hello"));
    QVERIFY(waitFor(hello));
    QCOMPARE(hello->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(m_handlerThread.loadRelaxed(), QThread::currentThread());
    hello->deleteLater();
    QCOMPARE(blocked.loadRelaxed(), m_workers.maxThreadCount()); // still all blocked

    release.release(m_workers.maxThreadCount());
    for (QNetworkReply *reply : std::as_const(blockers)) {
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
}

void TestHttpListener::clientCertificatesAreVerified()
{
    start();
    const TestPki::Identity alice = m_pki->issue(QStringLiteral("123456789"));
    QNetworkReply *withCertificate = send("GET", QStringLiteral("/whoami"), {}, &alice);
    QVERIFY(waitFor(withCertificate));
    QCOMPARE(withCertificate->error(), QNetworkReply::NoError);
    const QJsonObject verified = QJsonDocument::fromJson(withCertificate->readAll()).object();
    QCOMPARE(verified.value(QStringLiteral("verified")).toBool(), true);
    QCOMPARE(verified.value(QStringLiteral("name")).toString(), QStringLiteral("123456789"));
    withCertificate->deleteLater();

    // A certificate from another CA arrives but is not verified.
    m_network.clearConnectionCache();
    const TestPki stranger(QStringLiteral("Stranger Root"));
    const TestPki::Identity mallory = stranger.issue(QStringLiteral("123456789"));
    QNetworkReply *foreign = send("GET", QStringLiteral("/whoami"), {}, &mallory);
    QVERIFY(waitFor(foreign));
    QCOMPARE(foreign->error(), QNetworkReply::NoError);
    QCOMPARE(QJsonDocument::fromJson(foreign->readAll())
                 .object()
                 .value(QStringLiteral("verified"))
                 .toBool(true),
             false);
    foreign->deleteLater();

    // No certificate at all: still served, not verified.
    m_network.clearConnectionCache();
    QNetworkReply *anonymous = send("GET", QStringLiteral("/whoami"));
    QVERIFY(waitFor(anonymous));
    QCOMPARE(QJsonDocument::fromJson(anonymous->readAll())
                 .object()
                 .value(QStringLiteral("verified"))
                 .toBool(true),
             false);
    anonymous->deleteLater();
}

void TestHttpListener::oversizeBodiesAreRefused()
{
    HttpLimits limits;
    limits.maxBodyBytes = 1024;
    start(limits);
    // Announced too large: refused from the head alone, before the body is buffered.
    bool closed = false;
    const QByteArray answer
        = rawExchange("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000000\r\n\r\n",
                      3000, &closed);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
    QVERIFY(answer.contains("\"status\":413"));
    QVERIFY(closed);

    // Just over the limit, sent in full: 413 as well.
    QNetworkReply *reply = send("POST", QStringLiteral("/echo"), QByteArray(1025, 'x'));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
    reply->deleteLater();

    // The server still serves others.
    QNetworkReply *fine = send("POST", QStringLiteral("/echo"), QByteArray(1024, 'x'));
    QVERIFY(waitFor(fine));
    QCOMPARE(fine->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    fine->deleteLater();
}

void TestHttpListener::chunkedBodiesAreRefused()
{
    start();
    const QByteArray answer
        = rawExchange("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: "
                      "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 411"), answer.constData());
    QVERIFY(answer.contains("\"status\":411"));
}

void TestHttpListener::ratesArelimitedPerAddress()
{
    HttpLimits limits;
    limits.burst = 5;
    limits.requestsPerSecond = 0.5;
    start(limits);
    QList<int> statuses;
    QByteArray retryAfter;
    for (int i = 0; i < 7; ++i) {
        QNetworkReply *reply = send("GET", QStringLiteral("/hello"));
        QVERIFY(waitFor(reply));
        statuses << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (statuses.last() == 429) {
            retryAfter = reply->rawHeader("Retry-After");
            QCOMPARE(QJsonDocument::fromJson(reply->readAll())
                         .object()
                         .value(QStringLiteral("status"))
                         .toInt(),
                     429);
        }
        reply->deleteLater();
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 200, 200, 200, 429, 429}));
    QVERIFY(retryAfter.toInt() >= 1);
}

void TestHttpListener::idleConnectionsAreClosed()
{
    HttpLimits limits;
    limits.idleTimeoutMs = 400;
    start(limits);
    bool closed = false;
    const QByteArray nothing = rawExchange({}, 3000, &closed);
    QVERIFY(nothing.isEmpty());
    QVERIFY(closed);
}

void TestHttpListener::busyConnectionsOutliveTheIdleTimeout()
{
    HttpLimits limits;
    limits.idleTimeoutMs = 400;
    start(limits);
    QSslSocket socket;
    QVERIFY(connectEncrypted(socket));
    // Requests every 150 ms for three idle timeouts: the timeout counts from the last
    // traffic, not from when the connection opened.
    QElapsedTimer clock;
    clock.start();
    QElapsedTimer sinceAnswer;
    int answered = 0;
    while (clock.elapsed() < 3 * limits.idleTimeoutMs) {
        socket.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).contains("\"hello\""), 3000);
        sinceAnswer.start();
        ++answered;
        QTest::qWait(150);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }
    QVERIFY(answered >= 6);
    // Quiet from here: closed about one timeout after the last answer (the server's timer
    // is coarse, so allow it some slack either way).
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() != QAbstractSocket::ConnectedState, 3000);
    QVERIFY2(sinceAnswer.elapsed() >= limits.idleTimeoutMs / 2,
             qPrintable(QString::number(sinceAnswer.elapsed())));
}

void TestHttpListener::connectionsBeyondTheBudgetAreRefused()
{
    HttpLimits limits;
    limits.maxConnections = 3;
    start(limits);
    QList<QSslSocket *> sockets;
    for (int i = 0; i < 3; ++i) {
        auto *socket = new QSslSocket(this);
        sockets << socket;
        QVERIFY(connectEncrypted(*socket));
    }
    QSslSocket extra;
    QVERIFY(!connectEncrypted(extra));
    QTRY_COMPARE(m_listener->openConnections(), 3);

    // Once one leaves, a new client gets in.
    sockets.takeFirst()->deleteLater();
    QTRY_COMPARE(m_listener->openConnections(), 2);
    QNetworkReply *reply = send("GET", QStringLiteral("/hello"));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    qDeleteAll(sockets);
}

void TestHttpListener::connectionCloseIsHonoured()
{
    start();
    bool closed = false;
    const QByteArray http10
        = rawExchange("GET /hello HTTP/1.0\r\nHost: localhost\r\n\r\n", 3000, &closed);
    QVERIFY2(http10.contains("\"hello\":\"world\""), http10.constData());
    QVERIFY(closed);

    closed = false;
    const QByteArray close = rawExchange(
        "GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 3000, &closed);
    QVERIFY(close.contains("\"hello\":\"world\""));
    QVERIFY(closed);
}

void TestHttpListener::clientLeavingEarlyDoesNotHurt()
{
    start();
    for (int i = 0; i < 5; ++i) {
        QSslSocket socket;
        QVERIFY(connectEncrypted(socket));
        socket.write("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QTRY_COMPARE(socket.encryptedBytesToWrite() + socket.bytesToWrite(), 0);
        QTest::qWait(50); // the request reaches the server and its handler starts
        socket.abort(); // gone before the handler finishes
    }
    QTest::qWait(700); // the slow handlers finish and find their clients gone
    QNetworkReply *reply = send("GET", QStringLiteral("/hello"));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

void TestHttpListener::listenerMayGoWhileHandlersRun()
{
    // An owner may destroy the listener before draining its pool: the handlers still running
    // then finish with nowhere to reply to. Their replies must be dropped without touching
    // the listener (Qt 6.4's QFuture::then() posted to it after a QPointer check on the
    // worker, a race with its destructor that no test can time; under AddressSanitizer a
    // post to the destroyed listener shows here). Nor may Qt warn of anything meanwhile.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    for (int round = 0; round < 20; ++round) {
        start();
        QSemaphore release;
        QAtomicInt blocked;
        routeBlockingHandler(release, blocked);
        QList<QNetworkReply *> replies;
        for (int i = 0; i < m_workers.maxThreadCount(); ++i)
            replies << send("GET", QStringLiteral("/block"));
        QTRY_COMPARE_WITH_TIMEOUT(blocked.loadRelaxed(), m_workers.maxThreadCount(), 5000);
        // Half the rounds let the handlers finish as the listener goes, half after.
        if (round % 2 == 0)
            release.release(m_workers.maxThreadCount());
        m_listener.reset();
        release.release(m_workers.maxThreadCount());
        m_workers.waitForDone();
        for (QNetworkReply *reply : std::as_const(replies)) {
            QVERIFY(waitFor(reply));
            QVERIFY(reply->error() != QNetworkReply::NoError); // no reply came
            reply->deleteLater();
        }
        m_network.clearConnectionCache();
    }
}

void TestHttpListener::plainHttpOnlyWhenAskedFor()
{
    start({}, true);
    QNetworkReply *reply = send("GET", QStringLiteral("/hello"));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(TestHttpListener)
#include "tst_httplistener.moc"
