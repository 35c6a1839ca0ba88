#include "processrunner.h"

#include <QProcess>

namespace certigram::test {

ProcessOutput runProcess(const QString &program, const QStringList &arguments,
                         const QByteArray &standardInput, int timeoutMs)
{
    ProcessOutput output;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs))
        return output;
    if (!standardInput.isEmpty())
        process.write(standardInput);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        output.standardError = process.readAllStandardError();
        return output;
    }
    output.finished = process.exitStatus() == QProcess::NormalExit;
    output.exitCode = process.exitCode();
    output.standardOutput = process.readAllStandardOutput();
    output.standardError = process.readAllStandardError();
    return output;
}

} // namespace certigram::test
