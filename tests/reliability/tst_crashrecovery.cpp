#include "reliabilitysupport.h"

#include <QDir>
#include <QMutex>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace certigram::reliability;

namespace {

// What the database says, read through a read-only SQLite connection of our own.

} // namespace

// kill -9 under load, restart on the same data directory: nothing issued is lost, nothing
// used can be used again, and SQLite is intact.
class TestCrashRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killNineUnderLoadLosesNothing();

private:
    QTemporaryDir m_dir;
};

void TestCrashRecovery::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(CERTIGRAM_SERVER_BINARY)));
    QVERIFY(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")));
    qInfo("scale: %s", fullScale() ? "full" : "short");
}

void TestCrashRecovery::killNineUnderLoadLosesNothing()
{
    const int cycles = scaled(2, 5);
    const int workers = 4;
    const qint64 loadMs = scaled(4000, 15000);
    const QString dataDir = m_dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(dataDir));
    const QString config = m_dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeConfig(config, wideOpenLimits()));
    const QStringList arguments{QStringLiteral("--config"), config};

    auto server = std::make_unique<ServerRun>(dataDir, arguments);
    QVERIFY2(server->start(), server->output().constData());
    const auto roots = serverRoots(dataDir);
    QVERIFY(!roots.isEmpty());

    QList<Enrolment> received; // every certificate a client got, over all cycles
    for (int cycle = 0; cycle < cycles; ++cycle) {
        QMutex mutex;
        QList<Enrolment> completed;
        QList<Enrolment> exchanged; // code exchanged (token received), certificate or not
        QMap<int, qint64> statuses;
        QStringList failures; // failed enrolments, expected only around the kill
        std::atomic<bool> stop{false};
        bool killed = false;
        qint64 killedAt = 0;
        const quint16 port = server->port();
        ServerRun *running = server.get();
        runOnThreads(
            workers,
            [&](int worker) {
                HttpsClient client(port, roots, loopbackSource(2 + worker));
                for (int n = 0; !stop; ++n) {
                    const QString subject
                        = QString::number(100000000LL + cycle * 10000000LL + worker * 100000LL + n);
                    const Enrolment e = enrol(subject, client, *running, client, client, 5000);
                    QMutexLocker lock(&mutex);
                    for (int status : e.statuses)
                        ++statuses[status];
                    if (e.statuses.size() >= 2 && e.statuses.at(1) == 200)
                        exchanged << e;
                    if (e.complete())
                        completed << e;
                    else if (failures.size() < 5 && !stop)
                        failures << e.failure;
                }
            },
            120000,
            [&](qint64 elapsed) {
                if (!killed && elapsed >= loadMs) {
                    running->kill(); // SIGKILL while requests are in flight
                    killed = true;
                    killedAt = elapsed;
                    stop = true;
                }
            });
        QVERIFY(killed);
        qInfo("cycle %d: killed after %lld ms of load: %lld certificates, %lld codes exchanged; "
              "statuses %s",
              cycle, killedAt, qint64(completed.size()), qint64(exchanged.size()),
              qPrintable(histogram(statuses)));
        if (!failures.isEmpty())
            qInfo("cycle %d: failed enrolments (expected only around the kill): %s", cycle,
                  qPrintable(failures.join(QLatin1String(" | "))));
        QVERIFY(!completed.isEmpty());
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
            QVERIFY2(it.key() < 500, qPrintable(histogram(statuses)));
        received << completed;

        // Restart on the same data directory: same CA, database recovered.
        server = std::make_unique<ServerRun>(dataDir, arguments);
        QVERIFY2(server->start(), server->output().constData());
        QVERIFY(serverRoots(dataDir) == roots);
        HttpsClient client(server->port(), roots);
        QCOMPARE(client.get("/health").status, 200);

        // A code exchanged before the crash cannot be exchanged again; a token used for a
        // certificate cannot be used again.
        QMap<int, qint64> replayStatuses;
        for (const Enrolment &e : std::as_const(exchanged)) {
            const HttpAnswer again
                = client.post("/api/v1/tokens",
                              {{QStringLiteral("subject"), e.subject},
                               {QStringLiteral("code"), e.code},
                               {QStringLiteral("purpose"), QStringLiteral("enroll")}});
            ++replayStatuses[again.status];
            QVERIFY2(again.status == 401, qPrintable(e.subject));
            QCOMPARE(again.json().value(QStringLiteral("reason")).toString(),
                     QStringLiteral("no-code"));
        }
        for (const Enrolment &e : std::as_const(completed)) {
            const HttpAnswer again
                = client.post("/1.0/sign",
                              {{QStringLiteral("csr"), QString::fromLatin1(csrFor(e.subject))},
                               {QStringLiteral("ott"), e.ott}});
            ++replayStatuses[again.status];
            if (again.status == 0) {
                HttpsClient probe(server->port(), roots);
                const HttpAnswer health = probe.get("/health", 5000);
                const HttpAnswer code
                    = probe.post("/api/v1/codes",
                                 {{QStringLiteral("subject"), QStringLiteral("4711")},
                                  {QStringLiteral("purpose"), QStringLiteral("enroll")}},
                                 15000);
                const HttpAnswer sign
                    = probe.post("/1.0/sign",
                                 {{QStringLiteral("csr"), QString::fromLatin1(csrFor(e.subject))},
                                  {QStringLiteral("ott"), e.ott}},
                                 15000);
                qWarning("probe on a new connection: code request %d %s (%lld ms), sign replay "
                         "%d %s (%lld ms)",
                         code.status, qPrintable(code.failure), code.elapsedMs, sign.status,
                         qPrintable(sign.failure), sign.elapsedMs);
                qWarning("replay %lld: no answer; server %s, a new connection's /health: %d %s; "
                         "output ends: %s",
                         replayStatuses.value(401) + replayStatuses.value(403),
                         server->running() ? "running" : "NOT RUNNING", health.status,
                         qPrintable(health.failure), server->output().right(2000).constData());
            }
            QVERIFY2(again.status == 401 || again.status == 403,
                     qPrintable(QStringLiteral("%1: %2 %3 %4")
                                    .arg(e.subject)
                                    .arg(again.status)
                                    .arg(again.failure, QString::fromUtf8(again.body.left(200)))));
        }
        qInfo("cycle %d: after restart, %lld code and token replays: %s", cycle,
              qint64(exchanged.size() + completed.size()), qPrintable(histogram(replayStatuses)));

        // The restarted server works.
        const Enrolment fresh
            = enrol(QString::number(990000000LL + cycle), client, *server, client, client);
        QVERIFY2(fresh.complete(), qPrintable(fresh.failure));
        received << fresh;

        // The database: intact, each jti once, every certificate a client got recorded.
        const QStringList files = QDir(dataDir).entryList({QStringLiteral("*.db")}, QDir::Files);
        QCOMPARE(files, QStringList{QStringLiteral("certigram.db")});
        const DatabaseState state = inspectDatabase(QDir(dataDir).filePath(files.first()));
        QVERIFY2(state.error.isEmpty(), qPrintable(state.error));
        QCOMPARE(state.integrity, QStringLiteral("ok"));
        QCOMPARE(state.duplicateJtis, qint64(0));
        QVERIFY(state.usedTokens >= received.size());
        qint64 missing = 0;
        for (const Enrolment &e : std::as_const(received)) {
            if (!state.serials.contains(e.serial)) {
                ++missing;
                qWarning("certificate %s (serial %s) is not in the database", qPrintable(e.subject),
                         qPrintable(e.serial));
            }
        }
        qInfo("cycle %d: integrity_check %s, %lld used token ids, %lld certificates recorded, "
              "%lld received by clients, %lld missing",
              cycle, qPrintable(state.integrity), state.usedTokens, qint64(state.serials.size()),
              qint64(received.size()), missing);
        QCOMPARE(missing, qint64(0));
    }
    QCOMPARE(server->terminate(), 0);
    const DatabaseState last
        = inspectDatabase(QDir(dataDir).filePath(QStringLiteral("certigram.db")));
    QCOMPARE(last.integrity, QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
