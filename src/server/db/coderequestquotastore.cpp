#include "db/coderequestquotastore.h"

#include "db/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <limits>

namespace certigram {

namespace {

// One statement, atomic on both databases even when two servers take from the same bucket
// at once: a new address starts with a full bucket less this request; a known one is
// refilled for the time since its last request and charged only when a whole request is
// left (otherwise nothing changes and no row is affected). A server whose clock is behind
// another's refills nothing rather than taking tokens away.
// Placeholders: address, burst - 1, now, then burst and the rate per ms, twice.
const QString kTakeSqlite = QStringLiteral(
    "INSERT INTO code_request_quotas (address, tokens, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (address) DO UPDATE SET"
    " tokens = MIN(?, tokens + MAX(0, excluded.updated_at - updated_at) * ?) - 1,"
    " updated_at = MAX(updated_at, excluded.updated_at)"
    " WHERE MIN(?, tokens + MAX(0, excluded.updated_at - updated_at) * ?) >= 1");
const QString kTakePostgres = QStringLiteral(
    "INSERT INTO code_request_quotas AS q (address, tokens, updated_at)"
    " VALUES (?, CAST(? AS DOUBLE PRECISION), ?)"
    " ON CONFLICT (address) DO UPDATE SET"
    " tokens = LEAST(CAST(? AS DOUBLE PRECISION),"
    " q.tokens + GREATEST(0, excluded.updated_at - q.updated_at) * CAST(? AS DOUBLE PRECISION))"
    " - 1,"
    " updated_at = GREATEST(q.updated_at, excluded.updated_at)"
    " WHERE LEAST(CAST(? AS DOUBLE PRECISION),"
    " q.tokens + GREATEST(0, excluded.updated_at - q.updated_at) * CAST(? AS DOUBLE PRECISION))"
    " >= 1");

} // namespace

CodeRequestQuotaStore::CodeRequestQuotaStore(Database &database, double perHour)
    : m_database(database)
    , m_burst(std::max(1.0, perHour))
    , m_perMs(perHour / 3'600'000.0)
{ }

Result<int> CodeRequestQuotaStore::acquire(const QString &addressKey, const QDateTime &now)
{
    return acquireAnd(addressKey, now, {});
}

Result<int> CodeRequestQuotaStore::acquireAnd(
    const QString &addressKey, const QDateTime &now,
    const std::function<Result<void>(QSqlDatabase &)> &admitted)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    int wait = 0;
    auto done = m_database.write([&](QSqlDatabase &db) -> Result<void> {
        // The admitted work first, the quota last: on PostgreSQL the quota row stays locked
        // from its update to the commit, and requests from one address wait for each other
        // only over that stretch.
        if (admitted) {
            if (auto stored = admitted(db); !stored)
                return stored;
        }
        auto prepared = m_database.prepared(m_database.isPostgres() ? kTakePostgres : kTakeSqlite);
        if (!prepared)
            return prepared.error();
        QSqlQuery &take = *prepared.value();
        const QVariantList values{addressKey, m_burst - 1, nowMs,  m_burst,
                                  m_perMs,    m_burst,     m_perMs};
        for (int i = 0; i < values.size(); ++i)
            take.bindValue(i, values.at(i));
        if (!take.exec())
            return sqlError(QStringLiteral("taking a code request quota"), take.lastError());
        if (take.numRowsAffected() == 1)
            return {};

        // Refused: how long until a whole request is there again. The error undoes what
        // `admitted` wrote.
        QSqlQuery bucket(db);
        bucket.prepare(
            QStringLiteral("SELECT tokens, updated_at FROM code_request_quotas WHERE address = ?"));
        bucket.addBindValue(addressKey);
        if (!bucket.exec() || !bucket.next())
            return sqlError(QStringLiteral("reading a code request quota"), bucket.lastError());
        const double elapsedMs = std::max<qint64>(0, nowMs - bucket.value(1).toLongLong());
        const double tokens = std::min(m_burst, bucket.value(0).toDouble() + elapsedMs * m_perMs);
        wait = m_perMs > 0 ? std::max(1, static_cast<int>(std::ceil((1 - tokens) / m_perMs / 1000)))
                           : 3600;
        return Error(ErrorCode::RateLimited, QStringLiteral("code request quota spent"));
    });
    if (wait > 0)
        return wait;
    if (!done)
        return done.error();
    return 0;
}

Result<int> CodeRequestQuotaStore::deleteRefilled(const QDateTime &now, int batchSize)
{
    // A bucket untouched for as long as an empty one takes to fill is full again.
    const qint64 fillMs = m_perMs > 0 ? static_cast<qint64>(std::ceil(m_burst / m_perMs))
                                      : std::numeric_limits<qint64>::max() / 2;
    return m_database.deleteBatchUpTo(QStringLiteral("code_request_quotas"),
                                      QStringLiteral("address"), QStringLiteral("updated_at"),
                                      now.toMSecsSinceEpoch() - fillMs, batchSize,
                                      QStringLiteral("refilled code request quotas"));
}

} // namespace certigram
