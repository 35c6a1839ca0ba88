#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>

#include <functional>

class QSqlDatabase;

namespace certigram {

class Database;

// The code_request_quotas table: how many codes each client address may still ask for, a
// token bucket of `perHour` requests refilled evenly over the hour. It lives in the
// database, not in memory, so that several servers on one PostgreSQL enforce one limit
// between them (a client sending its requests round-robin to three servers gets the same
// `perHour` as with one). Thread-safe; each acquire() is one short write.
class CodeRequestQuotaStore
{
public:
    CodeRequestQuotaStore(Database &database, double perHour);

    // Takes one request from `addressKey`'s bucket (RateLimiter::keyFor()). Returns 0 when
    // allowed, else the seconds until one is available (for Retry-After).
    Result<int> acquire(const QString &addressKey, const QDateTime &now);
    // The same, with `admitted` (storing the code) run in the same transaction on its
    // connection, before the quota is taken: one commit for both. A request that stores
    // nothing (`admitted` fails; its error is returned as it is) is not counted, and what
    // `admitted` wrote is undone when the quota refuses.
    Result<int> acquireAnd(const QString &addressKey, const QDateTime &now,
                           const std::function<Result<void>(QSqlDatabase &)> &admitted);

    // Forgets addresses whose bucket has refilled completely (they carry no information).
    Result<int> deleteRefilled(const QDateTime &now, int batchSize = 1000);

private:
    Database &m_database;
    double m_burst;
    double m_perMs; // refill rate
};

} // namespace certigram
