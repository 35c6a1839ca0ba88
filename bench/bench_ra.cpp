// bench_ra: the registration authority's throughput over HTTPS keep-alive. For each database
// (SQLite, PostgreSQL) it starts a certigram-server process (BenchServer: the production
// binary, embedded CA, console notifier, rate limits raised), and for each concurrency
// (10, 50, 200 keep-alive connections by default) measures, closed loop:
//  1. code requests: POST /api/v1/codes, each for a new subject (one pending code per
//     subject is a rule), until --requests are answered or --seconds have passed;
//  2. token exchanges: POST /api/v1/tokens with the codes just issued, read back from the
//     server's console notifier (the reading is not measured), within the same bounds.
// Prints requests/s and p50/p99 latency per phase. Asserts nothing (see README.md).

#include "benchdatabase.h"
#include "benchserver.h"
#include "keepaliveload.h"
#include "loadreport.h"
#include "machineinfo.h"
#include "rarequestbodies.h"
#include "resultswriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <memory>
#include <optional>

using namespace certigram;
using namespace certigram::bench;

namespace {

// Reads the codes certigram-server's console notifier printed ("code for SUBJECT: … CODE …"),
// from where the last reading stopped.
class ConsoleCodeReader
{
public:
    explicit ConsoleCodeReader(const BenchServer &server)
        : m_server(server)
    { }

    // The codes printed since the last call, by subject; waits (serving the event loop)
    // until there are at least `expected`, for up to `timeoutMs`.
    QHash<QString, QString> take(int expected, int timeoutMs)
    {
        QHash<QString, QString> codes;
        // Short of `expected` after the timeout: the caller reports how many came.
        (void)QTest::qWaitFor(
            [&] {
                readNewLines(codes);
                return codes.size() >= expected;
            },
            timeoutMs);
        return codes;
    }

private:
    void readNewLines(QHash<QString, QString> &codes)
    {
        // Only complete lines; the copy is dropped at once (the process keeps appending).
        const QByteArray output = m_server.output();
        const qsizetype end = output.lastIndexOf('\n') + 1;
        if (end <= m_offset)
            return;
        static const QRegularExpression line(QStringLiteral("code for (\\d+): \\D*(\\d{6,10})"));
        auto matches = line.globalMatch(QString::fromUtf8(output.mid(m_offset, end - m_offset)));
        while (matches.hasNext()) {
            const auto match = matches.next();
            codes.insert(match.captured(1), match.captured(2));
        }
        m_offset = end;
    }

    const BenchServer &m_server;
    qsizetype m_offset = 0;
};

// One database's round of measurements against one server.
class RaBench
{
public:
    struct Bounds
    {
        int requests = 3000;
        std::chrono::milliseconds duration{5000};
    };

    RaBench(const BenchServer &server, QString backend, Bounds bounds, const ResultsWriter &results)
        : m_server(server)
        , m_codes(server)
        , m_backend(std::move(backend))
        , m_bounds(bounds)
        , m_results(results)
    { }

    bool run(int connections)
    {
        (void)m_codes.take(0, 0); // forget codes of earlier rounds
        const LoadResult requested = runLoad(codeRequests(connections));
        report(connections, QStringLiteral("codes"), requested);
        if (!requested.error.isEmpty())
            return false;
        const QHash<QString, QString> codes = m_codes.take(requested.succeeded, 20000);
        if (codes.size() < requested.succeeded)
            std::fprintf(stderr, "only %lld of %d codes were read back from the server\n",
                         static_cast<long long>(codes.size()), requested.succeeded);
        const LoadResult exchanged = runLoad(tokenExchanges(connections, codes));
        report(connections, QStringLiteral("tokens"), exchanged);
        return exchanged.error.isEmpty();
    }

private:
    LoadPlan plan(int connections, QByteArray path, int expectedStatus) const
    {
        LoadPlan plan;
        plan.port = m_server.port();
        plan.tls = {m_server.clientTls()};
        plan.connections = connections;
        plan.sourceAddresses = loopbackSources(connections);
        plan.path = std::move(path);
        plan.expectedStatus = expectedStatus;
        plan.maxRequests = m_bounds.requests;
        plan.maxDuration = m_bounds.duration;
        return plan;
    }

    LoadPlan codeRequests(int connections)
    {
        LoadPlan codes = plan(connections, "/api/v1/codes", 202);
        // Subjects never repeat within a server's life: a pending code would answer 409.
        codes.nextBody
            = [this]() -> std::optional<QByteArray> { return codeRequestBody(m_nextSubject++); };
        return codes;
    }

