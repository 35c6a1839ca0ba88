#pragma once

#include "processrunner.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace certigram::test {

class ServerProcess;

// certigram-cli's documented exit codes (docs/cli.md), as the suites expect them.
namespace CliExit {
inline constexpr int NotDue = 1;
inline constexpr int Usage = 2;
inline constexpr int InvalidInput = 3;
inline constexpr int NotFound = 4;
inline constexpr int Network = 5;
inline constexpr int Refused = 6;
inline constexpr int Conflict = 8;
inline constexpr int Io = 9;
} // namespace CliExit

// certigram-cli as a child process, for the end-to-end suites: against a certigram-server
// (embedded CA, or in front of a real step-ca) whose console notifier prints the codes.
class CliDriver
{
public:
    CliDriver(const QString &binary, const ServerProcess *server, const QString &home);

    const QString &home() const { return m_home; }
    // `certigram-cli --home HOME ARGUMENTS…`; `home` empty means home().
    ProcessOutput run(const QStringList &arguments, const QString &home = {},
                      const QByteArray &input = {}) const;
    // The code the server prints for `subject` after it had printed `printedBefore`
    // (spinning the event loop); empty after 10 s.
    QString waitForCode(const QString &subject, int printedBefore) const;
    // request-code, then `--json enroll --code` with the code the server printed.
    ProcessOutput enrol(const QString &subject, const QStringList &extra = {},
                        const QString &home = {}) const;
    QString identityFolder(const QString &subject, const QString &home = {}) const;

    // "exit N, stdout …, stderr …" for failure messages.
    static QString describe(const ProcessOutput &output);
    static QJsonObject json(const ProcessOutput &output);

private:
    QString m_binary;
    const ServerProcess *m_server;
    QString m_home;
};

} // namespace certigram::test

#define VERIFY_EXIT(output, code) \
    QVERIFY2((output).exitCode == (code), qPrintable(certigram::test::CliDriver::describe(output)))
