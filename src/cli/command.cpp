#include "command.h"

#include "crypto/secretfile.h"
#include "exitcode.h"

namespace certigram {

namespace {

const QString kRenewAt = QStringLiteral("renew-at");
const QString kJitter = QStringLiteral("jitter");

Result<double> fraction(const QCommandLineParser &parser, const QString &option, double low,
                        double high)
{
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (!ok || value < low || value > high)
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("--%1 must be a number from %2 to %3").arg(option).arg(low).arg(high));
    return value;
}

} // namespace

Command::Command(const CommandContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{ }

void Command::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(exitCode);
}

void Command::succeed(const QJsonObject &json, const QString &text)
{
    output().result(json, text);
    finish(static_cast<int>(ExitCode::Success));
}

void Command::fail(const Error &error)
{
    const int code = static_cast<int>(exitCodeFor(error));
    output().error(error, code);
    finish(code);
}

void Command::usageError(const QString &message)
{
    const int code = static_cast<int>(ExitCode::Usage);
    output().error(Error(ErrorCode::InvalidInput,
                         QStringLiteral("%1 (see certigram-cli %2 --help)").arg(message, name())),
                   code);
    finish(code);
}

Result<SecretBytes> Command::secretFromOption(const QCommandLineParser &parser,
                                              const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return SecretBytes();
    return SecretFile::read(parser.value(option));
}

QList<QCommandLineOption> Command::renewalPolicyOptions()
{
    return {
        QCommandLineOption(kRenewAt,
                           QStringLiteral("Renew once this fraction of the lifetime has passed "
                                          "(default 0.667)."),
                           QStringLiteral("FRACTION")),
        QCommandLineOption(kJitter,
                           QStringLiteral("Spread renewals over up to this fraction of the "
                                          "lifetime more (default 0.05; 0 turns it off)."),
                           QStringLiteral("FRACTION")),
    };
}

Result<RenewalPolicy> Command::renewalPolicyFrom(const QCommandLineParser &parser)
{
    RenewalPolicy policy;
    if (parser.isSet(kRenewAt)) {
        auto value = fraction(parser, kRenewAt, 0.05, 0.99);
        if (!value)
            return value.error();
        policy.setRenewFraction(value.value());
    }
    if (parser.isSet(kJitter)) {
        auto value = fraction(parser, kJitter, 0, 0.5);
        if (!value)
            return value.error();
        policy.setJitterFraction(value.value());
    }
    return policy;
}

} // namespace certigram
