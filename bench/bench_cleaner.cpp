// bench_cleaner: how long ExpiredRecordCleaner takes to purge 1,000,000 expired codes while
// the server serves requests on the same database, and the worst request latency meanwhile
// (target <= 100 ms: the cleaner deletes in batches on a worker thread so that requests
// never wait behind one long delete). By default the load is a steady 500 code requests/s
// (an open loop); --rate 0 sends as fast as the connections go, which saturates the machine.
//
// For each database (SQLite, PostgreSQL):
//  1. the expired codes go into pending_codes in one INSERT … SELECT (not measured), with
//     expires_at 1, 2, … so the purge, which deletes in expiry order, shows its progress in
//     MIN(expires_at);
//  2. a certigram-server process (BenchServer) serves on that database with its cleaner
//     every kCleanupIntervalSeconds: the purge is the production one, in the server's
//     process, where it shares the database with the requests exactly as in production;
//  3. C keep-alive connections send code requests for new subjects (inserts into the same
//     table the purge deletes from) while this process polls MIN(expires_at) (an index
//     look-up) every kPollInterval: the purge starts when it first moves and ends when no
//     seeded code is left (to within one poll interval);
//  4. the load goes on for half a second after the purge, then stops.
// Asserts nothing (see README.md).

#include "benchdatabase.h"
#include "benchserver.h"
#include "db/database.h"
#include "keepaliveload.h"
#include "latencysummary.h"
#include "machineinfo.h"
#include "rarequestbodies.h"
#include "resultswriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <limits>
#include <optional>

using namespace certigram;
using namespace certigram::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kLatencyTargetMs = 100;
constexpr int kCleanupIntervalSeconds = 2;
constexpr std::chrono::milliseconds kPollInterval{20};

// Fills pending_codes with `count` codes that expired long ago, in one statement: subjects
// "1".."count" (the load's subjects start at 10^9), a code hash as long as a real one.
Result<void> seedExpiredCodes(Database &database, int count)
{
    const QString select = database.isPostgres()
        ? QStringLiteral("SELECT g::text, 'enroll', ?, 5, 0, g, 0 FROM generate_series(1, ?) AS g")
        : QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                         "i < ?) SELECT CAST(i AS TEXT), 'enroll', ?, 5, 0, i, 0 FROM n");
    auto inserted = database.write([&](QSqlDatabase &db) -> Result<void> {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO pending_codes (subject, purpose, code_hash, "
                                      "attempts_left, created_at, expires_at, resend_after) ")
                       + select);
        const QString hash(64, QLatin1Char('e'));
        if (database.isPostgres()) {
            insert.addBindValue(hash);
            insert.addBindValue(count);
        } else {
            insert.addBindValue(count);
            insert.addBindValue(hash);
        }
        if (!insert.exec())
            return sqlError(QStringLiteral("seeding expired codes"), insert.lastError());
        return {};
    });
    if (!inserted || !database.isPostgres())
        return inserted;
    // Planner statistics, as autovacuum would have them for a table that grew over time.
    auto db = database.connection();
    if (!db)
        return db.error();
    QSqlQuery analyze(db.value());
    if (!analyze.exec(QStringLiteral("ANALYZE pending_codes")))
        return sqlError(QStringLiteral("ANALYZE"), analyze.lastError());
    return {};
}

// The purge's timing, as seen from this process.
struct PurgeOutcome
{
    Clock::time_point started;
    Clock::time_point finished;
    int codes = 0;
    QString error;

    double seconds() const { return std::chrono::duration<double>(finished - started).count(); }
};

// Runs the code-request load and watches the server's cleaner purge the `seeded` codes; after
// the purge the load goes on as long again (and `coolDown` more), the control: the same
// server, database and machine, without the purge.
class PurgeUnderLoad
{
public:
    PurgeUnderLoad(Database &database, int seeded, LoadPlan plan)
        : m_database(database)
        , m_seeded(seeded)
        , m_plan(std::move(plan))
    { }

