#include "core/crashreport.h"

#include <QProcess>
#include <QtTest>

#include <csignal>
#include <cstdlib>

// installCrashReport: this test runs itself as a child that installs the report and then
// crashes in a chosen way; the parent reads what the child wrote and how it ended.
class TestCrashReport : public QObject
{
    Q_OBJECT

private slots:
    void faultsAreReportedAndStillKill_data();
    void faultsAreReportedAndStillKill();
    void aNormalExitSaysNothing();
};

namespace {

constexpr char kCrashVariable[] = "CERTIGRAM_TEST_CRASH";

struct ChildRun
{
    QByteArray standardError;
    QProcess::ExitStatus status = QProcess::NormalExit;
    int exitCode = -1;
};

ChildRun runChild(const QByteArray &how)
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kCrashVariable), QString::fromLatin1(how));
    child.setProcessEnvironment(environment);
    child.setProgram(QCoreApplication::applicationFilePath());
    child.start();
    ChildRun run;
    if (!child.waitForFinished(30000))
        return run;
    run.standardError = child.readAllStandardError();
    run.status = child.exitStatus();
    run.exitCode = child.exitCode();
    return run;
}

// The child's side: never returns when it crashes as asked.
[[noreturn]] void crashAs(const QByteArray &how)
{
    certigram::installCrashReport("crash-probe");
    if (how == "segv") {
        volatile quintptr address = 0; // volatile: the compiler cannot see it is null
        *reinterpret_cast<volatile int *>(address) = 1;
    } else if (how == "abort") {
        std::abort();
    } else if (how == "exit") {
        std::exit(3);
    }
    std::exit(99);
}

} // namespace

void TestCrashReport::faultsAreReportedAndStillKill_data()
{
    QTest::addColumn<QByteArray>("how");
    QTest::addColumn<int>("signal");
    QTest::addColumn<QByteArray>("named");
    QTest::newRow("null pointer") << QByteArray("segv") << int(SIGSEGV) << QByteArray("SIGSEGV");
    QTest::newRow("abort") << QByteArray("abort") << int(SIGABRT) << QByteArray("SIGABRT");
}

void TestCrashReport::faultsAreReportedAndStillKill()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer's own report replaces this one");
#endif
    QFETCH(QByteArray, how);
    QFETCH(int, signal);
    QFETCH(QByteArray, named);
    const ChildRun run = runChild(how);
    QCOMPARE(run.status, QProcess::CrashExit); // the fault still ends it as a crash
    QCOMPARE(run.exitCode, signal);
    const QByteArray expected
        = "crash-probe: crashed: signal " + QByteArray::number(signal) + " (" + named;
    QVERIFY2(run.standardError.startsWith(expected), run.standardError.constData());
    // A trace with frames from this program: the crash site is in crashAs().
    QVERIFY2(run.standardError.contains("stack trace"), run.standardError.constData());
    QVERIFY2(run.standardError.contains("tst_crashreport"), run.standardError.constData());
}

void TestCrashReport::aNormalExitSaysNothing()
{
    const ChildRun run = runChild("exit");
    QCOMPARE(run.status, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.standardError, QByteArray());
}

int main(int argc, char *argv[])
{
    if (const QByteArray how = qgetenv(kCrashVariable); !how.isEmpty())
        crashAs(how);
    QCoreApplication application(argc, argv);
    TestCrashReport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashreport.moc"
