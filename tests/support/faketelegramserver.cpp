#include "faketelegramserver.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QSslServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QWaitCondition>

#include <atomic>

namespace certigram::test {

using Mode = FakeTelegramServer::Mode;
using Message = FakeTelegramServer::Message;

// What the test's thread and the server's thread share.
struct FakeTelegramState
{
    mutable QMutex mutex;
    mutable QWaitCondition arrived;
    QList<Message> messages; // guarded by mutex

    std::atomic<Mode> mode{Mode::Deliver};
    std::atomic<int> retryAfter{7};
    std::atomic<int> answerDelayMs{0};
    std::atomic<int> waiting{0}; // requests not answered yet
    std::atomic<int> peakWaiting{0};
    std::atomic<qint64> nextMessageId{1};
};

namespace {

void writeJson(QHttpServerResponder &responder, int status, const QJsonObject &body)
{
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact),
                    QByteArrayLiteral("application/json"),
                    static_cast<QHttpServerResponder::StatusCode>(status));
}

void writeFailure(QHttpServerResponder &responder, int status, const QString &description,
                  const QJsonObject &parameters = {})
{
    QJsonObject body{{QStringLiteral("ok"), false},
                     {QStringLiteral("error_code"), status},
                     {QStringLiteral("description"), description}};
    if (!parameters.isEmpty())
        body.insert(QStringLiteral("parameters"), parameters);
    writeJson(responder, status, body);
}

} // namespace

// Lives on the fake's thread: the listening socket, the HTTP server and the answers.
class FakeTelegramBackend : public QObject
{
    Q_OBJECT

public:
    FakeTelegramBackend(std::shared_ptr<FakeTelegramState> state, QString botToken,
                        FakeTelegramServer *owner)
        : m_state(std::move(state))
        , m_botToken(std::move(botToken))
        , m_owner(owner)
    { }

    // On the fake's thread. Returns an error text, empty on success.
    QString listen(const QSslConfiguration &tls, quint16 *port)
    {
        auto *http = new QHttpServer(this);
        http->route(QStringLiteral("/bot<arg>/sendMessage"), QHttpServerRequest::Method::Post,
                    [this](const QString &token, const QHttpServerRequest &request,
                           QHttpServerResponder &&responder) {
                        handle(token, request, std::move(responder));
                    });
        auto *socket = new QSslServer(this);
        socket->setSslConfiguration(tls);
        if (!socket->listen(QHostAddress::LocalHost, 0))
            return socket->errorString();
        http->bind(socket); // takes ownership of the socket
        *port = socket->serverPort();
        return {};
    }

private:
    void handle(const QString &token, const QHttpServerRequest &request,
                QHttpServerResponder &&responder)
    {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QJsonValue chat = body.value(QStringLiteral("chat_id"));
        Message message;
        message.token = token;
        message.chatId = chat.isString() ? chat.toString()
            : chat.isDouble()            ? QString::number(chat.toInteger())
                                         : QString();
        message.text = body.value(QStringLiteral("text")).toString();
        record(message);

        const int waiting = ++m_state->waiting;
        int peak = m_state->peakWaiting.load();
        while (waiting > peak && !m_state->peakWaiting.compare_exchange_weak(peak, waiting)) { }

        const bool accepted = token == m_botToken;
        const Mode mode = m_state->mode.load();
        const QPointer<QTcpSocket> socket = responder.socket();
        const int delay = m_state->answerDelayMs.load();
        if (delay > 0 && mode != Mode::NoAnswer) {
            auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
            QTimer::singleShot(delay, this, [this, held, socket, message, accepted, mode] {
                respond(*held, socket, message, accepted, mode);
            });
            return;
        }
        respond(responder, socket, message, accepted, mode);
    }

