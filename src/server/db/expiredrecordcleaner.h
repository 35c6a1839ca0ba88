#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

class QThreadPool;

namespace certigram {

class PendingCodeStore;
class UsedTokenStore;

// The prototype's cron job, in-process: every interval (default 60 s) deletes expired
// codes and the ids of expired tokens, in small batches on a worker thread so requests
// never wait behind one long delete. One run at a time.
class ExpiredRecordCleaner : public QObject
{
    Q_OBJECT

public:
    ExpiredRecordCleaner(PendingCodeStore &codes, UsedTokenStore &tokens, QThreadPool *workers,
                         std::chrono::milliseconds interval, QObject *parent = nullptr);

    void start();
    void stop();
    // Starts a run now (unless one is running).
    void runNow();

signals:
    void cleaned(int codes, int tokenIds);
    void failed(const QString &message);

private:
    PendingCodeStore &m_codes;
    UsedTokenStore &m_tokens;
    QThreadPool *m_workers;
    QTimer m_timer;
    bool m_running = false;
};

} // namespace certigram
