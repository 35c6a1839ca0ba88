#pragma once

#include "command.h"

namespace certigram {

// revoke: by mutual TLS with the identity's key, or with a Telegram code when it is lost.
class RevokeCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;
    QString name() const override { return QStringLiteral("revoke"); }
    QString synopsis() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    void start(const QCommandLineParser &parser) override;
};

} // namespace certigram