    LoadResult run(std::chrono::milliseconds coolDown)
    {
        // Subjects never repeat: a pending code would answer 409.
        m_plan.nextBody
            = [this, subject = qint64(1000000000)]() mutable -> std::optional<QByteArray> {
            if (m_stop.load())
                return std::nullopt;
            return codeRequestBody(subject++);
        };
        QTimer poll;
        poll.setInterval(kPollInterval);
        QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
            const auto oldest = oldestExpiry();
            if (!oldest) {
                m_outcome.error = oldest.error().message();
                m_stop = true;
                poll.stop();
                return;
            }
            const qint64 oldestSeeded = oldest.value();
            if (oldestSeeded > 1 && m_outcome.started == Clock::time_point())
                m_outcome.started = Clock::now();
            if (oldestSeeded > m_seeded) { // every seeded code is gone
                m_outcome.finished = Clock::now();
                m_outcome.codes = m_seeded;
                poll.stop();
                const auto purge = std::chrono::duration_cast<std::chrono::milliseconds>(
                    m_outcome.finished - m_outcome.started);
                QTimer::singleShot(coolDown + purge, &poll, [this] { m_stop = true; });
            }
        });
        poll.start();
        return runLoad(m_plan);
    }

    const PurgeOutcome &outcome() const { return m_outcome; }

private:
    // MIN(expires_at) of pending_codes; the load's own codes expire in the future (epoch ms).
    Result<qint64> oldestExpiry()
    {
        auto db = m_database.connection();
        if (!db)
            return db.error();
        QSqlQuery query(db.value());
        if (!query.exec(QStringLiteral("SELECT MIN(expires_at) FROM pending_codes"))
            || !query.next())
            return sqlError(QStringLiteral("polling the purge"), query.lastError());
        return query.value(0).isNull() ? std::numeric_limits<qint64>::max()
                                       : query.value(0).toLongLong();
    }

    Database &m_database;
    const int m_seeded;
    LoadPlan m_plan;
    std::atomic<bool> m_stop{false};
    PurgeOutcome m_outcome;
};

// The requests of `load` that were in flight at some time during [from, to].
std::vector<const LoadSample *> overlapping(const LoadResult &load, Clock::time_point from,
                                            Clock::time_point to)
{
    std::vector<const LoadSample *> samples;
    for (const LoadSample &sample : load.samples) {
        const auto answered = sample.sent
            + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double, std::milli>(sample.latencyMs));
        if (sample.sent <= to && answered >= from)
            samples.push_back(&sample);
    }
    return samples;
}

std::vector<double> latencies(const std::vector<const LoadSample *> &samples)
{
    std::vector<double> values;
    for (const LoadSample *sample : samples)
        values.push_back(sample->latencyMs);
    return values;
}

