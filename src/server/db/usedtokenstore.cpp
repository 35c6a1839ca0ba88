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
    return m_database.deleteBatchUpTo(QStringLiteral("used_tokens"), QStringLiteral("jti"),
                                      QStringLiteral("expires_at"), now.toMSecsSinceEpoch(),
                                      batchSize, QStringLiteral("used token ids"));
}

} // namespace certigram
