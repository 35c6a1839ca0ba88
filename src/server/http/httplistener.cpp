#include "http/httplistener.h"

#include "http/connectionbudget.h"
#include "http/connectionguard.h"
#include "http/plainlistensocket.h"
#include "http/tlslistensocket.h"

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QLoggingCategory>
#include <QMutex>
#include <QPointer>
#include <QRegularExpression>
#include <QSslSocket>
#include <QThreadPool>

namespace certigram {

Q_LOGGING_CATEGORY(lcHttp, "certigram.server.http")

namespace {

// Connections one address may hold open at once (a slow-loris from one host cannot fill
// the whole budget).
constexpr int kMaxConnectionsPerAddress = 64;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    default: return "OTHER";
    }
}

QRegularExpression routePattern(const QString &route)
{
    QString pattern = QRegularExpression::escape(route);
    pattern.replace(QRegularExpression::escape(QStringLiteral("<arg>")), QStringLiteral("[^/]+"));
    return QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$'));
}

// Writes `reply` unless the client has gone (a write through a responder whose socket is
// gone would crash Qt 6.4), then honours a request to close the connection.
void writeReply(QHttpServerResponder &responder, const QPointer<QTcpSocket> &socket,
                const HttpReply &reply)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QHttpServerResponse response(reply.contentType, reply.body,
                                 static_cast<QHttpServerResponder::StatusCode>(reply.status));
    for (const auto &[name, value] : reply.headers)
        response.addHeader(name, value);
    const bool close = ConnectionGuard::closeRequested(socket);
    if (close)
        response.addHeader("Connection", "close");
    response.write(std::move(responder));
    if (close) {
        socket->disconnectFromHost();
        return;
    }
    // Encrypted and sent now: otherwise the reply waits for another pass of the event loop
    // (Qt queues the flush, then waits to be told the socket is writable).
    socket->flush();
}

HttpRequest copyRequest(const QHttpServerRequest &request, QTcpSocket *socket,
                        const QStringList &arguments)
{
    HttpRequest copy;
    copy.method = methodName(request.method());
    copy.path = request.url().path();
    copy.query = request.query();
    for (const auto &[name, value] : request.headers())
        copy.headers.append({name, value});
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress();
    copy.pathArguments = arguments;
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        // Qt 6.4 gives the client certificate only through the socket; from 6.7 on it is
        // QHttpServerRequest::sslConfiguration(). Keep this the one place that knows.
        copy.peerCertificateChain = tls->peerCertificateChain();
        copy.peerVerified = !tls->peerCertificate().isNull() && tls->sslHandshakeErrors().isEmpty();
    }
    return copy;
}

// Runs a handler; an exception becomes a 500 instead of crossing the event loop.
HttpReply runHandler(const HttpListener::Handler &handler, const HttpRequest &request)
{
    try {
        return handler(request);
    } catch (const std::exception &exception) {
        qCCritical(lcHttp) << "handler for" << request.path << "threw:" << exception.what();
    } catch (...) {
        qCCritical(lcHttp) << "handler for" << request.path << "threw";
    }
    return HttpReply::error(500, QStringLiteral("internal server error"));
}

} // namespace

// How workers hand their replies back to the listener's thread, without Qt 6.4's
// QFuture::then(context), which failed both ways here:
// - under load it crashed the server now and then: a continuation ran on this thread with
//   an empty promise (AddressSanitizer: null QFutureInterfaceBase in reportStarted());
// - it posts to the context after a QPointer check on the worker, a race with the
//   listener's destructor when an owner stops it before draining the pool.
// Here the destructor closes the channel under the lock a worker posts under, and ~QObject
// drops whatever was posted before.
struct HttpListener::ReplyChannel
{
    QMutex mutex;
    HttpListener *listener = nullptr;

    template<typename Function>
    void post(Function &&function)
    {
        QMutexLocker lock(&mutex);
        if (listener)
            QMetaObject::invokeMethod(listener, std::forward<Function>(function),
                                      Qt::QueuedConnection);
    }
    void close()
    {
        QMutexLocker lock(&mutex);
        listener = nullptr;
    }
};

HttpListener::HttpListener(Options options, QThreadPool *workers, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_workers(workers)
    , m_budget(new ConnectionBudget(
          m_options.limits.maxConnections,
          std::min(kMaxConnectionsPerAddress, m_options.limits.maxConnections), this))
    , m_rateLimiter(m_options.limits.requestsPerSecond, m_options.limits.burst,
                    m_options.limits.maxTrackedAddresses)
    , m_replies(std::make_shared<ReplyChannel>())
{
    m_replies->listener = this;
    m_server.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            replyToUnknownRoute(request, std::move(responder));
        });
}

HttpListener::~HttpListener()
{
    m_replies->close();
}

