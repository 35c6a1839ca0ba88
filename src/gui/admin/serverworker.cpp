#include "admin/serverworker.h"

#include "app/certigramserver.h"
#include "metrics/metricsregistry.h"
#include "ra/raevent.h"

namespace certigram {

ServerWorker::ServerWorker(QObject *parent)
    : QObject(parent)
    , m_countersTimer(this)
{
    m_countersTimer.setInterval(500);
    connect(&m_countersTimer, &QTimer::timeout, this, [this] {
        if (m_countersDirty)
            publishCounters();
    });
}

ServerWorker::~ServerWorker()
{
    stop();
}

void ServerWorker::start(const ServerConfig &config)
{
    if (m_server) {
        emit failed(tr("The server is already running."));
        return;
    }
    auto server = std::make_unique<CertigramServer>(config);
    if (auto done = server->start(); !done) {
        server->stop();
        emit failed(done.error().message());
        return;
    }
    connect(server.get(), &CertigramServer::requestHandled, this,
            [this](const QByteArray &method, const QString &route, int status, qint64 elapsedMs) {
                m_countersDirty = true;
                emit requestHandled(method, route, status, elapsedMs);
            });
    m_server = std::move(server);
    QUrl url = m_server->url();
    url.setPort(m_server->port());
    emit started(url, m_server->rootFingerprint());
    publishCounters();
    m_countersTimer.start();
}

void ServerWorker::stop()
{
    m_countersTimer.stop();
    if (!m_server)
        return;
    m_server->stop();
    m_server.reset();
    emit stopped();
}

void ServerWorker::publishCounters()
{
    m_countersDirty = false;
    if (!m_server)
        return;
    QVariantMap counters;
    for (const RaEvent event : allRaEvents()) {
        const QString metric = QString::fromLatin1(raEventInfo(event).metric);
        counters.insert(metric, m_server->metrics().counterValue(metric));
    }
    emit countersChanged(counters);
}

} // namespace certigram
