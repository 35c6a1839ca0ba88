#include "notify/telegramnotifier.h"

#include "crypto/secretfile.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <deque>
#include <future>

namespace certigram {

namespace {

// Telegram's answers are a few hundred bytes; anything much bigger is not the Bot API.
constexpr qint64 kMaxAnswerBytes = 64 * 1024;
// sendMessage's limit on the text.
constexpr qsizetype kMaxMessageLength = 4096;
// How much of Telegram's "description" we quote in our messages.
constexpr qsizetype kMaxDescriptionLength = 200;
// How long send() waits beyond the timeout before it stops relying on the worker. The
// worker settles every message at its deadline, so this only matters if the worker's
// thread were stuck.
constexpr std::chrono::milliseconds kWorkerGrace{2000};

QString seconds(std::chrono::milliseconds duration)
{
    if (duration.count() % 1000 == 0)
        return QStringLiteral("%1 s").arg(duration.count() / 1000);
    return QStringLiteral("%1 s").arg(static_cast<double>(duration.count()) / 1000.0, 0, 'g', 3);
}

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

SecretBytes trimmed(const SecretBytes &bytes)
{
    qsizetype begin = 0;
    qsizetype end = bytes.size();
    while (begin < end && isAsciiSpace(bytes.data()[begin]))
        ++begin;
    while (end > begin && isAsciiSpace(bytes.data()[end - 1]))
        --end;
    return SecretBytes(bytes.data() + begin, end - begin);
}

// "<bot id>:<secret>" as @BotFather hands it out. Checking the shape catches a wrong file
// or variable early, and guarantees the token can go into a URL path as it is.
Result<void> checkTokenShape(const SecretBytes &token)
{
    if (token.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the bot token is empty"));
    const char *begin = token.data();
    const char *end = begin + token.size();
    const char *colon = std::find(begin, end, ':');
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    const auto isSecretCharacter = [&](char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
            || c == '-';
    };
    if (colon == begin || colon == end || colon + 1 == end || !std::all_of(begin, colon, isDigit)
        || !std::all_of(colon + 1, end, isSecretCharacter)) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the bot token does not look like a Telegram bot token "
                                    "(<bot id>:<secret>, as @BotFather gives it)"));
    }
    return {};
}

// Telegram's own words, made safe to quote: no token, no control characters, short.
QString quotable(QString text, const QString &token)
{
    if (!token.isEmpty()) {
        text.replace(token, QStringLiteral("<bot token>"));
        const QString secret = token.mid(token.indexOf(QLatin1Char(':')) + 1);
        text.replace(secret, QStringLiteral("<bot token>"));
    }
    for (QChar &c : text) {
        if (!c.isPrint())
            c = QLatin1Char(' ');
    }
    text = text.simplified();
    if (text.size() > kMaxDescriptionLength)
        text = text.left(kMaxDescriptionLength) + QStringLiteral("…");
    return text;
}

// Subjects come from clients; quote at most a short, printable piece of a bad one.
QString quotableSubject(const QString &subject)
{
    return quotable(subject.left(40), QString());
}

// True when no complete HTTP answer arrived: connection (1–99) and proxy (101–199)
// errors. Everything else that comes with an HTTP status is Qt's reading of that status
// (400 is "ProtocolInvalidOperationError", 500 "InternalServerError"): the body says more.
bool isConnectionFailure(QNetworkReply::NetworkError error)
{
    const int value = static_cast<int>(error);
    return value > 0 && value < 200;
}

// What send() answers while the circuit breaker is open: a NetworkError like any failed
// delivery, so the RA answers 502 and frees the pending code.
Error breakerOpenError(const QString &server, std::chrono::milliseconds retryIn)
{
    const auto wait = std::max<qint64>(1, (retryIn.count() + 999) / 1000);
    return Error(ErrorCode::NetworkError,
                 QStringLiteral("Telegram at %1 is failing: not trying again for %2 s")
                     .arg(server)
                     .arg(wait));
}

} // namespace

