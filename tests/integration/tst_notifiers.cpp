#include "faketelegramserver.h"
#include "notify/commandnotifier.h"
#include "notify/consolenotifier.h"
#include "notify/telegramnotifier.h"
#include "testpki.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QSet>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <thread>
#include <vector>

using namespace certigram;
using certigram::test::FakeTelegramServer;
using certigram::test::TestPki;
using Mode = FakeTelegramServer::Mode;

namespace {

const QString kToken = QStringLiteral("123456789:AAFakeTokenForCertigramTests_xyz-01");
const QString kTokenSecret = QStringLiteral("AAFakeTokenForCertigramTests_xyz-01");
const QString kSubject = QStringLiteral("987654321");
const QString kWelcome = QStringLiteral("Welcome! Your code is 482913, it lasts only 5 minutes.");

// Every log line of the run, to prove the bot token never reaches a log.
QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker locker(&logMutex);
        logLines.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

QString describe(const Result<void> &result)
{
    return result.ok()
        ? QStringLiteral("success")
        : Error::codeName(result.error().code()) + QStringLiteral(": ") + result.error().message();
}

bool mentionsToken(const QString &text)
{
    return text.contains(kToken) || text.contains(kTokenSecret)
        || text.contains(QLatin1String("bot123456789"));
}

} // namespace

// The notifiers the RA sends codes with. Telegram is faked over real HTTPS on loopback, on
// a thread of its own, so the tests can block in send() like the RA's workers do.
class TestNotifiers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    // Telegram
    void telegramDeliversTheMessageExactly_data();
    void telegramDeliversTheMessageExactly();
    void telegramFailuresMapToErrorCodes_data();
    void telegramFailuresMapToErrorCodes();
    void telegramWrongTokenIsAServerProblem();
    void telegramUnreachableIsANetworkError();
    void telegramTimeoutReturnsInTime();
    void telegramConcurrentSendsAllArrive();
    void telegramCapsConcurrentRequests();
    void telegramDestroyedWithRequestsInFlight();
    void telegramBreakerOpensFailsFastAndCloses();
    void telegramBreakerFailsQueuedMessagesWhenTelegramIsSilent();
    void telegramBreakerIgnoresRefusals_data();
    void telegramBreakerIgnoresRefusals();
    void telegramRefusesAnUntrustedCertificate();
    void telegramRefusesBadOptions();
    void telegramRefusesBadSubjectsWithoutSending();
    void botTokenFromFile();
    void botTokenFileMustBePrivate();
    void botTokenFromEnvironment();

    // Console
    void consoleLogsAndKeepsTheMessage();
    void consoleForgetsTheLeastRecentSubjects();

    // Command
    void commandGetsSubjectAsArgumentAndMessageOnStdin();
    void commandFailureReportsExitCodeAndStderr();
    void commandStderrNeverEchoesTheCode();
    void commandIsKilledAfterTheTimeout();
    void commandRefusesMissingProgramsAndOptionLikeSubjects();

private:
    std::unique_ptr<TelegramNotifier> makeTelegram(std::chrono::milliseconds timeout
                                                   = std::chrono::seconds(5),
                                                   int maxConcurrent = 8,
                                                   const QString &token = kToken) const;
    std::unique_ptr<TelegramNotifier> makeGuardedTelegram(std::chrono::milliseconds timeout,
                                                          int breakerFailures,
                                                          std::chrono::milliseconds coolDown,
                                                          int maxConcurrent = 8) const;
    // A notifier for the fake Bot API, trusting its certificate.
    TelegramNotifier::Options telegramOptions(std::chrono::milliseconds timeout, int maxConcurrent,
                                              const QString &token) const;
    static std::unique_ptr<TelegramNotifier> created(TelegramNotifier::Options options);
    QSslCertificate rootCertificate() const;

    std::unique_ptr<TestPki> m_pki;
    TestPki::Identity m_serverIdentity;
    std::unique_ptr<FakeTelegramServer> m_fake;
};

void TestNotifiers::initTestCase()
{
    previousHandler = qInstallMessageHandler(captureLog);
    m_pki = std::make_unique<TestPki>();
    m_serverIdentity = m_pki->server();
}

void TestNotifiers::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    const QMutexLocker locker(&logMutex);
    QVERIFY(!logLines.isEmpty()); // the failure tests did log
    for (const QString &line : std::as_const(logLines))
        QVERIFY2(!mentionsToken(line), qPrintable(line));
}

void TestNotifiers::init()
{
    m_fake = std::make_unique<FakeTelegramServer>(m_pki->serverConfiguration(m_serverIdentity),
                                                  kToken);
    QVERIFY2(m_fake->start() != 0, qPrintable(m_fake->errorString()));
}

