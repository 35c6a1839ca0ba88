#pragma once

#include "clioutput.h"
#include "command.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace certigram {

// certigram-cli: reads the global options (--home, --json, --timeout), picks the command,
// parses its options and runs it. exec() returns the process's exit code.
class CliApplication : public QObject
{
    Q_OBJECT

public:
    explicit CliApplication(QObject *parent = nullptr);
    ~CliApplication() override;

    // `arguments` without the program name. Runs the event loop while the command works.
    int exec(const QStringList &arguments);

private:
    QList<Command *> makeCommands(const CommandContext &context);
    QString usage(const QList<Command *> &commands) const;
    QString commandHelp(Command *command, const QCommandLineParser &parser) const;

    std::unique_ptr<CliOutput> m_output;
};

} // namespace certigram
