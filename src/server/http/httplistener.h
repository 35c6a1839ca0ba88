#pragma once

#include "core/result.h"
#include "http/httplimits.h"
#include "http/httpreply.h"
#include "http/httprequest.h"
#include "http/ratelimiter.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <functional>
#include <memory>

class QTcpServer;
class QThreadPool;

namespace certigram {

class ConnectionBudget;

// The server's HTTP front: a QHttpServer bound to our own listening socket (HTTPS by
// default, plain HTTP only on request), with connection, body-size and per-address rate
// limits, and JSON errors for everything — unknown routes (404), wrong methods (405),
// rate limits (429 with Retry-After). Handlers run on a worker pool, never on the
// server's event loop; their replies are written back on it, and quietly dropped when the
// client has left in the meantime, or the listener itself (it may go before its pool drains). The
// exception are routes marked Dispatch::Inline: trivial handlers (/health, /metrics) that must
// answer even while every worker waits on something slow, and so run on the listener's own thread.
class HttpListener : public QObject
{
    Q_OBJECT

public:
    // Runs on a worker thread. Must not touch the listener or any QObject of its thread.
    using Handler = std::function<HttpReply(const HttpRequest &)>;

    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0; // 0: any free port (see port())
        bool plainHttp = false; // only behind a TLS-terminating proxy
        // Local certificate chain and key; CA certificates against which client
        // certificates are verified (mutual TLS is optional for clients).
        QSslConfiguration tls;
        HttpLimits limits;
    };

    HttpListener(Options options, QThreadPool *workers, QObject *parent = nullptr);
    ~HttpListener() override;

    enum class Dispatch {
        Pool, // the worker pool: anything that may block (storage, Telegram, signing)
        // The listener's thread, at once: only for handlers that answer in microseconds
        // from memory and never block (no storage, no network, no locks held for long).
        // They never queue behind slow handlers; a slow one would stall every client.
        Inline,
    };

    // `path` is exact, or contains one "<arg>" segment whose value reaches the handler in
    // HttpRequest::pathArguments.
    void route(QHttpServerRequest::Method method, const QString &path, Handler handler,
               Dispatch mode = Dispatch::Pool);
    // Changes how an existing route runs (for routes another module registers, such as the
    // CA's /health).
    void setDispatch(QHttpServerRequest::Method method, const QString &path, Dispatch mode);

    Result<void> listen();
    quint16 port() const;
    bool isPlainHttp() const { return m_options.plainHttp; }
    int openConnections() const;

    // New TLS settings (a renewed server certificate) for connections from now on.
    void setTlsConfiguration(const QSslConfiguration &tls);

signals:
    // After each reply is written (or dropped because the client left).
    void requestHandled(const QByteArray &method, const QString &route, int status,
                        qint64 elapsedMs, const QHostAddress &remoteAddress);

private:
    void dispatch(const QString &route, const Handler &handler, const QStringList &arguments,
                  const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void replyToUnknownRoute(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    Options m_options;
    QThreadPool *m_workers;
    ConnectionBudget *m_budget;
    QTcpServer *m_socket = nullptr;
    QHttpServer m_server;
    RateLimiter m_rateLimiter;
    QList<QPair<QString, QHttpServerRequest::Method>> m_routes; // for 404 versus 405
    QSet<QString> m_inlineRoutes; // "GET /health": Dispatch::Inline
    struct ReplyChannel;
    std::shared_ptr<ReplyChannel> m_replies; // workers' replies back to this thread
};

} // namespace certigram
