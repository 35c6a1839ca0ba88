#pragma once

#include "app/serverconfig.h"

#include <QObject>
#include <QThread>
#include <QUrl>
#include <QVariantMap>

namespace certigram {

class ServerWorker;

// Runs one CertigramServer on a QThread of its own, so that starting it (which generates
// the CA's keys the first time) and serving never block the GUI. Every call returns at
// once and the outcome arrives as a signal, except stopAndWait().
class ServerController : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Starting, Running, Stopping };
    Q_ENUM(State)

    explicit ServerController(QObject *parent = nullptr);
    // Stops the server and waits for it.
    ~ServerController() override;

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    // Set while running.
    QUrl url() const { return m_url; }
    QString rootFingerprint() const { return m_rootFingerprint; }
    const ServerConfig &config() const { return m_config; }

    // Starts a server with `config` (finished: ServerConfig::finish() has run). Ignored
    // unless stopped.
    void start(const ServerConfig &config);
    // Asks the server to stop; stopped() follows.
    void stop();
    // Stops the server and returns when it has stopped (for quitting the app).
    void stopAndWait();

signals:
    void stateChanged(certigram::ServerController::State state);
    void started(const QUrl &url, const QString &rootFingerprint);
    void stopped();
    void failed(const QString &message);
    void requestHandled(const QByteArray &method, const QString &route, int status,
                        qint64 elapsedMs);
    void countersChanged(const QVariantMap &counters);

private:
    void setState(State state);

    QThread m_thread;
    ServerWorker *m_worker = nullptr; // lives in m_thread
    State m_state = State::Stopped;
    ServerConfig m_config;
    QUrl m_url;
    QString m_rootFingerprint;
};

} // namespace certigram
