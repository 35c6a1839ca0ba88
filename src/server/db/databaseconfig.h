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
    // "sqlite:relative/path.db", optionally followed by "?synchronous=full" or
    // "?synchronous=normal" (the default).
    static Result<DatabaseConfig> fromUrl(const QString &url);
    static DatabaseConfig sqlite(const QString &filePath);

    Backend backend() const { return m_backend; }
    QString driverName() const;
    const QString &sqlitePath() const { return m_sqlitePath; }
    // SQLite's synchronous setting. NORMAL (the default): in WAL mode a commit survives the
    // process being killed, but the last ones before a power cut or a failing filesystem
    // can be lost; step-ca's default store makes the same trade. FULL: every commit is on
    // the disk before it is reported, at the cost of an fsync per write transaction (a
    // third of the embedded CA's sign rate on this project's test machine).
    bool sqliteSynchronousFull() const { return m_sqliteSynchronousFull; }
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
    bool m_sqliteSynchronousFull = false;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_databaseName;
};

} // namespace certigram
