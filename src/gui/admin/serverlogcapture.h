#pragma once

#include <QDateTime>
#include <QObject>
#include <QtMessageHandler>

namespace certigram {

// Shows the server's own log messages (categories "certigram.server…") in the panel: with
// the console notifier that is where one-time codes appear. Installs a Qt message handler
// that passes every message on to the one installed before; messages from any thread
// arrive as the queued signal messageLogged. One instance at a time.
class ServerLogCapture : public QObject
{
    Q_OBJECT

public:
    explicit ServerLogCapture(QObject *parent = nullptr);
    ~ServerLogCapture() override;

signals:
    void messageLogged(const QDateTime &time, int type, const QString &category,
                       const QString &message);

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
    QtMessageHandler m_previous = nullptr;
};

} // namespace certigram
