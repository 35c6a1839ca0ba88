#include "db/database.h"

#include "db/migrations.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <optional>
#include <unordered_map>

namespace certigram {

// The connections this Database opened, by name, so it can close them all when it goes;
// shared with the per-thread handles, which may outlive it.
struct Database::Registry
{
    QMutex mutex;
    QSet<QString> names;

    void remove(const QString &name)
    {
        QMutexLocker lock(&mutex);
        removeLocked(name);
    }
    // With `mutex` held.
    void removeLocked(const QString &name)
    {
        if (names.remove(name))
            QSqlDatabase::removeDatabase(name);
    }
};

namespace {

QAtomicInteger<quint64> nextInstanceId{1};

// How long SQLite waits for another connection's lock (and a writer for this process's).
constexpr int kSqliteBusyTimeoutMs = 10000;

// Bumped by every storage failure of the kind that may leave a connection on a file or
// filesystem that is no longer the database's (read-only, I/O error, full, cannot open,
// connection lost): every thread's connection opened before it is opened anew at its next
// use (Database::connection()). Process-wide, because sqlError() knows no Database; a
// spurious reopen only costs the prepared statements.
std::atomic<quint64> g_storageGeneration{0};

// Closes one thread's connection when that thread ends.
struct ThreadConnection
{
    std::shared_ptr<Database::Registry> registry;
    QString name;
    std::unordered_map<QString, std::shared_ptr<QSqlQuery>> statements; // Database::prepared()
    quint64 generation = 0; // g_storageGeneration when it was opened
    int inTransaction = 0; // inside write(): never reopened under a running transaction
    ~ThreadConnection()
    {
        // A thread's handles go at its very end, after QThread::wait() has already returned
        // to whoever waited for it (~QThreadPool, then ~Database, as a server stops): the
        // lock keeps ~Database from closing this connection while its statements finalize.
        QMutexLocker lock(&registry->mutex);
        statements.clear(); // before their connection goes
        registry->removeLocked(name);
    }
};

// Keyed by Database instance id (never reused), so several databases can coexist.
thread_local std::unordered_map<quint64, std::unique_ptr<ThreadConnection>> t_connections;

Result<void> exec(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return sqlError(statement.section(QLatin1Char(' '), 0, 1), query.lastError());
    return {};
}

// WAL, and synchronous as configured (DatabaseConfig::sqliteSynchronousFull()).
// wal_autocheckpoint stays SQLite's 1,000 pages: the checkpoint runs inside the commit that
// fills the WAL, while this process's other writes wait, and 4,096 pages made the stall
// behind a purge's checkpoint 137 ms (bench_cleaner) against 47 ms. WalCheckpointer copies
// most pages before then, so that checkpoint has little left to do.
Result<void> tuneSqlite(QSqlDatabase &db, bool synchronousFull)
{
    for (const char *pragma :
         {"PRAGMA journal_mode=WAL",
          synchronousFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL",
          "PRAGMA foreign_keys=ON"}) {
        if (auto done = exec(db, QString::fromLatin1(pragma)); !done)
            return done;
    }
    return {};
}

} // namespace

namespace {

// SQLite's primary result codes (sqlite3.h) that mean "the storage cannot be used now",
// not "this request is wrong": QSQLITE reports them as the native error code.
enum SqliteCode { Busy = 5, Locked = 6, ReadOnly = 8, IoErr = 10, Full = 13, CantOpen = 14 };

int sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1; // an extended code carries the primary one in its low byte
}

// A connection that saw the storage fail may be stuck on a file that is gone or was
// remounted (its descriptors stay on the old one), or on a lost server: open it anew.
bool needsNewConnection(const Error &error)
{
    return error.code() == ErrorCode::Unavailable;
}

// Cleared when this thread's write() returns; see Database::write().
struct TransactionMark
{
    explicit TransactionMark(quint64 instanceId)
        : m_instanceId(instanceId)
    {
        if (auto found = t_connections.find(m_instanceId); found != t_connections.end())
            ++found->second->inTransaction;
    }
    ~TransactionMark()
    {
        if (auto found = t_connections.find(m_instanceId); found != t_connections.end())
            --found->second->inTransaction;
    }
    TransactionMark(const TransactionMark &) = delete;
    TransactionMark &operator=(const TransactionMark &) = delete;
    quint64 m_instanceId;
};

} // namespace

