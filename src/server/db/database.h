#pragma once

#include "core/result.h"
#include "db/databaseconfig.h"
#include "db/walcheckpointer.h"
#include "db/writebatches.h"

#include <QSqlDatabase>

#include <functional>
#include <memory>

class QSqlQuery;

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

    // Runs `work` inside a write transaction: committed when it succeeds, rolled back when
    // it fails. On PostgreSQL on this thread's connection. On SQLite this process's writes
    // queue (SQLite's own busy wait polls with sleeps of a millisecond and more, longer than
    // most transactions here) and run in batches, each write in a savepoint of one shared
    // transaction (WriteBatches), on the connection of whichever thread runs the batch:
    // `work` must use the connection it is given, or prepared(), and nothing else
    // thread-bound. It must not call write() itself.
    Result<void> write(const std::function<Result<void>(QSqlDatabase &)> &work);

    // `statement` prepared on the calling thread's connection. On SQLite it is prepared
    // once and handed out again after that: for statements run on every request, whose
    // parsing costs as much as running them. Use it on this thread only; bind every
    // placeholder (bindValue by position) before each exec(), and finish() a SELECT once
    // its rows are read.
    Result<std::shared_ptr<QSqlQuery>> prepared(const QString &statement);

    // Deletes at most `batchSize` rows of `table` whose `timeColumn` is at most `upToMs`, in
    // one short write (a bounded batch never keeps requests waiting long), and returns how
    // many. `keyColumns` is the table's primary key: "jti", "subject, purpose". The names
    // are this program's constants, never input; `what` names the rows in an error.
    Result<int> deleteBatchUpTo(const QString &table, const QString &keyColumns,
                                const QString &timeColumn, qint64 upToMs, int batchSize,
                                const QString &what);

    // Brings the schema to the newest version. Safe to call from several processes at
    // once: they serialise on a lock and each migration runs once.
    Result<void> migrate();
    // The newest migration applied, 0 for an empty database.
    Result<int> schemaVersion();

    // The reason (for clients) of an Unavailable error: the database cannot be used now
    // (locked, read-only, full, unreachable) rather than the request being wrong; 503.
    static const QString kUnavailableReason;

    // Recovery from a failed storage without a restart. A storage failure seen by any thread
    // (sqlError() reports read-only, I/O, cannot-open and lost-connection errors here,
    // for reads as well as writes) starts a new connection generation: every thread's
    // connection opened before it is closed and opened anew at that thread's next use
    // (never inside a running write()). A thread that saw the failure in write() closes its
    // connection at once, so that nothing keeps files open on the failed filesystem: Linux
    // keeps an unmounted filesystem (and its emergency read-only state) alive, and a new
    // mount of the same device reuses it, for as long as any file on it is open.
    static void noteStorageFailure();
    // Closes the calling thread's connection now (the next use opens it again). For threads
    // that use the database now and then (the main thread after start-up), so that an idle
    // thread holds no files.
    void releaseConnection();
    // Closes the calling thread's connection if the storage failed since it was opened.
    // Cheap (one atomic read): for idle threads to call now and then.
    void releaseStaleConnection();

    // Implementation detail shared with per-thread connection handles (database.cpp).
    struct Registry;

private:
    Result<void> writePostgres(const std::function<Result<void>(QSqlDatabase &)> &work);
    void runSqliteBatch(const std::vector<WriteBatches::Entry *> &batch);
    // `entry`'s write in a savepoint of its own, undone alone if it fails; an error when the
    // batch's transaction cannot go on.
    Result<void> runInSavepoint(QSqlDatabase &db, WriteBatches::Entry &entry);
    // `work` on `db`; an exception it throws becomes an Internal error.
    Result<void> runWork(QSqlDatabase &db, const std::function<Result<void>(QSqlDatabase &)> &work);
    // BEGIN, COMMIT or ROLLBACK on `db`, this thread's connection.
    Result<void> control(QSqlDatabase &db, const QString &statement);

    DatabaseConfig m_config;
    quint64 m_instanceId;
    std::shared_ptr<Registry> m_registry;
    WriteBatches m_sqliteBatches; // see write()
    std::unique_ptr<WalCheckpointer> m_walCheckpointer; // SQLite only
};

// An Error from a failed query, naming what we tried. Shared by the storage classes.
// Errors of the storage (locked, read-only, full, I/O, connection lost) are Unavailable,
// with the reason Database::kUnavailableReason.
Error sqlError(const QString &what, const QSqlError &error);

} // namespace certigram
