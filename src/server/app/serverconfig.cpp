#include "app/serverconfig.h"

#include "protocol/jsonfields.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QStandardPaths>

namespace certigram {

namespace {

Error configError(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message);
}

// Sets `target` from an optional field when the field is present.
template<typename Value, typename Target>
Result<void> assign(const Result<std::optional<Value>> &field, Target &target)
{
    if (!field)
        return field.error();
    if (field.value())
        target = static_cast<Target>(*field.value());
    return {};
}

Result<void> parseListen(const QString &text, ServerConfig &config)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    bool numeric = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&numeric) : 0;
    QString host = colon > 0 ? text.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address = host == QLatin1String("localhost")
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(host);
    if (!numeric || port > 65535 || address.isNull())
        return configError(
            QStringLiteral("--listen must be HOST:PORT with an IP address or localhost "
                           "(e.g. 127.0.0.1:8443 or [::]:8443), not \"%1\"")
                .arg(text.left(80)));
    config.listenAddress = address;
    config.listenPort = static_cast<quint16>(port);
    return {};
}

Result<ServerConfig::NotifierKind> parseNotifier(const QString &name)
{
    if (name == QLatin1String("console"))
        return ServerConfig::NotifierKind::Console;
    if (name == QLatin1String("telegram"))
        return ServerConfig::NotifierKind::Telegram;
    if (name == QLatin1String("command"))
        return ServerConfig::NotifierKind::Command;
    return configError(QStringLiteral("the notifier must be console, telegram or command"));
}

Result<ServerConfig::CaMode> parseCaMode(const QString &name)
{
    if (name == QLatin1String("embedded"))
        return ServerConfig::CaMode::Embedded;
    if (name == QLatin1String("external"))
        return ServerConfig::CaMode::External;
    return configError(QStringLiteral("the CA mode must be embedded or external"));
}

QString absoluteIn(const QString &dataDir, const QString &path)
{
    return path.isEmpty() ? path : QDir(dataDir).absoluteFilePath(path);
}

} // namespace

QUrl ServerConfig::caUrl() const
{
    if (caMode == CaMode::External)
        return externalCaUrl;
    QUrl url;
    url.setScheme(plainHttp ? QStringLiteral("http") : QStringLiteral("https"));
    // Clients must reach us by a name in our certificate: the first configured one.
    url.setHost(caDnsNames.value(0, QStringLiteral("localhost")));
    url.setPort(caListenPort != 0 ? caListenPort : listenPort);
    return url;
}