const QString Database::kUnavailableReason = QStringLiteral("database-unavailable");

Error sqlError(const QString &what, const QSqlError &error)
{
    const int code = sqliteCode(error);
    const QString message
        = QStringLiteral("database: %1 failed: %2").arg(what, error.text().trimmed());
    // Locked, read-only, full, unreachable: the request was fine, the storage was not; the
    // server answers 503 so clients retry instead of giving up.
    const bool fileOrServerFailed = code == ReadOnly || code == IoErr || code == CantOpen
        || error.type() == QSqlError::ConnectionError;
    // A lock held elsewhere (busy, locked) or a full disk is no fault of any connection: no
    // reopening (closing the last connection would also checkpoint and delete the WAL, so
    // that a full disk seemed to come and go with the server's own connections).
    if (fileOrServerFailed)
        Database::noteStorageFailure();
    if (fileOrServerFailed || code == Busy || code == Locked || code == Full)
        return Error(ErrorCode::Unavailable, message).withReason(Database::kUnavailableReason);
    return Error(ErrorCode::IoError, message);
}

void Database::noteStorageFailure()
{
    g_storageGeneration.fetch_add(1, std::memory_order_acq_rel);
}

void Database::releaseConnection()
{
    t_connections.erase(m_instanceId);
}

void Database::releaseStaleConnection()
{
    const auto found = t_connections.find(m_instanceId);
    if (found != t_connections.end() && found->second->inTransaction == 0
        && found->second->generation != g_storageGeneration.load(std::memory_order_acquire))
        t_connections.erase(found);
}

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_instanceId(nextInstanceId.fetchAndAddRelaxed(1))
    , m_registry(std::make_shared<Registry>())
{
    if (!isPostgres())
        m_walCheckpointer = std::make_unique<WalCheckpointer>(*this);
}

Database::~Database()
{
    m_walCheckpointer.reset(); // its thread's connection goes with it
    t_connections.erase(m_instanceId);
    QMutexLocker lock(&m_registry->mutex);
    for (const QString &name : std::as_const(m_registry->names))
        QSqlDatabase::removeDatabase(name);
    m_registry->names.clear();
}

Result<QSqlDatabase> Database::connection()
{
    const quint64 generation = g_storageGeneration.load(std::memory_order_acquire);
    if (auto found = t_connections.find(m_instanceId); found != t_connections.end()) {
        const ThreadConnection &current = *found->second;
        if (current.generation == generation || current.inTransaction > 0)
            return QSqlDatabase::database(current.name, false);
        // Opened before the storage failed (here or on another thread): its descriptors,
        // and SQLite's -shm mapping, may be on a filesystem that has since been replaced;
        // holding them would also keep that filesystem busy. Open the path anew.
        t_connections.erase(found);
    }

    const QString name = QStringLiteral("certigram-%1-%2")
                             .arg(m_instanceId)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16);
    QSqlDatabase db = QSqlDatabase::addDatabase(m_config.driverName(), name);
    {
        QMutexLocker lock(&m_registry->mutex);
        m_registry->names.insert(name);
    }
    auto handle = std::make_unique<ThreadConnection>();
    handle->registry = m_registry;
    handle->name = name;
    handle->generation = generation;

    if (m_config.backend() == DatabaseConfig::Backend::Sqlite) {
        const QFileInfo file(m_config.sqlitePath());
        if (!QDir().mkpath(file.absolutePath()))
            return Error(ErrorCode::IoError,
                         QStringLiteral("cannot create the folder %1").arg(file.absolutePath()));
        db.setDatabaseName(file.absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kSqliteBusyTimeoutMs));
    } else {
        db.setHostName(m_config.host());
        db.setPort(m_config.port());
        db.setUserName(m_config.user());
        db.setPassword(m_config.password());
        db.setDatabaseName(m_config.databaseName());
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!db.open()) {
        const Error error
            = sqlError(QStringLiteral("opening ") + m_config.redacted(), db.lastError());
        db = QSqlDatabase();
        m_registry->remove(name);
        handle->name.clear();
        return error;
    }
    if (m_config.backend() == DatabaseConfig::Backend::Sqlite) {
        // Owner-only: the database holds code hashes and the CA's records.
        QFile::setPermissions(db.databaseName(), QFile::ReadOwner | QFile::WriteOwner);
        if (auto tuned = tuneSqlite(db, m_config.sqliteSynchronousFull()); !tuned) {
            db.close();
            db = QSqlDatabase(); // the handle removes the connection as it goes
            return tuned.error();
        }
    }
    t_connections.emplace(m_instanceId, std::move(handle));
    return db;
}

