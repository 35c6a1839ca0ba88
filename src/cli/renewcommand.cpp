#include "renewcommand.h"

#include "client/renewalscheduler.h"
#include "client/renewer.h"
#include "core/terminationsignals.h"
#include "exitcode.h"
#include "store/identitystore.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace certigram {

namespace {
const QCommandLineOption kForce(QStringLiteral("force"),
                                QStringLiteral("Renew even when not due yet."));
const QCommandLineOption kAll(QStringLiteral("all"),
                              QStringLiteral("Renew every identity that is due (all of them "
                                             "with --force)."));
const QCommandLineOption kDaemon(QStringLiteral("daemon"),
                                 QStringLiteral("Keep running and renew every identity when it "
                                                "falls due, retrying failures with backoff, "
                                                "until SIGTERM or Ctrl+C."));
const QCommandLineOption kPassphraseFile(QStringLiteral("passphrase-file"),
                                         QStringLiteral("Opens passphrase-protected keys."),
                                         QStringLiteral("FILE"));
const QString kExec = QStringLiteral("--exec");

QString renewedText(const Identity &identity)
{
    return QStringLiteral("Renewed %1: serial %2, valid until %3.")
        .arg(identity.id(), identity.serialHex(), CliOutput::time(identity.notAfter()));
}
} // namespace

QString RenewCommand::synopsis() const
{
    return QStringLiteral("(ID [--force] | --all [--force] | --daemon [--exec PROGRAM ARGS…]) "
                          "[--passphrase-file FILE] [--renew-at FRACTION] [--jitter FRACTION]");
}

QString RenewCommand::summary() const
{
    return QStringLiteral("Renews certificates over mutual TLS with their current certificate "
                          "and key; the key stays, the old certificate is kept under previous/. "
                          "Without --force, an identity is renewed only once it is due. With "
                          "--daemon --exec, PROGRAM runs (without a shell) after each renewal, "
                          "with CERTIGRAM_ID, CERTIGRAM_CERTIFICATE_FILE, CERTIGRAM_KEY_FILE and "
                          "CERTIGRAM_SERIAL in its environment; --exec and its arguments come "
                          "last.");
}

void RenewCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The subject, or SUBJECT@PROFILE."));
    parser.addOptions({kForce, kAll, kDaemon, kPassphraseFile});
    parser.addOptions(renewalPolicyOptions());
}

QStringList RenewCommand::preprocess(const QStringList &arguments)
{
    const qsizetype exec = arguments.indexOf(kExec);
    if (exec < 0)
        return arguments;
    m_exec = arguments.mid(exec + 1);
    return arguments.mid(0, exec);
}

void RenewCommand::start(const QCommandLineParser &parser)
{
    const QStringList ids = parser.positionalArguments();
    const bool all = parser.isSet(kAll);
    const bool daemon = parser.isSet(kDaemon);
    if ((all || daemon) ? !ids.isEmpty() : ids.size() != 1) {
        usageError(QStringLiteral("renew needs exactly one ID, or --all, or --daemon"));
        return;
    }
    if (all && daemon) {
        usageError(QStringLiteral("--all and --daemon do not go together"));
        return;
    }
    if (!m_exec.isEmpty() || parser.positionalArguments().contains(kExec)) {
        if (!daemon || m_exec.isEmpty() || m_exec.first().isEmpty()) {
            usageError(QStringLiteral("--exec PROGRAM goes with --daemon"));
            return;
        }
    }
    auto policy = renewalPolicyFrom(parser);
    if (!policy) {
        usageError(policy.error().message());
        return;
    }
    auto passphrase = secretFromOption(parser, kPassphraseFile);
    if (!passphrase) {
        fail(passphrase.error());
        return;
    }
    m_passphrase = passphrase.value();
    if (daemon)
        runDaemon(policy.value());
    else if (all)
        renewAll(parser.isSet(kForce), policy.value());
    else
        renewOne(ids.first(), parser.isSet(kForce), policy.value());
}

void RenewCommand::renewOne(const QString &id, bool force, const RenewalPolicy &policy)
{
    auto identity = IdentityStore(context().home.identitiesFolder()).identity(id);
    if (!identity) {
        fail(identity.error());
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!force && !identity->isRevoked() && !policy.needsRenewal(identity.value(), now)) {
        QJsonObject json
            = CliOutput::identityJson(identity.value(), policy.dueAt(identity.value()), now);
        json.insert(QStringLiteral("renewed"), false);
        succeed(json,
                QStringLiteral("%1 is not due for renewal until %2 (--force renews now).")
                    .arg(identity->id(), CliOutput::time(policy.dueAt(identity.value()))));
        return;
    }
    auto *renewer = new Renewer(context().home, this);
    renewer->setTimeout(context().timeout);
    renewer->renew(identity->qualifiedId(), m_passphrase, [this, policy](Result<Identity> renewed) {
        if (!renewed) {
            fail(renewed.error());
            return;
        }
        QJsonObject json = CliOutput::identityJson(renewed.value(), policy.dueAt(renewed.value()));
        json.insert(QStringLiteral("renewed"), true);
        succeed(json, renewedText(renewed.value()));
    });
}

