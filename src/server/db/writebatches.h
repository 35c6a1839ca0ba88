#pragma once

#include "core/result.h"

#include <QSqlDatabase>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace certigram {

// Group commit for one SQLite database: the writes that threads of this process start while
// another write is running wait in a queue, and the next of them to run takes the whole
// queue as one batch, run in one transaction on its own thread. SQLite has one writer at a
// time anyway; sharing the commit (its BEGIN and COMMIT, and the WAL frames of the pages
// every write touches, such as a table's last leaf) lets that one writer do more.
//
// A write may so run on another thread than its caller's (the cleaner's delete on a request
// worker, or a request's insert on the cleaner's thread); the caller waits for it either
// way, as it would have waited for the other to commit.
//
// Only the queueing is here; Database::runSqliteBatch() runs a batch.
class WriteBatches
{
public:
    using Work = std::function<Result<void>(QSqlDatabase &)>;
    // One queued write and, once its batch has run, its outcome.
    struct Entry
    {
        const Work *work = nullptr;
        Result<void> outcome;
        bool finished = false;
    };
    // Runs a batch and sets every entry's outcome.
    using Runner = std::function<void(const std::vector<Entry *> &)>;

    // Runs `work` in a batch: through `runBatch` on this thread if no batch is running, or
    // on the thread of the batch that takes it. A write still queued after `queueTimeout`
    // (batches ahead of it held up, say by another process's lock) fails as Unavailable
    // with `timeoutError`.
    Result<void> run(const Work &work, std::chrono::milliseconds queueTimeout,
                     const Error &timeoutError, const Runner &runBatch);

private:
    // At most this many writes share one transaction, so that none waits on too long a batch.
    static constexpr std::size_t kMaxBatch = 64;

    std::mutex m_mutex;
    std::condition_variable m_batchFinished;
    std::deque<Entry *> m_queue;
    bool m_batchRunning = false;
};

} // namespace certigram
