#pragma once

#include "crypto/secretbytes.h"
#include "notify/circuitbreaker.h"
#include "notify/notifier.h"

#include <QList>
#include <QSslCertificate>
#include <QThread>
#include <QUrl>

#include <chrono>
#include <memory>

namespace certigram {

class TelegramWorker; // telegramnotifier.cpp

// Sends messages with the Telegram Bot API's sendMessage (chat_id = the subject) over
// HTTPS.
//
// Threading: the notifier owns a QThread whose event loop runs a worker that owns the
// QNetworkAccessManager. send() queues the message to that worker and blocks its calling
// thread on a future until the worker settles it; no nested event loop runs anywhere. The
// worker starts at most `maxConcurrentRequests` requests at once (the rest wait in a
// queue) and aborts whatever is still running at the deadline, so send() returns within
// about `timeout` even when Telegram never answers.
//
// A circuit breaker (CircuitBreaker) guards Telegram: after `breakerFailures` deliveries in
// a row fail with a timeout, a 5xx or a connection error, send() fails at once with a
// NetworkError (what a failed delivery gives, so the RA answers 502 as for any failed
// delivery) for `breakerCoolDown`; then one message goes out as a trial, and its success
// closes the breaker. When it opens, messages queued for a request slot fail at once too.
// Without it, a Telegram that never answers would hold each calling thread (the server's
// shared workers) for the whole timeout.
//
// The bot token: it is part of every request URL (that is how the Bot API works), so the
// notifier never logs URLs and builds every error message itself instead of passing on
// Qt's, which quote the URL. Whatever Telegram says is redacted of the token as well.
class TelegramNotifier final : public Notifier
{
public:
    struct Options
    {
        // https only (the token travels in the URL); a path prefix is kept, so the API can
        // sit behind a proxy at https://proxy.example/telegram.
        QUrl apiBaseUrl = QUrl(QStringLiteral("https://api.telegram.org"));
        SecretBytes botToken; // see readBotToken() and fromEnvironment()
        // Bounds one send() from start to end, queueing for a free request slot included.
        std::chrono::milliseconds timeout = std::chrono::seconds(10);
        // Trusted in addition to the system's CA store (tests trust their own root).
        QList<QSslCertificate> extraCaCertificates;
        int maxConcurrentRequests = 8;
        // The circuit breaker: consecutive failures that open it, and how long it stays
        // open before a trial message.
        int breakerFailures = 5;
        std::chrono::milliseconds breakerCoolDown = std::chrono::seconds(30);
    };

    // Checks the options (an https URL, a token shaped like a Bot API token, a positive
    // timeout and cap) and starts the worker thread.
    static Result<std::unique_ptr<TelegramNotifier>> create(Options options);

    // Stops the worker thread. Messages still queued or in flight fail with NetworkError
    // and their send() calls return at once; they must already have been inside send()
    // when destruction began.
    ~TelegramNotifier() override;

    QString name() const override;
    // Thread-safe and blocking (see Notifier). `subject` is a Telegram chat id in canonical
    // decimal form; `message` is plain text of at most 4096 characters.
    Result<void> send(const QString &subject, const QString &message) override;

    // The bot token from a file that holds just the token (surrounding whitespace, such as
    // a final newline, is ignored). On Unix the file must be a regular file that no one but
    // its owner may read or write.
    static Result<SecretBytes> readBotToken(const QString &filePath);
    // The bot token from an environment variable, which is then removed from this
    // process's environment so that programs we start do not inherit it. Call it at
    // start-up, before other threads read the environment. A file is the better choice:
    // on Linux, /proc/<pid>/environ keeps showing the variable's initial value to the
    // same user.
    static Result<SecretBytes> fromEnvironment(const char *variable);

    // The circuit breaker's state (for tests and monitoring).
    CircuitBreaker::State breakerState() const;

private:
    TelegramNotifier(std::chrono::milliseconds timeout, QString server,
                     std::shared_ptr<CircuitBreaker> breaker, TelegramWorker *worker);

    std::chrono::milliseconds m_timeout;
    QString m_server; // host[:port], for messages
    std::shared_ptr<CircuitBreaker> m_breaker; // shared with the worker
    QThread m_thread;
    TelegramWorker *m_worker; // lives in m_thread; deleted there when the thread finishes
};

} // namespace certigram
