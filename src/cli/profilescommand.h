#pragma once

#include "command.h"

namespace certigram {

// profiles: lists the saved CA profiles.
class ProfilesCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;
    QString name() const override { return QStringLiteral("profiles"); }
    QString synopsis() const override { return QString(); }
    QString summary() const override;
    void addOptions(QCommandLineParser &) override { }
    void start(const QCommandLineParser &parser) override;
};

} // namespace certigram
