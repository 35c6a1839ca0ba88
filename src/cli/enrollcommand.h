#pragma once

#include "command.h"

namespace certigram {

// enroll: a new identity: code, key pair, certificate, stored in the holder's home.
class EnrollCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;
    QString name() const override { return QStringLiteral("enroll"); }
    QString synopsis() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    void start(const QCommandLineParser &parser) override;
};

} // namespace certigram
