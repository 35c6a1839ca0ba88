#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

class QSqlDatabase;

namespace certigram {

class Database;

// A one-time code waiting to be typed in. Only its keyed hash is stored.
struct PendingCode
{
    QString subject;
    QString purpose; // "enroll" or "revoke"
    QByteArray codeHash;
    int attemptsLeft = 0;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime resendAfter;
};

// What checking a typed code came to.
struct CodeCheck
{
    enum class Outcome {
        Accepted, // right code: it is consumed
        WrongCode, // wrong code: one attempt spent, attemptsLeft remain
        Exhausted, // wrong code and no attempts left: the code is burned
        NoCode, // nothing pending (never requested, expired or already used)
    };
    Outcome outcome = Outcome::NoCode;
    int attemptsLeft = 0;
};

// The pending_codes table. One pending code per subject and purpose is held by the
// table's primary key, so it holds across server instances sharing one database.
class PendingCodeStore
{
public:
    explicit PendingCodeStore(Database &database);

    // Stores `code` unless one is pending for its subject and purpose that has neither
    // expired nor reached its resend time: then Conflict, and `existing` (when given)
    // receives the pending one. A code past its resend time is replaced (a resend).
    Result<void> insert(const PendingCode &code, const QDateTime &now,
                        PendingCode *existing = nullptr);
    // The same inside the caller's Database::write() transaction, on its connection `db`.
    Result<void> insertInTransaction(QSqlDatabase &db, const PendingCode &code,
                                     const QDateTime &now, PendingCode *existing = nullptr);

    // Checks a typed code for subject+purpose. `matches` compares the stored hash with the
    // typed code's (in constant time); it runs inside the row lock, so two guesses
    // racing on different servers each cost one attempt.
    Result<CodeCheck> check(const QString &subject, const QString &purpose, const QDateTime &now,
                            const std::function<bool(const QByteArray &storedHash)> &matches);

    // Forgets a pending code (its delivery failed, so the user may ask again at once).
    Result<void> release(const QString &subject, const QString &purpose);

    // Deletes up to `batchSize` expired codes; returns how many went.
    Result<int> deleteExpired(const QDateTime &now, int batchSize = 1000);

    // Unexpired codes, soonest expiry first (for the admin panel).
    Result<QList<PendingCode>> pending(const QDateTime &now, int limit = 1000);

private:
    Database &m_database;
};

} // namespace certigram
