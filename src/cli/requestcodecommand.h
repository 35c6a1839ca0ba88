#pragma once

#include "command.h"

namespace certigram {

// request-code: asks the RA to send a code to a Telegram user.
class RequestCodeCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;
    QString name() const override { return QStringLiteral("request-code"); }
    QString synopsis() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    void start(const QCommandLineParser &parser) override;
};

} // namespace certigram
