#pragma once

#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <memory>

class QThread;

namespace certigram::test {

class FakeTelegramBackend;
struct FakeTelegramState;

// A fake Telegram Bot API over real HTTPS on loopback: POST /bot<token>/sendMessage with
// {"chat_id","text"} answers like Telegram does, or fails the way a test asks it to.
//
// It runs on a thread of its own (start() creates the thread and the server inside it), so
// a test may block its own thread — in a notifier's send(), or in waitForMessages() — while
// the fake keeps answering. Every request that reaches the route is recorded, a wrong token
// included (Telegram answers it 401 Unauthorized).
class FakeTelegramServer : public QObject
{
    Q_OBJECT

public:
    enum class Mode {
        Deliver, // 200 {"ok":true,"result":{…}}
        ServerError, // 500 {"ok":false,"error_code":500,…}
        ChatNotFound, // 400 "Bad Request: chat not found"
        BotBlocked, // 403 "Forbidden: bot was blocked by the user"
        RateLimited, // 429 "Too Many Requests: retry after N", parameters.retry_after = N
        NoAnswer, // reads the request and never answers (the connection stays open)
        CloseMidAnswer, // sends the headers and part of the body, then closes
        Garbage, // 200 with a body that is not JSON
    };
    Q_ENUM(Mode)

    struct Message
    {
        QString token; // as seen in the path
        QString chatId; // a JSON number is recorded in its decimal form
        QString text;
    };

    // `tls`: the server's certificate and key (TestPki::serverConfiguration). `botToken`:
    // the token it accepts.
    FakeTelegramServer(QSslConfiguration tls, QString botToken, QObject *parent = nullptr);
    ~FakeTelegramServer() override; // stops

    // Starts the thread and listens on 127.0.0.1; returns the port, or 0 on failure (see
    // errorString()).
    quint16 start();
    // Stops the server and its thread; open connections are closed.
    void stop();
    bool isRunning() const { return m_thread != nullptr; }

    quint16 port() const { return m_port; }
    QUrl apiBaseUrl() const; // https://127.0.0.1:<port>
    QString errorString() const { return m_error; }

    // Thread-safe; take effect from the next request.
    void setMode(Mode mode);
    Mode mode() const;
    void setRetryAfter(int seconds); // for Mode::RateLimited; default 7
    void setAnswerDelay(int milliseconds); // delays every answer; default 0

    // Thread-safe.
    QList<Message> messages() const;
    int messageCount() const;
    // Forgets the recorded requests and the peak of concurrent requests.
    void clearMessages();
    // Blocks the calling thread (no event loop needed) until at least `count` requests
    // have been recorded, or `timeoutMs` has passed.
    bool waitForMessages(int count, int timeoutMs) const;
    // The most requests that were waiting for their answer at once.
    int peakConcurrentRequests() const;

signals:
    // Emitted on the thread this object lives in, once its event loop runs.
    void messageReceived(const certigram::test::FakeTelegramServer::Message &message);

private:
    QSslConfiguration m_tls;
    QString m_botToken;
    std::shared_ptr<FakeTelegramState> m_state;
    QThread *m_thread = nullptr;
    FakeTelegramBackend *m_backend = nullptr; // lives in m_thread
    quint16 m_port = 0;
    QString m_error;
};

} // namespace certigram::test