Result<ServerConfig> ServerConfig::fromArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"), QString(),
                                           QStringLiteral("DIR"));
    const QCommandLineOption listenOption(QStringLiteral("listen"), QString(),
                                          QStringLiteral("HOST:PORT"));
    const QCommandLineOption configOption(QStringLiteral("config"), QString(),
                                          QStringLiteral("FILE"));
    const QCommandLineOption notifierOption(QStringLiteral("notifier"), QString(),
                                            QStringLiteral("KIND"));
    const QCommandLineOption commandOption(QStringLiteral("notify-command"), QString(),
                                           QStringLiteral("PROGRAM"));
    const QCommandLineOption databaseOption(QStringLiteral("database"), QString(),
                                            QStringLiteral("URL"));
    const QCommandLineOption caOption(QStringLiteral("ca"), QString(), QStringLiteral("MODE"));
    const QCommandLineOption plainOption(QStringLiteral("plain-http"));
    const QCommandLineOption tokenFileOption(QStringLiteral("telegram-token-file"), QString(),
                                             QStringLiteral("FILE"));
    const QCommandLineOption telegramUrlOption(QStringLiteral("telegram-api-url"), QString(),
                                               QStringLiteral("URL"));
    parser.addOptions({dataDirOption, listenOption, configOption, notifierOption, commandOption,
                       databaseOption, caOption, plainOption, tokenFileOption, telegramUrlOption});
    if (!parser.parse(QStringList{QStringLiteral("certigram-server")} + arguments))
        return configError(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return configError(
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    ServerConfig config;
    if (parser.isSet(configOption)) {
        auto merged = mergeFile(config, parser.value(configOption));
        if (!merged)
            return merged.error();
        config = merged.value();
    }
    if (parser.isSet(dataDirOption))
        config.dataDir = parser.value(dataDirOption);
    if (parser.isSet(listenOption)) {
        if (auto parsed = parseListen(parser.value(listenOption), config); !parsed)
            return parsed.error();
    }
    if (parser.isSet(notifierOption)) {
        auto kind = parseNotifier(parser.value(notifierOption));
        if (!kind)
            return kind.error();
        config.notifier = kind.value();
    }
    if (parser.isSet(commandOption))
        config.notifyCommand = parser.value(commandOption);
    if (parser.isSet(databaseOption)) {
        auto database = DatabaseConfig::fromUrl(parser.value(databaseOption));
        if (!database)
            return database.error();
        config.database = database.value();
    }
    if (parser.isSet(caOption)) {
        auto mode = parseCaMode(parser.value(caOption));
        if (!mode)
            return mode.error();
        config.caMode = mode.value();
    }
    if (parser.isSet(plainOption))
        config.plainHttp = true;
    if (parser.isSet(tokenFileOption))
        config.telegramTokenFile = parser.value(tokenFileOption);
    if (parser.isSet(telegramUrlOption))
        config.telegramApiUrl = QUrl(parser.value(telegramUrlOption));
    if (auto finished = config.finish(); !finished)
        return finished.error();
    return config;
}

Result<ServerConfig> ServerConfig::mergeFile(ServerConfig config, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return configError(
            QStringLiteral("cannot read the config file %1: %2").arg(path, file.errorString()));
    auto object = JsonFields::parseObject(file.read(1024 * 1024));
    if (!object)
        return object.error().withContext(QStringLiteral("config file %1").arg(path));
    const JsonFields root(object.value());
    auto fail = [&path](const Error &error) {
        return error.withContext(QStringLiteral("config file %1").arg(path));
    };

    std::optional<QString> listen;
    std::optional<QString> database;
    if (auto r = assign(root.optionalString(QLatin1String("dataDir")), config.dataDir); !r)
        return fail(r.error());
    if (auto r = assign(root.optionalString(QLatin1String("listen")), listen); !r)
        return fail(r.error());
    if (listen) {
        if (auto r = parseListen(*listen, config); !r)
            return fail(r.error());
    }
    if (auto r = assign(root.optionalBool(QLatin1String("plainHttp")), config.plainHttp); !r)
        return fail(r.error());
    if (auto r = assign(root.optionalString(QLatin1String("database")), database); !r)
        return fail(r.error());
    if (database) {
        auto parsed = DatabaseConfig::fromUrl(*database);
        if (!parsed)
            return fail(parsed.error());
        config.database = parsed.value();
    }
    if (auto r = assign(root.optionalString(QLatin1String("auditLog")), config.auditLogPath); !r)
        return fail(r.error());
    if (auto r = assign(root.optionalString(QLatin1String("codeKeyFile")), config.codeKeyPath); !r)
        return fail(r.error());
    std::optional<int> cleanup;
    if (auto r
        = assign(root.optionalInt(QLatin1String("cleanupIntervalSeconds"), 1, 86400), cleanup);
        !r)
        return fail(r.error());
    if (cleanup)
        config.cleanupInterval = std::chrono::seconds(*cleanup);
    if (auto r
        = assign(root.optionalInt(QLatin1String("workerThreads"), 1, 256), config.workerThreads);
        !r)
        return fail(r.error());

    if (auto limits = root.optionalObject(QLatin1String("limits")); !limits) {
        return fail(limits.error());
    } else if (limits.value()) {
        const JsonFields fields(*limits.value(), QStringLiteral("limits"));
        std::optional<int> perMinute;
        for (const auto &result :
             {assign(fields.optionalInt(QLatin1String("maxConnections"), 1, 1000000),
                     config.limits.maxConnections),
              assign(fields.optionalInt(QLatin1String("idleTimeoutMs"), 100, 3600000),
                     config.limits.idleTimeoutMs),
              assign(fields.optionalInt(QLatin1String("maxBodyBytes"), 1024, 16 * 1024 * 1024),
                     config.limits.maxBodyBytes),
              assign(fields.optionalInt(QLatin1String("requestsPerMinute"), 1, 6000000), perMinute),
              assign(fields.optionalInt(QLatin1String("burst"), 1, 1000000),
                     config.limits.burst)}) {
            if (!result)
                return fail(result.error());
        }
        if (perMinute)
            config.limits.requestsPerSecond = *perMinute / 60.0;
    }

    if (auto codes = root.optionalObject(QLatin1String("codes")); !codes) {
        return fail(codes.error());
    } else if (codes.value()) {
        const JsonFields fields(*codes.value(), QStringLiteral("codes"));
        std::optional<int> lifetime;
        std::optional<int> resend;
        for (const auto &result :
             {assign(fields.optionalInt(QLatin1String("digits"), 6, 10), config.policy.codeDigits),
              assign(fields.optionalInt(QLatin1String("lifetimeSeconds"), 30, 3600), lifetime),
              assign(fields.optionalInt(QLatin1String("resendAfterSeconds"), 0, 3600), resend),
              assign(fields.optionalInt(QLatin1String("maxAttempts"), 1, 20),
                     config.policy.maxAttempts),
              assign(fields.optionalInt(QLatin1String("requestsPerAddressPerHour"), 1, 100000),
                     config.policy.codeRequestsPerAddressPerHour),
              assign(fields.optionalString(QLatin1String("message")), config.policy.message)}) {
            if (!result)
                return fail(result.error());
        }
        if (lifetime)
            config.policy.codeLifetime = std::chrono::seconds(*lifetime);
        if (resend)
            config.policy.resendAfter = std::chrono::seconds(*resend);
    }

    if (auto notifier = root.optionalObject(QLatin1String("notifier")); !notifier) {
        return fail(notifier.error());
    } else if (notifier.value()) {
        const JsonFields fields(*notifier.value(), QStringLiteral("notifier"));
        std::optional<QString> kind;
        std::optional<QString> apiUrl;
        std::optional<int> timeout;
        std::optional<int> coolDown;
        for (const auto &result :
             {assign(fields.optionalString(QLatin1String("kind")), kind),
              assign(fields.optionalString(QLatin1String("telegramApiUrl")), apiUrl),
              assign(fields.optionalString(QLatin1String("tokenFile")), config.telegramTokenFile),
              assign(fields.optionalString(QLatin1String("tokenVariable")),
                     config.telegramTokenVariable),
              assign(fields.optionalString(QLatin1String("caFile")), config.telegramCaFile),
              assign(fields.optionalInt(QLatin1String("timeoutSeconds"), 1, 120), timeout),
              assign(fields.optionalInt(QLatin1String("breakerFailures"), 1, 1000),
                     config.telegramBreakerFailures),
              assign(fields.optionalInt(QLatin1String("breakerCoolDownSeconds"), 1, 3600),
                     coolDown),
              assign(fields.optionalString(QLatin1String("command")), config.notifyCommand),
              assign(fields.optionalStringArray(QLatin1String("arguments")),
                     config.notifyCommandArguments)}) {
            if (!result)
                return fail(result.error());
        }
        if (kind) {
            auto parsed = parseNotifier(*kind);
            if (!parsed)
                return fail(parsed.error());
            config.notifier = parsed.value();
        }
        if (apiUrl)
            config.telegramApiUrl = QUrl(*apiUrl);
        if (timeout)
            config.notifyTimeout = std::chrono::seconds(*timeout);
        if (coolDown)
            config.telegramBreakerCoolDown = std::chrono::seconds(*coolDown);
    }

    if (auto ca = root.optionalObject(QLatin1String("ca")); !ca) {
        return fail(ca.error());
    } else if (ca.value()) {
        const JsonFields fields(*ca.value(), QStringLiteral("ca"));
        std::optional<QString> mode;
        std::optional<QString> url;
        std::optional<int> caPort;
        std::optional<QString> keyType;
        for (const auto &result :
             {assign(fields.optionalString(QLatin1String("mode")), mode),
              assign(fields.optionalStringArray(QLatin1String("dnsNames")), config.caDnsNames),
              assign(fields.optionalInt(QLatin1String("port"), 1, 65535), caPort),
              assign(fields.optionalString(QLatin1String("keyType")), keyType),
              assign(fields.optionalString(QLatin1String("passwordFile")), config.caPasswordFile),
              assign(fields.optionalString(QLatin1String("url")), url),
              assign(fields.optionalString(QLatin1String("rootFile")), config.externalCaRootFile),
              assign(fields.optionalString(QLatin1String("intermediateFile")),
                     config.externalCaIntermediateFile),
              assign(fields.optionalString(QLatin1String("provisionerName")),
                     config.provisionerName),
              assign(fields.optionalString(QLatin1String("provisionerKeyFile")),
                     config.provisionerKeyFile),
              assign(fields.optionalString(QLatin1String("provisionerPasswordFile")),
                     config.provisionerPasswordFile)}) {
            if (!result)
                return fail(result.error());
        }
        if (mode) {
            auto parsed = parseCaMode(*mode);
            if (!parsed)
                return fail(parsed.error());
            config.caMode = parsed.value();
        }
        if (url)
            config.externalCaUrl = QUrl(*url);
        if (caPort)
            config.caListenPort = static_cast<quint16>(*caPort);
        if (keyType) {
            auto parsed = parseKeyType(*keyType);
            if (!parsed)
                return fail(parsed.error().withContext(QStringLiteral("ca.keyType")));
            config.caKeyType = parsed.value();
        }
    }

    if (auto tls = root.optionalObject(QLatin1String("tls")); !tls) {
        return fail(tls.error());
    } else if (tls.value()) {
        const JsonFields fields(*tls.value(), QStringLiteral("tls"));
        for (const auto &result :
             {assign(fields.optionalString(QLatin1String("certificateFile")),
                     config.tlsCertificateFile),
              assign(fields.optionalString(QLatin1String("keyFile")), config.tlsKeyFile)}) {
            if (!result)
                return fail(result.error());
        }
    }
    return config;
}

Result<void> ServerConfig::finish()
{
    if (dataDir.isEmpty()) {
        dataDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/certigram-server");
    }
    dataDir = QDir(dataDir).absolutePath();
    if (auditLogPath.isEmpty())
        auditLogPath = QStringLiteral("registration.log");
    if (codeKeyPath.isEmpty())
        codeKeyPath = QStringLiteral("code-hmac.key");
    for (QString *path :
         {&auditLogPath, &codeKeyPath, &telegramTokenFile, &telegramCaFile, &caPasswordFile,
          &externalCaRootFile, &externalCaIntermediateFile, &provisionerKeyFile,
          &provisionerPasswordFile, &tlsCertificateFile, &tlsKeyFile})
        *path = absoluteIn(dataDir, *path);
    if (!database)
        database = DatabaseConfig::sqlite(QDir(dataDir).filePath(QStringLiteral("certigram.db")));
    if (caDnsNames.isEmpty()) {
        caDnsNames = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
        const QString host = QHostInfo::localHostName();
        if (!host.isEmpty() && !caDnsNames.contains(host))
            caDnsNames << host;
    }

    if (notifier == NotifierKind::Command && notifyCommand.isEmpty())
        return configError(QStringLiteral("the command notifier needs --notify-command PROGRAM"));
    if (notifier == NotifierKind::Telegram && !telegramApiUrl.isValid())
        return configError(QStringLiteral("the Telegram API URL is not a valid URL"));
    if (caMode == CaMode::External) {
        if (!externalCaUrl.isValid() || externalCaUrl.scheme() != QLatin1String("https")
            || externalCaUrl.host().isEmpty())
            return configError(
                QStringLiteral("an external CA needs ca.url, e.g. https://ca.example.org:9000"));
        if (externalCaRootFile.isEmpty())
            return configError(
                QStringLiteral("an external CA needs ca.rootFile (its root certificate)"));
        if (provisionerKeyFile.isEmpty())
            return configError(QStringLiteral(
                "an external CA needs ca.provisionerKeyFile (the JWK provisioner's key)"));
        if (!plainHttp && (tlsCertificateFile.isEmpty() || tlsKeyFile.isEmpty()))
            return configError(QStringLiteral(
                "with an external CA, give the server's TLS certificate and key "
                "(tls.certificateFile, tls.keyFile) or --plain-http behind a proxy"));
    }
    return {};
}

} // namespace certigram
