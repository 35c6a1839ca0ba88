#pragma once

#include "core/result.h"

#include <QString>

namespace certigram {

// Where the server keeps its state: an SQLite file (the embedded default) or a
// PostgreSQL database shared by several server instances.
class DatabaseConfig
{
public:
    enum class Backend { Sqlite, Postgres };

    // "postgresql://user:password@host:port/dbname" (also "postgres://"; user, password
    // and port optional; percent-escapes decoded), "sqlite:///absolute/path.db" or
    // "sqlite:relative/path.db".
    static Result<DatabaseConfig> fromUrl(const QString &url);
    static DatabaseConfig sqlite(const QString &filePath);

    Backend backend() const { return m_backend; }
    QString driverName() const;
    const QString &sqlitePath() const { return m_sqlitePath; }
    const QString &host() const { return m_host; }
    int port() const { return m_port; }
    const QString &user() const { return m_user; }
    const QString &password() const { return m_password; }
    const QString &databaseName() const { return m_databaseName; }

    // The URL without its password, for logs and messages.
    QString redacted() const;

private:
    Backend m_backend = Backend::Sqlite;
    QString m_sqlitePath;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_databaseName;
};

} // namespace certigram
