#include "app/certigramserver.h"

#include "ca/cakeystore.h"
#include "ca/carouter.h"
#include "ca/certificateauthority.h"
#include "crypto/secretfile.h"
#include "db/coderequestquotastore.h"
#include "db/database.h"
#include "db/expiredrecordcleaner.h"
#include "db/pendingcodestore.h"
#include "db/usedtokenstore.h"
#include "http/httplistener.h"
#include "log/auditlogwriter.h"
#include "metrics/metricsregistry.h"
#include "notify/commandnotifier.h"
#include "notify/consolenotifier.h"
#include "notify/telegramnotifier.h"
#include "ra/codehasher.h"
#include "ra/provisionerkeyloader.h"
#include "ra/raevent.h"
#include "ra/raroutes.h"
#include "ra/registrationservice.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSslKey>

namespace certigram {

Q_LOGGING_CATEGORY(lcServer, "certigram.server")

namespace {

Result<QList<Certificate>> readCertificates(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    auto chain = Certificate::chainFromPem(file.readAll());
    if (!chain)
        return chain.error().withContext(path);
    return chain;
}

QSslCertificate toSsl(const Certificate &certificate)
{
    return QSslCertificate(certificate.toPem(), QSsl::Pem);
}

Result<QSslKey> toSslKey(const PrivateKey &key)
{
    auto pem = key.toPem();
    if (!pem)
        return pem.error();
    const QSsl::KeyAlgorithm algorithm
        = key.algorithm() == KeyAlgorithm::Rsa ? QSsl::Rsa : QSsl::Ec;
    QByteArray bytes = pem->toByteArrayUnsafe();
    QSslKey sslKey(bytes, algorithm, QSsl::Pem);
    SecretBytes::wipe(bytes);
    if (sslKey.isNull())
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("the TLS key type is not supported (use RSA or ECDSA)"));
    return sslKey;
}

} // namespace

CertigramServer::CertigramServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_metrics(std::make_unique<MetricsRegistry>())
{
    m_workers.setMaxThreadCount(m_config.workerThreads);
    m_certificateRenewal.setSingleShot(true);
    connect(&m_certificateRenewal, &QTimer::timeout, this,
            &CertigramServer::renewServerCertificate);
}

CertigramServer::~CertigramServer()
{
    stop();
}

quint16 CertigramServer::port() const
{
    return m_listener ? m_listener->port() : 0;
}

quint16 CertigramServer::caPort() const
{
    return m_caListener ? m_caListener->port() : port();
}

QUrl CertigramServer::url() const
{
    QUrl url = m_config.caUrl();
    if (m_config.caMode == ServerConfig::CaMode::Embedded)
        url.setPort(caPort());
    return url;
}

QString CertigramServer::rootFingerprint() const
{
    return m_caRoots.isEmpty() ? QString() : m_caRoots.first().sha256Fingerprint();
}

