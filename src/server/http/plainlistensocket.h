#pragma once

#include "http/httplimits.h"

#include <QTcpServer>

namespace certigram {

class ConnectionBudget;

// The plain-HTTP listening socket, only for running behind a TLS-terminating reverse
// proxy and only when asked for. Same budget and guards as TlsListenSocket.
class PlainListenSocket : public QTcpServer
{
    Q_OBJECT

public:
    PlainListenSocket(const HttpLimits &limits, ConnectionBudget *budget,
                      QObject *parent = nullptr);

    QTcpSocket *nextPendingConnection() override;

protected:
    void incomingConnection(qintptr handle) override;

private:
    HttpLimits m_limits;
    ConnectionBudget *m_budget;
};

} // namespace certigram