void TestNotifiers::cleanup()
{
    m_fake.reset();
}

QSslCertificate TestNotifiers::rootCertificate() const
{
    return QSslCertificate(m_pki->root().toPem(), QSsl::Pem);
}

TelegramNotifier::Options TestNotifiers::telegramOptions(std::chrono::milliseconds timeout,
                                                         int maxConcurrent,
                                                         const QString &token) const
{
    TelegramNotifier::Options options;
    options.apiBaseUrl = m_fake->apiBaseUrl();
    options.botToken = SecretBytes::fromUtf8(token);
    options.timeout = timeout;
    options.extraCaCertificates = {rootCertificate()};
    options.maxConcurrentRequests = maxConcurrent;
    return options;
}

std::unique_ptr<TelegramNotifier> TestNotifiers::created(TelegramNotifier::Options options)
{
    auto created = TelegramNotifier::create(std::move(options));
    if (!created.ok()) {
        qWarning("%s", qPrintable(created.error().message()));
        return nullptr;
    }
    return std::move(created).value();
}

std::unique_ptr<TelegramNotifier> TestNotifiers::makeTelegram(std::chrono::milliseconds timeout,
                                                              int maxConcurrent,
                                                              const QString &token) const
{
    return created(telegramOptions(timeout, maxConcurrent, token));
}

std::unique_ptr<TelegramNotifier> TestNotifiers::makeGuardedTelegram(
    std::chrono::milliseconds timeout, int breakerFailures, std::chrono::milliseconds coolDown,
    int maxConcurrent) const
{
    TelegramNotifier::Options options = telegramOptions(timeout, maxConcurrent, kToken);
    options.breakerFailures = breakerFailures;
    options.breakerCoolDown = coolDown;
    return created(std::move(options));
}

namespace {

// Log lines captured since `from` that contain `text`.
int logLinesWith(qsizetype from, const QString &text)
{
    const QMutexLocker locker(&logMutex);
    int count = 0;
    for (qsizetype i = from; i < logLines.size(); ++i)
        count += logLines.at(i).contains(text) ? 1 : 0;
    return count;
}

qsizetype logSize()
{
    const QMutexLocker locker(&logMutex);
    return logLines.size();
}

} // namespace

void TestNotifiers::telegramDeliversTheMessageExactly_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("text");
    QTest::newRow("prototype's welcome") << kSubject << kWelcome;
    QTest::newRow("largest user id") << QStringLiteral("9223372036854775807") << kWelcome;
    QTest::newRow("quotes, lines, unicode")
        << kSubject
        << QStringLiteral("Code: 123456\n\"quoted\" \\ back\tslash ;; Ünïcødé 🔐 <b>not html</b>");
}

void TestNotifiers::telegramDeliversTheMessageExactly()
{
    QFETCH(QString, subject);
    QFETCH(QString, text);
    auto notifier = makeTelegram();
    QVERIFY(notifier);
    QCOMPARE(notifier->name(), QStringLiteral("telegram"));
    QSignalSpy received(m_fake.get(), &FakeTelegramServer::messageReceived);

    const Result<void> sent = notifier->send(subject, text);
    QVERIFY2(sent.ok(), qPrintable(describe(sent)));

    const auto messages = m_fake->messages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().token, kToken); // the token travels in the path
    QCOMPARE(messages.first().chatId, subject);
    QCOMPARE(messages.first().text, text);
    QVERIFY(received.wait(2000) || received.size() == 1);
    QCOMPARE(received.size(), 1);
}

void TestNotifiers::telegramFailuresMapToErrorCodes_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("expected"); // part of the message

    QTest::newRow("500") << Mode::ServerError << ErrorCode::NetworkError
                         << QStringLiteral("HTTP 500");
    QTest::newRow("chat not found")
        << Mode::ChatNotFound << ErrorCode::InvalidInput << QStringLiteral("press Start");
    QTest::newRow("bot blocked") << Mode::BotBlocked << ErrorCode::Forbidden
                                 << QStringLiteral("bot was blocked by the user");
    QTest::newRow("429") << Mode::RateLimited << ErrorCode::RateLimited
                         << QStringLiteral("retry in 7 s");
    QTest::newRow("no answer") << Mode::NoAnswer << ErrorCode::NetworkError
                               << QStringLiteral("did not answer within 0.8 s");
    QTest::newRow("closed mid-answer") << Mode::CloseMidAnswer << ErrorCode::NetworkError
                                       << QStringLiteral("closed the connection");
    QTest::newRow("garbage") << Mode::Garbage << ErrorCode::NetworkError
                             << QStringLiteral("not Bot API JSON");
}

