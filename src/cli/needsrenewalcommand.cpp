#include "needsrenewalcommand.h"

#include "exitcode.h"
#include "store/identitystore.h"

namespace certigram {

QString NeedsRenewalCommand::synopsis() const
{
    return QStringLiteral("ID [--renew-at FRACTION] [--jitter FRACTION]");
}

QString NeedsRenewalCommand::summary() const
{
    return QStringLiteral("Exits 0 when the identity is due for renewal (or expired), 1 when it "
                          "is not (also when it is revoked: it is never renewed). For cron and "
                          "systemd timers: `certigram-cli needs-renewal ID && certigram-cli "
                          "renew ID`.");
}

void NeedsRenewalCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The subject, or SUBJECT@PROFILE."));
    parser.addOptions(renewalPolicyOptions());
}

void NeedsRenewalCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        usageError(QStringLiteral("needs-renewal needs exactly one ID"));
        return;
    }
    auto policy = renewalPolicyFrom(parser);
    if (!policy) {
        usageError(policy.error().message());
        return;
    }
    auto identity = IdentityStore(context().home.identitiesFolder())
                        .identity(parser.positionalArguments().first());
    if (!identity) {
        fail(identity.error());
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool due = policy->needsRenewal(identity.value(), now);
    const QDateTime dueAt = policy->dueAt(identity.value());
    QString text;
    if (identity->isRevoked())
        text = QStringLiteral("%1 is revoked: it is never renewed.").arg(identity->id());
    else if (due)
        text = QStringLiteral("%1 is due for renewal (since %2).")
                   .arg(identity->id(), CliOutput::time(dueAt));
    else
        text = QStringLiteral("%1 is not due for renewal until %2.")
                   .arg(identity->id(), CliOutput::time(dueAt));
    output().result(
        QJsonObject{{QStringLiteral("id"), identity->id()},
                    {QStringLiteral("due"), due},
                    {QStringLiteral("dueAt"), CliOutput::jsonTime(dueAt)},
                    {QStringLiteral("status"), Identity::statusName(identity->status(now))}},
        text);
    finish(static_cast<int>(due ? ExitCode::Success : ExitCode::NotDue));
}

} // namespace certigram
