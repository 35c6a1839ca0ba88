#include "db/migrations.h"

#include "db/database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <vector>

namespace certigram {

namespace {

struct Migration
{
    int version;
    const char *description;
    std::vector<const char *> statements; // the same SQL for SQLite and PostgreSQL
};

// Append only: never edit a migration that has shipped.
const std::vector<Migration> &allMigrations()
{
    static const std::vector<Migration> migrations = {
        {1,
         "registration codes and used token ids",
         {
             // One pending code per subject and purpose: the primary key holds it across
             // every server instance on the same database.
             "CREATE TABLE pending_codes ("
             " subject TEXT NOT NULL,"
             " purpose TEXT NOT NULL,"
             " code_hash TEXT NOT NULL,"
             " attempts_left INTEGER NOT NULL,"
             " created_at BIGINT NOT NULL,"
             " expires_at BIGINT NOT NULL,"
             " resend_after BIGINT NOT NULL,"
             " PRIMARY KEY (subject, purpose))",
             "CREATE INDEX pending_codes_expiry ON pending_codes (expires_at)",
             // Each jti once: the primary key refuses a replay, across instances.
             "CREATE TABLE used_tokens ("
             " jti TEXT PRIMARY KEY,"
             " expires_at BIGINT NOT NULL,"
             " used_at BIGINT NOT NULL)",
             "CREATE INDEX used_tokens_expiry ON used_tokens (expires_at)",
         }},
        {2,
         "embedded CA certificate records",
         {
             // Every certificate the embedded CA issues, and revocations. A row without
             // not_after is a revocation of a serial issued elsewhere (a lost database):
             // step-ca accepts those, so the CA records them for its CRL.
             "CREATE TABLE certificates ("
             " serial TEXT PRIMARY KEY,"
             " subject TEXT,"
             " sans TEXT,"
             " not_before BIGINT,"
             " not_after BIGINT,"
             " issued_at BIGINT,"
             " provisioner TEXT,"
             " status TEXT NOT NULL CHECK (status IN ('valid', 'revoked')),"
             " revoked_at BIGINT,"
             " reason_code INTEGER,"
             " reason TEXT,"
             " CHECK (status = 'valid' OR revoked_at IS NOT NULL),"
             " CHECK (status = 'revoked' OR not_after IS NOT NULL))",
             "CREATE INDEX certificates_not_after ON certificates (not_after)",
             // The CRL reads only revoked rows.
             "CREATE INDEX certificates_revoked ON certificates (revoked_at)"
             " WHERE status = 'revoked'",
         }},
        {3,
         "code request quotas per address",
         {
             // A token bucket per client address (CodeRequestQuotaStore), kept in the
             // database so that the limit holds across every server instance on it.
             "CREATE TABLE code_request_quotas ("
             " address TEXT PRIMARY KEY,"
             " tokens DOUBLE PRECISION NOT NULL,"
             " updated_at BIGINT NOT NULL)",
             "CREATE INDEX code_request_quotas_updated ON code_request_quotas (updated_at)",
         }},
    };
    return migrations;
}

// Any constant will do; it only has to be the same for every Certigram server.
constexpr qint64 kMigrationLockKey = 0x43657274696772; // "Certigr"

Result<void> run(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return sqlError(QStringLiteral("migration"), query.lastError());
    return {};
}

} // namespace

int Migrations::latestVersion()
{
    return allMigrations().back().version;
}

Result<int> Migrations::currentVersion(QSqlDatabase &db)
{
    if (!db.tables().contains(QStringLiteral("schema_migrations")))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
        || !query.next())
        return sqlError(QStringLiteral("reading the schema version"), query.lastError());
    return query.value(0).toInt();
}

Result<void> Migrations::apply(QSqlDatabase &db, bool postgres)
{
    if (postgres) {
        QSqlQuery lock(db);
        lock.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
        lock.addBindValue(kMigrationLockKey);
        if (!lock.exec())
            return sqlError(QStringLiteral("taking the migration lock"), lock.lastError());
    }
    if (!db.tables().contains(QStringLiteral("schema_migrations"))) {
        if (auto created = run(db,
                               QStringLiteral("CREATE TABLE schema_migrations ("
                                              " version INTEGER PRIMARY KEY,"
                                              " description TEXT NOT NULL,"
                                              " applied_at BIGINT NOT NULL)"));
            !created)
            return created;
    }
    auto current = currentVersion(db);
    if (!current)
        return current.error();
    if (current.value() > latestVersion())
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("the database schema (version %1) is newer than this server "
                                    "understands (version %2): upgrade Certigram")
                         .arg(current.value())
                         .arg(latestVersion()));
    for (const Migration &migration : allMigrations()) {
        if (migration.version <= current.value())
            continue;
        for (const char *statement : migration.statements) {
            if (auto done = run(db, QString::fromLatin1(statement)); !done)
                return done.error().withContext(
                    QStringLiteral("migration %1").arg(migration.version));
        }
        QSqlQuery record(db);
        record.prepare(QStringLiteral(
            "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"));
        record.addBindValue(migration.version);
        record.addBindValue(QString::fromLatin1(migration.description));
        record.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!record.exec())
            return sqlError(QStringLiteral("recording migration %1").arg(migration.version),
                            record.lastError());
    }
    return {};
}

} // namespace certigram