Result<std::shared_ptr<QSqlQuery>> Database::prepared(const QString &statement)
{
    auto db = connection();
    if (!db)
        return db.error();
    auto &statements = t_connections.at(m_instanceId)->statements;
    if (auto found = statements.find(statement); found != statements.end())
        return found->second;
    auto query = std::make_shared<QSqlQuery>(db.value());
    if (!query->prepare(statement))
        return sqlError(QStringLiteral("preparing ") + statement.section(QLatin1Char(' '), 0, 1),
                        query->lastError());
    // Only SQLite's are kept: Qt's PostgreSQL results must go before their connection,
    // which a Database closes for all threads when it goes.
    if (!isPostgres())
        statements.emplace(statement, query);
    return query;
}

Result<int> Database::deleteBatchUpTo(const QString &table, const QString &keyColumns,
                                      const QString &timeColumn, qint64 upToMs, int batchSize,
                                      const QString &what)
{
    // PostgreSQL deletes the rows its index scan found by their physical address, not by
    // looking each up again through the primary key: half the work per row.
    const QString batch = QStringLiteral(" FROM ") + table + QStringLiteral(" WHERE ") + timeColumn
        + QStringLiteral(" <= ? LIMIT ?");
    const QString statement = isPostgres()
        ? QStringLiteral("DELETE FROM ") + table
            + QStringLiteral(" WHERE ctid = ANY(ARRAY(SELECT ctid") + batch + QStringLiteral("))")
        : QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE (") + keyColumns
            + QStringLiteral(") IN (SELECT ") + keyColumns + batch + QStringLiteral(")");
    int deleted = 0;
    auto done = write([&](QSqlDatabase &db) -> Result<void> {
        QSqlQuery remove(db);
        remove.prepare(statement);
        remove.addBindValue(upToMs);
        remove.addBindValue(batchSize);
        if (!remove.exec())
            return sqlError(QStringLiteral("deleting ") + what, remove.lastError());
        deleted = remove.numRowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    return deleted;
}

Result<void> Database::control(QSqlDatabase &db, const QString &statement)
{
    // PostgreSQL cannot prepare transaction control statements; they are short there.
    if (isPostgres())
        return exec(db, statement);
    auto query = prepared(statement);
    if (!query)
        return query.error();
    if (!query.value()->exec())
        return sqlError(statement, query.value()->lastError());
    return {};
}

Result<void> Database::write(const std::function<Result<void>(QSqlDatabase &)> &work)
{
    const quint64 generation = g_storageGeneration.load(std::memory_order_acquire);
    Result<void> outcome;
    if (isPostgres()) {
        // PostgreSQL runs concurrent transactions itself (and merges their WAL flushes);
        // batching its writes would only add lock-order deadlocks between instances.
        outcome = writePostgres(work);
    } else {
        // Bounded like SQLite's own wait: while another process holds the database, each
        // queued writer would otherwise wait its turn plus a whole busy timeout, and the
        // n-th request n busy timeouts (tst_faults databaseLocked).
        const Error timedOut
            = Error(ErrorCode::Unavailable,
                    QStringLiteral("database: waiting for the write lock timed out"))
                  .withReason(kUnavailableReason);
        outcome = m_sqliteBatches.run(
            work, std::chrono::milliseconds(kSqliteBusyTimeoutMs), timedOut,
            [this](const std::vector<WriteBatches::Entry *> &batch) { runSqliteBatch(batch); });
    }
    // The file or server failed (sqlError() started a new generation): nothing stays open
    // on failing storage; the next use reopens.
    if (!outcome && needsNewConnection(outcome.error())
        && g_storageGeneration.load(std::memory_order_acquire) != generation)
        releaseConnection();
    return outcome;
}

Result<void> Database::writePostgres(const std::function<Result<void>(QSqlDatabase &)> &work)
{
    auto db = connection();
    if (!db)
        return db.error();
    // From here to the end, prepared() and connection() on this thread return this same
    // connection even if another thread sees the storage fail meanwhile.
    const TransactionMark mark(m_instanceId);
    if (auto begun = control(db.value(), QStringLiteral("BEGIN")); !begun)
        return begun;
    Result<void> outcome = runWork(db.value(), work);
    if (!outcome) {
        (void)control(db.value(), QStringLiteral("ROLLBACK"));
        return outcome;
    }
    if (auto committed = control(db.value(), QStringLiteral("COMMIT")); !committed) {
        (void)control(db.value(), QStringLiteral("ROLLBACK"));
        return committed;
    }
    return {};
}

Result<void> Database::runWork(QSqlDatabase &db,
                               const std::function<Result<void>(QSqlDatabase &)> &work)
{
    // An exception would cross to whichever thread runs a SQLite batch, and leave the
    // transaction open: it fails this write alone instead.
    try {
        return work(db);
    } catch (const std::exception &exception) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("database: a write failed: %1").arg(exception.what()));
    } catch (...) {
        return Error(ErrorCode::Internal, QStringLiteral("database: a write failed"));
    }
}

Result<void> Database::runInSavepoint(QSqlDatabase &db, WriteBatches::Entry &entry)
{
    if (auto saved = control(db, QStringLiteral("SAVEPOINT batched_write")); !saved)
        return saved;
    entry.outcome = runWork(db, *entry.work);
    // SQLite itself rolls the whole transaction back on some errors (a full disk, an I/O
    // error): then there is no savepoint to go back to, and the write's error is the cause.
    if (!entry.outcome && !control(db, QStringLiteral("ROLLBACK TO batched_write")))
        return entry.outcome.error();
    return control(db, QStringLiteral("RELEASE batched_write"));
}

void Database::runSqliteBatch(const std::vector<WriteBatches::Entry *> &batch)
{
    const auto failAll = [&batch](const Error &error) {
        for (WriteBatches::Entry *entry : batch)
            entry->outcome = error;
    };
    auto db = connection();
    if (!db)
        return failAll(db.error());
    const TransactionMark mark(m_instanceId); // as in writePostgres()
    // BEGIN IMMEDIATE takes the write lock up front, so that another process's writer makes
    // this one wait (up to the busy timeout) instead of failing it mid-transaction.
    if (auto begun = control(db.value(), QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return failAll(begun.error());
    // A write alone in its batch (the usual case but under load) is its transaction's only
    // work; in a larger batch each write has a savepoint of its own.
    if (batch.size() == 1) {
        batch.front()->outcome = runWork(db.value(), *batch.front()->work);
    } else {
        for (WriteBatches::Entry *entry : batch) {
            if (auto kept = runInSavepoint(db.value(), *entry); !kept) {
                (void)control(db.value(), QStringLiteral("ROLLBACK"));
                return failAll(kept.error());
            }
        }
    }
    const bool anySucceeded
        = std::any_of(batch.begin(), batch.end(),
                      [](const WriteBatches::Entry *entry) { return entry->outcome.ok(); });
    if (!anySucceeded) {
        (void)control(db.value(), QStringLiteral("ROLLBACK"));
        return;
    }
    if (auto committed = control(db.value(), QStringLiteral("COMMIT")); !committed) {
        (void)control(db.value(), QStringLiteral("ROLLBACK"));
        for (WriteBatches::Entry *entry : batch) {
            if (entry->outcome)
                entry->outcome = committed.error();
        }
        return;
    }
    m_walCheckpointer->noteCommit();
}

Result<int> Database::schemaVersion()
{
    auto db = connection();
    if (!db)
        return db.error();
    return Migrations::currentVersion(db.value());
}

Result<void> Database::migrate()
{
    return write([this](QSqlDatabase &db) { return Migrations::apply(db, isPostgres()); });
}

} // namespace certigram
