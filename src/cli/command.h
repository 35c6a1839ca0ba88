#pragma once

#include "clioutput.h"
#include "core/result.h"
#include "crypto/secretbytes.h"
#include "store/holderhome.h"
#include "store/renewalpolicy.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QObject>

#include <chrono>

namespace certigram {

// What every command gets from the global options.
struct CommandContext
{
    HolderHome home;
    const CliOutput *output = nullptr;
    std::chrono::milliseconds timeout{30000};
};

// One `certigram-cli COMMAND`: declares its options, then runs (possibly asynchronously,
// on the event loop) and ends with finished(exit code), having printed its result or
// error through CliOutput.
class Command : public QObject
{
    Q_OBJECT

public:
    explicit Command(const CommandContext &context, QObject *parent = nullptr);

    virtual QString name() const = 0;
    // The arguments after the command's name, for the usage line.
    virtual QString synopsis() const = 0;
    virtual QString summary() const = 0;
    virtual void addOptions(QCommandLineParser &parser) = 0;
    // Starts the command; parser has parsed the command's arguments successfully.
    virtual void start(const QCommandLineParser &parser) = 0;
    // Lets a command take arguments verbatim before parsing (`--exec PROGRAM ARGS…`).
    virtual QStringList preprocess(const QStringList &arguments) { return arguments; }

signals:
    void finished(int exitCode);

protected:
    // Prints and finishes.
    void succeed(const QJsonObject &json, const QString &text);
    void fail(const Error &error);
    void usageError(const QString &message);
    void finish(int exitCode);

    // The secret in the file an option names (owner-only, see SecretFile); empty when the
    // option is not set.
    static Result<SecretBytes> secretFromOption(const QCommandLineParser &parser,
                                                const QCommandLineOption &option);
    // --renew-at and --jitter (see RenewalPolicy) for the commands that decide dueness.
    static QList<QCommandLineOption> renewalPolicyOptions();
    static Result<RenewalPolicy> renewalPolicyFrom(const QCommandLineParser &parser);

    const CommandContext &context() const { return m_context; }
    const CliOutput &output() const { return *m_context.output; }

private:
    CommandContext m_context;
    bool m_finished = false;
};

} // namespace certigram
