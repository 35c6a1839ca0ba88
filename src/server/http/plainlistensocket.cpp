#include "http/plainlistensocket.h"

#include "http/connectionbudget.h"
#include "http/connectionguard.h"

#include <QTcpSocket>

namespace certigram {

PlainListenSocket::PlainListenSocket(const HttpLimits &limits, ConnectionBudget *budget,
                                     QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_budget(budget)
{ }

void PlainListenSocket::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle) || !m_budget->admits(socket->peerAddress())) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    m_budget->track(socket);
    addPendingConnection(socket);
}

QTcpSocket *PlainListenSocket::nextPendingConnection()
{
    QTcpSocket *socket = QTcpServer::nextPendingConnection();
    if (socket)
        ConnectionGuard::attach(socket, m_limits);
    return socket;
}

} // namespace certigram
