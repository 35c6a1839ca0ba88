#include "db/writebatches.h"

#include <algorithm>

namespace certigram {

Result<void> WriteBatches::run(const Work &work, std::chrono::milliseconds queueTimeout,
                               const Error &timeoutError, const Runner &runBatch)
{
    Entry mine;
    mine.work = &work;
    const auto deadline = std::chrono::steady_clock::now() + queueTimeout;
    std::unique_lock lock(m_mutex);
    m_queue.push_back(&mine);
    while (!mine.finished) {
        if (!m_batchRunning) {
            // Lead the next batch: the oldest queued writes, this one among them unless
            // more than a batch's worth came first.
            m_batchRunning = true;
            const std::size_t size = std::min(m_queue.size(), kMaxBatch);
            const std::vector<Entry *> batch(m_queue.begin(), m_queue.begin() + size);
            m_queue.erase(m_queue.begin(), m_queue.begin() + size);
            lock.unlock();
            runBatch(batch);
            lock.lock();
            for (Entry *entry : batch)
                entry->finished = true;
            m_batchRunning = false;
            m_batchFinished.notify_all();
            continue;
        }
        if (m_batchFinished.wait_until(lock, deadline) == std::cv_status::timeout && !mine.finished
            && m_batchRunning) {
            const auto queued = std::find(m_queue.begin(), m_queue.end(), &mine);
            if (queued != m_queue.end()) {
                m_queue.erase(queued);
                return timeoutError;
            }
            // Already in the running batch: its outcome comes when that batch ends. Wait for
            // it without a deadline from here on; a batch is bounded by SQLite's busy timeout.
            m_batchFinished.wait(lock, [&] { return mine.finished; });
        }
    }
    return mine.outcome;
}

} // namespace certigram
