#include "http/connectionguard.h"

#include "http/httpreply.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QVariant>

#include <algorithm>

namespace certigram {

namespace {

constexpr char kCloseProperty[] = "certigram.closeAfterReply";

// True when `bytes` begins like an HTTP/1.x request line ("TOKEN SP"), i.e. a new request
// rather than the continuation of a body.
bool startsRequestLine(const QByteArray &bytes)
{
    const int space = bytes.indexOf(' ');
    if (space < 3 || space > 10)
        return false;
    for (int i = 0; i < space; ++i) {
        if (bytes.at(i) < 'A' || bytes.at(i) > 'Z')
            return false;
    }
    return true;
}

// The fields of a request head the guard acts on, found in one pass over its lines.
struct HeadFields
{
    QByteArrayView connection;
    QByteArrayView contentLength;
    bool hasTransferEncoding = false; // any Transfer-Encoding with a value
};

HeadFields headFields(QByteArrayView head)
{
    HeadFields fields;
    bool connectionSeen = false;
    bool lengthSeen = false;
    while (!head.isEmpty()) {
        const qsizetype end = head.indexOf('\n');
        const QByteArrayView line = end < 0 ? head : head.first(end);
        head = end < 0 ? QByteArrayView() : head.sliced(end + 1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        // Of a repeated Connection or Content-Length field, the first counts.
        if (!connectionSeen && name.compare("connection", Qt::CaseInsensitive) == 0) {
            fields.connection = value;
            connectionSeen = true;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            fields.hasTransferEncoding = fields.hasTransferEncoding || !value.isEmpty();
        } else if (!lengthSeen && name.compare("content-length", Qt::CaseInsensitive) == 0) {
            fields.contentLength = value;
            lengthSeen = true;
        }
    }
    return fields;
}

bool containsCaseInsensitive(QByteArrayView value, QByteArrayView token)
{
    for (qsizetype at = 0; at + token.size() <= value.size(); ++at) {
        if (value.sliced(at, token.size()).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

void ConnectionGuard::attach(QAbstractSocket *socket, const HttpLimits &limits)
{
    new ConnectionGuard(socket, limits); // a child of the socket: goes with it
}

bool ConnectionGuard::closeRequested(const QAbstractSocket *socket)
{
    return socket && socket->property(kCloseProperty).toBool();
}

ConnectionGuard::ConnectionGuard(QAbstractSocket *socket, const HttpLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
{
    // A hard bound on what one connection can make us buffer; a request larger than
    // this can never complete and is closed by the idle timer at the latest.
    socket->setReadBufferSize(limits.maxHeaderBytes + limits.maxBodyBytes + 4096);

    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &ConnectionGuard::closeIfIdle);
    connect(socket, &QAbstractSocket::readyRead, this, &ConnectionGuard::inspectNewBytes);
    connect(socket, &QAbstractSocket::bytesWritten, this, &ConnectionGuard::noteActivity);
    m_sinceActivity.start();
    m_idleTimer.start(limits.idleTimeoutMs);
    if (socket->bytesAvailable() > 0)
        inspectNewBytes();
}

void ConnectionGuard::noteActivity()
{
    m_sinceActivity.start();
}

void ConnectionGuard::closeIfIdle()
{
    const qint64 quietFor = m_sinceActivity.elapsed();
    if (quietFor >= m_limits.idleTimeoutMs)
        m_socket->abort();
    else
        m_idleTimer.start(static_cast<int>(m_limits.idleTimeoutMs - quietFor));
}

void ConnectionGuard::inspectNewBytes()
{
    noteActivity();
    // The parser takes everything after us, so what is buffered now arrived since the last
    // call. A request head may come in several reads (a TLS record holds at most 16 KiB):
    // the part of it seen so far is kept in m_head until its end shows.
    QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
    while (!fresh.isEmpty()) {
        if (m_bodyLeft > 0) {
            const qint64 taken = std::min<qint64>(m_bodyLeft, fresh.size());
            m_bodyLeft -= taken;
            fresh.remove(0, taken);
            continue;
        }
        m_head += fresh;
        fresh.clear();
        const int headEnd = m_head.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_head.size() > m_limits.maxHeaderBytes && startsRequestLine(m_head))
                refuse(431, QStringLiteral("request header fields too large"));
            else if (m_head.size() > m_limits.maxHeaderBytes)
                m_head.clear(); // not a request head: the parser rejects it
            return;
        }
        if (headEnd > m_limits.maxHeaderBytes && startsRequestLine(m_head)) {
            refuse(431, QStringLiteral("request header fields too large"));
            return;
        }
        const QByteArray head = m_head.left(headEnd);
        fresh = m_head.mid(headEnd + 4); // the body, or the next request
        m_head.clear();
        if (startsRequestLine(head) && !inspectHead(head))
            return;
    }
}

bool ConnectionGuard::inspectHead(const QByteArray &head)
{
    const qsizetype lineEnd = head.indexOf('\r');
    const QByteArrayView requestLine
        = QByteArrayView(head).first(lineEnd < 0 ? head.size() : lineEnd);
    const HeadFields fields = headFields(head);
    const bool http10 = requestLine.endsWith("HTTP/1.0");
    const bool close = containsCaseInsensitive(fields.connection, "close")
        || (http10 && !containsCaseInsensitive(fields.connection, "keep-alive"));
    if (close != m_closeRequested) { // most requests keep the connection: no property write
        m_closeRequested = close;
        m_socket->setProperty(kCloseProperty, close);
    }

    if (fields.hasTransferEncoding) {
        refuse(411, QStringLiteral("chunked request bodies are not accepted: send Content-Length"));
        return false;
    }
    bool numeric = true;
    const qint64 contentLength
        = fields.contentLength.isEmpty() ? 0 : fields.contentLength.toLongLong(&numeric);
    if (!numeric || contentLength < 0) {
        refuse(400, QStringLiteral("invalid Content-Length"));
        return false;
    }
    if (contentLength > m_limits.maxBodyBytes) {
        refuse(
            413,
            QStringLiteral("request body too large (at most %1 bytes)").arg(m_limits.maxBodyBytes));
        return false;
    }
    m_bodyLeft = contentLength;
    return true;
}

void ConnectionGuard::refuse(int status, const QString &message)
{
    const HttpReply reply = HttpReply::error(status, message);
    const QByteArray reason = status == 413 ? "Payload Too Large"
        : status == 431                     ? "Request Header Fields Too Large"
        : status == 411                     ? "Length Required"
                                            : "Bad Request";
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n"
        + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body;
    // Stop the parser from seeing this request, answer, and hang up.
    disconnect(m_socket, &QAbstractSocket::readyRead, nullptr, nullptr);
    connect(m_socket, &QAbstractSocket::disconnected, m_socket, &QObject::deleteLater);
    m_socket->readAll();
    m_socket->write(response);
    m_socket->disconnectFromHost();
}

} // namespace certigram