void TestNotifiers::telegramFailuresMapToErrorCodes()
{
    QFETCH(Mode, mode);
    QFETCH(ErrorCode, code);
    QFETCH(QString, expected);
    m_fake->setMode(mode);
    auto notifier = makeTelegram(std::chrono::milliseconds(800));
    QVERIFY(notifier);

    const Result<void> sent = notifier->send(kSubject, kWelcome);
    QVERIFY(!sent.ok());
    QVERIFY2(sent.error().code() == code, qPrintable(describe(sent)));
    QVERIFY2(sent.error().message().contains(expected), qPrintable(describe(sent)));
    QVERIFY2(!mentionsToken(sent.error().message()), qPrintable(describe(sent)));
    QVERIFY2(!sent.error().message().contains(QLatin1String("482913")), qPrintable(describe(sent)));
    QCOMPARE(m_fake->messageCount(), 1); // it did reach Telegram
}

void TestNotifiers::telegramWrongTokenIsAServerProblem()
{
    const QString wrong = QStringLiteral("123456789:AAWrongTokenForCertigramTests_xyz-99");
    auto notifier = makeTelegram(std::chrono::seconds(5), 8, wrong);
    QVERIFY(notifier);
    const Result<void> sent = notifier->send(kSubject, kWelcome);
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().code(), ErrorCode::NetworkError); // our configuration: 502
    QVERIFY2(sent.error().message().contains(QLatin1String("refused the bot token")),
             qPrintable(describe(sent)));
    QVERIFY2(!sent.error().message().contains(wrong)
                 && !sent.error().message().contains(wrong.section(QLatin1Char(':'), 1))
                 && !mentionsToken(sent.error().message()),
             qPrintable(describe(sent)));
    QCOMPARE(m_fake->messages().value(0).token, wrong);
}

void TestNotifiers::telegramUnreachableIsANetworkError()
{
    auto notifier = makeTelegram();
    QVERIFY(notifier);
    m_fake->stop(); // nothing listens on that port any more
    const Result<void> sent = notifier->send(kSubject, kWelcome);
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().code(), ErrorCode::NetworkError);
    QVERIFY2(sent.error().message().contains(QLatin1String("connection refused")),
             qPrintable(describe(sent)));
    QVERIFY(!mentionsToken(sent.error().message()));
}

void TestNotifiers::telegramTimeoutReturnsInTime()
{
    m_fake->setMode(Mode::NoAnswer);
    auto notifier = makeTelegram(std::chrono::milliseconds(500));
    QVERIFY(notifier);
    QElapsedTimer clock;
    clock.start();
    const Result<void> sent = notifier->send(kSubject, kWelcome);
    const qint64 elapsed = clock.elapsed();
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().code(), ErrorCode::NetworkError);
    // A second of slack for a loaded CI machine; the worker aborts right at the deadline.
    QVERIFY2(elapsed >= 450 && elapsed < 1500, qPrintable(QString::number(elapsed)));

    // The worker is not stuck afterwards.
    m_fake->setMode(Mode::Deliver);
    const Result<void> again = notifier->send(kSubject, kWelcome);
    QVERIFY2(again.ok(), qPrintable(describe(again)));
}

void TestNotifiers::telegramConcurrentSendsAllArrive()
{
    auto notifier = makeTelegram(std::chrono::seconds(10));
    QVERIFY(notifier);
    constexpr int kSends = 20;
    QThreadPool pool;
    pool.setMaxThreadCount(kSends);
    std::vector<Result<void>> results(kSends);
    for (int i = 0; i < kSends; ++i) {
        pool.start([&notifier, &results, i] {
            results[static_cast<size_t>(i)]
                = notifier->send(QString::number(1000 + i), QStringLiteral("code %1").arg(i));
        });
    }
    QVERIFY(pool.waitForDone(30000));
    for (const Result<void> &result : results)
        QVERIFY2(result.ok(), qPrintable(describe(result)));

    QSet<QString> expected;
    QSet<QString> seen;
    for (int i = 0; i < kSends; ++i)
        expected.insert(QString::number(1000 + i) + QStringLiteral(": code %1").arg(i));
    for (const FakeTelegramServer::Message &message : m_fake->messages())
        seen.insert(message.chatId + QStringLiteral(": ") + message.text);
    QCOMPARE(seen, expected);
    QCOMPARE(m_fake->messageCount(), kSends);
}

