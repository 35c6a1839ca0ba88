#pragma once

#include "http/httplimits.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QAbstractSocket;

namespace certigram {

// Watches one client connection for the server (QHttpServer 6.4 has no such limits):
// - closes it after `idleTimeoutMs` without traffic;
// - bounds the bytes buffered for it, and answers 413 (body over the limit, from its
//   Content-Length) or 431 (request head too large) with a JSON body, then closes;
// - notes whether the current request asked for the connection to close (HTTP/1.0
//   without keep-alive, or "Connection: close"), which 6.4 ignores, so the reply writer
//   can honour it (see closeRequested()).
// It must be attached before QHttpServer connects to the socket, so it sees new bytes
// before the parser takes them.
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    static void attach(QAbstractSocket *socket, const HttpLimits &limits);
    // Whether the last request on `socket` wants the connection closed after its reply.
    static bool closeRequested(const QAbstractSocket *socket);

private:
    ConnectionGuard(QAbstractSocket *socket, const HttpLimits &limits);

    void inspectNewBytes();
    void noteActivity();
    // Closes the connection if it has been quiet for the whole idle timeout.
    void closeIfIdle();
    // Checks one complete request head; false when it refused the request.
    bool inspectHead(const QByteArray &head);
    void refuse(int status, const QString &message);

    QAbstractSocket *m_socket;
    HttpLimits m_limits;
    // Traffic only restarts the clock; the timer, armed once per timeout, checks it. Moving
    // a timer on every read and write cost the listener's thread two timer re-registrations
    // a request.
    QElapsedTimer m_sinceActivity;
    QTimer m_idleTimer;
    bool m_closeRequested = false;
    QByteArray m_head; // the current request head as far as it has arrived
    qint64 m_bodyLeft = 0; // bytes of the current request's body still to come
};

} // namespace certigram