Result<void> CertigramServer::start()
{
    if (m_started)
        return {};
    if (!QDir().mkpath(m_config.dataDir))
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot create the data directory %1").arg(m_config.dataDir));
    QFile::setPermissions(m_config.dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    for (const auto &step :
         {&CertigramServer::openStorage, &CertigramServer::createNotifier,
          &CertigramServer::prepareCertificateAuthority, &CertigramServer::createListeners}) {
        if (auto done = (this->*step)(); !done)
            return done;
    }

    auto codeKey = CodeHasher::loadOrCreateKey(m_config.codeKeyPath);
    if (!codeKey)
        return codeKey.error();
    Result<ProvisionerKey> provisioner = m_caKeys
        ? Result<ProvisionerKey>(m_caKeys->provisionerKey())
        : ProvisionerKeyLoader::load(m_config.provisionerName, m_config.provisionerKeyFile,
                                     m_config.provisionerPasswordFile);
    if (!provisioner)
        return provisioner.error();
    OneTimeTokenBuilder tokens(provisioner.value(), url());
    tokens.setRootFingerprint(rootFingerprint());
    m_registration = std::make_unique<RegistrationService>(
        m_config.policy, *m_codes, *m_codeQuotas, CodeHasher(codeKey.value()), *m_notifier, tokens,
        url(), m_caRoots, m_caIntermediates, m_audit.get(), m_metrics.get());
    RaRoutes::registerOn(*m_listener, *m_registration);
    if (m_authority)
        CaRouter::install(m_caListener ? *m_caListener : *m_listener, m_authority);
    registerServerRoutes();

    m_cleaner = std::make_unique<ExpiredRecordCleaner>(
        *m_codes, *m_usedTokens, *m_codeQuotas,
        std::chrono::duration_cast<std::chrono::milliseconds>(m_config.cleanupInterval));
    connect(m_cleaner.get(), &ExpiredRecordCleaner::failed, this, [](const QString &message) {
        qCWarning(lcServer) << "cleaning expired records:" << message;
    });
    m_cleaner->start();
    // The start-up's database work (migrations, the server certificate) ran on this thread,
    // whose connection stays open while the storage is healthy (closing the last connection
    // would checkpoint and delete SQLite's WAL). Once the storage fails it must not keep
    // files open on the failed filesystem (Database::noteStorageFailure()): checked often,
    // at the cost of one atomic read.
    auto *release = new QTimer(this);
    connect(release, &QTimer::timeout, this, [this] { m_database->releaseStaleConnection(); });
    release->start(std::chrono::milliseconds(50));
    m_started = true;
    return {};
}

void CertigramServer::stop()
{
    if (m_cleaner)
        m_cleaner->stop();
    m_certificateRenewal.stop();
    m_listener.reset(); // closes the socket; replies still due are dropped
    m_caListener.reset();
    m_workers.waitForDone();
    m_started = false;
}

Result<void> CertigramServer::openStorage()
{
    m_database = std::make_unique<Database>(*m_config.database);
    if (auto migrated = m_database->migrate(); !migrated)
        return migrated.error().withContext(
            QStringLiteral("database %1").arg(m_config.database->redacted()));
    m_codes = std::make_unique<PendingCodeStore>(*m_database);
    m_usedTokens = std::make_unique<UsedTokenStore>(*m_database);
    m_codeQuotas = std::make_unique<CodeRequestQuotaStore>(
        *m_database, m_config.policy.codeRequestsPerAddressPerHour);
    m_audit = std::make_unique<AuditLogWriter>();
    if (auto opened = m_audit->open(m_config.auditLogPath); !opened)
        return opened.error().withContext(QStringLiteral("audit log"));
    for (const RaEvent event : allRaEvents()) {
        const RaEventInfo info = raEventInfo(event);
        m_metrics->describe(QString::fromLatin1(info.metric), QString::fromLatin1(info.help));
        m_metrics->increment(QString::fromLatin1(info.metric), {}, 0); // present from the start
    }
    return {};
}

Result<void> CertigramServer::createNotifier()
{
    const auto timeout
        = std::chrono::duration_cast<std::chrono::milliseconds>(m_config.notifyTimeout);
    switch (m_config.notifier) {
    case ServerConfig::NotifierKind::Console:
        m_notifier = std::make_unique<ConsoleNotifier>();
        return {};
    case ServerConfig::NotifierKind::Command: {
        auto notifier = CommandNotifier::create(
            {m_config.notifyCommand, m_config.notifyCommandArguments, timeout, QString()});
        if (!notifier)
            return notifier.error();
        m_notifier = std::move(notifier.value());
        return {};
    }
    case ServerConfig::NotifierKind::Telegram: {
        TelegramNotifier::Options options;
        options.apiBaseUrl = m_config.telegramApiUrl;
        options.timeout = timeout;
        options.breakerFailures = m_config.telegramBreakerFailures;
        options.breakerCoolDown = m_config.telegramBreakerCoolDown;
        auto token = m_config.telegramTokenFile.isEmpty()
            ? TelegramNotifier::fromEnvironment(
                m_config.telegramTokenVariable.toLocal8Bit().constData())
            : TelegramNotifier::readBotToken(m_config.telegramTokenFile);
        if (!token)
            return token.error().withContext(QStringLiteral("Telegram bot token"));
        options.botToken = token.value();
        if (!m_config.telegramCaFile.isEmpty()) {
            auto extra = readCertificates(m_config.telegramCaFile);
            if (!extra)
                return extra.error();
            for (const Certificate &certificate : extra.value())
                options.extraCaCertificates << toSsl(certificate);
        }
        auto notifier = TelegramNotifier::create(std::move(options));
        if (!notifier)
            return notifier.error();
        m_notifier = std::move(notifier.value());
        return {};
    }
    }
    return {};
}

Result<void> CertigramServer::prepareCertificateAuthority()
{
    if (m_config.caMode == ServerConfig::CaMode::External) {
        auto roots = readCertificates(m_config.externalCaRootFile);
        if (!roots)
            return roots.error();
        m_caRoots = roots.value();
        if (!m_config.externalCaIntermediateFile.isEmpty()) {
            auto intermediates = readCertificates(m_config.externalCaIntermediateFile);
            if (!intermediates)
                return intermediates.error();
            m_caIntermediates = intermediates.value();
        }
        return {};
    }
    CaKeyStore::Options options;
    options.directory = QDir(m_config.dataDir).filePath(QStringLiteral("ca"));
    options.provisionerName = m_config.provisionerName;
    options.keyType = m_config.caKeyType;
    if (!m_config.caPasswordFile.isEmpty()) {
        auto password = SecretFile::read(m_config.caPasswordFile);
        if (!password)
            return password.error();
        options.password = password.value();
    }
    auto keys = CaKeyStore::open(options);
    if (!keys)
        return keys.error().withContext(QStringLiteral("embedded CA"));
    m_caKeys = std::make_unique<CaKeyStore>(keys.value());
    m_caRoots = {m_caKeys->root()};
    m_caIntermediates = {m_caKeys->intermediate()};
    CertificateAuthority::Config authorityConfig;
    authorityConfig.names = m_config.caDnsNames;
    auto authority = CertificateAuthority::create(*m_caKeys, authorityConfig, *m_database);
    if (!authority)
        return authority.error().withContext(QStringLiteral("embedded CA"));
    m_authority = authority.value();
    return {};
}

Result<QSslConfiguration> CertigramServer::tlsConfiguration()
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QList<QSslCertificate> trusted;
    for (const Certificate &certificate : m_caRoots + m_caIntermediates)
        trusted << toSsl(certificate);
    tls.setCaCertificates(trusted); // client certificates are verified against our CA

    if (m_authority) {
        // Our own certificate comes from our CA, for the names clients use.
        auto key = PrivateKey::generate(KeyType::EcP256);
        if (!key)
            return key.error();
        auto issued = m_authority->issueServerCertificate(key->publicKey(),
                                                          QDateTime::currentDateTimeUtc());
        if (!issued)
            return issued.error().withContext(
                QStringLiteral("issuing the server's TLS certificate"));
        auto sslKey = toSslKey(key.value());
        if (!sslKey)
            return sslKey.error();
        auto issuedChain = issued->chain();
        if (!issuedChain)
            return issuedChain.error();
        QList<QSslCertificate> chain;
        for (const Certificate &certificate : issuedChain.value())
            chain << toSsl(certificate);
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(sslKey.value());
        // Renewed in place at two thirds of its life, like `step ca renew --daemon`.
        const qint64 lifetime = issued->record.notBefore.secsTo(issued->record.notAfter);
        m_certificateRenewal.start(std::chrono::seconds(lifetime * 2 / 3));
        return tls;
    }

    auto chain = readCertificates(m_config.tlsCertificateFile);
    if (!chain)
        return chain.error();
    auto keyPem = SecretFile::read(m_config.tlsKeyFile);
    if (!keyPem)
        return keyPem.error();
    QByteArray keyBytes = keyPem->toByteArrayUnsafe();
    auto key = PrivateKey::fromPem(keyBytes);
    SecretBytes::wipe(keyBytes);
    if (!key)
        return key.error().withContext(m_config.tlsKeyFile);
    if (!chain->first().matchesPrivateKey(key.value()))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is not the key of %2")
                         .arg(m_config.tlsKeyFile, m_config.tlsCertificateFile));
    auto sslKey = toSslKey(key.value());
    if (!sslKey)
        return sslKey.error();
    QList<QSslCertificate> sslChain;
    for (const Certificate &certificate : chain.value())
        sslChain << toSsl(certificate);
    tls.setLocalCertificateChain(sslChain);
    tls.setPrivateKey(sslKey.value());
    return tls;
}