void TestNotifiers::telegramCapsConcurrentRequests()
{
    m_fake->setAnswerDelay(150);
    auto notifier = makeTelegram(std::chrono::seconds(10), 3);
    QVERIFY(notifier);
    QThreadPool pool;
    pool.setMaxThreadCount(12);
    QAtomicInt failures;
    for (int i = 0; i < 12; ++i) {
        pool.start([&notifier, &failures, i] {
            if (!notifier->send(QString::number(2000 + i), QStringLiteral("capped")).ok())
                failures.ref();
        });
    }
    QVERIFY(pool.waitForDone(30000));
    QCOMPARE(failures.loadRelaxed(), 0);
    QCOMPARE(m_fake->messageCount(), 12);
    QVERIFY2(m_fake->peakConcurrentRequests() <= 3,
             qPrintable(QString::number(m_fake->peakConcurrentRequests())));
    QVERIFY2(m_fake->peakConcurrentRequests() >= 2,
             qPrintable(QString::number(m_fake->peakConcurrentRequests())));
}

void TestNotifiers::telegramDestroyedWithRequestsInFlight()
{
    m_fake->setMode(Mode::NoAnswer);
    // One slot: one request on the wire, the others queued in the worker.
    auto notifier = makeTelegram(std::chrono::seconds(20), 1);
    QVERIFY(notifier);
    constexpr int kSenders = 4;
    std::vector<Result<void>> results(kSenders);
    std::vector<std::thread> senders;
    for (int i = 0; i < kSenders; ++i) {
        senders.emplace_back([&notifier, &results, i] {
            results[static_cast<size_t>(i)] = notifier->send(kSubject, kWelcome);
        });
    }
    QVERIFY(m_fake->waitForMessages(1, 5000));
    QThread::msleep(100); // let the other senders queue up behind the first

    QElapsedTimer clock;
    clock.start();
    notifier.reset();
    for (std::thread &sender : senders)
        sender.join();
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    for (const Result<void> &result : results) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::NetworkError);
        QVERIFY2(result.error().message().contains(QLatin1String("shut down")),
                 qPrintable(describe(result)));
    }
}

void TestNotifiers::telegramBreakerOpensFailsFastAndCloses()
{
    using namespace std::chrono_literals;
    using State = CircuitBreaker::State;
    const qsizetype logStart = logSize();
    m_fake->setMode(Mode::ServerError);
    auto notifier = makeGuardedTelegram(5s, 3, 400ms);
    QVERIFY(notifier);
    QCOMPARE(notifier->breakerState(), State::Closed);

    // Closed: every failure reaches Telegram, until the third in a row opens it.
    for (int i = 0; i < 3; ++i) {
        const Result<void> sent = notifier->send(kSubject, kWelcome);
        QVERIFY(!sent.ok());
        QVERIFY2(sent.error().message().contains(QLatin1String("HTTP 500")),
                 qPrintable(describe(sent)));
        QCOMPARE(notifier->breakerState(), i < 2 ? State::Closed : State::Open);
    }
    QCOMPARE(m_fake->messageCount(), 3);
    QCOMPARE(logLinesWith(logStart, QStringLiteral("failed 3 times in a row")), 1);

    // Open: fails at once with a NetworkError (the RA's 502), without reaching Telegram.
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer clock;
        clock.start();
        const Result<void> sent = notifier->send(kSubject, kWelcome);
        QVERIFY(clock.elapsed() < 100);
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().code(), ErrorCode::NetworkError);
        QVERIFY2(sent.error().message().contains(QLatin1String("not trying again")),
                 qPrintable(describe(sent)));
        QVERIFY(!mentionsToken(sent.error().message()));
    }
    QCOMPARE(m_fake->messageCount(), 3);

    // Half-open after the cool-down: one trial goes out; it fails, so open again.
    QTest::qWait(500);
    QVERIFY(!notifier->send(kSubject, kWelcome).ok());
    QCOMPARE(m_fake->messageCount(), 4);
    QCOMPARE(notifier->breakerState(), State::Open);
    QVERIFY(!notifier->send(kSubject, kWelcome).ok());
    QCOMPARE(m_fake->messageCount(), 4);

    // Telegram is back: the next trial delivers and closes the breaker.
    m_fake->setMode(Mode::Deliver);
    QTest::qWait(500);
    const Result<void> trial = notifier->send(kSubject, kWelcome);
    QVERIFY2(trial.ok(), qPrintable(describe(trial)));
    QCOMPARE(notifier->breakerState(), State::Closed);
    for (int i = 0; i < 3; ++i)
        QVERIFY(notifier->send(kSubject, kWelcome).ok());
    QCOMPARE(m_fake->messageCount(), 8);
    // Logged once each, not per request.
    QCOMPARE(logLinesWith(logStart, QStringLiteral("failed 3 times in a row")), 1);
    QCOMPARE(logLinesWith(logStart, QStringLiteral("answers again")), 1);
}

