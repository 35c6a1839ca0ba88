#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>

namespace certigram {

class Database;

// The used_tokens table: each one-time token id (jti) is accepted once. The primary key
// refuses a replay even when the two uses reach different server instances.
class UsedTokenStore
{
public:
    explicit UsedTokenStore(Database &database);

    // Records `jti` as used. Returns false when it was used before.
    Result<bool> markUsed(const QString &jti, const QDateTime &expiresAt, const QDateTime &now);
    // The same inside the caller's Database::write() transaction, so that spending a token
    // commits together with what it paid for.
    Result<bool> markUsedInTransaction(const QString &jti, const QDateTime &expiresAt,
                                       const QDateTime &now);

    // Forgets ids whose tokens have expired (they can no longer be replayed anyway).
    Result<int> deleteExpired(const QDateTime &now, int batchSize = 1000);

private:
    Database &m_database;
};

} // namespace certigram
