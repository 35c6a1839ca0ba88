#pragma once

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <chrono>

namespace certigram {

class CodeRequestQuotaStore;
class PendingCodeStore;
class UsedTokenStore;

// The prototype's cron job, in-process: every interval (default 60 s) deletes expired
// codes, the ids of expired tokens and the code request quotas of addresses that have been
// quiet long enough for theirs to refill, in small batches on a thread of its own (resting
// between batches, so requests never wait behind a long purge, and never taking a request
// worker). One run at a time; stop() ends a run between two batches.
class ExpiredRecordCleaner : public QObject
{
    Q_OBJECT

public:
    ExpiredRecordCleaner(PendingCodeStore &codes, UsedTokenStore &tokens,
                         CodeRequestQuotaStore &quotas, std::chrono::milliseconds interval,
                         QObject *parent = nullptr);
    ~ExpiredRecordCleaner() override;

    void start();
    // Stops the timer and a run in progress (after its current batch).
    void stop();
    // Starts a run now (unless one is running), also after stop().
    void runNow();

signals:
    void cleaned(int codes, int tokenIds);
    void failed(const QString &message);

private:
    PendingCodeStore &m_codes;
    UsedTokenStore &m_tokens;
    CodeRequestQuotaStore &m_quotas;
    QThreadPool m_thread; // one thread: a run
    std::atomic<bool> m_stopping{false};
    QTimer m_timer;
    bool m_running = false;
};

} // namespace certigram