void TestNotifiers::telegramBreakerFailsQueuedMessagesWhenTelegramIsSilent()
{
    using namespace std::chrono_literals;
    m_fake->setMode(Mode::NoAnswer);
    // Two slots, two failures open it: the messages queued behind the first two fail as
    // it opens, and everything after fails fast; nobody waits longer than one timeout.
    auto notifier = makeGuardedTelegram(600ms, 2, 10s, 2);
    QVERIFY(notifier);
    constexpr int kSenders = 8;
    std::vector<Result<void>> results(kSenders);
    std::vector<qint64> elapsed(kSenders);
    std::vector<std::thread> senders;
    for (int i = 0; i < kSenders; ++i) {
        senders.emplace_back([&, i] {
            QElapsedTimer clock;
            clock.start();
            results[static_cast<size_t>(i)] = notifier->send(QString::number(3000 + i), kWelcome);
            elapsed[static_cast<size_t>(i)] = clock.elapsed();
        });
    }
    for (std::thread &sender : senders)
        sender.join();
    for (int i = 0; i < kSenders; ++i) {
        const Result<void> &result = results[static_cast<size_t>(i)];
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::NetworkError);
        QVERIFY2(elapsed[static_cast<size_t>(i)] < 1600,
                 qPrintable(QString::number(elapsed[static_cast<size_t>(i)])));
    }
    QCOMPARE(notifier->breakerState(), CircuitBreaker::State::Open);
    QVERIFY2(m_fake->messageCount() <= 2, qPrintable(QString::number(m_fake->messageCount())));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!notifier->send(kSubject, kWelcome).ok());
    QVERIFY(clock.elapsed() < 100);
}

void TestNotifiers::telegramBreakerIgnoresRefusals_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::newRow("chat not found") << Mode::ChatNotFound;
    QTest::newRow("bot blocked") << Mode::BotBlocked;
    QTest::newRow("429") << Mode::RateLimited;
}

void TestNotifiers::telegramBreakerIgnoresRefusals()
{
    // Telegram answered: it is there, whatever it said. Refusals never open the breaker.
    QFETCH(Mode, mode);
    using namespace std::chrono_literals;
    m_fake->setMode(mode);
    auto notifier = makeGuardedTelegram(2s, 2, 10s);
    QVERIFY(notifier);
    for (int i = 0; i < 5; ++i)
        QVERIFY(!notifier->send(kSubject, kWelcome).ok());
    QCOMPARE(m_fake->messageCount(), 5);
    QCOMPARE(notifier->breakerState(), CircuitBreaker::State::Closed);

    // A refusal between failures resets the count of failures in a row.
    m_fake->setMode(Mode::ServerError);
    QVERIFY(!notifier->send(kSubject, kWelcome).ok());
    m_fake->setMode(mode);
    QVERIFY(!notifier->send(kSubject, kWelcome).ok());
    m_fake->setMode(Mode::ServerError);
    QVERIFY(!notifier->send(kSubject, kWelcome).ok());
    QCOMPARE(notifier->breakerState(), CircuitBreaker::State::Closed);
    QVERIFY(!notifier->send(kSubject, kWelcome).ok());
    QCOMPARE(notifier->breakerState(), CircuitBreaker::State::Open);
}

void TestNotifiers::telegramRefusesAnUntrustedCertificate()
{
    const TestPki stranger(QStringLiteral("Some Other Root"));
    FakeTelegramServer impostor(stranger.serverConfiguration(stranger.server()), kToken);
    QVERIFY2(impostor.start() != 0, qPrintable(impostor.errorString()));

    TelegramNotifier::Options options;
    options.apiBaseUrl = impostor.apiBaseUrl();
    options.botToken = SecretBytes::fromUtf8(kToken);
    options.extraCaCertificates = {rootCertificate()}; // trusts our root, not the stranger's
    auto notifier = TelegramNotifier::create(std::move(options));
    QVERIFY(notifier.ok());

    const Result<void> sent = notifier.value()->send(kSubject, kWelcome);
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().code(), ErrorCode::NetworkError);
    QVERIFY2(sent.error().message().contains(QLatin1String("TLS")), qPrintable(describe(sent)));
    QVERIFY(!mentionsToken(sent.error().message()));
    QCOMPARE(impostor.messageCount(), 0); // the token never reached it
}

