#pragma once

#include <QByteArray>
#include <QStringList>

namespace certigram::test {

// What a finished child process left behind.
struct ProcessOutput
{
    int exitCode = -1;
    bool finished = false; // false: failed to start, crashed or timed out
    QByteArray standardOutput;
    QByteArray standardError;

    bool succeeded() const { return finished && exitCode == 0; }
};

// Runs a program (no shell) with arguments, optional standard input, and a timeout.
// For tests that cross-check against the openssl CLI or drive our executables.
ProcessOutput runProcess(const QString &program, const QStringList &arguments,
                         const QByteArray &standardInput = {}, int timeoutMs = 60000);

} // namespace certigram::test
