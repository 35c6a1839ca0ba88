#pragma once

#include "notify/notifier.h"

#include <QStringList>

#include <chrono>
#include <memory>

namespace certigram {

// Delivers a message by running a program the administrator chose: no shell is involved.
// The program gets the fixed arguments from the configuration followed by the subject as
// the last argument, and the message (plus a final newline) on its standard input. Exit
// code 0 within the timeout is success; anything else is a NetworkError whose message
// quotes the start of the program's standard error. Its standard output is discarded.
//
// send() runs the program with QProcess and its blocking waitFor* calls. That is right
// here and nowhere near an event loop: send() runs on the RA's worker-pool threads (see
// Notifier), which have no event loop to block, and waitFor* waits on the process's pipes
// without spinning one. Each call has its own QProcess, so calls run in parallel.
class CommandNotifier final : public Notifier
{
public:
    struct Options
    {
        // An absolute path, or a name looked up in PATH once, by create().
        QString program;
        // Fixed leading arguments; the subject is appended after them.
        QStringList arguments;
        // From start to exit; a program still running then is killed.
        std::chrono::milliseconds timeout = std::chrono::seconds(10);
        // Where the program runs; empty: the server's own working directory.
        QString workingDirectory;
    };

    // Finds the program (it must be an executable file) and checks the other options.
    static Result<std::unique_ptr<CommandNotifier>> create(Options options);

    QString name() const override;
    // Refuses subjects that are empty, start with '-' (they would read as an option) or
    // hold control characters.
    Result<void> send(const QString &subject, const QString &message) override;

    // The resolved absolute path of the program.
    const QString &program() const { return m_options.program; }

private:
    explicit CommandNotifier(Options options);

    const Options m_options;
};

} // namespace certigram
