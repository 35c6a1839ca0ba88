#include "admin/adminpanel.h"
#include "core/crashreport.h"
#include "guisettings.h"
#include "languages.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSystemTrayIcon>

int main(int argc, char *argv[])
{
    certigram::installCrashReport("certigram");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Certigram"));
    QApplication::setApplicationName(QStringLiteral("certigram"));
    QApplication::setApplicationDisplayName(QStringLiteral("Certigram"));
    QApplication::setApplicationVersion(QStringLiteral(CERTIGRAM_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/certigram.svg")));
    QApplication::setQuitOnLastWindowClosed(false); // the tray keeps renewing

    certigram::GuiSettings settings;
    certigram::Languages::install(settings.language());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Certificate manager for Telegram-verified client certificates."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption home(QStringLiteral("home"),
                                  QApplication::translate("main", "The holder's folder."),
                                  QStringLiteral("DIR"), certigram::HolderHome::defaultPath());
    const QCommandLineOption minimized(QStringLiteral("minimized"),
                                       QApplication::translate("main", "Start in the tray."));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QApplication::translate("main",
                                "Start in admin mode with the registration server and "
                                "its embedded CA running (the settings of the admin "
                                "panel; by default on https://localhost:8443)."));
    parser.addOptions({home, minimized, server});
    parser.process(app);

    certigram::MainWindow window(certigram::HolderHome(parser.value(home)), &settings);
    // Without a tray there is nowhere to start hidden.
    if (!(parser.isSet(minimized) || settings.startMinimized())
        || !QSystemTrayIcon::isSystemTrayAvailable())
        window.show();
    if (parser.isSet(server)) {
        window.setAdminMode(true);
        window.adminPanel()->startServer();
    }
    return QApplication::exec();
}
