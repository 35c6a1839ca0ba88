#include "cliapplication.h"

#include "bootstrapcommand.h"
#include "enrollcommand.h"
#include "exitcode.h"
#include "exportcommand.h"
#include "importcommand.h"
#include "listcommand.h"
#include "needsrenewalcommand.h"
#include "profilescommand.h"
#include "renewcommand.h"
#include "requestcodecommand.h"
#include "revokecommand.h"
#include "showcommand.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>

namespace certigram {

namespace {

void printOut(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

struct GlobalOptions
{
    QString home = HolderHome::defaultPath();
    bool json = false;
    bool help = false;
    bool version = false;
    int timeoutSeconds = 30;
    QString command;
    QStringList rest; // the command's own arguments
    QString error;
};

// The global options come before the command's name; everything after it is the command's.
GlobalOptions parseGlobal(const QStringList &arguments)
{
    GlobalOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        const auto value = [&](const QString &name) -> std::optional<QString> {
            if (argument.startsWith(name + QLatin1Char('=')))
                return argument.mid(name.size() + 1);
            if (argument == name && i + 1 < arguments.size())
                return arguments[++i];
            return std::nullopt;
        };
        if (argument == QLatin1String("--json")) {
            options.json = true;
        } else if (argument == QLatin1String("--help") || argument == QLatin1String("-h")) {
            options.help = true;
        } else if (argument == QLatin1String("--version")) {
            options.version = true;
        } else if (argument.startsWith(QLatin1String("--home"))) {
            const auto home = value(QStringLiteral("--home"));
            if (!home || home->isEmpty())
                options.error = QStringLiteral("--home needs a folder");
            else
                options.home = *home;
        } else if (argument.startsWith(QLatin1String("--timeout"))) {
            const auto seconds = value(QStringLiteral("--timeout"));
            bool ok = false;
            options.timeoutSeconds = seconds ? seconds->toInt(&ok) : 0;
            if (!ok || options.timeoutSeconds < 1 || options.timeoutSeconds > 600)
                options.error = QStringLiteral("--timeout needs a number of seconds, 1 to 600");
        } else if (argument.startsWith(QLatin1Char('-'))) {
            options.error = QStringLiteral("unknown option %1").arg(argument);
        } else {
            options.command = argument;
            options.rest = arguments.mid(i + 1);
            break;
        }
        if (!options.error.isEmpty())
            break;
    }
    return options;
}

} // namespace

CliApplication::CliApplication(QObject *parent)
    : QObject(parent)
{ }

CliApplication::~CliApplication() = default;

QList<Command *> CliApplication::makeCommands(const CommandContext &context)
{
    return {new BootstrapCommand(context, this),   new ProfilesCommand(context, this),
            new RequestCodeCommand(context, this), new EnrollCommand(context, this),
            new ListCommand(context, this),        new ShowCommand(context, this),
            new RenewCommand(context, this),       new NeedsRenewalCommand(context, this),
            new RevokeCommand(context, this),      new ExportCommand(context, this),
            new ImportCommand(context, this)};
}

QString CliApplication::usage(const QList<Command *> &commands) const
{
    QString text
        = QStringLiteral(
              "Usage: certigram-cli [--home DIR] [--json] [--timeout SECONDS] COMMAND [OPTIONS]\n\n"
              "Client certificates for Telegram identities from a step-ca style CA.\n\n"
              "Global options:\n"
              "  --home DIR         The holder's folder (default: %1)\n"
              "  --json             One JSON object per result or error on stdout, for scripts\n"
              "  --timeout SECONDS  Network timeout (default 30)\n"
              "  --help             This help; COMMAND --help for a command's\n"
              "  --version          The version\n\n"
              "Commands:\n")
              .arg(HolderHome::defaultPath());
    for (Command *command : commands)
        text += QStringLiteral("  %1 %2\n")
                    .arg(command->name().leftJustified(14), command->synopsis());
    return text + QLatin1Char('\n') + exitCodeHelp();
}

QString CliApplication::commandHelp(Command *command, const QCommandLineParser &parser) const
{
    QString options = parser.helpText();
    const qsizetype at = options.indexOf(QLatin1String("Options:"));
    options = at >= 0 ? options.mid(at) : QString();
    return QStringLiteral("Usage: certigram-cli [global options] %1 %2\n\n%3\n\n%4\n%5")
        .arg(command->name(), command->synopsis(), command->summary(), options, exitCodeHelp());
}

int CliApplication::exec(const QStringList &arguments)
{
    const GlobalOptions global = parseGlobal(arguments);
    m_output = std::make_unique<CliOutput>(global.json);
    CommandContext context;
    context.home = HolderHome(global.home);
    context.output = m_output.get();
    context.timeout = std::chrono::seconds(global.timeoutSeconds);
    const QList<Command *> commands = makeCommands(context);

    const auto usageFailure = [this](const QString &message) {
        m_output->error(
            Error(ErrorCode::InvalidInput, message + QStringLiteral(" (see certigram-cli --help)")),
            static_cast<int>(ExitCode::Usage));
        return static_cast<int>(ExitCode::Usage);
    };
    if (!global.error.isEmpty())
        return usageFailure(global.error);
    if (global.version) {
        printOut(QStringLiteral("certigram-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    if (global.command.isEmpty() || global.command == QLatin1String("help")) {
        printOut(usage(commands));
        return global.command.isEmpty() && !global.help ? static_cast<int>(ExitCode::Usage) : 0;
    }
    Command *command = nullptr;
    for (Command *candidate : commands)
        if (candidate->name() == global.command)
            command = candidate;
    if (!command)
        return usageFailure(QStringLiteral("unknown command \"%1\"").arg(global.command));

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("This help."));
    parser.addOption(help);
    command->addOptions(parser);
    const QStringList commandArguments = command->preprocess(global.rest);
    if (!parser.parse(QStringList{QStringLiteral("certigram-cli")} + commandArguments))
        return usageFailure(QStringLiteral("%1: %2").arg(command->name(), parser.errorText()));
    if (parser.isSet(help) || global.help) {
        printOut(commandHelp(command, parser));
        return 0;
    }

    QEventLoop loop;
    int exitCode = static_cast<int>(ExitCode::Internal);
    connect(command, &Command::finished, &loop, [&](int code) {
        exitCode = code;
        loop.quit();
    });
    // Commands may finish synchronously inside start(): only enter the loop if not.
    bool done = false;
    connect(command, &Command::finished, &loop, [&done] { done = true; });
    command->start(parser);
    if (!done)
        loop.exec();
    return exitCode;
}

} // namespace certigram