void TestNotifiers::telegramRefusesBadOptions()
{
    const auto tryCreate = [this](const QUrl &url, const QString &token,
                                  std::chrono::milliseconds timeout, int cap) {
        TelegramNotifier::Options options;
        options.apiBaseUrl = url;
        options.botToken = SecretBytes::fromUtf8(token);
        options.timeout = timeout;
        options.maxConcurrentRequests = cap;
        options.extraCaCertificates = {rootCertificate()};
        auto created = TelegramNotifier::create(std::move(options));
        return created.ok() ? Error(ErrorCode::Internal, QStringLiteral("accepted"))
                            : created.error();
    };
    const QUrl good = m_fake->apiBaseUrl();
    const std::chrono::milliseconds second(1000);

    Error error = tryCreate(QUrl(QStringLiteral("http://127.0.0.1:1")), kToken, second, 1);
    QCOMPARE(error.code(), ErrorCode::InvalidInput);
    QVERIFY2(error.message().contains(QLatin1String("https")), qPrintable(error.message()));

    const QString leaky = QStringLiteral("123456789:hunter2/with?odd#chars");
    error = tryCreate(good, leaky, second, 1);
    QCOMPARE(error.code(), ErrorCode::InvalidInput);
    QVERIFY2(!error.message().contains(QLatin1String("hunter2")), qPrintable(error.message()));

    error = tryCreate(good, QString(), second, 1);
    QCOMPARE(error.code(), ErrorCode::InvalidInput);
    error = tryCreate(good, kToken, std::chrono::milliseconds(0), 1);
    QCOMPARE(error.code(), ErrorCode::InvalidInput);
    error = tryCreate(good, kToken, second, 0);
    QCOMPARE(error.code(), ErrorCode::InvalidInput);
    error = tryCreate(QUrl(QStringLiteral("https://user:pw@127.0.0.1:1")), kToken, second, 1);
    QCOMPARE(error.code(), ErrorCode::InvalidInput);
    QVERIFY(!error.message().contains(QLatin1String("pw")));
}

void TestNotifiers::telegramRefusesBadSubjectsWithoutSending()
{
    auto notifier = makeTelegram();
    QVERIFY(notifier);
    for (const QString &subject :
         {QString(), QStringLiteral("abc"), QStringLiteral("0123"), QStringLiteral("+123"),
          QStringLiteral("0"), QStringLiteral("123 "), QStringLiteral("99999999999999999999")}) {
        const Result<void> sent = notifier->send(subject, kWelcome);
        QVERIFY2(!sent.ok() && sent.error().code() == ErrorCode::InvalidInput,
                 qPrintable(subject + QStringLiteral(" → ") + describe(sent)));
    }
    const Result<void> empty = notifier->send(kSubject, QString());
    QVERIFY(!empty.ok() && empty.error().code() == ErrorCode::InvalidInput);
    const Result<void> tooLong = notifier->send(kSubject, QString(4097, QLatin1Char('x')));
    QVERIFY(!tooLong.ok() && tooLong.error().code() == ErrorCode::InvalidInput);
    QCOMPARE(m_fake->messageCount(), 0);
}

void TestNotifiers::botTokenFromFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bot-token"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("  " + kToken.toUtf8() + "\n\n");
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    const Result<SecretBytes> token = TelegramNotifier::readBotToken(path);
    QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message()));
    QCOMPARE(token.value(), SecretBytes::fromUtf8(kToken));

    const Result<SecretBytes> missing
        = TelegramNotifier::readBotToken(dir.filePath(QStringLiteral("missing")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code(), ErrorCode::IoError);

    // A file with something else in it: refused, and its contents are not repeated.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("password=hunter2\n");
    file.close();
    const Result<SecretBytes> junk = TelegramNotifier::readBotToken(path);
    QVERIFY(!junk.ok());
    QCOMPARE(junk.error().code(), ErrorCode::InvalidInput);
    QVERIFY2(!junk.error().message().contains(QLatin1String("hunter2")),
             qPrintable(junk.error().message()));

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(" \n");
    file.close();
    const Result<SecretBytes> empty = TelegramNotifier::readBotToken(path);
    QVERIFY(!empty.ok());
    QVERIFY2(empty.error().message().contains(QLatin1String("empty")),
             qPrintable(empty.error().message()));
}

void TestNotifiers::botTokenFileMustBePrivate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bot-token"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kToken.toUtf8());
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                | QFileDevice::ReadGroup | QFileDevice::ReadOther));

    const Result<SecretBytes> token = TelegramNotifier::readBotToken(path);
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code(), ErrorCode::InvalidInput);
    QVERIFY2(token.error().message().contains(QLatin1String("chmod 600"))
                 && token.error().message().contains(QLatin1String("644")),
             qPrintable(token.error().message()));
    QVERIFY(!mentionsToken(token.error().message()));
}

