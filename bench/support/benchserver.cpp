#include "benchserver.h"

#include "serverprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>

namespace certigram::bench {

namespace {

// The server's maxima (serverconfig.cpp) for what would throttle one busy client address:
// the per-address HTTP rate, the per-address code requests, the open connections.
QJsonObject raisedLimits()
{
    return QJsonObject{
        {QStringLiteral("limits"),
         QJsonObject{{QStringLiteral("maxConnections"), 4096},
                     {QStringLiteral("requestsPerMinute"), 6000000},
                     {QStringLiteral("burst"), 1000000}}},
        {QStringLiteral("codes"),
         QJsonObject{{QStringLiteral("requestsPerAddressPerHour"), 100000}}},
    };
}

} // namespace

BenchServer::BenchServer(QString binary, QString folder, Settings settings)
    : m_binary(std::move(binary))
    , m_folder(std::move(folder))
    , m_settings(std::move(settings))
{ }

BenchServer::~BenchServer() = default;

QString BenchServer::limitsDescription()
{
    QStringList parts;
    const QJsonObject limits = raisedLimits();
    for (auto group = limits.begin(); group != limits.end(); ++group) {
        const QJsonObject values = group.value().toObject();
        for (auto value = values.begin(); value != values.end(); ++value)
            parts << QStringLiteral("%1.%2=%3")
                         .arg(group.key(), value.key())
                         .arg(value.value().toInt());
    }
    return parts.join(QLatin1Char(' '));
}

bool BenchServer::writeConfig(const QString &path) const
{
    QJsonObject config = raisedLimits();
    config.insert(QStringLiteral("database"), m_settings.databaseUrl);
    config.insert(QStringLiteral("cleanupIntervalSeconds"), m_settings.cleanupIntervalSeconds);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(config).toJson()) >= 0;
}

bool BenchServer::start()
{
    const QDir folder(m_folder);
    const QString configPath = folder.filePath(QStringLiteral("server.json"));
    if (!folder.mkpath(QStringLiteral(".")) || !writeConfig(configPath)) {
        m_error = QStringLiteral("cannot write %1").arg(configPath);
        return false;
    }
    const QString dataDir = folder.filePath(QStringLiteral("data"));
    m_process = std::make_unique<test::ServerProcess>(
        m_binary, dataDir, QStringList{QStringLiteral("--config"), configPath});
    if (!m_process->start()) {
        m_error = QStringLiteral("certigram-server did not start:\n")
            + QString::fromUtf8(m_process->output());
        return false;
    }
    const QList<QSslCertificate> root
        = QSslCertificate::fromPath(QDir(dataDir).filePath(QStringLiteral("ca/root_ca.crt")));
    if (root.isEmpty()) {
        m_error = QStringLiteral("no CA root in %1").arg(dataDir);
        return false;
    }
    m_clientTls = QSslConfiguration::defaultConfiguration();
    m_clientTls.setCaCertificates(root);
    return true;
}

quint16 BenchServer::port() const
{
    return m_process ? m_process->port() : 0;
}

QSslConfiguration BenchServer::clientTls() const
{
    return m_clientTls;
}

QByteArray BenchServer::output() const
{
    return m_process ? m_process->output() : QByteArray();
}

} // namespace certigram::bench