// What the worker needs to know; built and checked by TelegramNotifier::create().
struct TelegramWorkerSettings
{
    QUrl endpoint; // <base>/bot<token>/sendMessage: never logged, never quoted
    QString token; // only to redact it from anything Telegram says
    QString server; // host[:port] of the API, for messages
    QSslConfiguration tls;
    std::chrono::milliseconds timeout{0};
    int maxConcurrentRequests = 1;
    std::shared_ptr<CircuitBreaker> breaker;
};

// One message on its way. send() creates it and waits on its future; the worker settles it
// exactly once. Should the worker end before it got to the message (a queued call that
// never ran, a reply cut short at shutdown), the destructor settles it, so send() always
// wakes up with an answer and never sees a broken promise.
struct PendingMessage
{
    PendingMessage(QString chat, QByteArray json, std::chrono::milliseconds timeout)
        : chatId(std::move(chat))
        , body(std::move(json))
        , deadline(timeout, Qt::PreciseTimer)
    { }
    ~PendingMessage()
    {
        settle(Error(ErrorCode::NetworkError,
                     QStringLiteral("the Telegram notifier shut down before the message was "
                                    "sent")));
    }
    PendingMessage(const PendingMessage &) = delete;
    PendingMessage &operator=(const PendingMessage &) = delete;

    void settle(Result<void> result)
    {
        if (!settled.exchange(true))
            promise.set_value(std::move(result));
    }
    bool isSettled() const { return settled.load(); }

    const QString chatId;
    const QByteArray body;
    const QDeadlineTimer deadline;
    std::promise<Result<void>> promise;
    std::atomic_bool settled{false};

    // Touched on the worker's thread only.
    QPointer<QNetworkReply> reply;
    QStringList tlsErrors;
    bool timedOut = false;
    bool oversized = false;
};

// Lives on the notifier's thread and does all network work there: one
// QNetworkAccessManager, a queue of messages waiting for a free request slot, and the
// running requests.
class TelegramWorker : public QObject
{
    Q_OBJECT

public:
    explicit TelegramWorker(TelegramWorkerSettings settings)
        : m_settings(std::move(settings))
    { }
    ~TelegramWorker() override;

    void enqueue(std::shared_ptr<PendingMessage> message);

private:
    void startWaiting();
    void start(const std::shared_ptr<PendingMessage> &message);
    void finish(QNetworkReply *reply);
    void expire(const std::shared_ptr<PendingMessage> &message);

    // What a finished request says about Telegram, for the circuit breaker.
    enum class Verdict { Answered, Down, Neither };
    Verdict verdict(QNetworkReply &reply, const PendingMessage &message) const;
    void report(Verdict verdict);

    Result<void> interpret(QNetworkReply &reply, const PendingMessage &message) const;
    Result<void> interpretAnswer(int status, const QByteArray &body,
                                 const PendingMessage &message) const;
    Error transportError(QNetworkReply::NetworkError error, bool answerStarted,
                         const PendingMessage &message) const;
    Error timeoutError(bool waitedForSlot) const;

    TelegramWorkerSettings m_settings;
    QNetworkAccessManager *m_network = nullptr; // made on first use, on this thread
    std::deque<std::shared_ptr<PendingMessage>> m_waiting;
    QHash<QNetworkReply *, std::shared_ptr<PendingMessage>> m_running;
};

TelegramWorker::~TelegramWorker()
{
    // Runs on the worker's thread as it finishes: fail everything still pending, so the
    // threads blocked in send() return now rather than at their deadlines.
    const Error shutdown(ErrorCode::NetworkError,
                         QStringLiteral("the Telegram notifier shut down before Telegram "
                                        "answered"));
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        QObject::disconnect(it.key(), nullptr, this, nullptr);
        it.key()->abort();
        it.value()->settle(shutdown);
    }
    m_running.clear();
    for (const auto &message : m_waiting)
        message->settle(shutdown);
    m_waiting.clear();
}

void TelegramWorker::enqueue(std::shared_ptr<PendingMessage> message)
{
    if (message->deadline.hasExpired()) {
        message->settle(timeoutError(true));
        return;
    }
    // One deadline for the whole way: waiting for a slot, then the request itself.
    const std::weak_ptr<PendingMessage> weak = message;
    QTimer::singleShot(std::chrono::milliseconds(message->deadline.remainingTime()),
                       Qt::PreciseTimer, this, [this, weak] {
                           if (const auto expired = weak.lock())
                               expire(expired);
                       });
    m_waiting.push_back(std::move(message));
    startWaiting();
}