void TestNotifiers::botTokenFromEnvironment()
{
    const char *variable = "CERTIGRAM_TEST_BOT_TOKEN";
    qputenv(variable, kToken.toUtf8() + "\n");
    const Result<SecretBytes> token = TelegramNotifier::fromEnvironment(variable);
    QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message()));
    QCOMPARE(token.value(), SecretBytes::fromUtf8(kToken));
    QVERIFY(!qEnvironmentVariableIsSet(variable)); // programs we start do not inherit it

    const Result<SecretBytes> unset = TelegramNotifier::fromEnvironment(variable);
    QVERIFY(!unset.ok());
    QVERIFY2(unset.error().message().contains(QLatin1String("CERTIGRAM_TEST_BOT_TOKEN")),
             qPrintable(unset.error().message()));

    qputenv(variable, "not a token");
    const Result<SecretBytes> junk = TelegramNotifier::fromEnvironment(variable);
    QVERIFY(!junk.ok());
    QCOMPARE(junk.error().code(), ErrorCode::InvalidInput);
}

void TestNotifiers::consoleLogsAndKeepsTheMessage()
{
    QTest::ignoreMessage(QtWarningMsg,
                         "console notifier: one-time codes go to the log; for development only");
    ConsoleNotifier notifier;
    QCOMPARE(notifier.name(), QStringLiteral("console"));
    QCOMPARE(notifier.lastMessage(kSubject), QString());

    QTest::ignoreMessage(QtInfoMsg,
                         qPrintable(QStringLiteral("code for %1: %2").arg(kSubject, kWelcome)));
    QVERIFY(notifier.send(kSubject, kWelcome).ok());
    QCOMPARE(notifier.lastMessage(kSubject), kWelcome);

    // A line break in the message cannot forge a second log line.
    QTest::ignoreMessage(QtInfoMsg, "code for 42: first\\nsecond");
    QVERIFY(notifier.send(QStringLiteral("42"), QStringLiteral("first\nsecond")).ok());
    QCOMPARE(notifier.lastMessage(QStringLiteral("42")), QStringLiteral("first\nsecond"));
    QCOMPARE(notifier.lastMessage(kSubject), kWelcome);

    QVERIFY(!notifier.send(QString(), kWelcome).ok());
}

void TestNotifiers::consoleForgetsTheLeastRecentSubjects()
{
    QTest::ignoreMessage(QtWarningMsg,
                         "console notifier: one-time codes go to the log; for development only");
    ConsoleNotifier notifier(2);
    const QRegularExpression anyCode(QStringLiteral("^code for "));
    for (int i = 0; i < 4; ++i)
        QTest::ignoreMessage(QtInfoMsg, anyCode);
    QVERIFY(notifier.send(QStringLiteral("1"), QStringLiteral("one")).ok());
    QVERIFY(notifier.send(QStringLiteral("2"), QStringLiteral("two")).ok());
    QVERIFY(notifier.send(QStringLiteral("1"), QStringLiteral("one again")).ok());
    QVERIFY(notifier.send(QStringLiteral("3"), QStringLiteral("three")).ok()); // "2" goes
    QCOMPARE(notifier.lastMessage(QStringLiteral("1")), QStringLiteral("one again"));
    QCOMPARE(notifier.lastMessage(QStringLiteral("2")), QString());
    QCOMPARE(notifier.lastMessage(QStringLiteral("3")), QStringLiteral("three"));
}

void TestNotifiers::commandGetsSubjectAsArgumentAndMessageOnStdin()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString log = dir.filePath(QStringLiteral("all-messages.txt"));
    CommandNotifier::Options options;
    options.program = QStringLiteral("tee"); // looked up in PATH
    options.arguments = {QStringLiteral("-a"), log};
    options.workingDirectory = dir.path();
    auto created = CommandNotifier::create(options);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
    auto notifier = std::move(created).value();
    QCOMPARE(notifier->name(), QStringLiteral("command"));
    QVERIFY(QFileInfo(notifier->program()).isAbsolute());

    // `tee -a LOG <subject>`: stdin goes to LOG and to a file named after the subject.
    const Result<void> sent = notifier->send(kSubject, kWelcome);
    QVERIFY2(sent.ok(), qPrintable(describe(sent)));
    QFile perSubject(dir.filePath(kSubject));
    QVERIFY(perSubject.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(perSubject.readAll()), kWelcome + QLatin1Char('\n'));

    // Arguments are not words for a shell: nothing in them is interpreted.
    const QString unicode = QStringLiteral("Ünïcødé $(id) `id` ; rm -rf 🔐");
    QVERIFY(notifier->send(QStringLiteral("42"), unicode).ok());
    QFile all(log);
    QVERIFY(all.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(all.readAll()),
             kWelcome + QLatin1Char('\n') + unicode + QLatin1Char('\n'));
}

