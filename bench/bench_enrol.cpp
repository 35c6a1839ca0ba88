// End-to-end enrolment latency against a certigram-server process (embedded CA, console
// notifier), measured two ways for each key type:
//  (a) in process: Enroller::enroll() from the code to the stored identity (code → sign
//      token from the RA → key pair and CSR → certificate from the CA → identity store);
//  (b) `certigram-cli enroll --code` as a process: its wall time, process start included.
// The code itself is requested beforehand (RaClient, or `certigram-cli request-code`) and read
// from the server's output; that wait is not measured. See README.md.

#include "client/enroller.h"
#include "client/raclient.h"
#include "crypto/keytype.h"
#include "latencysummary.h"
#include "machineinfo.h"
#include "processrunner.h"
#include "resultswriter.h"
#include "serverprocess.h"
#include "store/holderhome.h"
#include "store/profilestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

using namespace certigram;
using certigram::test::ProcessOutput;
using certigram::test::ServerProcess;
using namespace certigram::bench;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

class Bench
{
public:
    explicit Bench(const ResultsWriter &results)
        : m_results(results)
    { }

    bool start();
    bool run(KeyType type, int count);

private:
    ProcessOutput cli(const QStringList &arguments) const;
    QString waitForCode(const QString &subject, int printedBefore);
    QString nextSubject() { return QString::number(7100000 + m_nextSubject++); }
    std::optional<double> enrolInProcess(const QString &subject, KeyType type);
    std::optional<double> enrolWithCli(const QString &subject, KeyType type);

    const ResultsWriter &m_results;
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_home;
    CaProfile m_profile;
    int m_nextSubject = 0;
};

bool Bench::start()
{
    if (!m_dir.isValid())
        return false;
    // Codes for every enrolment from 127.0.0.1, at once, and no request rate limit: a
    // holder enrols once, the benchmark many times a second.
    const QString config = m_dir.filePath(QStringLiteral("server.json"));
    {
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(R"({"codes": {"requestsPerAddressPerHour": 100000,
                              "resendAfterSeconds": 0},
                              "limits": {"requestsPerMinute": 6000000, "burst": 1000000}})")
                < 0)
            return false;
    }
    m_server = std::make_unique<ServerProcess>(QStringLiteral(CERTIGRAM_SERVER_BINARY),
                                               m_dir.filePath(QStringLiteral("server")),
                                               QStringList{QStringLiteral("--config"), config});
    if (!m_server->start()) {
        err() << "certigram-server did not start:\n" << m_server->output() << Qt::endl;
        return false;
    }
    m_home = m_dir.filePath(QStringLiteral("home"));
    const ProcessOutput bootstrapped
        = cli({QStringLiteral("bootstrap"), QStringLiteral("--ca-url"),
               QStringLiteral("https://localhost:%1").arg(m_server->port()),
               QStringLiteral("--fingerprint"), m_server->fingerprint()});
    if (!bootstrapped.succeeded()) {
        err() << "bootstrap failed: " << bootstrapped.standardError << Qt::endl;
        return false;
    }
    auto profile = ProfileStore(HolderHome(m_home).profilesFile()).resolve(QString());
    if (!profile) {
        err() << profile.error().message() << Qt::endl;
        return false;
    }
    m_profile = profile.value();
    return true;
}

ProcessOutput Bench::cli(const QStringList &arguments) const
{
    return test::runProcess(QStringLiteral(CERTIGRAM_CLI_BINARY),
                            QStringList{QStringLiteral("--home"), m_home} + arguments, {}, 120000);
}

QString Bench::waitForCode(const QString &subject, int printedBefore)
{
    if (!QTest::qWaitFor([&] { return m_server->codesPrintedFor(subject) > printedBefore; }, 10000))
        return QString();
    return m_server->codeFor(subject);
}