    LoadPlan tokenExchanges(int connections, const QHash<QString, QString> &codes) const
    {
        QList<QByteArray> bodies;
        bodies.reserve(codes.size());
        for (auto code = codes.cbegin(); code != codes.cend(); ++code)
            bodies << tokenRequestBody(code.key(), code.value());
        LoadPlan tokens = plan(connections, "/api/v1/tokens", 200);
        tokens.nextBody = bodiesFrom(bodies);
        return tokens;
    }

    void report(int connections, const QString &phase, const LoadResult &load) const
    {
        const LatencySummary latency = load.latency();
        std::printf("%-8s c=%-4d %-6s %6d ok %4d failed  %6.2f s  %8.1f req/s  p50 %7.2f ms  "
                    "p99 %7.2f ms  max %7.2f ms%s%s%s%s\n",
                    qPrintable(m_backend), connections, qPrintable(phase), load.succeeded,
                    load.failed, load.seconds, load.perSecond(), latency.p50, latency.p99,
                    latency.max, load.failed ? "  failures: " : "",
                    qPrintable(load.failureSummary()),
                    load.error.isEmpty() ? "" : "  error: ", qPrintable(load.error));
        std::fflush(stdout);
        recordLoad(m_results,
                   QStringLiteral("%1.c%2.%3").arg(m_backend).arg(connections).arg(phase), load);
    }

    const BenchServer &m_server;
    ConsoleCodeReader m_codes;
    QString m_backend;
    Bounds m_bounds;
    const ResultsWriter &m_results;
    qint64 m_nextSubject = 1000000000;
};

bool benchBackend(BenchDatabase::Backend backend, const QList<int> &concurrencies,
                  RaBench::Bounds bounds, const ResultsWriter &results)
{
    const QString name = BenchDatabase::name(backend);
    QTemporaryDir dir;
    BenchDatabase database(backend, dir.filePath(QStringLiteral("db")));
    if (!database.start()) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(database.errorString()));
        return false;
    }
    BenchServer server(QStringLiteral(CERTIGRAM_SERVER_BINARY),
                       dir.filePath(QStringLiteral("server")), {database.url()});
    if (!server.start()) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(server.errorString()));
        return false;
    }
    RaBench bench(server, name, bounds, results);
    for (const int connections : concurrencies) {
        if (!bench.run(connections))
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The RA's code requests and token exchanges per second, over HTTPS "
                       "keep-alive, against a certigram-server process."));
    parser.addHelpOption();
    const QCommandLineOption connectionsOption(
        QStringLiteral("connections"),
        QStringLiteral("Comma-separated concurrencies (default 10,50,200)."),
        QStringLiteral("list"), QStringLiteral("10,50,200"));
    const QCommandLineOption backendsOption = BenchDatabase::option();
    const QCommandLineOption requestsOption(
        QStringLiteral("requests"),
        QStringLiteral("At most this many requests per phase (default 3000)."), QStringLiteral("n"),
        QStringLiteral("3000"));
    const QCommandLineOption secondsOption(
        QStringLiteral("seconds"), QStringLiteral("At most this long per phase (default 5)."),
        QStringLiteral("s"), QStringLiteral("5"));
    const QCommandLineOption resultsOption = ResultsWriter::option();
    parser.addOptions(
        {connectionsOption, backendsOption, requestsOption, secondsOption, resultsOption});
    parser.process(app);

    QList<int> concurrencies;
    for (const QString &value : parser.value(connectionsOption).split(QLatin1Char(','))) {
        if (value.toInt() < 1) {
            std::fprintf(stderr, "--connections: %s is not a positive number\n", qPrintable(value));
            return 2;
        }
        concurrencies << value.toInt();
    }
    const auto backends = BenchDatabase::fromList(parser.value(backendsOption));
    if (!backends)
        return 2;
    RaBench::Bounds bounds;
    bounds.requests = std::max(1, parser.value(requestsOption).toInt());
    bounds.duration = std::chrono::milliseconds(
        static_cast<qint64>(std::max(0.1, parser.value(secondsOption).toDouble()) * 1000));
    const ResultsWriter results(parser.value(resultsOption), QStringLiteral("ra"));

    std::printf("bench_ra: %d CPUs, load average %s; each phase: at most %d requests or %.1f s\n"
                "server: certigram-server, embedded CA, console notifier, %s\n",
                cpuCount(), qPrintable(loadAverage()), bounds.requests,
                static_cast<double>(bounds.duration.count()) / 1000.0,
                qPrintable(BenchServer::limitsDescription()));
    std::fflush(stdout);
    results.add(QStringLiteral("limits"), BenchServer::limitsDescription());
    results.add(QStringLiteral("load_before"), loadAverage());
    int failures = 0;
    for (const BenchDatabase::Backend backend : *backends) {
        if (!benchBackend(backend, concurrencies, bounds, results))
            ++failures;
    }
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    results.add(QStringLiteral("load_after"), loadAverage());
    return failures == 0 ? 0 : 1;
}
