#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace certigram::test {

// A private PostgreSQL cluster for one test run: initdb in a temporary folder, started on
// a free loopback port with trust authentication, stopped and deleted on destruction.
// As root it runs the server as the `postgres` user (initdb refuses root).
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    bool start();
    void stop();
    QString errorString() const { return m_error; }

    quint16 port() const { return m_port; }
    // postgresql://certigram@127.0.0.1:PORT/postgres
    QString url() const;

private:
    QString pgBinary(const QString &name) const;
    bool runAsOwner(const QStringList &command, int timeoutMs);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDir;
    QString m_error;
    quint16 m_port = 0;
    bool m_running = false;
};

} // namespace certigram::test