std::optional<double> Bench::enrolInProcess(const QString &subject, KeyType type)
{
    const int printed = m_server->codesPrintedFor(subject);
    RaClient ra(m_profile.raUrl, m_profile.root);
    std::optional<Result<CodeResponse>> requested;
    ra.requestCode(subject, CodePurpose::Enroll, &ra,
                   [&](Result<CodeResponse> answer) { requested = std::move(answer); });
    if (!QTest::qWaitFor([&] { return requested.has_value(); }, 30000) || !requested->ok()) {
        err() << "request-code for " << subject << " failed"
              << (requested ? QStringLiteral(": ") + requested->error().message() : QString())
              << Qt::endl;
        return std::nullopt;
    }
    EnrollmentRequest request;
    request.subject = subject;
    request.code = waitForCode(subject, printed);
    request.keyType = type;
    if (request.code.isEmpty())
        return std::nullopt;

    Enroller enroller(m_profile, HolderHome(m_home).identitiesFolder());
    std::optional<Result<Identity>> enrolled;
    // A real event loop, woken by the callback: QTest::qWaitFor sleeps 10 ms between rounds
    // of events, which would add tens of milliseconds to a run of several round trips.
    QEventLoop loop;
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    enroller.enroll(request, [&](Result<Identity> identity) {
        enrolled = std::move(identity);
        loop.quit();
    });
    if (!enrolled)
        loop.exec();
    const double elapsed = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    if (!enrolled || !enrolled->ok()) {
        err() << "enroll " << subject << " failed"
              << (enrolled ? QStringLiteral(": ") + enrolled->error().message() : QString())
              << Qt::endl;
        return std::nullopt;
    }
    return elapsed;
}

std::optional<double> Bench::enrolWithCli(const QString &subject, KeyType type)
{
    const int printed = m_server->codesPrintedFor(subject);
    const ProcessOutput requested
        = cli({QStringLiteral("request-code"), QStringLiteral("--subject"), subject});
    if (!requested.succeeded()) {
        err() << "request-code " << subject << ": " << requested.standardError << Qt::endl;
        return std::nullopt;
    }
    const QString code = waitForCode(subject, printed);
    if (code.isEmpty())
        return std::nullopt;
    QElapsedTimer clock;
    clock.start();
    const ProcessOutput enrolled
        = cli({QStringLiteral("enroll"), QStringLiteral("--subject"), subject,
               QStringLiteral("--code"), code, QStringLiteral("--key-type"), keyTypeName(type)});
    const double elapsed = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    if (!enrolled.succeeded()) {
        err() << "certigram-cli enroll " << subject << ": " << enrolled.standardError << Qt::endl;
        return std::nullopt;
    }
    return elapsed;
}

bool Bench::run(KeyType type, int count)
{
    std::vector<double> inProcess;
    std::vector<double> process;
    for (int i = 0; i < count; ++i) {
        const auto a = enrolInProcess(nextSubject(), type);
        const auto b = enrolWithCli(nextSubject(), type);
        if (!a || !b)
            return false;
        inProcess.push_back(*a);
        process.push_back(*b);
    }
    const auto line = [&](const char *what, const char *key, const std::vector<double> &samples) {
        const LatencySummary latency = LatencySummary::of(samples);
        out() << QStringLiteral("%1  %2  median %3 ms  p95 %4 ms  (n=%5)")
                     .arg(keyTypeName(type), -8)
                     .arg(QString::fromLatin1(what), -28)
                     .arg(latency.p50, 7, 'f', 1)
                     .arg(latency.p95, 7, 'f', 1)
                     .arg(latency.count)
              << Qt::endl;
        const QString prefix = keyTypeName(type) + QLatin1Char('.') + QLatin1String(key);
        m_results.add(prefix + QStringLiteral(".median_ms"), latency.p50);
        m_results.add(prefix + QStringLiteral(".p95_ms"), latency.p95);
    };
    line("(a) Enroller::enroll", "in_process", inProcess);
    line("(b) certigram-cli enroll", "cli", process);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_enrol"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("End-to-end enrolment latency against a certigram-server process."));
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"),
                                         QStringLiteral("Enrolments per key type and way (50)."),
                                         QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption resultsOption = ResultsWriter::option();
    parser.addOptions({countOption, resultsOption});
    parser.process(app);
    bool ok = false;
    const int count = parser.value(countOption).toInt(&ok);
    if (!ok || count < 1) {
        err() << "--count needs a positive number" << Qt::endl;
        return 2;
    }
    // Our own client code's info logging is not part of what a holder waits for.
    QLoggingCategory::setFilterRules(QStringLiteral("certigram.*.info=false"));

    const ResultsWriter results(parser.value(resultsOption), QStringLiteral("enrol"));
    out() << "cores: " << cpuCount() << "  load average: " << loadAverage()
          << "  enrolments per key type and way: " << count << Qt::endl;
    results.add(QStringLiteral("count"), count, 0);
    results.add(QStringLiteral("load_before"), loadAverage());
    Bench bench(results);
    if (!bench.start())
        return 1;
    for (KeyType type : {KeyType::EcP256, KeyType::Rsa2048}) {
        if (!bench.run(type, count))
            return 1;
    }
    out() << "load average after: " << loadAverage() << Qt::endl;
    results.add(QStringLiteral("load_after"), loadAverage());
    return 0;
}