void TelegramWorker::startWaiting()
{
    while (m_running.size() < m_settings.maxConcurrentRequests && !m_waiting.empty()) {
        const std::shared_ptr<PendingMessage> message = std::move(m_waiting.front());
        m_waiting.pop_front();
        start(message);
    }
}

void TelegramWorker::start(const std::shared_ptr<PendingMessage> &message)
{
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        // Telegram never redirects sendMessage; following a redirect elsewhere would only
        // hide a misconfiguration.
        m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    QNetworkRequest request(m_settings.endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setSslConfiguration(m_settings.tls);
    QNetworkReply *reply = m_network->post(request, message->body);
    message->reply = reply;
    m_running.insert(reply, message);

    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        // Only recorded for the message: the handshake fails, nothing is ignored.
        if (const auto running = m_running.value(reply)) {
            for (const QSslError &error : errors)
                running->tlsErrors.append(error.errorString());
            running->tlsErrors.removeDuplicates();
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (reply->bytesAvailable() <= kMaxAnswerBytes)
            return;
        if (const auto running = m_running.value(reply)) {
            running->oversized = true;
            reply->abort(); // finish() runs from here
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply); });
}

void TelegramWorker::finish(QNetworkReply *reply)
{
    reply->deleteLater();
    const std::shared_ptr<PendingMessage> message = m_running.take(reply);
    if (!message)
        return;
    message->reply = nullptr;
    const Verdict said = verdict(*reply, *message);
    Result<void> result = interpret(*reply, *message);
    if (!result.ok() && result.error().code() == ErrorCode::NetworkError)
        qCWarning(lcNotify).noquote() << "telegram:" << result.error().message();
    report(said); // before the sender wakes: its next send() sees the breaker's new state
    message->settle(std::move(result));
    startWaiting();
}

TelegramWorker::Verdict TelegramWorker::verdict(QNetworkReply &reply,
                                                const PendingMessage &message) const
{
    if (message.timedOut)
        return Verdict::Down;
    if (message.oversized)
        return Verdict::Neither; // something answers, but not the Bot API
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid() || isConnectionFailure(reply.error()))
        return Verdict::Down;
    return status.toInt() >= 500 ? Verdict::Down : Verdict::Answered;
}

void TelegramWorker::report(Verdict verdict)
{
    CircuitBreaker &breaker = *m_settings.breaker;
    switch (verdict) {
    case Verdict::Answered: breaker.recordSuccess(); break;
    case Verdict::Down:
        if (breaker.recordFailure()) {
            // Just opened: what waits for a slot would only wait for its own timeout.
            const Error error = breakerOpenError(m_settings.server, breaker.options().coolDown);
            for (const auto &waiting : m_waiting)
                waiting->settle(error);
            m_waiting.clear();
        }
        break;
    case Verdict::Neither: break;
    }
}

void TelegramWorker::expire(const std::shared_ptr<PendingMessage> &message)
{
    if (message->isSettled())
        return;
    if (QNetworkReply *reply = message->reply) {
        message->timedOut = true;
        reply->abort(); // finished → finish() settles it with the timeout
        return;
    }
    m_waiting.erase(std::remove(m_waiting.begin(), m_waiting.end(), message), m_waiting.end());
    const Error error = timeoutError(true);
    qCWarning(lcNotify).noquote() << "telegram:" << error.message();
    message->settle(error);
}

Result<void> TelegramWorker::interpret(QNetworkReply &reply, const PendingMessage &message) const
{
    if (message.timedOut)
        return timeoutError(false);
    if (message.oversized) {
        return Error(ErrorCode::NetworkError,
                     QStringLiteral("Telegram at %1 sent an answer of more than %2 KiB, which "
                                    "is not the Bot API")
                         .arg(m_settings.server)
                         .arg(kMaxAnswerBytes / 1024));
    }
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid() || isConnectionFailure(reply.error()))
        return transportError(reply.error(), status.isValid(), message);
    return interpretAnswer(status.toInt(), reply.read(kMaxAnswerBytes), message);
}

