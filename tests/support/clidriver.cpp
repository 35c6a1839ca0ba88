#include "clidriver.h"

#include "serverprocess.h"

#include <QJsonDocument>
#include <QTest>

namespace certigram::test {

CliDriver::CliDriver(const QString &binary, const ServerProcess *server, const QString &home)
    : m_binary(binary)
    , m_server(server)
    , m_home(home)
{ }

ProcessOutput CliDriver::run(const QStringList &arguments, const QString &home,
                             const QByteArray &input) const
{
    return runProcess(
        m_binary, QStringList{QStringLiteral("--home"), home.isEmpty() ? m_home : home} + arguments,
        input, 120000);
}

QString CliDriver::waitForCode(const QString &subject, int printedBefore) const
{
    if (!QTest::qWaitFor([&] { return m_server->codesPrintedFor(subject) > printedBefore; }, 10000))
        return QString();
    return m_server->codeFor(subject);
}

ProcessOutput CliDriver::enrol(const QString &subject, const QStringList &extra,
                               const QString &home) const
{
    const int printed = m_server->codesPrintedFor(subject);
    const ProcessOutput requested
        = run({QStringLiteral("request-code"), QStringLiteral("--subject"), subject}, home);
    if (!requested.succeeded())
        return requested;
    const QString code = waitForCode(subject, printed);
    return run(QStringList{QStringLiteral("--json"), QStringLiteral("enroll"),
                           QStringLiteral("--subject"), subject, QStringLiteral("--code"), code}
                   + extra,
               home);
}

QString CliDriver::identityFolder(const QString &subject, const QString &home) const
{
    return (home.isEmpty() ? m_home : home) + QStringLiteral("/identities/default/") + subject;
}

QString CliDriver::describe(const ProcessOutput &output)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(output.exitCode)
        .arg(QString::fromUtf8(output.standardOutput), QString::fromUtf8(output.standardError));
}

QJsonObject CliDriver::json(const ProcessOutput &output)
{
    return QJsonDocument::fromJson(output.standardOutput).object();
}

} // namespace certigram::test
