#include "stepcaprocess.h"

#include "processrunner.h"
#include "testpaths.h"

#include <QFile>
#include <QHostAddress>
#include <QMap>
#include <QTcpServer>
#include <QThread>

#include <csignal>

namespace certigram::test {

namespace {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// KEY=VALUE lines as run-step-ca.sh prints them.
QMap<QString, QString> parseEnvironment(const QByteArray &text)
{
    QMap<QString, QString> values;
    for (const QByteArray &line : text.split('\n')) {
        const int equals = line.indexOf('=');
        if (equals > 0)
            values.insert(QString::fromUtf8(line.left(equals)),
                          QString::fromUtf8(line.mid(equals + 1)).trimmed());
    }
    return values;
}

} // namespace

StepCaProcess::StepCaProcess() = default;

StepCaProcess::~StepCaProcess()
{
    stop();
}

bool StepCaProcess::start()
{
    const QString tools = sharedPath(QStringLiteral("tools/step-ca"));
    if (!QFile::exists(tools + QStringLiteral("/build-step-ca.sh"))) {
        m_error
            = QStringLiteral("step-ca tools not found in %1 (set CERTIGRAM_SHARED_DIR)").arg(tools);
        return false;
    }
    // First build: apt packages plus a Go build, a few minutes; cached afterwards.
    const ProcessOutput built = runProcess(
        QStringLiteral("bash"), {tools + QStringLiteral("/build-step-ca.sh")}, {}, 15 * 60 * 1000);
    if (!built.succeeded()) {
        m_error
            = QStringLiteral("building step-ca failed: ") + QString::fromUtf8(built.standardError);
        return false;
    }
    const QString binary = QString::fromUtf8(built.standardOutput.trimmed().split('\n').last());

    m_dir = std::make_unique<QTemporaryDir>();
    const quint16 port = freeLoopbackPort();
    const ProcessOutput started = runProcess(QStringLiteral("bash"),
                                             {tools + QStringLiteral("/run-step-ca.sh"), binary,
                                              QStringLiteral("127.0.0.1:%1").arg(port),
                                              m_dir->filePath(QStringLiteral("ca"))},
                                             {}, 120 * 1000);
    if (!started.succeeded()) {
        m_error = QStringLiteral("starting step-ca failed: ")
            + QString::fromUtf8(started.standardError);
        return false;
    }
    const auto values = parseEnvironment(started.standardOutput);
    m_pid = values.value(QStringLiteral("STEPCA_PID")).toLongLong();
    m_url = values.value(QStringLiteral("STEPCA_URL"));
    m_root = values.value(QStringLiteral("STEPCA_ROOT"));
    m_fingerprint = values.value(QStringLiteral("STEPCA_ROOT_FINGERPRINT"));
    m_provisioner = values.value(QStringLiteral("STEPCA_PROVISIONER"));
    m_kid = values.value(QStringLiteral("STEPCA_PROVISIONER_KID"));
    m_keyPem = values.value(QStringLiteral("STEPCA_PROVISIONER_KEY_PEM"));
    m_keyJwk = values.value(QStringLiteral("STEPCA_PROVISIONER_KEY_JWK"));
    if (m_pid <= 0 || m_url.isEmpty() || m_keyPem.isEmpty()) {
        m_error = QStringLiteral("unexpected output from run-step-ca.sh: ")
            + QString::fromUtf8(started.standardOutput);
        return false;
    }
    return true;
}

void StepCaProcess::stop()
{
    if (m_pid <= 0)
        return;
    // The CA runs detached from run-step-ca.sh; it is ours to end.
    ::kill(static_cast<pid_t>(m_pid), SIGTERM);
    for (int i = 0; i < 50 && ::kill(static_cast<pid_t>(m_pid), 0) == 0; ++i)
        QThread::msleep(100);
    ::kill(static_cast<pid_t>(m_pid), SIGKILL);
    m_pid = 0;
}

} // namespace certigram::test