void report(const QString &backend, const PurgeOutcome &purge, const LoadResult &load,
            int connections, const ResultsWriter &results)
{
    const auto during = overlapping(load, purge.started, purge.finished);
    const auto before
        = overlapping(load, load.samples.empty() ? purge.started : load.samples.front().sent,
                      purge.started - std::chrono::milliseconds(1));
    // The control: as long as the purge took, starting half a second after it.
    const auto controlStart = purge.finished + std::chrono::milliseconds(500);
    const auto after
        = overlapping(load, controlStart, controlStart + (purge.finished - purge.started));
    const LatencySummary duringLatency = LatencySummary::of(latencies(during));
    const LatencySummary beforeLatency = LatencySummary::of(latencies(before));
    const LatencySummary afterLatency = LatencySummary::of(latencies(after));
    const auto slowAfter = std::count_if(after.begin(), after.end(), [](const LoadSample *sample) {
        return sample->latencyMs > kLatencyTargetMs;
    });
    const auto slow = std::count_if(during.begin(), during.end(), [](const LoadSample *sample) {
        return sample->latencyMs > kLatencyTargetMs;
    });
    const double requestsPerSecond = purge.seconds() > 0 ? during.size() / purge.seconds() : 0;

    std::printf("%s: purged %d expired codes in %.2f s (%.0f codes/s) while %d connections sent "
                "code requests%s%s\n",
                qPrintable(backend), purge.codes, purge.seconds(),
                purge.seconds() > 0 ? purge.codes / purge.seconds() : 0, connections,
                purge.error.isEmpty() ? "" : "; cleaner failed: ", qPrintable(purge.error));
    std::printf("  during the purge: %zu requests (%.0f/s, %d failed overall%s%s), p50 %.1f ms, "
                "p99 %.1f ms, worst %.1f ms (target <= %.0f ms), %lld over %.0f ms\n",
                during.size(), requestsPerSecond, load.failed, load.failed ? ": " : "",
                qPrintable(load.failureSummary()), duringLatency.p50, duringLatency.p99,
                duringLatency.max, kLatencyTargetMs, static_cast<long long>(slow),
                kLatencyTargetMs);
    std::printf("  before the purge: %zu requests, p50 %.1f ms, p99 %.1f ms, worst %.1f ms\n",
                before.size(), beforeLatency.p50, beforeLatency.p99, beforeLatency.max);
    std::printf("  control, as long after it: %zu requests, p50 %.1f ms, p99 %.1f ms, worst %.1f "
                "ms, %lld over %.0f ms\n",
                after.size(), afterLatency.p50, afterLatency.p99, afterLatency.max,
                static_cast<long long>(slowAfter), kLatencyTargetMs);
    if (!load.error.isEmpty())
        std::printf("  load error: %s\n", qPrintable(load.error));
    std::fflush(stdout);

    const QString key = backend + QLatin1Char('.');
    results.add(key + QStringLiteral("purged"), purge.codes, 0);
    results.add(key + QStringLiteral("purge_s"), purge.seconds(), 2);
    results.add(key + QStringLiteral("purge_codes_per_s"),
                purge.seconds() > 0 ? purge.codes / purge.seconds() : 0, 0);
    results.add(key + QStringLiteral("during.requests"), static_cast<double>(during.size()), 0);
    results.add(key + QStringLiteral("during.per_s"), requestsPerSecond, 0);
    results.add(key + QStringLiteral("during.p50_ms"), duringLatency.p50, 2);
    results.add(key + QStringLiteral("during.p99_ms"), duringLatency.p99, 2);
    results.add(key + QStringLiteral("during.max_ms"), duringLatency.max, 2);
    results.add(key + QStringLiteral("during.over_target"), static_cast<double>(slow), 0);
    results.add(key + QStringLiteral("before.p99_ms"), beforeLatency.p99, 2);
    results.add(key + QStringLiteral("before.max_ms"), beforeLatency.max, 2);
    results.add(key + QStringLiteral("after.p99_ms"), afterLatency.p99, 2);
    results.add(key + QStringLiteral("after.max_ms"), afterLatency.max, 2);
    results.add(key + QStringLiteral("after.over_target"), static_cast<double>(slowAfter), 0);
    results.add(key + QStringLiteral("failed"), load.failed, 0);
    if (!purge.error.isEmpty())
        results.add(key + QStringLiteral("error"), purge.error);
}