void HttpListener::route(QHttpServerRequest::Method method, const QString &path, Handler handler,
                         Dispatch mode)
{
    m_routes.append({path, method});
    setDispatch(method, path, mode);
    if (path.contains(QLatin1String("<arg>"))) {
        m_server.route(path, method,
                       [this, path, handler](const QString &argument,
                                             const QHttpServerRequest &request,
                                             QHttpServerResponder &&responder) {
                           dispatch(path, handler, {argument}, request, std::move(responder));
                       });
    } else {
        m_server.route(path, method,
                       [this, path, handler](const QHttpServerRequest &request,
                                             QHttpServerResponder &&responder) {
                           dispatch(path, handler, {}, request, std::move(responder));
                       });
    }
}

void HttpListener::setDispatch(QHttpServerRequest::Method method, const QString &path,
                               Dispatch mode)
{
    const QString key = QString::fromLatin1(methodName(method)) + QLatin1Char(' ') + path;
    if (mode == Dispatch::Inline)
        m_inlineRoutes.insert(key);
    else
        m_inlineRoutes.remove(key);
}

Result<void> HttpListener::listen()
{
    QTcpServer *socket = nullptr;
    if (m_options.plainHttp) {
        socket = new PlainListenSocket(m_options.limits, m_budget, this);
    } else {
        auto *tls = new TlsListenSocket(m_options.limits, m_budget, this);
        QSslConfiguration configuration = m_options.tls;
        configuration.setProtocol(QSsl::TlsV1_2OrLater);
        configuration.setPeerVerifyMode(QSslSocket::QueryPeer);
        tls->setSslConfiguration(configuration);
        socket = tls;
    }
    if (!socket->listen(m_options.address, m_options.port)) {
        const QString reason = socket->errorString();
        delete socket;
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(m_options.address.toString())
                         .arg(m_options.port)
                         .arg(reason));
    }
    m_socket = socket;
    m_server.bind(socket);
    return {};
}

quint16 HttpListener::port() const
{
    return m_socket ? m_socket->serverPort() : 0;
}

int HttpListener::openConnections() const
{
    return m_budget->openConnections();
}

void HttpListener::setTlsConfiguration(const QSslConfiguration &tls)
{
    m_options.tls = tls;
    if (auto *server = qobject_cast<QSslServer *>(m_socket)) {
        QSslConfiguration configuration = tls;
        configuration.setProtocol(QSsl::TlsV1_2OrLater);
        configuration.setPeerVerifyMode(QSslSocket::QueryPeer);
        server->setSslConfiguration(configuration);
    }
}

void HttpListener::dispatch(const QString &route, const Handler &handler,
                            const QStringList &arguments, const QHttpServerRequest &request,
                            QHttpServerResponder &&responder)
{
    QElapsedTimer clock;
    clock.start();
    const QPointer<QTcpSocket> socket = responder.socket();
    const QByteArray method = methodName(request.method());
    const QHostAddress remote = request.remoteAddress();

    auto finish = [this, socket, method, route, remote, clock](QHttpServerResponder &target,
                                                               const HttpReply &reply) {
        writeReply(target, socket, reply);
        emit requestHandled(method, route, reply.status, clock.elapsed(), remote);
    };

    if (const int wait = m_rateLimiter.acquire(remote); wait > 0) {
        HttpReply reply
            = HttpReply::error(429, QStringLiteral("too many requests: retry in %1 s").arg(wait));
        finish(responder, reply.withHeader("Retry-After", QByteArray::number(wait)));
        return;
    }
    if (request.body().size() > m_options.limits.maxBodyBytes) {
        finish(responder,
               HttpReply::error(413,
                                QStringLiteral("request body too large (at most %1 bytes)")
                                    .arg(m_options.limits.maxBodyBytes)));
        return;
    }

    const HttpRequest copy = copyRequest(request, socket, arguments);
    if (m_inlineRoutes.contains(QString::fromLatin1(method) + QLatin1Char(' ') + route)) {
        finish(responder, runHandler(handler, copy));
        return;
    }
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    m_workers->start([handler, copy, pending, finish, replies = m_replies] {
        HttpReply reply = runHandler(handler, copy);
        replies->post([pending, finish, reply = std::move(reply)] { finish(*pending, reply); });
    });
}

void HttpListener::replyToUnknownRoute(const QHttpServerRequest &request,
                                       QHttpServerResponder &&responder)
{
    const QString path = request.url().path();
    bool pathKnown = false;
    for (const auto &[route, method] : std::as_const(m_routes)) {
        if (routePattern(route).match(path).hasMatch()) {
            pathKnown = true;
            break;
        }
    }
    const HttpReply reply = pathKnown ? HttpReply::error(405, QStringLiteral("method not allowed"))
                                      : HttpReply::error(404, QStringLiteral("not found"));
    writeReply(responder, responder.socket(), reply);
    emit requestHandled(methodName(request.method()), QStringLiteral("(unknown)"), reply.status, 0,
                        request.remoteAddress());
}

} // namespace certigram
