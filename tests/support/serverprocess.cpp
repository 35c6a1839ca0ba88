#include "serverprocess.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

namespace certigram::test {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

ServerProcess::ServerProcess(const QString &binary, const QString &dataDir,
                             const QStringList &extraArguments)
    : m_port(freeLoopbackPort())
{
    m_process.setProgram(binary);
    m_process.setArguments(QStringList{QStringLiteral("--data-dir"), dataDir,
                                       QStringLiteral("--listen"),
                                       QStringLiteral("127.0.0.1:%1").arg(m_port)}
                           + extraArguments);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput,
                     [this] { m_output += m_process.readAllStandardOutput(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError,
                     [this] { m_output += m_process.readAllStandardError(); });
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerProcess::start()
{
    m_process.start();
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 20000 && m_process.state() != QProcess::NotRunning) {
        if (m_output.contains("listening on"))
            return true;
        QTest::qWait(50);
    }
    return false;
}

int ServerProcess::terminate()
{
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
}

QString ServerProcess::fingerprint() const
{
    return QRegularExpression(QStringLiteral("fingerprint \\(SHA-256\\): ([0-9a-f]{64})"))
        .match(QString::fromUtf8(m_output))
        .captured(1);
}

QString ServerProcess::codeFor(const QString &subject) const
{
    QString code;
    auto matches = QRegularExpression(QStringLiteral("code for %1: .*?(\\d{6})").arg(subject))
                       .globalMatch(QString::fromUtf8(m_output));
    while (matches.hasNext())
        code = matches.next().captured(1);
    return code;
}

int ServerProcess::codesPrintedFor(const QString &subject) const
{
    return static_cast<int>(
        QString::fromUtf8(m_output).count(QStringLiteral("code for %1:").arg(subject)));
}

} // namespace certigram::test
