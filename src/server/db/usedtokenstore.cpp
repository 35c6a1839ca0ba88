#include "db/usedtokenstore.h"

#include "db/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace certigram {

UsedTokenStore::UsedTokenStore(Database &database)
    : m_database(database)
{ }

Result<bool> UsedTokenStore::markUsed(const QString &jti, const QDateTime &expiresAt,
                                      const QDateTime &now)
{
    bool firstUse = false;
    auto done = m_database.write([&](QSqlDatabase &) -> Result<void> {
        auto marked = markUsedInTransaction(jti, expiresAt, now);
        if (!marked)
            return marked.error();
        firstUse = marked.value();
        return {};
    });
    if (!done)
        return done.error();
    return firstUse;
}

Result<bool> UsedTokenStore::markUsedInTransaction(const QString &jti, const QDateTime &expiresAt,
                                                   const QDateTime &now)
{
    // Run for every sign: prepared once per connection on SQLite.
    auto prepared
        = m_database.prepared(QStringLiteral("INSERT INTO used_tokens (jti, expires_at, used_at)"
                                             " VALUES (?, ?, ?) ON CONFLICT (jti) DO NOTHING"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &insert = *prepared.value();
    insert.bindValue(0, jti);
    insert.bindValue(1, expiresAt.toMSecsSinceEpoch());
    insert.bindValue(2, now.toMSecsSinceEpoch());
    if (!insert.exec())
        return sqlError(QStringLiteral("recording a token id"), insert.lastError());
    return insert.numRowsAffected() == 1;
}

Result<int> UsedTokenStore::deleteExpired(const QDateTime &now, int batchSize)
{
    int deleted = 0;
    auto done = m_database.write([&](QSqlDatabase &db) -> Result<void> {
        QSqlQuery remove(db);
        // As PendingCodeStore::deleteExpired: by physical address on PostgreSQL.
        remove.prepare(m_database.isPostgres()
                           ? QStringLiteral("DELETE FROM used_tokens WHERE ctid = ANY(ARRAY("
                                            "SELECT ctid FROM used_tokens WHERE expires_at <= ?"
                                            " LIMIT ?))")
                           : QStringLiteral("DELETE FROM used_tokens WHERE jti IN ("
                                            " SELECT jti FROM used_tokens WHERE expires_at <= ?"
                                            " LIMIT ?)"));
        remove.addBindValue(now.toMSecsSinceEpoch());
        remove.addBindValue(batchSize);
        if (!remove.exec())
            return sqlError(QStringLiteral("deleting used token ids"), remove.lastError());
        deleted = remove.numRowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    return deleted;
}

} // namespace certigram
