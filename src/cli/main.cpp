#include "cliapplication.h"
#include "core/crashreport.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    certigram::installCrashReport("certigram-cli");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("certigram-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CERTIGRAM_VERSION));
    certigram::CliApplication cli;
    return cli.exec(QCoreApplication::arguments().mid(1));
}
