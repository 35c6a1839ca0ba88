#pragma once

#include "command.h"

namespace certigram {

// needs-renewal: exit 0 when an identity is due for renewal, 1 when not (cron, timers).
class NeedsRenewalCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;
    QString name() const override { return QStringLiteral("needs-renewal"); }
    QString synopsis() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    void start(const QCommandLineParser &parser) override;
};

} // namespace certigram
