#pragma once

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>

#include <memory>

namespace certigram::test {
class ServerProcess;
}

namespace certigram::bench {

// A certigram-server process as a throughput benchmark runs it: the production binary with
// its embedded CA, the console notifier (codes are read back from its output), the given
// database, default worker threads, and limits raised so that rate limiting does not shape
// the figures (one client address sends everything). See limitsDescription().
class BenchServer
{
public:
    struct Settings
    {
        QString databaseUrl; // BenchDatabase::url()
        int cleanupIntervalSeconds = 60; // the server's own ExpiredRecordCleaner
    };

    BenchServer(QString binary, QString folder, Settings settings);
    ~BenchServer();
    BenchServer(const BenchServer &) = delete;
    BenchServer &operator=(const BenchServer &) = delete;

    // Writes the config, starts the process and waits until it listens.
    bool start();
    QString errorString() const { return m_error; }

    quint16 port() const;
    // Trusts the server's CA root (its certificate carries 127.0.0.1).
    QSslConfiguration clientTls() const;
    // Everything it printed so far (its console notifier's codes among it).
    QByteArray output() const;

    // The limits set in the config, for the benchmarks' output: "limits.requestsPerMinute=…".
    static QString limitsDescription();

private:
    bool writeConfig(const QString &path) const;

    QString m_binary;
    QString m_folder;
    Settings m_settings;
    std::unique_ptr<test::ServerProcess> m_process;
    QSslConfiguration m_clientTls;
    QString m_error;
};

} // namespace certigram::bench