Result<void> TelegramWorker::interpretAnswer(int status, const QByteArray &body,
                                             const PendingMessage &message) const
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject answer = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || !answer.value(QLatin1String("ok")).isBool()) {
        if (status >= 500) {
            return Error(ErrorCode::NetworkError,
                         QStringLiteral("Telegram at %1 failed with HTTP %2")
                             .arg(m_settings.server)
                             .arg(status));
        }
        return Error(ErrorCode::NetworkError,
                     QStringLiteral("Telegram at %1 sent an answer that is not Bot API JSON "
                                    "(HTTP %2)")
                         .arg(m_settings.server)
                         .arg(status));
    }
    if (answer.value(QLatin1String("ok")).toBool())
        return {};

    const int code = answer.value(QLatin1String("error_code")).toInt(status);
    const QString description
        = quotable(answer.value(QLatin1String("description")).toString(), m_settings.token);
    const QString said = description.isEmpty() ? QStringLiteral("error %1").arg(code)
                                               : QStringLiteral("%1 %2").arg(code).arg(description);

    switch (code) {
    case 400:
        if (description.contains(QLatin1String("chat not found"), Qt::CaseInsensitive)
            || description.contains(QLatin1String("user not found"), Qt::CaseInsensitive)) {
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("Telegram has no chat with %1 (%2): the user has to open "
                                        "the bot in Telegram and press Start first")
                             .arg(message.chatId, said));
        }
        return Error(
            ErrorCode::NetworkError,
            QStringLiteral("Telegram refused the message to %1 (%2)").arg(message.chatId, said));
    case 401:
    case 404:
        return Error(ErrorCode::NetworkError,
                     QStringLiteral("Telegram at %1 refused the bot token (%2): check the "
                                    "server's bot token")
                         .arg(m_settings.server, said));
    case 403:
        return Error(ErrorCode::Forbidden,
                     QStringLiteral("Telegram will not deliver to %1 (%2): the user has blocked "
                                    "the bot or cannot receive messages from it")
                         .arg(message.chatId, said));
    case 429: {
        const int retryAfter = answer.value(QLatin1String("parameters"))
                                   .toObject()
                                   .value(QLatin1String("retry_after"))
                                   .toInt(0);
        if (retryAfter > 0) {
            return Error(ErrorCode::RateLimited,
                         QStringLiteral("Telegram asks the bot to slow down: retry in %1 s (%2)")
                             .arg(retryAfter)
                             .arg(said));
        }
        return Error(
            ErrorCode::RateLimited,
            QStringLiteral("Telegram asks the bot to slow down (%1): retry later").arg(said));
    }
    default:
        return Error(ErrorCode::NetworkError,
                     QStringLiteral("Telegram at %1 could not send the message (HTTP %2, %3)")
                         .arg(m_settings.server)
                         .arg(status)
                         .arg(said));
    }
}

Error TelegramWorker::transportError(QNetworkReply::NetworkError error, bool answerStarted,
                                     const PendingMessage &message) const
{
    // Built from the error code alone: QNetworkReply::errorString() quotes the URL, and
    // with it the bot token.
    const QString &server = m_settings.server;
    QString text;
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        text = QStringLiteral("cannot reach Telegram at %1: connection refused").arg(server);
        break;
    case QNetworkReply::RemoteHostClosedError:
        text = answerStarted
            ? QStringLiteral("Telegram at %1 closed the connection before its answer was "
                             "complete")
                  .arg(server)
            : QStringLiteral("Telegram at %1 closed the connection without answering").arg(server);
        break;
    case QNetworkReply::HostNotFoundError:
        text = QStringLiteral("cannot reach Telegram: host %1 not found").arg(server);
        break;
    case QNetworkReply::TimeoutError:
        text = QStringLiteral("the connection to Telegram at %1 timed out").arg(server);
        break;
    case QNetworkReply::OperationCanceledError:
        text = QStringLiteral("the request to Telegram at %1 was cancelled").arg(server);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        text = message.tlsErrors.isEmpty()
            ? QStringLiteral("the TLS handshake with Telegram at %1 failed").arg(server)
            : QStringLiteral("refused the TLS certificate of Telegram at %1: %2")
                  .arg(server, message.tlsErrors.join(QStringLiteral("; ")));
        break;
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        text = QStringLiteral("no network to reach Telegram at %1").arg(server);
        break;
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        text = QStringLiteral("Telegram at %1 redirected the request").arg(server);
        break;
    default: {
        const int value = static_cast<int>(error);
        if (value > 100 && value < 200)
            text = QStringLiteral("the proxy failed to reach Telegram at %1").arg(server);
        else if (value > 300 && value < 400)
            text = QStringLiteral("Telegram at %1 did not answer in HTTP").arg(server);
        else
            text = QStringLiteral("the request to Telegram at %1 failed (network error %2)")
                       .arg(server)
                       .arg(value);
        break;
    }
    }
    return Error(ErrorCode::NetworkError, text);
}