void CertigramServer::renewServerCertificate()
{
    auto tls = tlsConfiguration();
    if (!tls) {
        qCWarning(lcServer) << "renewing the server certificate failed, retrying in a minute:"
                            << tls.error().message();
        m_certificateRenewal.start(std::chrono::minutes(1));
        return;
    }
    m_listener->setTlsConfiguration(tls.value());
    if (m_caListener)
        m_caListener->setTlsConfiguration(tls.value());
    qCInfo(lcServer) << "server certificate renewed";
}

Result<void> CertigramServer::createListeners()
{
    QSslConfiguration tls;
    if (!m_config.plainHttp) {
        auto configured = tlsConfiguration();
        if (!configured)
            return configured.error();
        tls = configured.value();
    }
    m_listener = createListener(m_config.listenPort, tls);
    if (auto listening = m_listener->listen(); !listening)
        return listening;
    if (m_authority && m_config.caListenPort != 0) {
        m_caListener = createListener(m_config.caListenPort, tls);
        if (auto listening = m_caListener->listen(); !listening)
            return listening.error().withContext(QStringLiteral("the CA's listener"));
    }
    return {};
}

std::unique_ptr<HttpListener> CertigramServer::createListener(quint16 port,
                                                              const QSslConfiguration &tls)
{
    HttpListener::Options options;
    options.address = m_config.listenAddress;
    options.port = port;
    options.plainHttp = m_config.plainHttp;
    options.limits = m_config.limits;
    options.tls = tls;
    auto listener = std::make_unique<HttpListener>(options, &m_workers);
    connect(listener.get(), &HttpListener::requestHandled, this,
            [this](const QByteArray &method, const QString &route, int status, qint64 elapsedMs,
                   const QHostAddress &) {
                const MetricsRegistry::Labels labels{
                    {QStringLiteral("route"), route},
                    {QStringLiteral("method"), QString::fromLatin1(method)},
                    {QStringLiteral("status"), QString::number(status)}};
                m_metrics->increment(QStringLiteral("certigram_http_requests_total"), labels);
                m_metrics->observe(QStringLiteral("certigram_http_request_duration_seconds"),
                                   {{QStringLiteral("route"), route}}, elapsedMs / 1000.0);
                emit requestHandled(method, route, status, elapsedMs);
            });
    return listener;
}

