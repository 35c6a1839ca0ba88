#include "db/pendingcodestore.h"

#include "db/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace certigram {

namespace {

QDateTime fromMs(const QVariant &value)
{
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

PendingCode readCode(const QSqlQuery &query)
{
    PendingCode code;
    code.subject = query.value(0).toString();
    code.purpose = query.value(1).toString();
    code.codeHash = QByteArray::fromHex(query.value(2).toString().toLatin1());
    code.attemptsLeft = query.value(3).toInt();
    code.createdAt = fromMs(query.value(4));
    code.expiresAt = fromMs(query.value(5));
    code.resendAfter = fromMs(query.value(6));
    return code;
}

const char kSelectColumns[]
    = "SELECT subject, purpose, code_hash, attempts_left, created_at, expires_at, resend_after "
      "FROM pending_codes ";

} // namespace

PendingCodeStore::PendingCodeStore(Database &database)
    : m_database(database)
{ }

Result<void> PendingCodeStore::insert(const PendingCode &code, const QDateTime &now,
                                      PendingCode *existing)
{
    return m_database.write(
        [&](QSqlDatabase &db) { return insertInTransaction(db, code, now, existing); });
}

Result<void> PendingCodeStore::insertInTransaction(QSqlDatabase &db, const PendingCode &code,
                                                   const QDateTime &now, PendingCode *existing)
{
    // An expired code, or one past its resend time, gives way to the new one.
    QSqlQuery expire(db);
    expire.prepare(QStringLiteral("DELETE FROM pending_codes WHERE subject = ? AND purpose = ?"
                                  " AND (expires_at <= ? OR resend_after <= ?)"));
    expire.addBindValue(code.subject);
    expire.addBindValue(code.purpose);
    expire.addBindValue(now.toMSecsSinceEpoch());
    expire.addBindValue(now.toMSecsSinceEpoch());
    if (!expire.exec())
        return sqlError(QStringLiteral("clearing an expired code"), expire.lastError());

    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO pending_codes (subject, purpose, code_hash, attempts_left, created_at,"
        " expires_at, resend_after) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (subject, purpose) DO NOTHING"));
    insert.addBindValue(code.subject);
    insert.addBindValue(code.purpose);
    insert.addBindValue(QString::fromLatin1(code.codeHash.toHex()));
    insert.addBindValue(code.attemptsLeft);
    insert.addBindValue(code.createdAt.toMSecsSinceEpoch());
    insert.addBindValue(code.expiresAt.toMSecsSinceEpoch());
    insert.addBindValue(code.resendAfter.toMSecsSinceEpoch());
    if (!insert.exec())
        return sqlError(QStringLiteral("storing a code"), insert.lastError());
    if (insert.numRowsAffected() == 1)
        return {};

    if (existing) {
        QSqlQuery current(db);
        current.prepare(QLatin1String(kSelectColumns)
                        + QStringLiteral("WHERE subject = ? AND purpose = ?"));
        current.addBindValue(code.subject);
        current.addBindValue(code.purpose);
        if (current.exec() && current.next())
            *existing = readCode(current);
    }
    return Error(ErrorCode::Conflict, QStringLiteral("a code is already pending"));
}

Result<CodeCheck> PendingCodeStore::check(const QString &subject, const QString &purpose,
                                          const QDateTime &now,
                                          const std::function<bool(const QByteArray &)> &matches)
{
    CodeCheck check;
    auto done = m_database.write([&](QSqlDatabase &db) -> Result<void> {
        QSqlQuery select(db);
        // FOR UPDATE locks the row on PostgreSQL; SQLite's BEGIN IMMEDIATE already
        // serialises writers.
        select.prepare(
            QStringLiteral("SELECT code_hash, attempts_left, expires_at FROM pending_codes"
                           " WHERE subject = ? AND purpose = ?")
            + (m_database.isPostgres() ? QStringLiteral(" FOR UPDATE") : QString()));
        select.addBindValue(subject);
        select.addBindValue(purpose);
        if (!select.exec())
            return sqlError(QStringLiteral("reading a code"), select.lastError());
        if (!select.next() || fromMs(select.value(2)) <= now) {
            check.outcome = CodeCheck::Outcome::NoCode;
            return {};
        }
        const QByteArray storedHash = QByteArray::fromHex(select.value(0).toString().toLatin1());
        const int attemptsLeft = select.value(1).toInt() - 1;
        select.finish();

        const bool right = matches(storedHash);
        QSqlQuery update(db);
        if (right || attemptsLeft <= 0) {
            check.outcome = right ? CodeCheck::Outcome::Accepted : CodeCheck::Outcome::Exhausted;
            update.prepare(
                QStringLiteral("DELETE FROM pending_codes WHERE subject = ? AND purpose = ?"));
        } else {
            check.outcome = CodeCheck::Outcome::WrongCode;
            check.attemptsLeft = attemptsLeft;
            update.prepare(QStringLiteral(
                "UPDATE pending_codes SET attempts_left = ? WHERE subject = ? AND purpose = ?"));
            update.addBindValue(attemptsLeft);
        }
        update.addBindValue(subject);
        update.addBindValue(purpose);
        if (!update.exec())
            return sqlError(QStringLiteral("updating a code"), update.lastError());
        return {};
    });
    if (!done)
        return done.error();
    return check;
}

Result<void> PendingCodeStore::release(const QString &subject, const QString &purpose)
{
    return m_database.write([&](QSqlDatabase &db) -> Result<void> {
        QSqlQuery remove(db);
        remove.prepare(
            QStringLiteral("DELETE FROM pending_codes WHERE subject = ? AND purpose = ?"));
        remove.addBindValue(subject);
        remove.addBindValue(purpose);
        if (!remove.exec())
            return sqlError(QStringLiteral("releasing a code"), remove.lastError());
        return {};
    });
}

Result<int> PendingCodeStore::deleteExpired(const QDateTime &now, int batchSize)
{
    return m_database.deleteBatchUpTo(QStringLiteral("pending_codes"),
                                      QStringLiteral("subject, purpose"),
                                      QStringLiteral("expires_at"), now.toMSecsSinceEpoch(),
                                      batchSize, QStringLiteral("expired codes"));
}

Result<QList<PendingCode>> PendingCodeStore::pending(const QDateTime &now, int limit)
{
    Result<QList<PendingCode>> codes = [&]() -> Result<QList<PendingCode>> {
        auto db = m_database.connection();
        if (!db)
            return db.error();
        QSqlQuery select(db.value());
        select.prepare(QLatin1String(kSelectColumns)
                       + QStringLiteral("WHERE expires_at > ? ORDER BY expires_at LIMIT ?"));
        select.addBindValue(now.toMSecsSinceEpoch());
        select.addBindValue(limit);
        if (!select.exec())
            return sqlError(QStringLiteral("listing pending codes"), select.lastError());
        QList<PendingCode> found;
        while (select.next())
            found.append(readCode(select));
        return found;
    }();
    // As write() does: hold no files on failing storage (the query and the handle are gone).
    if (!codes && codes.error().code() == ErrorCode::Unavailable)
        m_database.releaseConnection();
    return codes;
}

} // namespace certigram
