// certigram-server: the registration authority and embedded CA, headless.
#include "app/certigramserver.h"
#include "app/serverconfig.h"
#include "core/crashreport.h"
#include "core/terminationsignals.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace certigram;

namespace {

constexpr char kUsage[] = R"(Usage: certigram-server [OPTIONS]

Runs the Certigram registration authority: one-time codes over Telegram, exchanged for
step-ca one-time tokens, with an embedded step-ca-compatible CA by default.

Options:
  --data-dir DIR            state: database, CA keys, audit log (default: the user's data dir)
  --listen HOST:PORT        address to serve HTTPS on (default 127.0.0.1:8443)
  --config FILE             JSON config file for everything else (see docs/server.md)
  --notifier KIND           console (development), telegram or command (default console)
  --telegram-token-file F   the bot token (else $CERTIGRAM_TELEGRAM_TOKEN)
  --telegram-api-url URL    Bot API base URL (default https://api.telegram.org)
  --notify-command PROGRAM  for the command notifier: run with the subject as argument and
                            the message on standard input (no shell)
  --database URL            postgresql://user:pass@host:port/db, or sqlite:///path
                            (default: SQLite in the data directory)
  --ca MODE                 embedded (default) or external (a real step-ca; see the config)
  --plain-http              serve plain HTTP, only behind a TLS-terminating proxy
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 stopped cleanly, 1 could not start, 2 bad command line or configuration.
)";

} // namespace

int main(int argc, char *argv[])
{
    installCrashReport("certigram-server");
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("certigram-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CERTIGRAM_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        out << kUsage;
        return 0;
    }
    if (arguments.contains(QStringLiteral("--version"))
        || arguments.contains(QStringLiteral("-v"))) {
        out << "certigram-server " << CERTIGRAM_VERSION << '\n';
        return 0;
    }
    auto config = ServerConfig::fromArguments(arguments);
    if (!config) {
        err << "certigram-server: " << config.error().message()
            << "\nTry certigram-server --help.\n";
        return 2;
    }

    CertigramServer server(config.value());
    if (auto started = server.start(); !started) {
        err << "certigram-server: " << started.error().message() << '\n';
        return 1;
    }
    QUrl raUrl = server.url();
    raUrl.setPort(server.port());
    out << "Certigram server listening on " << raUrl.toString() << '\n';
    if (server.caPort() != server.port())
        out << "Embedded CA listening on " << server.url().toString() << '\n';
    out << "CA root fingerprint (SHA-256): " << server.rootFingerprint() << '\n'
        << "Data directory: " << config->dataDir << '\n';
    out.flush();

    TerminationSignals termination;
    QObject::connect(&termination, &TerminationSignals::terminationRequested, &application, [&] {
        server.stop();
        QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}
