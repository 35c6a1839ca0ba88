#pragma once

#include "app/serverconfig.h"
#include "core/result.h"
#include "crypto/certificate.h"

#include <QObject>
#include <QSslConfiguration>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace certigram {

class AuditLogWriter;
class CaKeyStore;
class CertificateAuthority;
class CodeRequestQuotaStore;
class Database;
class ExpiredRecordCleaner;
class HttpListener;
class MetricsRegistry;
class Notifier;
class PendingCodeStore;
class RegistrationService;
class UsedTokenStore;

// The whole server, assembled from its parts: database, audit log, metrics, notifier,
// the embedded CA (or an external step-ca's settings), the registration authority, the
// HTTPS listener and the cleaner. certigram-server runs one in its main thread; the
// desktop app runs one in a thread of its own.
class CertigramServer : public QObject
{
    Q_OBJECT

public:
    explicit CertigramServer(ServerConfig config, QObject *parent = nullptr);
    ~CertigramServer() override;

    // Creates what is missing (data directory, CA keys, database schema) and starts
    // listening. Slow the first time (key generation): call it before serving or off any
    // UI thread. Every failure is one clear message.
    Result<void> start();
    // Stops listening and waits for running handlers. Safe to call twice.
    void stop();

    const ServerConfig &config() const { return m_config; }
    quint16 port() const;
    // The embedded CA's port: its own listener's when it has one, else port().
    quint16 caPort() const;
    // Where clients reach this server (https://<first CA name>:<port>).
    QUrl url() const;
    // The CA root holders pin (SHA-256, lower-case hex).
    QString rootFingerprint() const;
    MetricsRegistry &metrics() const { return *m_metrics; }

    // Issues a fresh TLS certificate for the server from the embedded CA and switches the
    // listeners to it (new connections get it; open ones keep theirs). A timer calls it at
    // two thirds of the certificate's life; the admin panel may call it any time.
    void renewServerCertificate();
    PendingCodeStore &pendingCodes() const { return *m_codes; }

signals:
    void requestHandled(const QByteArray &method, const QString &route, int status,
                        qint64 elapsedMs);

private:
    Result<void> openStorage();
    Result<void> createNotifier();
    Result<void> prepareCertificateAuthority();
    Result<void> createListeners();
    std::unique_ptr<HttpListener> createListener(quint16 port, const QSslConfiguration &tls);
    Result<QSslConfiguration> tlsConfiguration();
    void registerServerRoutes();

    ServerConfig m_config;
    QThreadPool m_workers;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<PendingCodeStore> m_codes;
    std::unique_ptr<UsedTokenStore> m_usedTokens;
    std::unique_ptr<CodeRequestQuotaStore> m_codeQuotas;
    std::unique_ptr<AuditLogWriter> m_audit;
    std::unique_ptr<MetricsRegistry> m_metrics;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<CaKeyStore> m_caKeys; // embedded CA only…
    std::shared_ptr<CertificateAuthority> m_authority; // …and its authority
    QList<Certificate> m_caRoots;
    QList<Certificate> m_caIntermediates;
    std::unique_ptr<RegistrationService> m_registration;
    std::unique_ptr<HttpListener> m_listener; // the RA (and the CA, by default)
    std::unique_ptr<HttpListener> m_caListener; // the CA's own, when configured
    std::unique_ptr<ExpiredRecordCleaner> m_cleaner;
    QTimer m_certificateRenewal;
    bool m_started = false;
};

} // namespace certigram
