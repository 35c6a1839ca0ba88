#pragma once

#include "command.h"

namespace certigram {

// import: a PKCS#12 file, or a certificate and key PEM pair (the prototype's files).
class ImportCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;
    QString name() const override { return QStringLiteral("import"); }
    QString synopsis() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    void start(const QCommandLineParser &parser) override;
};

} // namespace certigram
