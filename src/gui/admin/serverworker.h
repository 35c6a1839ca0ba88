#pragma once

#include "app/serverconfig.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

#include <memory>

namespace certigram {

class CertigramServer;

// Lives in ServerController's thread and owns the CertigramServer there: everything the
// server does (key generation on first start, listening, its timers) happens off the GUI
// thread. Talked to only through queued calls and signals.
class ServerWorker : public QObject
{
    Q_OBJECT

public:
    explicit ServerWorker(QObject *parent = nullptr);
    ~ServerWorker() override;

public slots:
    void start(const certigram::ServerConfig &config);
    void stop();

signals:
    void started(const QUrl &url, const QString &rootFingerprint);
    void stopped();
    void failed(const QString &message);
    void requestHandled(const QByteArray &method, const QString &route, int status,
                        qint64 elapsedMs);
    // The registration authority's event counters (metric name → value).
    void countersChanged(const QVariantMap &counters);

private:
    void publishCounters();

    std::unique_ptr<CertigramServer> m_server;
    QTimer m_countersTimer;
    bool m_countersDirty = false;
};

} // namespace certigram
