#include "db/expiredrecordcleaner.h"

#include "db/coderequestquotastore.h"
#include "db/pendingcodestore.h"
#include "db/usedtokenstore.h"

#include "client/background.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace certigram {

namespace {

constexpr int kBatchSize = 500;

struct CleanupOutcome
{
    int codes = 0;
    int tokenIds = 0;
    QString error;
};

// The longest rest between two batches.
constexpr qint64 kMaxRestMs = 50;

// Deletes batch after batch until a batch comes back short, resting after each batch as
// long as it took: the database has one write lock, which neither SQLite nor a mutex hands
// over fairly, so without the rest a long purge would keep requests waiting batch after
// batch. Requests get the lock while the cleaner rests; a purge takes about twice as long.
template<typename Delete>
Result<int> deleteAll(Delete deleteBatch, const std::atomic<bool> &stopping)
{
    int total = 0;
    QElapsedTimer batchTime;
    while (!stopping.load()) {
        batchTime.start();
        auto deleted = deleteBatch();
        if (!deleted)
            return deleted.error();
        total += deleted.value();
        if (deleted.value() < kBatchSize)
            return total;
        QThread::msleep(
            static_cast<unsigned long>(std::clamp<qint64>(batchTime.elapsed(), 1, kMaxRestMs)));
    }
    return total; // stopped: the rest waits for the next run
}

} // namespace

ExpiredRecordCleaner::ExpiredRecordCleaner(PendingCodeStore &codes, UsedTokenStore &tokens,
                                           CodeRequestQuotaStore &quotas,
                                           std::chrono::milliseconds interval, QObject *parent)
    : QObject(parent)
    , m_codes(codes)
    , m_tokens(tokens)
    , m_quotas(quotas)
{
    m_thread.setMaxThreadCount(1);
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &ExpiredRecordCleaner::runNow);
}

ExpiredRecordCleaner::~ExpiredRecordCleaner()
{
    stop();
    m_thread.waitForDone(); // the run uses the stores, which the owner destroys next
}

void ExpiredRecordCleaner::start()
{
    m_timer.start();
}

void ExpiredRecordCleaner::stop()
{
    m_timer.stop();
    m_stopping = true;
}

void ExpiredRecordCleaner::runNow()
{
    if (m_running)
        return;
    m_running = true;
    m_stopping = false;
    runInBackground(
        this, &m_thread,
        [&codes = m_codes, &tokens = m_tokens, &quotas = m_quotas, &stopping = m_stopping] {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            CleanupOutcome outcome;
            auto codesDeleted
                = deleteAll([&] { return codes.deleteExpired(now, kBatchSize); }, stopping);
            auto tokensDeleted
                = deleteAll([&] { return tokens.deleteExpired(now, kBatchSize); }, stopping);
            auto quotasDeleted
                = deleteAll([&] { return quotas.deleteRefilled(now, kBatchSize); }, stopping);
            outcome.codes = codesDeleted.valueOr(0);
            outcome.tokenIds = tokensDeleted.valueOr(0);
            if (!codesDeleted)
                outcome.error = codesDeleted.error().message();
            else if (!tokensDeleted)
                outcome.error = tokensDeleted.error().message();
            else if (!quotasDeleted)
                outcome.error = quotasDeleted.error().message();
            return outcome;
        },
        [this](const CleanupOutcome &outcome) {
            m_running = false;
            if (!outcome.error.isEmpty())
                emit failed(outcome.error);
            else
                emit cleaned(outcome.codes, outcome.tokenIds);
        });
}

} // namespace certigram