void CertigramServer::registerServerRoutes()
{
    m_metrics->describe(QStringLiteral("certigram_http_requests_total"),
                        QStringLiteral("HTTP requests by route, method and status."));
    m_metrics->describe(QStringLiteral("certigram_http_request_duration_seconds"),
                        QStringLiteral("Time from request to reply, by route."));
    MetricsRegistry *metrics = m_metrics.get();
    // Monitoring must see the server even while every worker waits on Telegram or the
    // database: these run inline, on the listener's thread (HttpListener::Dispatch).
    m_listener->route(
        QHttpServerRequest::Method::Get, QStringLiteral("/metrics"),
        [metrics](const HttpRequest &) {
            HttpReply reply = HttpReply::text(200, metrics->render());
            reply.contentType = "text/plain; version=0.0.4; charset=utf-8";
            return reply;
        },
        HttpListener::Dispatch::Inline);
    if (!m_authority || m_caListener) {
        // Where the embedded CA shares this listener, its step-ca routes answer /health.
        m_listener->route(
            QHttpServerRequest::Method::Get, QStringLiteral("/health"),
            [](const HttpRequest &) {
                return HttpReply::json(200, {{QStringLiteral("status"), QStringLiteral("ok")}});
            },
            HttpListener::Dispatch::Inline);
    }
    // The CA's routes that only read what the authority holds in memory (no storage, no
    // signing) run inline as well.
    for (HttpListener *listener : {m_listener.get(), m_caListener.get()}) {
        if (!listener || !m_authority)
            continue;
        for (const QString &prefix : {QString(), QStringLiteral("/1.0")}) {
            for (const char *path :
                 {"/health", "/version", "/roots", "/root/<arg>", "/provisioners"})
                listener->setDispatch(QHttpServerRequest::Method::Get, prefix + QLatin1String(path),
                                      HttpListener::Dispatch::Inline);
        }
    }
}

} // namespace certigram
