#include "http/tlslistensocket.h"

#include "http/connectionbudget.h"
#include "http/connectionguard.h"

#include <QSslSocket>

namespace certigram {

TlsListenSocket::TlsListenSocket(const HttpLimits &limits, ConnectionBudget *budget,
                                 QObject *parent)
    : QSslServer(parent)
    , m_limits(limits)
    , m_budget(budget)
{
    setHandshakeTimeout(limits.handshakeTimeoutMs);
    // Qt 6.4's QSslServer counts connections still in their handshake as pending and stops
    // accepting at maxPendingConnections() (30 by default): 30 clients that never send a
    // ClientHello made the listener deaf. Our own budget limits connections; and when a
    // socket in its handshake goes away (timeout, abort), accepting resumes — Qt 6.4 only
    // resumes when a finished connection is taken (found by tst_abuse).
    setMaxPendingConnections(limits.maxConnections);
    // Emitted for each accepted socket before its handshake: refuse over-budget clients
    // before any TLS work is spent on them, and count the rest from here on.
    connect(this, &QSslServer::startedEncryptionHandshake, this, &TlsListenSocket::admit);
}

void TlsListenSocket::admit(QSslSocket *socket)
{
    connect(socket, &QObject::destroyed, this, &QTcpServer::resumeAccepting);
    if (!m_budget->admits(socket->peerAddress())) {
        socket->abort();
        return;
    }
    m_budget->track(socket);
}

QTcpSocket *TlsListenSocket::nextPendingConnection()
{
    QTcpSocket *socket = QSslServer::nextPendingConnection();
    if (socket)
        ConnectionGuard::attach(socket, m_limits);
    return socket;
}

} // namespace certigram
