#include "db/walcheckpointer.h"

#include "db/database.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <chrono>

namespace certigram {

Q_LOGGING_CATEGORY(lcCheckpoint, "certigram.server.db.checkpoint")

namespace {

// An idle thread closes its connection, so that it holds no files open between bursts of
// writes (nor on a filesystem that failed meanwhile; see Database::noteStorageFailure()).
constexpr auto kIdleBeforeClosing = std::chrono::milliseconds(200);

} // namespace

WalCheckpointer::WalCheckpointer(Database &database)
    : m_database(database)
    , m_thread([this] { run(); })
{ }

WalCheckpointer::~WalCheckpointer()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WalCheckpointer::noteCommit()
{
    bool wake = false;
    {
        const std::lock_guard lock(m_mutex);
        wake = ++m_commits == kCommitsPerPass;
    }
    if (wake)
        m_wake.notify_one();
}

void WalCheckpointer::run()
{
    const auto due = [this] { return m_stopping || m_commits >= kCommitsPerPass; };
    bool connected = false;
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (!connected) {
            m_wake.wait(lock, due);
        } else if (!m_wake.wait_for(lock, kIdleBeforeClosing, due)) {
            m_database.releaseConnection();
            connected = false;
            continue;
        }
        if (m_stopping)
            break;
        m_commits = 0;
        lock.unlock();
        connected = checkpoint();
        lock.lock();
    }
    lock.unlock();
    m_database.releaseConnection();
}

bool WalCheckpointer::checkpoint()
{
    m_database.releaseStaleConnection();
    auto db = m_database.connection();
    if (!db)
        return false; // the writers report a failing database; this thread only helps
    // PASSIVE never waits for readers or writers: it copies what no reader still needs.
    QSqlQuery query(db.value());
    if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")))
        qCDebug(lcCheckpoint) << "checkpoint failed:" << query.lastError().text();
    return true;
}

} // namespace certigram
