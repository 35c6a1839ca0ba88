#pragma once

#include "command.h"
#include "store/identity.h"

#include <QJsonArray>

namespace certigram {

// renew: one identity, all that are due, or all of them whenever they fall due (--daemon).
class RenewCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;
    QString name() const override { return QStringLiteral("renew"); }
    QString synopsis() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    void start(const QCommandLineParser &parser) override;
    // Takes everything after --exec as PROGRAM ARGS… before the options are parsed.
    QStringList preprocess(const QStringList &arguments) override;

private:
    void renewOne(const QString &id, bool force, const RenewalPolicy &policy);
    void renewAll(bool force, const RenewalPolicy &policy);
    void renewNextOfAll();
    void runDaemon(const RenewalPolicy &policy);
    void runHook(const Identity &identity);

    SecretBytes m_passphrase;
    QStringList m_exec; // PROGRAM ARGS…
    QStringList m_pending; // renew --all: ids still to do
    QJsonArray m_results;
    int m_worstExit = 0;
};

} // namespace certigram