    void respond(QHttpServerResponder &responder, const QPointer<QTcpSocket> &socket,
                 const Message &message, bool accepted, Mode mode)
    {
        // A client that gave up meanwhile: writing through the responder would crash 6.4.
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            --m_state->waiting;
            return;
        }
        if (!accepted) {
            writeFailure(responder, 401, QStringLiteral("Unauthorized"));
            --m_state->waiting;
            return;
        }
        switch (mode) {
        case Mode::Deliver: {
            const QJsonObject chat{{QStringLiteral("id"), message.chatId.toLongLong()},
                                   {QStringLiteral("type"), QStringLiteral("private")}};
            const QJsonObject result{{QStringLiteral("message_id"), m_state->nextMessageId++},
                                     {QStringLiteral("date"), QDateTime::currentSecsSinceEpoch()},
                                     {QStringLiteral("chat"), chat},
                                     {QStringLiteral("text"), message.text}};
            writeJson(responder, 200,
                      {{QStringLiteral("ok"), true}, {QStringLiteral("result"), result}});
            break;
        }
        case Mode::ServerError:
            writeFailure(responder, 500, QStringLiteral("Internal Server Error"));
            break;
        case Mode::ChatNotFound:
            writeFailure(responder, 400, QStringLiteral("Bad Request: chat not found"));
            break;
        case Mode::BotBlocked:
            writeFailure(responder, 403, QStringLiteral("Forbidden: bot was blocked by the user"));
            break;
        case Mode::RateLimited: {
            const int seconds = m_state->retryAfter.load();
            writeFailure(responder, 429,
                         QStringLiteral("Too Many Requests: retry after %1").arg(seconds),
                         {{QStringLiteral("retry_after"), seconds}});
            break;
        }
        case Mode::NoAnswer:
            // The responder goes unused; the request counts as waiting until the client
            // hangs up.
            connect(
                socket.data(), &QAbstractSocket::disconnected, this, [this] { --m_state->waiting; },
                Qt::SingleShotConnection);
            return;
        case Mode::CloseMidAnswer:
            // Promises 200 bytes of JSON, sends a few, hangs up.
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 200\r\n\r\n{\"ok\":true,\"resu");
            socket->disconnectFromHost();
            break;
        case Mode::Garbage:
            responder.write(QByteArrayLiteral("<html><body><h1>502 Bad Gateway</h1></body></html>"),
                            QByteArrayLiteral("text/html"), QHttpServerResponder::StatusCode::Ok);
            break;
        }
        --m_state->waiting;
    }

    void record(const Message &message)
    {
        {
            const QMutexLocker locker(&m_state->mutex);
            m_state->messages.append(message);
            m_state->arrived.wakeAll();
        }
        // Emitted on the owner's thread; dropped with the event if the owner goes first.
        FakeTelegramServer *owner = m_owner;
        QMetaObject::invokeMethod(
            owner, [owner, message] { emit owner->messageReceived(message); },
            Qt::QueuedConnection);
    }

    std::shared_ptr<FakeTelegramState> m_state;
    const QString m_botToken;
    FakeTelegramServer *m_owner;
};

FakeTelegramServer::FakeTelegramServer(QSslConfiguration tls, QString botToken, QObject *parent)
    : QObject(parent)
    , m_tls(std::move(tls))
    , m_botToken(std::move(botToken))
    , m_state(std::make_shared<FakeTelegramState>())
{ }

FakeTelegramServer::~FakeTelegramServer()
{
    stop();
}

quint16 FakeTelegramServer::start()
{
    if (m_thread)
        return m_port;
    m_error.clear();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("fake-telegram"));
    m_backend = new FakeTelegramBackend(m_state, m_botToken, this);
    m_backend->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_backend, &QObject::deleteLater);
    m_thread->start();

    QString error;
    quint16 port = 0;
    FakeTelegramBackend *backend = m_backend;
    const QSslConfiguration tls = m_tls;
    QMetaObject::invokeMethod(
        backend, [&] { error = backend->listen(tls, &port); }, Qt::BlockingQueuedConnection);
    if (!error.isEmpty()) {
        stop();
        m_error = QStringLiteral("the fake Telegram server cannot listen: %1").arg(error);
        return 0;
    }
    m_port = port;
    return m_port;
}

void FakeTelegramServer::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_backend = nullptr; // deleted on its thread as it finished
    m_port = 0;
}

QUrl FakeTelegramServer::apiBaseUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
}

void FakeTelegramServer::setMode(Mode mode)
{
    m_state->mode.store(mode);
}

FakeTelegramServer::Mode FakeTelegramServer::mode() const
{
    return m_state->mode.load();
}

void FakeTelegramServer::setRetryAfter(int seconds)
{
    m_state->retryAfter.store(seconds);
}

void FakeTelegramServer::setAnswerDelay(int milliseconds)
{
    m_state->answerDelayMs.store(milliseconds);
}

QList<FakeTelegramServer::Message> FakeTelegramServer::messages() const
{
    const QMutexLocker locker(&m_state->mutex);
    return m_state->messages;
}

int FakeTelegramServer::messageCount() const
{
    const QMutexLocker locker(&m_state->mutex);
    return static_cast<int>(m_state->messages.size());
}

void FakeTelegramServer::clearMessages()
{
    const QMutexLocker locker(&m_state->mutex);
    m_state->messages.clear();
    m_state->peakWaiting.store(m_state->waiting.load());
}

bool FakeTelegramServer::waitForMessages(int count, int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    QMutexLocker locker(&m_state->mutex);
    while (m_state->messages.size() < count) {
        if (!m_state->arrived.wait(&m_state->mutex, deadline))
            return m_state->messages.size() >= count;
    }
    return true;
}

int FakeTelegramServer::peakConcurrentRequests() const
{
    return m_state->peakWaiting.load();
}

} // namespace certigram::test

#include "faketelegramserver.moc"
