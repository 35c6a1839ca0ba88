#pragma once

#include "core/result.h"
#include "crypto/keytype.h"
#include "db/databaseconfig.h"
#include "http/httplimits.h"
#include "ra/registrationpolicy.h"

#include <QHostAddress>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace certigram {

// Everything certigram-server (and the desktop app's admin mode) needs to run, from the
// command line and an optional JSON config file (command line wins). Paths are absolute
// after loading; relative ones in the file are taken from the data directory.
struct ServerConfig
{
    enum class NotifierKind { Console, Telegram, Command };
    enum class CaMode { Embedded, External };

    QString dataDir;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8443;
    bool plainHttp = false; // only behind a TLS-terminating reverse proxy
    std::optional<DatabaseConfig> database; // default: SQLite in the data directory
    QString auditLogPath; // default: <data>/registration.log
    QString codeKeyPath; // default: <data>/code-hmac.key
    std::chrono::seconds cleanupInterval{60};
    int workerThreads = 16; // handlers may wait on Telegram: more than the cores

    HttpLimits limits;
    RegistrationPolicy policy;

    NotifierKind notifier = NotifierKind::Console;
    QUrl telegramApiUrl = QUrl(QStringLiteral("https://api.telegram.org"));
    QString telegramTokenFile; // else the environment variable below
    QString telegramTokenVariable = QStringLiteral("CERTIGRAM_TELEGRAM_TOKEN");
    QString telegramCaFile; // extra CA for the Bot API (tests' fake server)
    std::chrono::seconds notifyTimeout{10};
    // Telegram's circuit breaker: this many failed deliveries in a row (timeout, 5xx,
    // connection) make code requests fail at once for the cool-down, then one trial goes out.
    int telegramBreakerFailures = 5;
    std::chrono::seconds telegramBreakerCoolDown{30};
    QString notifyCommand; // program for the command notifier…
    QStringList notifyCommandArguments; // …its fixed leading arguments (subject appended)

    CaMode caMode = CaMode::Embedded;
    // The embedded CA on a listener of its own (same address, this port); 0: it shares
    // the RA's listener (one port, one certificate).
    quint16 caListenPort = 0;
    // The key type of a new embedded CA (an existing one keeps its keys).
    KeyType caKeyType = KeyType::EcP256;
    QStringList caDnsNames; // names/IPs the CA answers to (embedded)
    QString caPasswordFile; // encrypts the embedded CA's keys when given
    QUrl externalCaUrl; // external step-ca
    QString externalCaRootFile;
    QString externalCaIntermediateFile;
    QString provisionerName = QStringLiteral("certigram");
    QString provisionerKeyFile; // PEM, JWK or step's JWE
    QString provisionerPasswordFile; // for an encrypted provisioner key
    QString tlsCertificateFile; // the listener's certificate (external CA mode)
    QString tlsKeyFile;

    // The URL clients use to reach this server's CA routes (embedded) or the external CA.
    QUrl caUrl() const;

    // Parses certigram-server's command line (argv without the program name).
    // --help and --version are handled by the caller; this refuses unknown options.
    static Result<ServerConfig> fromArguments(const QStringList &arguments);
    // Reads a JSON config file over `base`.
    static Result<ServerConfig> mergeFile(ServerConfig base, const QString &path);
    // Fills defaults that depend on other settings and checks the whole.
    Result<void> finish();
};

} // namespace certigram