Error TelegramWorker::timeoutError(bool waitedForSlot) const
{
    if (waitedForSlot) {
        return Error(ErrorCode::NetworkError,
                     QStringLiteral("Telegram at %1 is busy with earlier messages: this one "
                                    "could not be sent within %2")
                         .arg(m_settings.server, seconds(m_settings.timeout)));
    }
    return Error(ErrorCode::NetworkError,
                 QStringLiteral("Telegram at %1 did not answer within %2")
                     .arg(m_settings.server, seconds(m_settings.timeout)));
}

Result<std::unique_ptr<TelegramNotifier>> TelegramNotifier::create(Options options)
{
    const QUrl &base = options.apiBaseUrl;
    const QString shownUrl = base.toDisplayString(QUrl::RemoveUserInfo);
    if (!base.isValid() || base.host().isEmpty()) {
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("the Telegram API URL \"%1\" is not a valid URL").arg(shownUrl));
    }
    if (base.scheme() != QLatin1String("https")) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the Telegram API URL \"%1\" must use https: the bot token "
                                    "is part of every request")
                         .arg(shownUrl));
    }
    if (!base.userInfo().isEmpty() || base.hasQuery() || base.hasFragment()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the Telegram API URL \"%1\" must not hold a user name, "
                                    "password, query or fragment")
                         .arg(shownUrl));
    }
    if (auto shape = checkTokenShape(options.botToken); !shape.ok())
        return shape.error();
    if (options.timeout <= std::chrono::milliseconds::zero()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the Telegram timeout must be positive"));
    }
    if (options.maxConcurrentRequests < 1) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the Telegram notifier needs at least one concurrent "
                                    "request"));
    }
    if (options.breakerFailures < 1
        || options.breakerCoolDown <= std::chrono::milliseconds::zero()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the Telegram circuit breaker needs at least one failure "
                                    "and a positive cool-down"));
    }

    TelegramWorkerSettings settings;
    // The shape check above leaves only URL-safe characters in the token.
    settings.token = QString::fromLatin1(options.botToken.data(), options.botToken.size());
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    settings.endpoint = base;
    settings.endpoint.setPath(path + QStringLiteral("/bot") + settings.token
                              + QStringLiteral("/sendMessage"));
    settings.server = base.authority();
    settings.timeout = options.timeout;
    settings.maxConcurrentRequests = options.maxConcurrentRequests;
    CircuitBreaker::Options breakerOptions;
    breakerOptions.failureThreshold = options.breakerFailures;
    breakerOptions.coolDown = options.breakerCoolDown;
    breakerOptions.trialTimeout = options.timeout + kWorkerGrace;
    settings.breaker = std::make_shared<CircuitBreaker>(
        QStringLiteral("Telegram at %1").arg(settings.server), breakerOptions);
    settings.tls = QSslConfiguration::defaultConfiguration();
    settings.tls.setProtocol(QSsl::TlsV1_2OrLater);
    settings.tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!options.extraCaCertificates.isEmpty()) {
        // Adding to the default configuration's list would switch off the on-demand
        // loading of the system store: name both explicitly.
        settings.tls.setCaCertificates(QSslConfiguration::systemCaCertificates()
                                       + options.extraCaCertificates);
    }
    options.botToken.clear();

    const QString server = settings.server;
    const std::shared_ptr<CircuitBreaker> breaker = settings.breaker;
    return std::unique_ptr<TelegramNotifier>(new TelegramNotifier(
        options.timeout, server, breaker, new TelegramWorker(std::move(settings))));
}

