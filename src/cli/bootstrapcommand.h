#pragma once

#include "command.h"

namespace certigram {

// bootstrap: pins a CA's root by its fingerprint and saves a named CA profile.
class BootstrapCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;
    QString name() const override { return QStringLiteral("bootstrap"); }
    QString synopsis() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    void start(const QCommandLineParser &parser) override;
};

} // namespace certigram
