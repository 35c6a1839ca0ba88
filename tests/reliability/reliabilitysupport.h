#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QSslSocket;

namespace certigram::reliability {

// CERTIGRAM_RELIABILITY_SCALE: unset or "short" = the CI sizes, "full" = the sizes.
bool fullScale();
template<typename T>
T scaled(T shortValue, T fullValue)
{
    return fullScale() ? fullValue : shortValue;
}

// A config file (JSON) written to `path`; false when it could not be written.
bool writeConfig(const QString &path, const QJsonObject &config);
// Limits opened wide, so a suite measures what it means to, not the rate limiter.
QJsonObject wideOpenLimits(int idleTimeoutMs = 30000);

// The CA root a server created in its data directory.
QList<QSslCertificate> serverRoots(const QString &dataDir);

// What a server's SQLite database says, read through a read-only connection of our own.
struct DatabaseState
{
    QString integrity; // PRAGMA integrity_check: "ok"
    qint64 duplicateJtis = -1; // token ids recorded more than once
    qint64 usedTokens = -1;
    QSet<QString> serials; // of the certificates table
    QString error; // set when the database could not be read
};
DatabaseState inspectDatabase(const QString &path);

// One certigram-server process on a free loopback port (127.0.0.1), with what the test
// needs beyond test::ServerProcess: its pid (RSS), SIGKILL, and codes by subject read
// incrementally from its console notifier (thread-safe: worker threads wait for codes
// while the main thread spins the event loop that reads the output).
class ServerRun : public QObject
{
    Q_OBJECT

public:
    ServerRun(const QString &dataDir, const QStringList &extraArguments = {});
    ~ServerRun() override;

    // Starts it and waits (spinning the event loop) until it says it listens.
    bool start(int timeoutMs = 30000);
    // SIGTERM: the exit code, -1 when it did not stop, -2 when it crashed.
    int terminate(int timeoutMs = 15000);
    // SIGKILL (kill -9), waiting until it is gone.
    void kill();
    bool running() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }
    // VmRSS from /proc/<pid>/status in KiB (0 when unreadable).
    qint64 rssKiB() const;

    quint16 port() const { return m_port; }
    QString dataDir() const { return m_dataDir; }
    QByteArray output() const;
    // The last code printed for `subject`; empty when none came within `timeoutMs`.
    // Any thread; the main thread's event loop must run meanwhile (from another thread)
    // or is spun here (from the main thread).
    QString waitForCode(const QString &subject, int timeoutMs = 10000) const;
    int codesPrintedFor(const QString &subject) const;

private:
    void readOutput();

    QProcess m_process;
    QString m_dataDir;
    quint16 m_port;
    mutable QMutex m_mutex;
    QByteArray m_output;
    QByteArray m_partialLine;
    QHash<QString, QString> m_codes;
    QHash<QString, int> m_codeCounts;
};

// One HTTP answer as read off the wire.
struct HttpAnswer
{
    int status = 0; // 0: no complete answer (connection failed, closed or timed out)
    QByteArray statusLine;
    QByteArray head; // header lines, without the status line
    QByteArray body;
    qint64 declaredLength = -1; // Content-Length, -1 when absent
    qint64 elapsedMs = 0;
    QString failure; // why status is 0

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
    bool isJsonError() const; // {"status": status, "message": "…"}
};

// A blocking HTTPS/1.1 keep-alive client on a raw QSslSocket: one connection, reopened
// when the server closed it. Use it from one thread only (any thread: blocking calls need
// no event loop; on the main thread each request first processes pending events, so the
// servers' output keeps being read). Every call is bounded by its timeout.
class HttpsClient
{
public:
    HttpsClient(quint16 port, const QList<QSslCertificate> &roots,
                const QHostAddress &source = QHostAddress());
    ~HttpsClient();
    HttpsClient(const HttpsClient &) = delete;
    HttpsClient &operator=(const HttpsClient &) = delete;

    HttpAnswer get(const QByteArray &path, int timeoutMs = 20000);
    HttpAnswer post(const QByteArray &path, const QJsonObject &body, int timeoutMs = 20000);
    // A request in HTTP/1.1 with Host and Content-Length; `extraHeaders` are complete
    // "Name: value\r\n" lines. Retries once on a fresh connection when a reused one was
    // found closed before any byte of the answer came.
    HttpAnswer request(const QByteArray &method, const QByteArray &path,
                       const QByteArray &body = {}, const QByteArray &extraHeaders = {},
                       int timeoutMs = 20000);
    // Writes `bytes` as they are and reads one answer. With `splitAt` > 0, writes the first
    // `splitAt` bytes, waits `pauseMs`, then the rest (a request in several TLS records that
    // reach the server in separate reads).
    HttpAnswer sendRaw(const QByteArray &bytes, int timeoutMs = 20000, int splitAt = 0,
                       int pauseMs = 300);

    // Whether the server closes the connection within `timeoutMs`.
    bool waitForServerClose(int timeoutMs);
    bool isConnected() const;
    void close();
    int connectionsOpened() const { return m_connectionsOpened; }
    QString lastError() const { return m_lastError; }

private:
    bool ensureConnected(int timeoutMs);
    HttpAnswer readAnswer(qint64 deadlineMs, bool *nothingRead);

    quint16 m_port;
    QList<QSslCertificate> m_roots;
    QHostAddress m_source;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    int m_connectionsOpened = 0;
    QString m_lastError;
};

// A CSR in PEM for `subject` (CN and the SAN the embedded CA expects), with a fresh
// P-256 key per thread.
QByteArray csrFor(const QString &subject);
// The decimal serial (no leading zeros) of the certificate in a /1.0/sign answer.
QString serialOfSignAnswer(const HttpAnswer &answer);

// One holder's enrolment, each step on a client of its own choosing (they may be the same
// client, or clients of different servers): code request (printed by `codeServer`), code
// exchange, CSR signature. Stops at the first step that fails; `statuses` has one entry per
// step tried.
struct Enrolment
{
    QString subject;
    QList<int> statuses;
    QString code;
    QString ott;
    QString serial; // set once the certificate came back (201)
    QString failure;
    bool complete() const { return !serial.isEmpty(); }
};
Enrolment enrol(const QString &subject, HttpsClient &codes, const ServerRun &codeServer,
                HttpsClient &tokens, HttpsClient &signer, int timeoutMs = 20000);

// Runs body(0..count-1) on `count` threads while the calling (main) thread spins its event
// loop; false when they did not all finish within `timeoutMs` (the bodies must bound
// themselves; this is the last line of defence and then waits for them anyway). `tick`, when
// given, is called on the calling thread every ~20 ms with the milliseconds elapsed.
bool runOnThreads(int count, const std::function<void(int)> &body, int timeoutMs,
                  const std::function<void(qint64)> &tick = {});

// "401:12 429:3" for printing a status histogram.
QString histogram(const QMap<int, qint64> &counts);
QString histogram(const QMap<QString, qint64> &counts);

// Source address 127.0.0.<n> (all of 127/8 is loopback on Linux): spreads connections
// over addresses so the per-address connection limit (64) does not refuse them.
QHostAddress loopbackSource(int n);

} // namespace certigram::reliability
