#include "admin/servercontroller.h"

#include "admin/serverworker.h"

namespace certigram {

ServerController::ServerController(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("certigram-server"));
    m_worker = new ServerWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &ServerWorker::started, this,
            [this](const QUrl &url, const QString &fingerprint) {
                m_url = url;
                m_rootFingerprint = fingerprint;
                setState(State::Running);
                emit started(url, fingerprint);
            });
    connect(m_worker, &ServerWorker::stopped, this, [this] {
        m_url.clear();
        m_rootFingerprint.clear();
        setState(State::Stopped);
        emit stopped();
    });
    connect(m_worker, &ServerWorker::failed, this, [this](const QString &message) {
        if (m_state == State::Starting)
            setState(State::Stopped);
        emit failed(message);
    });
    connect(m_worker, &ServerWorker::requestHandled, this, &ServerController::requestHandled);
    connect(m_worker, &ServerWorker::countersChanged, this, &ServerController::countersChanged);
    m_thread.start();
}

ServerController::~ServerController()
{
    stopAndWait();
    m_thread.quit();
    m_thread.wait();
}

void ServerController::start(const ServerConfig &config)
{
    if (m_state != State::Stopped)
        return;
    m_config = config;
    setState(State::Starting);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, config] { worker->start(config); }, Qt::QueuedConnection);
}

void ServerController::stop()
{
    if (m_state != State::Running)
        return;
    setState(State::Stopping);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->stop(); }, Qt::QueuedConnection);
}

void ServerController::stopAndWait()
{
    if (m_state == State::Stopped || !m_thread.isRunning())
        return;
    // A start still in progress finishes first (the calls are queued in order).
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    // The worker's signals are queued to this thread: settle the state here.
    m_url.clear();
    m_rootFingerprint.clear();
    setState(State::Stopped);
}

void ServerController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace certigram
