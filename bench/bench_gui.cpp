// bench_gui: the desktop app's start-up and responsiveness (issue 6).
//
//   bench_gui [--identities 1000] [--runs 5]
//
// 1. Fills a holder home with N identities (one key shared by all: only the store's size
//    matters here).
// 2. Cold start: runs itself N times as a child process (`--child HOME`) that creates the
//    QApplication and the MainWindow, shows it and waits until the identity table holds
//    every identity; the parent measures from process start to the child's "shown" line.
//    The child reports its resident set size (VmRSS) at that moment.
// 3. UI stall: with the window up, generates an RSA 4096 key the way the enrolment wizard
//    does (off the GUI thread) while a 1 ms timer on the GUI thread records the longest gap
//    between its ticks.
// Targets: cold start ≤ 300 ms and RSS ≤ 80 MB with 1,000 identities; stall ≤ 50 ms.
// Prints figures; asserts nothing. Run it under Xvfb or with QT_QPA_PLATFORM=offscreen.

#include "client/background.h"
#include "crypto/certificatebuilder.h"
#include "crypto/privatekey.h"
#include "guisettings.h"
#include "holder/identitytablemodel.h"
#include "latencysummary.h"
#include "machineinfo.h"
#include "mainwindow.h"
#include "resultswriter.h"
#include "store/identitystore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace certigram;
using namespace certigram::bench;

namespace {

qint64 residentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

bool fillHome(const HolderHome &home, int count)
{
    auto rootKey = PrivateKey::generate(KeyType::EcP256);
    auto key = PrivateKey::generate(KeyType::EcP256);
    if (!rootKey || !key)
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto root = CertificateBuilder()
                    .setSubject(QStringLiteral("Bench Root"))
                    .setCertificateAuthority(true)
                    .setValidity(now.addDays(-1), now.addYears(5))
                    .selfSigned(rootKey.value());
    if (!root)
        return false;
    IdentityStore store(home.identitiesFolder());
    for (int i = 0; i < count; ++i) {
        const QString subject = QString::number(100000000 + i);
        auto certificate = CertificateBuilder()
                               .setSubject(subject)
                               .setSubjectPublicKey(key->publicKey())
                               .setValidity(now.addDays(-(i % 300)), now.addDays(1 + i % 400))
                               .signedBy(root.value(), rootKey.value());
        if (!certificate
            || !store.save(QStringLiteral("bench"), key.value(), certificate.value(),
                           {root.value()}))
            return false;
    }
    return true;
}

// The child: QApplication → MainWindow shown with every identity loaded → report.
int runChild(int argc, char **argv, const QString &home, int expected)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    GuiSettings settings;
    settings.setAutoRenew(false);
    MainWindow window{HolderHome(home), &settings};
    window.show();
    const bool loaded = QTest::qWaitFor(
        [&] { return window.identityModel()->rowCount() == expected && window.isVisible(); },
        60000);
    const bool exposed = QTest::qWaitForWindowExposed(&window);
    std::printf("shown %d %lld\n", loaded && exposed ? 1 : 0, residentKilobytes());
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i + 2 < argc; ++i)
        if (qstrcmp(argv[i], "--child") == 0)
            return runChild(argc, argv, QString::fromLocal8Bit(argv[i + 1]), atoi(argv[i + 2]));

    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    const QCommandLineOption countOption(QStringLiteral("identities"), QString(),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QString(), QStringLiteral("N"),
                                        QStringLiteral("5"));
    const QCommandLineOption resultsOption = ResultsWriter::option();
    parser.addOptions({countOption, runsOption, resultsOption});
    parser.process(app);
    const int count = parser.value(countOption).toInt();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    // Keyed by the store's size, so that run-all.sh can run it for 1,000 and 10,000.
    const ResultsWriter results(parser.value(resultsOption), QStringLiteral("gui.%1").arg(count));
    results.add(QStringLiteral("identities"), count, 0);
    results.add(QStringLiteral("load_before"), loadAverage());

    QTemporaryDir dir;
    const HolderHome home(dir.filePath(QStringLiteral("home")));
    QElapsedTimer fill;
    fill.start();
    if (!fillHome(home, count)) {
        std::fprintf(stderr, "bench_gui: cannot create the identities\n");
        return 1;
    }
    std::printf("%d identities created in %.1f s; platform %s, %d cores\n", count,
                fill.elapsed() / 1000.0, qPrintable(QApplication::platformName()), cpuCount());

    std::vector<double> startMs;
    std::vector<double> rssMb;
    for (int run = 0; run < runs; ++run) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer clock;
        clock.start();
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child"), home.path(), QString::number(count)});
        if (!child.waitForReadyRead(60000)) {
            std::fprintf(stderr, "bench_gui: the child did not report\n");
            return 1;
        }
        const double elapsed = clock.nsecsElapsed() / 1e6;
        const QList<QByteArray> report = child.readLine().trimmed().split(' ');
        child.waitForFinished(30000);
        if (report.size() != 3 || report[1] != "1") {
            std::fprintf(stderr, "bench_gui: the child did not load every identity\n");
            return 1;
        }
        startMs.push_back(elapsed);
        rssMb.push_back(report[2].toDouble() / 1024.0);
        std::printf("  run %d: shown after %.0f ms, RSS %.1f MB\n", run + 1, elapsed, rssMb.back());
    }
    std::printf("cold start to the main window with %d identities: median %.0f ms (target <= "
                "300), RSS median %.1f MB (target <= 80)\n",
                count, percentile(startMs, 0.5), percentile(rssMb, 0.5));
    results.add(QStringLiteral("cold_start_median_ms"), percentile(startMs, 0.5), 0);
    results.add(QStringLiteral("cold_start_min_ms"),
                *std::min_element(startMs.begin(), startMs.end()), 0);
    results.add(QStringLiteral("cold_start_max_ms"),
                *std::max_element(startMs.begin(), startMs.end()), 0);
    results.add(QStringLiteral("rss_median_mb"), percentile(rssMb, 0.5));

    // UI-thread stall while an RSA 4096 key is generated as the wizard does it.
    GuiSettings settings;
    settings.setAutoRenew(false);
    MainWindow window{home, &settings};
    window.show();
    if (!QTest::qWaitFor([&] { return window.identityModel()->rowCount() == count; }, 60000)) {
        std::fprintf(stderr, "bench_gui: the window did not load every identity\n");
        return 1;
    }
    QTest::qWait(500); // let the first layout of the table happen before measuring
    std::vector<double> stalls;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer tick;
        qint64 longest = 0;
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [&] {
            longest = std::max(longest, tick.nsecsElapsed());
            tick.restart();
        });
        bool done = false;
        QElapsedTimer generation;
        generation.start();
        tick.start();
        timer.start();
        runInBackground(
            &window, [] { return PrivateKey::generate(KeyType::Rsa4096); },
            [&](const Result<PrivateKey> &) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 120000))
            return 1;
        timer.stop();
        stalls.push_back(longest / 1e6);
        std::printf("  RSA 4096 key in %.0f ms; longest GUI-thread gap %.1f ms\n",
                    generation.nsecsElapsed() / 1e6, stalls.back());
    }
    std::printf("longest UI-thread stall while an RSA 4096 key is generated: %.1f ms (target <= "
                "50; the timer ticks every 1 ms)\n",
                *std::max_element(stalls.begin(), stalls.end()));
    results.add(QStringLiteral("longest_stall_ms"),
                *std::max_element(stalls.begin(), stalls.end()));
    results.add(QStringLiteral("load_after"), loadAverage());
    return 0;
}
