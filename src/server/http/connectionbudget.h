#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>

class QAbstractSocket;

namespace certigram {

// Counts open connections, in total and per remote address, so a flood of idle or
// half-open sockets from one client cannot lock the others out. Lives on the server's
// thread.
class ConnectionBudget : public QObject
{
    Q_OBJECT

public:
    ConnectionBudget(int maxTotal, int maxPerAddress, QObject *parent = nullptr);

    // Whether one more connection from `address` fits.
    bool admits(const QHostAddress &address) const;
    // Counts `socket` until it is destroyed. Counting the same socket twice is a no-op.
    void track(QAbstractSocket *socket);
    int openConnections() const { return m_total; }

private:
    void release(const QString &key);

    const int m_maxTotal;
    const int m_maxPerAddress;
    int m_total = 0;
    QHash<QString, int> m_perAddress;
};

} // namespace certigram
