#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace certigram::test {

// A free TCP port on 127.0.0.1 (free when asked; tests start their servers right away).
quint16 freeLoopbackPort();

// One certigram-server process on a free loopback port, its output collected as it comes.
// Killed on destruction if still running.
class ServerProcess
{
public:
    ServerProcess(const QString &binary, const QString &dataDir,
                  const QStringList &extraArguments = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // Starts it and waits (spinning the event loop) until it says it listens.
    bool start();
    // SIGTERM; the exit code, -1 when it did not stop, -2 when it crashed.
    int terminate();

    quint16 port() const { return m_port; }
    QByteArray output() const { return m_output; }
    // The root fingerprint it printed.
    QString fingerprint() const;
    // The last code the console notifier printed for `subject`, and how many it printed.
    QString codeFor(const QString &subject) const;
    int codesPrintedFor(const QString &subject) const;

private:
    QProcess m_process;
    quint16 m_port;
    QByteArray m_output;
};

} // namespace certigram::test
