#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

namespace certigram {

class Database;

// Copies committed pages from SQLite's write-ahead log into the database file on a thread
// of its own, while the writers go on.
//
// SQLite checkpoints inside the commit that fills the log to wal_autocheckpoint (1,000
// pages): that writer copies every page and syncs the log and the database file twice while
// this process's other writes wait behind it in WriteBatches (under the CA's load about
// every 125 signs, and the cores idled meanwhile). With this thread's PASSIVE checkpoints
// most pages are copied and synced before then, so the checkpoint in the commit finds only
// the last ones left; it stays, because only a checkpoint that copies the whole log, which
// the writers' queue makes possible, lets SQLite start the log over.
class WalCheckpointer
{
public:
    explicit WalCheckpointer(Database &database);
    // Stops the thread (after the pass it may be in) and closes its connection. The thread
    // sleeps until commits come, and closes its connection after kIdleBeforeClosing
    // (walcheckpointer.cpp) without any.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // A write transaction committed: every kCommitsPerPass commits wake the thread.
    void noteCommit();

private:
    // Commits between passes: a pass per ~100-300 pages of log under load.
    static constexpr int kCommitsPerPass = 32;

    void run();
    // One PASSIVE checkpoint; whether this thread now holds a connection.
    bool checkpoint();

    Database &m_database;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    int m_commits = 0;
    bool m_stopping = false;
    std::thread m_thread; // last: starts once the members above exist
};

} // namespace certigram
