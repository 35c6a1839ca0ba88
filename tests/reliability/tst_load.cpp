#include "reliabilitysupport.h"

#include <QDir>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace certigram::reliability;

// Many concurrent keep-alive connections of mixed RA and CA traffic against one server:
// no 5xx, no crash, bounded memory, every certificate recorded.
class TestLoad : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mixedTrafficOnManyConnections();

private:
    QTemporaryDir m_dir;
};

void TestLoad::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(CERTIGRAM_SERVER_BINARY)));
    QVERIFY(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")));
    qInfo("scale: %s", fullScale() ? "full" : "short");
}

void TestLoad::mixedTrafficOnManyConnections()
{
    const int connections = scaled(50, 200);
    const qint64 durationMs = scaled(10000, 60000);
    const qint64 rssBoundKiB = 500 * 1024;
    const QString dataDir = m_dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(dataDir));
    const QString config = m_dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeConfig(config, wideOpenLimits()));
    ServerRun server(dataDir, {QStringLiteral("--config"), config});
    QVERIFY2(server.start(), server.output().constData());
    const auto roots = serverRoots(dataDir);
    const qint64 rssAtStart = server.rssKiB();

    std::atomic<bool> stop{false};
    QMutex mutex;
    QMap<int, qint64> statuses;
    QMap<QString, qint64> byKind;
    QStringList unexpected;
    QStringList serials;
    qint64 requests = 0;
    qint64 reconnects = 0;
    qint64 slowestMs = 0;
    qint64 rssMax = rssAtStart;
    QList<qint64> rssSamples;
    qint64 lastSample = -1000;
    bool crashed = false;

    QElapsedTimer clock;
    clock.start();
    const bool inTime = runOnThreads(
        connections,
        [&](int worker) {
            // 25 connections per source address at most: under the 64 per address limit.
            HttpsClient client(server.port(), roots, loopbackSource(2 + worker % 8));
            QMap<int, qint64> mine;
            QMap<QString, qint64> kinds;
            QStringList myUnexpected;
            QStringList mySerials;
            qint64 slowest = 0;
            enum class Step { Code, Token, Sign } step = Step::Code;
            QString subject;
            QString ott;
            int n = 0;
            for (int i = 0; !stop; ++i) {
                QString kind;
                HttpAnswer answer;
                int expected = 200;
                if (i % 3 == 0) {
                    static const QByteArray paths[]
                        = {"/health", "/roots", "/version", "/provisioners", "/health"};
                    const QByteArray path = paths[(i / 3) % 5];
                    kind = QString::fromLatin1(path);
                    expected = path == "/roots" ? 201 : 200; // 201 for /roots is step-ca's
                    answer = client.get(path);
                } else if (step == Step::Code) {
                    kind = QStringLiteral("code");
                    subject = QString::number(500000000LL + worker * 1000000LL + n++);
                    expected = 202;
                    answer = client.post("/api/v1/codes",
                                         {{QStringLiteral("subject"), subject},
                                          {QStringLiteral("purpose"), QStringLiteral("enroll")}});
                    if (answer.status == 202)
                        step = Step::Token;
                } else if (step == Step::Token) {
                    kind = QStringLiteral("token");
                    answer
                        = client.post("/api/v1/tokens",
                                      {{QStringLiteral("subject"), subject},
                                       {QStringLiteral("code"), server.waitForCode(subject, 10000)},
                                       {QStringLiteral("purpose"), QStringLiteral("enroll")}});
                    ott = answer.json().value(QStringLiteral("ott")).toString();
                    step = answer.status == 200 ? Step::Sign : Step::Code;
                } else {
                    kind = QStringLiteral("sign");
                    expected = 201;
                    answer = client.post(
                        "/1.0/sign",
                        {{QStringLiteral("csr"), QString::fromLatin1(csrFor(subject))},
                         {QStringLiteral("ott"), ott}});
                    if (answer.status == 201)
                        mySerials << serialOfSignAnswer(answer);
                    step = Step::Code;
                }
                ++mine[answer.status];
                ++kinds[kind];
                slowest = std::max(slowest, answer.elapsedMs);
                if (answer.status != expected && myUnexpected.size() < 5)
                    myUnexpected << QStringLiteral("%1 -> %2 %3")
                                        .arg(kind)
                                        .arg(answer.status)
                                        .arg(answer.status
                                                 ? QString::fromUtf8(answer.body.left(160))
                                                 : answer.failure);
            }
            QMutexLocker lock(&mutex);
            for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
                statuses[it.key()] += it.value();
                requests += it.value();
            }
            for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
                byKind[it.key()] += it.value();
            unexpected << myUnexpected;
            serials << mySerials;
            reconnects += client.connectionsOpened() - 1;
            slowestMs = std::max(slowestMs, slowest);
        },
        durationMs + 120000,
        [&](qint64 elapsed) {
            if (elapsed - lastSample >= 500) {
                lastSample = elapsed;
                const qint64 rss = server.rssKiB();
                rssSamples << rss;
                rssMax = std::max(rssMax, rss);
                crashed = crashed || !server.running();
            }
            if (elapsed >= durationMs)
                stop = true;
        });
    const qint64 elapsed = clock.elapsed();
    QVERIFY(inTime);
    const qint64 rssAtEnd = server.rssKiB();
    qInfo("%d keep-alive connections for %lld ms: %lld requests in %lld ms, %.0f requests/s, "
          "slowest %lld ms, %lld reconnects",
          connections, durationMs, requests, elapsed,
          requests * 1000.0 / std::max<qint64>(1, elapsed), slowestMs, reconnects);
    qInfo("statuses: %s", qPrintable(histogram(statuses)));
    qInfo("requests by kind: %s", qPrintable(histogram(byKind)));
    qInfo("server RSS: %lld KiB at start, %lld KiB max, %lld KiB at the end (bound %lld KiB)",
          rssAtStart, rssMax, rssAtEnd, rssBoundKiB);
    if (!unexpected.isEmpty())
        qWarning("unexpected answers: %s",
                 qPrintable(unexpected.mid(0, 20).join(QLatin1String(" | "))));

    QVERIFY(!crashed);
    QVERIFY(server.running());
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
        QVERIFY2(it.key() > 0 && it.key() < 500, qPrintable(histogram(statuses)));
    QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.mid(0, 5).join(QLatin1String(" | "))));
    QVERIFY(!serials.isEmpty());
    QVERIFY(rssMax > 0);
    QVERIFY2(rssMax < rssBoundKiB, qPrintable(QString::number(rssMax)));

    // Still answering, stops cleanly, and recorded every certificate it handed out.
    HttpsClient after(server.port(), roots);
    QCOMPARE(after.get("/health").status, 200);
    after.close();
    QCOMPARE(server.terminate(), 0);
    QSet<QString> recorded;
    const QString name = QStringLiteral("load-inspect");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("certigram.db")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT serial FROM certificates")));
        while (query.next())
            recorded.insert(query.value(0).toString());
    }
    QSqlDatabase::removeDatabase(name);
    qint64 missing = 0;
    for (const QString &serial : std::as_const(serials))
        missing += recorded.contains(serial) ? 0 : 1;
    qInfo("%lld certificates issued to clients, %lld recorded, %lld missing",
          qint64(serials.size()), qint64(recorded.size()), missing);
    QCOMPARE(missing, qint64(0));
}

QTEST_GUILESS_MAIN(TestLoad)
#include "tst_load.moc"