void RenewCommand::renewAll(bool force, const RenewalPolicy &policy)
{
    const IdentityList list = IdentityStore(context().home.identitiesFolder()).list();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const BrokenIdentity &broken : list.broken)
        output().warning(QStringLiteral("%1 cannot be read: %2").arg(broken.path, broken.message));
    for (const Identity &identity : list.identities) {
        if (identity.isRevoked())
            continue;
        if (force || policy.needsRenewal(identity, now))
            m_pending << identity.qualifiedId();
    }
    renewNextOfAll();
}

void RenewCommand::renewNextOfAll()
{
    if (m_pending.isEmpty()) {
        output().result(QJsonObject{{QStringLiteral("renewals"), m_results}},
                        m_results.isEmpty() ? QStringLiteral("Nothing is due for renewal.")
                                            : QString());
        finish(m_worstExit);
        return;
    }
    const QString id = m_pending.takeFirst();
    auto *renewer = new Renewer(context().home, this);
    renewer->setTimeout(context().timeout);
    renewer->renew(id, m_passphrase, [this, id, renewer](Result<Identity> renewed) {
        renewer->deleteLater();
        QJsonObject entry{{QStringLiteral("id"), id}, {QStringLiteral("renewed"), renewed.ok()}};
        if (renewed) {
            entry.insert(QStringLiteral("serial"), renewed->serialHex());
            entry.insert(QStringLiteral("notAfter"), CliOutput::jsonTime(renewed->notAfter()));
            output().progress(renewedText(renewed.value()));
        } else {
            const int code = static_cast<int>(exitCodeFor(renewed.error()));
            entry.insert(QStringLiteral("error"), renewed.error().message());
            output().warning(
                QStringLiteral("%1 was not renewed: %2").arg(id, renewed.error().message()));
            if (m_worstExit == 0)
                m_worstExit = code;
        }
        m_results.append(entry);
        renewNextOfAll();
    });
}

void RenewCommand::runDaemon(const RenewalPolicy &policy)
{
    auto *scheduler = new RenewalScheduler(context().home, policy, this);
    scheduler->setPassphrase(m_passphrase);
    scheduler->setTimeout(context().timeout);
    auto *termination = new TerminationSignals(this);
    connect(termination, &TerminationSignals::terminationRequested, this, [this, scheduler] {
        scheduler->stop();
        output().progress(QStringLiteral("Stopped."));
        finish(static_cast<int>(ExitCode::Success));
    });
    connect(scheduler, &RenewalScheduler::renewed, this, [this](const Identity &identity) {
        output().result(
            QJsonObject{{QStringLiteral("event"), QStringLiteral("renewed")},
                        {QStringLiteral("id"), identity.id()},
                        {QStringLiteral("serial"), identity.serialHex()},
                        {QStringLiteral("notAfter"), CliOutput::jsonTime(identity.notAfter())}},
            renewedText(identity));
        runHook(identity);
    });
    connect(scheduler, &RenewalScheduler::renewalFailed, this,
            [this](const QString &id, const Error &error, const QDateTime &retryAt) {
                if (output().isJson())
                    output().result(
                        QJsonObject{{QStringLiteral("event"), QStringLiteral("failed")},
                                    {QStringLiteral("id"), id},
                                    {QStringLiteral("message"), error.message()},
                                    {QStringLiteral("retryAt"), CliOutput::jsonTime(retryAt)}},
                        QString());
                else
                    output().warning(QStringLiteral("%1 was not renewed: %2 (next try %3)")
                                         .arg(id, error.message(), CliOutput::time(retryAt)));
            });
    connect(scheduler, &RenewalScheduler::scheduled, this, [this](const QDateTime &next) {
        output().progress(next.isValid()
                              ? QStringLiteral("Next renewal: %1.").arg(CliOutput::time(next))
                              : QStringLiteral("Nothing to renew; watching for new identities."));
    });
    scheduler->start();
}

void RenewCommand::runHook(const Identity &identity)
{
    if (m_exec.isEmpty())
        return;
    const IdentityStore store(context().home.identitiesFolder());
    auto *process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CERTIGRAM_ID"), identity.id());
    environment.insert(QStringLiteral("CERTIGRAM_CERTIFICATE_FILE"),
                       store.certificateFileOf(identity));
    environment.insert(QStringLiteral("CERTIGRAM_KEY_FILE"), store.keyFileOf(identity));
    environment.insert(QStringLiteral("CERTIGRAM_SERIAL"), identity.serialHex());
    process->setProcessEnvironment(environment);
    process->setProgram(m_exec.first());
    process->setArguments(m_exec.mid(1));
    process->setProcessChannelMode(QProcess::ForwardedChannels);
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            output().warning(
                QStringLiteral("cannot run %1: %2").arg(m_exec.first(), process->errorString()));
            process->deleteLater();
        }
    });
    connect(
        process, &QProcess::finished, this,
        [this, process](int exitCode, QProcess::ExitStatus status) {
            if (status != QProcess::NormalExit || exitCode != 0)
                output().warning(
                    QStringLiteral("%1 failed (exit code %2)").arg(m_exec.first()).arg(exitCode));
            process->deleteLater();
        });
    process->start();
}

} // namespace certigram
