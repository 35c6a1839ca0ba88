#include "notify/commandnotifier.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <climits>

namespace certigram {

namespace {

// How much of the program's standard error we quote.
constexpr qsizetype kMaxQuotedErrorOutput = 500;
// After a kill, how long we wait for the process to be reaped.
constexpr int kReapMs = 2000;

QString seconds(std::chrono::milliseconds duration)
{
    if (duration.count() % 1000 == 0)
        return QStringLiteral("%1 s").arg(duration.count() / 1000);
    return QStringLiteral("%1 s").arg(static_cast<double>(duration.count()) / 1000.0, 0, 'g', 3);
}

int remainingMs(const QDeadlineTimer &deadline)
{
    return static_cast<int>(std::min<qint64>(deadline.remainingTime(), INT_MAX));
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}

// The program's standard error, made fit for an error message. That message may reach the
// client that asked for the code (the RA answers 502 with it), so whatever of the message
// a failing program echoes back — the whole text, or the code in it — is cut out first.
QString quotedErrorOutput(const QByteArray &output, const QString &message)
{
    QString text = QString::fromUtf8(output);
    if (!message.isEmpty())
        text.replace(message.trimmed(), QStringLiteral("<message>"));
    static const QRegularExpression digitRuns(QStringLiteral("\\d{4,}"));
    for (auto match = digitRuns.globalMatch(message); match.hasNext();)
        text.replace(match.next().captured(), QStringLiteral("<redacted>"));
    for (QChar &c : text) {
        if (!c.isPrint() && !c.isSurrogate())
            c = QLatin1Char(' ');
    }
    text = text.simplified();
    if (text.size() > kMaxQuotedErrorOutput)
        text = text.left(kMaxQuotedErrorOutput) + QStringLiteral("…");
    return text;
}

} // namespace

Result<std::unique_ptr<CommandNotifier>> CommandNotifier::create(Options options)
{
    if (options.program.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no notify command given"));
    // Resolved once: a later change of PATH or working directory cannot change the program.
    const QString resolved = options.program.contains(QLatin1Char('/'))
        ? QFileInfo(options.program).absoluteFilePath()
        : QStandardPaths::findExecutable(options.program);
    const QFileInfo info(resolved);
    if (resolved.isEmpty() || !info.isFile() || !info.isExecutable()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the notify command %1 is not an executable program%2")
                         .arg(options.program,
                              options.program.contains(QLatin1Char('/'))
                                  ? QString()
                                  : QStringLiteral(" in PATH")));
    }
    options.program = info.absoluteFilePath();
    if (options.timeout <= std::chrono::milliseconds::zero()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the notify command's timeout must be positive"));
    }
    if (!options.workingDirectory.isEmpty() && !QFileInfo(options.workingDirectory).isDir()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the notify command's working directory %1 does not exist")
                         .arg(options.workingDirectory));
    }
    return std::unique_ptr<CommandNotifier>(new CommandNotifier(std::move(options)));
}

CommandNotifier::CommandNotifier(Options options)
    : m_options(std::move(options))
{ }

QString CommandNotifier::name() const
{
    return QStringLiteral("command");
}

Result<void> CommandNotifier::send(const QString &subject, const QString &message)
{
    if (subject.isEmpty() || subject.startsWith(QLatin1Char('-'))
        || hasControlCharacters(subject)) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the subject is empty, starts with '-' or holds control "
                                    "characters; it cannot be a program argument"));
    }

    const QDeadlineTimer deadline(m_options.timeout, Qt::PreciseTimer);
    const QString program = QFileInfo(m_options.program).fileName();
    QProcess process;
    process.setProgram(m_options.program);
    process.setArguments(m_options.arguments + QStringList{subject});
    if (!m_options.workingDirectory.isEmpty())
        process.setWorkingDirectory(m_options.workingDirectory);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted(remainingMs(deadline))) {
        const bool timedOut = process.error() == QProcess::Timedout;
        process.kill();
        process.waitForFinished(kReapMs);
        return Error(ErrorCode::NetworkError,
                     timedOut ? QStringLiteral("the notify command %1 did not start within %2")
                                    .arg(program, seconds(m_options.timeout))
                              : QStringLiteral("cannot start the notify command %1: %2")
                                    .arg(program, process.errorString()));
    }

    process.write(message.toUtf8() + '\n');
    process.closeWriteChannel(); // the program sees end of input once it has read the text

    if (!process.waitForFinished(remainingMs(deadline))
        && process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(kReapMs);
        const Error error(ErrorCode::NetworkError,
                          QStringLiteral("the notify command %1 did not finish within %2 and was "
                                         "killed")
                              .arg(program, seconds(m_options.timeout)));
        qCWarning(lcNotify).noquote() << error.message();
        return error;
    }

    if (process.exitStatus() == QProcess::CrashExit || process.exitCode() != 0) {
        const QString errorOutput = quotedErrorOutput(process.readAllStandardError(), message);
        const QString what = process.exitStatus() == QProcess::CrashExit
            ? QStringLiteral("the notify command %1 crashed").arg(program)
            : QStringLiteral("the notify command %1 failed with exit code %2")
                  .arg(program)
                  .arg(process.exitCode());
        const Error error(ErrorCode::NetworkError,
                          errorOutput.isEmpty() ? what : what + QStringLiteral(": ") + errorOutput);
        qCWarning(lcNotify).noquote() << error.message();
        return error;
    }
    return {};
}

} // namespace certigram
