#pragma once

#include "core/result.h"
#include "db/databaseconfig.h"

#include <QSqlDatabase>

#include <functional>
#include <memory>

namespace certigram {

// The server's database: one QSqlDatabase connection per thread (Qt requires it), opened
// on first use in that thread and closed when the thread ends or this object goes.
// Only the storage classes in src/server/db use it.
class Database
{
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseConfig &config() const { return m_config; }
    bool isPostgres() const { return m_config.backend() == DatabaseConfig::Backend::Postgres; }

    // The calling thread's connection, opened (and for SQLite, tuned: WAL, busy timeout,
    // foreign keys, owner-only file) on first use.
    Result<QSqlDatabase> connection();

    // Runs `work` inside a write transaction on this thread's connection: committed when
    // it succeeds, rolled back when it fails. SQLite takes the write lock up front
    // (BEGIN IMMEDIATE) so concurrent writers wait instead of failing mid-transaction.
    Result<void> write(const std::function<Result<void>(QSqlDatabase &)> &work);

    // Brings the schema to the newest version. Safe to call from several processes at
    // once: they serialise on a lock and each migration runs once.
    Result<void> migrate();
    // The newest migration applied, 0 for an empty database.
    Result<int> schemaVersion();

    // Implementation detail shared with per-thread connection handles (database.cpp).
    struct Registry;

private:
    DatabaseConfig m_config;
    quint64 m_instanceId;
    std::shared_ptr<Registry> m_registry;
};

// An Error from a failed query, naming what we tried. Shared by the storage classes.
Error sqlError(const QString &what, const QSqlError &error);

} // namespace certigram