void TestNotifiers::commandFailureReportsExitCodeAndStderr()
{
    CommandNotifier::Options options;
    options.program = QStringLiteral("false");
    auto notifier = CommandNotifier::create(options);
    QVERIFY(notifier.ok());
    Result<void> sent = notifier.value()->send(kSubject, kWelcome);
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().code(), ErrorCode::NetworkError);
    QVERIFY2(sent.error().message().contains(QLatin1String("false failed with exit code 1")),
             qPrintable(describe(sent)));

    // `ls <missing dir> <subject>`: exit code 2 and its complaint on stderr.
    options.program = QStringLiteral("ls");
    options.arguments = {QStringLiteral("/nonexistent-certigram-dir")};
    auto lister = CommandNotifier::create(options);
    QVERIFY(lister.ok());
    sent = lister.value()->send(kSubject, kWelcome);
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().code(), ErrorCode::NetworkError);
    QVERIFY2(sent.error().message().contains(QLatin1String("exit code 2"))
                 && sent.error().message().contains(QLatin1String("/nonexistent-certigram-dir")),
             qPrintable(describe(sent)));
    QVERIFY(sent.error().message().size() < 700);
}

void TestNotifiers::commandStderrNeverEchoesTheCode()
{
    // `tee /dev/stderr <missing dir>/x <subject>` copies the message to stderr and fails:
    // the error (which the RA may hand to the client) must not carry the code.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CommandNotifier::Options options;
    options.program = QStringLiteral("tee");
    options.arguments
        = {QStringLiteral("/dev/stderr"), QStringLiteral("/nonexistent-certigram-dir/x")};
    options.workingDirectory = dir.path();
    auto notifier = CommandNotifier::create(options);
    QVERIFY(notifier.ok());
    const Result<void> sent = notifier.value()->send(kSubject, kWelcome);
    QVERIFY(!sent.ok());
    QVERIFY2(sent.error().message().contains(QLatin1String("exit code 1")),
             qPrintable(describe(sent)));
    QVERIFY2(!sent.error().message().contains(QLatin1String("482913")), qPrintable(describe(sent)));
}

void TestNotifiers::commandIsKilledAfterTheTimeout()
{
    CommandNotifier::Options options;
    options.program = QStringLiteral("sleep");
    options.arguments = {QStringLiteral("30")};
    options.timeout = std::chrono::milliseconds(500);
    auto notifier = CommandNotifier::create(options);
    QVERIFY(notifier.ok());
    QElapsedTimer clock;
    clock.start();
    const Result<void> sent = notifier.value()->send(kSubject, kWelcome);
    const qint64 elapsed = clock.elapsed();
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().code(), ErrorCode::NetworkError);
    QVERIFY2(sent.error().message().contains(QLatin1String("did not finish within 0.5 s")),
             qPrintable(describe(sent)));
    QVERIFY2(elapsed >= 450 && elapsed < 1500, qPrintable(QString::number(elapsed)));
}

void TestNotifiers::commandRefusesMissingProgramsAndOptionLikeSubjects()
{
    CommandNotifier::Options options;
    options.program = QStringLiteral("certigram-no-such-program");
    auto missing = CommandNotifier::create(options);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code(), ErrorCode::InvalidInput);
    QVERIFY2(missing.error().message().contains(QLatin1String("PATH")),
             qPrintable(missing.error().message()));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile notAProgram(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(notAProgram.open(QIODevice::WriteOnly));
    notAProgram.close();
    QVERIFY(notAProgram.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    options.program = notAProgram.fileName();
    QVERIFY(!CommandNotifier::create(options).ok());

    options.program = QStringLiteral("true");
    options.workingDirectory = QStringLiteral("/nonexistent-certigram-dir");
    QVERIFY(!CommandNotifier::create(options).ok());

    options.workingDirectory.clear();
    auto notifier = CommandNotifier::create(options);
    QVERIFY(notifier.ok());
    for (const QString &subject :
         {QString(), QStringLiteral("-rf"), QStringLiteral("--help"), QStringLiteral("1\n2")}) {
        const Result<void> sent = notifier.value()->send(subject, kWelcome);
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().code(), ErrorCode::InvalidInput);
    }
    QVERIFY(notifier.value()->send(kSubject, kWelcome).ok());
}

QTEST_GUILESS_MAIN(TestNotifiers)
#include "tst_notifiers.moc"