bool benchBackend(BenchDatabase::Backend backend, int expiredCodes, int connections, double rate,
                  const ResultsWriter &results)
{
    const QString name = BenchDatabase::name(backend);
    QTemporaryDir dir;
    BenchDatabase benchDatabase(backend, dir.filePath(QStringLiteral("db")));
    if (!benchDatabase.start()) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(benchDatabase.errorString()));
        return false;
    }
    auto config = DatabaseConfig::fromUrl(benchDatabase.url());
    if (!config) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(config.error().message()));
        return false;
    }
    Database database(config.value());
    QElapsedTimer seeding;
    seeding.start();
    auto migrated = database.migrate();
    auto seeded = migrated ? seedExpiredCodes(database, expiredCodes) : migrated;
    if (!seeded) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(seeded.error().message()));
        return false;
    }
    std::printf("%s: %d expired codes inserted in %.1f s (not measured)\n", qPrintable(name),
                expiredCodes, static_cast<double>(seeding.elapsed()) / 1000.0);
    std::fflush(stdout);

    BenchServer server(QStringLiteral(CERTIGRAM_SERVER_BINARY),
                       dir.filePath(QStringLiteral("server")),
                       {benchDatabase.url(), kCleanupIntervalSeconds});
    if (!server.start()) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(server.errorString()));
        return false;
    }

    LoadPlan plan;
    plan.port = server.port();
    plan.tls = {server.clientTls()};
    plan.connections = connections;
    // One source address per connection: the per-address code quota must not answer 429
    // during the purge or its control.
    plan.sourceAddresses = loopbackSources(connections, 1);
    plan.path = "/api/v1/codes";
    plan.expectedStatus = 202;
    plan.maxDuration = std::chrono::minutes(10); // a bound should the purge never end
    plan.requestsPerSecond = rate;
    PurgeUnderLoad run(database, expiredCodes, plan);
    const LoadResult load = run.run(std::chrono::milliseconds(500));
    report(name, run.outcome(), load, connections, results);
    return run.outcome().error.isEmpty() && load.error.isEmpty();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Purging expired codes while certigram-server serves: time and worst "
                       "request latency."));
    parser.addHelpOption();
    const QCommandLineOption codesOption(
        QStringLiteral("codes"), QStringLiteral("Expired codes to purge (default 1000000)."),
        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption connectionsOption(
        QStringLiteral("connections"),
        QStringLiteral("Connections sending code requests meanwhile (default 10)."),
        QStringLiteral("c"), QStringLiteral("10"));
    const QCommandLineOption backendsOption = BenchDatabase::option();
    const QCommandLineOption rateOption(
        QStringLiteral("rate"),
        QStringLiteral("Code requests per second in all (default 500); 0: each connection sends "
                       "its next request as soon as its answer is in, saturating the machine."),
        QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption resultsOption = ResultsWriter::option();
    parser.addOptions({codesOption, connectionsOption, backendsOption, rateOption, resultsOption});
    parser.process(app);
    const int expiredCodes = std::max(1, parser.value(codesOption).toInt());
    const int connections = std::max(1, parser.value(connectionsOption).toInt());
    const double rate = std::max(0.0, parser.value(rateOption).toDouble());
    const auto backends = BenchDatabase::fromList(parser.value(backendsOption));
    if (!backends)
        return 2;
    // The saturated run has keys of its own, so run-all.sh can keep both.
    const ResultsWriter results(parser.value(resultsOption),
                                rate > 0 ? QStringLiteral("cleaner")
                                         : QStringLiteral("cleaner_saturated"));

    std::printf("bench_cleaner: %d CPUs, load average %s; %d expired codes, %d connections, %s; "
                "server: %s\n",
                cpuCount(), qPrintable(loadAverage()), expiredCodes, connections,
                rate > 0 ? qPrintable(QStringLiteral("%1 requests/s").arg(rate))
                         : "as fast as they go",
                qPrintable(BenchServer::limitsDescription()));
    std::fflush(stdout);
    results.add(QStringLiteral("expired_codes"), expiredCodes, 0);
    results.add(QStringLiteral("connections"), connections, 0);
    results.add(QStringLiteral("rate"), rate, 0);
    results.add(QStringLiteral("load_before"), loadAverage());
    int failures = 0;
    for (const BenchDatabase::Backend backend : *backends) {
        if (!benchBackend(backend, expiredCodes, connections, rate, results))
            ++failures;
    }
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    results.add(QStringLiteral("load_after"), loadAverage());
    return failures == 0 ? 0 : 1;
}
