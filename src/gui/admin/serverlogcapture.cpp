#include "admin/serverlogcapture.h"

#include <QMutex>
#include <QMutexLocker>

namespace certigram {

namespace {

QMutex g_mutex;
ServerLogCapture *g_capture = nullptr;
QtMessageHandler g_previous = nullptr;

} // namespace

ServerLogCapture::ServerLogCapture(QObject *parent)
    : QObject(parent)
{
    const QMutexLocker locker(&g_mutex);
    if (g_capture)
        return; // another panel already captures
    g_capture = this;
    m_previous = qInstallMessageHandler(&ServerLogCapture::handle);
    g_previous = m_previous;
}

ServerLogCapture::~ServerLogCapture()
{
    const QMutexLocker locker(&g_mutex);
    if (g_capture != this)
        return;
    qInstallMessageHandler(m_previous);
    g_capture = nullptr;
    g_previous = nullptr;
}

void ServerLogCapture::handle(QtMsgType type, const QMessageLogContext &context,
                              const QString &message)
{
    QtMessageHandler previous = nullptr;
    {
        const QMutexLocker locker(&g_mutex);
        previous = g_previous;
        const QString category = QString::fromLatin1(context.category ? context.category : "");
        if (g_capture && category.startsWith(QLatin1String("certigram.server"))) {
            QMetaObject::invokeMethod(
                g_capture,
                [capture = g_capture, time = QDateTime::currentDateTime(), type, category,
                 message] {
                    emit capture->messageLogged(time, static_cast<int>(type), category, message);
                },
                Qt::QueuedConnection);
        }
    }
    if (previous) // Qt 6 hands back its default handler when none was installed
        previous(type, context, message);
}

} // namespace certigram
