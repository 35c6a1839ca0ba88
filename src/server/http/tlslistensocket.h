#pragma once

#include "http/httplimits.h"

#include <QSslServer>

namespace certigram {

class ConnectionBudget;

// The HTTPS listening socket: a QSslServer (TLS 1.2+, client certificates requested but
// not required) that refuses connections past the budget and guards every accepted one.
class TlsListenSocket : public QSslServer
{
    Q_OBJECT

public:
    TlsListenSocket(const HttpLimits &limits, ConnectionBudget *budget, QObject *parent = nullptr);

    QTcpSocket *nextPendingConnection() override;

private:
    void admit(QSslSocket *socket);

    HttpLimits m_limits;
    ConnectionBudget *m_budget;
};

} // namespace certigram
