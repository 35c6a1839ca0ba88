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
    // Emitted for each accepted socket before its handshake: refuse over-budget clients
    // before any TLS work is spent on them, and count the rest from here on.
    connect(this, &QSslServer::startedEncryptionHandshake, this, &TlsListenSocket::admit);
}

void TlsListenSocket::admit(QSslSocket *socket)
{
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