TelegramNotifier::TelegramNotifier(std::chrono::milliseconds timeout, QString server,
                                   std::shared_ptr<CircuitBreaker> breaker, TelegramWorker *worker)
    : m_timeout(timeout)
    , m_server(std::move(server))
    , m_breaker(std::move(breaker))
    , m_worker(worker)
{
    m_thread.setObjectName(QStringLiteral("telegram-notifier"));
    m_worker->moveToThread(&m_thread);
    // Deleted on its own thread, after its event loop has stopped: its network manager
    // and sockets belong to that thread.
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

TelegramNotifier::~TelegramNotifier()
{
    m_thread.quit();
    m_thread.wait();
}

QString TelegramNotifier::name() const
{
    return QStringLiteral("telegram");
}

CircuitBreaker::State TelegramNotifier::breakerState() const
{
    return m_breaker->state();
}

Result<void> TelegramNotifier::send(const QString &subject, const QString &message)
{
    bool isNumber = false;
    const qint64 chatId = subject.toLongLong(&isNumber);
    if (!isNumber || chatId == 0 || QString::number(chatId) != subject) {
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("\"%1\" is not a Telegram chat id").arg(quotableSubject(subject)));
    }
    if (message.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the message is empty"));
    if (message.size() > kMaxMessageLength) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the message has %1 characters; Telegram takes at most %2")
                         .arg(message.size())
                         .arg(kMaxMessageLength));
    }

    if (std::chrono::milliseconds retryIn{0}; !m_breaker->allow(&retryIn))
        return breakerOpenError(m_server, retryIn);

    // chat_id as a string: Telegram takes either, and a string never loses digits.
    const QJsonObject body{{QStringLiteral("chat_id"), subject}, {QStringLiteral("text"), message}};
    auto pending = std::make_shared<PendingMessage>(
        subject, QJsonDocument(body).toJson(QJsonDocument::Compact), m_timeout);
    std::future<Result<void>> answer = pending->promise.get_future();
    const std::chrono::milliseconds patience = m_timeout + kWorkerGrace;
    TelegramWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, pending] { worker->enqueue(pending); }, Qt::QueuedConnection);
    pending.reset(); // the worker holds it now; whatever becomes of it settles the future

    // Only locals from here on: the notifier may be destroyed while this thread waits.
    if (answer.wait_for(patience) != std::future_status::ready) {
        return Error(ErrorCode::NetworkError,
                     QStringLiteral("the Telegram notifier did not finish within %1")
                         .arg(seconds(patience)));
    }
    return answer.get();
}

Result<SecretBytes> TelegramNotifier::readBotToken(const QString &filePath)
{
    auto contents = SecretFile::read(filePath);
    if (!contents)
        return contents.error().withContext(QStringLiteral("bot token file"));
    SecretBytes token = trimmed(contents.value());
    if (token.isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the bot token file %1 is empty").arg(filePath));
    if (auto shape = checkTokenShape(token); !shape.ok())
        return shape.error().withContext(QStringLiteral("bot token file %1").arg(filePath));
    return token;
}

Result<SecretBytes> TelegramNotifier::fromEnvironment(const char *variable)
{
    const QString name = QString::fromLocal8Bit(variable ? variable : "");
    if (name.isEmpty()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("no environment variable named for the bot token"));
    }
    if (!qEnvironmentVariableIsSet(variable)) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the environment variable %1 is not set").arg(name));
    }
    QByteArray raw = qgetenv(variable);
    qunsetenv(variable);
    SecretBytes token = trimmed(SecretBytes::take(raw));
    if (token.isEmpty()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the environment variable %1 is empty").arg(name));
    }
    if (auto shape = checkTokenShape(token); !shape.ok())
        return shape.error().withContext(QStringLiteral("environment variable %1").arg(name));
    return token;
}

} // namespace certigram

#include "telegramnotifier.moc"
