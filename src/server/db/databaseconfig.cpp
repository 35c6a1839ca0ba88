#include "db/databaseconfig.h"

#include <QUrl>

namespace certigram {

DatabaseConfig DatabaseConfig::sqlite(const QString &filePath)
{
    DatabaseConfig config;
    config.m_backend = Backend::Sqlite;
    config.m_sqlitePath = filePath;
    return config;
}

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &text)
{
    const QString sqlitePrefix = QStringLiteral("sqlite:");
    if (text.startsWith(sqlitePrefix)) {
        QString path = text.mid(sqlitePrefix.size());
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2); // sqlite:///abs → /abs
        QString option;
        if (const qsizetype query = path.indexOf(QLatin1Char('?')); query >= 0) {
            option = path.mid(query + 1);
            path.truncate(query);
        }
        if (path.isEmpty())
            return Error(ErrorCode::InvalidInput, QStringLiteral("the sqlite: URL names no file"));
        DatabaseConfig config = sqlite(path);
        if (option == QLatin1String("synchronous=full"))
            config.m_sqliteSynchronousFull = true;
        else if (!option.isEmpty() && option != QLatin1String("synchronous=normal"))
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("the sqlite: URL takes only ?synchronous=normal or "
                                        "?synchronous=full, not ?%1")
                             .arg(option));
        return config;
    }

    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid()
        || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")))
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("database URL must look like postgresql://user:password@host:port/"
                           "database or sqlite:///path/to/file.db"));
    DatabaseConfig config;
    config.m_backend = Backend::Postgres;
    config.m_host = url.host();
    config.m_port = url.port(5432);
    config.m_user = url.userName(QUrl::FullyDecoded);
    config.m_password = url.password(QUrl::FullyDecoded);
    config.m_databaseName = url.path(QUrl::FullyDecoded).mid(1);
    if (config.m_host.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the database URL names no host"));
    if (config.m_databaseName.isEmpty() || config.m_databaseName.contains(QLatin1Char('/')))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the database URL must name one database (…/dbname)"));
    return config;
}

QString DatabaseConfig::driverName() const
{
    return m_backend == Backend::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString DatabaseConfig::redacted() const
{
    if (m_backend == Backend::Sqlite)
        return QStringLiteral("sqlite:") + m_sqlitePath
            + (m_sqliteSynchronousFull ? QStringLiteral("?synchronous=full") : QString());
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(m_host);
    url.setPort(m_port);
    url.setUserName(m_user);
    url.setPath(QLatin1Char('/') + m_databaseName);
    return url.toString();
}

} // namespace certigram
