#include "ca/certificaterecordstore.h"

#include "crypto/certificate.h"
#include "db/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <iterator>

namespace certigram {

namespace {

const char kSelectColumns[]
    = "SELECT serial, subject, sans, not_before, not_after, issued_at, provisioner, status,"
      " revoked_at, reason_code, reason FROM certificates ";

QVariant nullable(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch())
                          : QVariant(QMetaType::fromType<qlonglong>());
}

QVariant nullable(const QString &text, bool present)
{
    return present ? QVariant(text) : QVariant(QMetaType::fromType<QString>());
}

QDateTime timeFrom(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString sansToJson(const QStringList &sans)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(sans)).toJson(QJsonDocument::Compact));
}

QStringList sansFromJson(const QString &json)
{
    QStringList sans;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue value : array)
        sans.append(value.toString());
    return sans;
}

CertificateRecord readRecord(const QSqlQuery &query)
{
    CertificateRecord record;
    record.serial = query.value(0).toString();
    record.subject = query.value(1).toString();
    record.sans = sansFromJson(query.value(2).toString());
    record.notBefore = timeFrom(query.value(3));
    record.notAfter = timeFrom(query.value(4));
    record.issuedAt = timeFrom(query.value(5));
    record.provisioner = query.value(6).toString();
    record.status = query.value(7).toString() == QLatin1String("revoked")
        ? CertificateRecord::Status::Revoked
        : CertificateRecord::Status::Valid;
    record.revokedAt = timeFrom(query.value(8));
    record.reasonCode = query.value(9).toInt();
    record.reason = query.value(10).toString();
    return record;
}

QString statusName(CertificateRecord::Status status)
{
    return status == CertificateRecord::Status::Revoked ? QStringLiteral("revoked")
                                                        : QStringLiteral("valid");
}

} // namespace

CertificateRecord CertificateRecord::fromCertificate(const Certificate &certificate,
                                                     const QString &provisioner,
                                                     const QDateTime &issuedAt)
{
    CertificateRecord record;
    record.serial = CertificateRecordStore::normalizedSerial(certificate.serialDecimal());
    record.subject = certificate.commonName();
    record.sans = certificate.subjectAltNames().all();
    record.notBefore = certificate.notBefore();
    record.notAfter = certificate.notAfter();
    record.issuedAt = issuedAt.toUTC();
    record.provisioner = provisioner;
    return record;
}

CertificateRecordStore::CertificateRecordStore(Database &database)
    : m_database(database)
{ }

QString CertificateRecordStore::normalizedSerial(const QString &decimal)
{
    qsizetype first = 0;
    while (first + 1 < decimal.size() && decimal.at(first) == u'0')
        ++first;
    return decimal.mid(first);
}

Result<void> CertificateRecordStore::record(const CertificateRecord &record)
{
    return m_database.write(
        [&](QSqlDatabase &) -> Result<void> { return recordInTransaction(record); });
}

Result<void> CertificateRecordStore::recordInTransaction(const CertificateRecord &record)
{
    // Run for every certificate issued: prepared once per connection on SQLite.
    auto prepared = m_database.prepared(QStringLiteral(
        "INSERT INTO certificates (serial, subject, sans, not_before, not_after, issued_at,"
        " provisioner, status, revoked_at, reason_code, reason)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (serial) DO NOTHING"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &insert = *prepared.value();
    const bool revoked = record.isRevoked();
    const QVariant values[] = {
        normalizedSerial(record.serial),
        nullable(record.subject, record.isIssued()),
        nullable(sansToJson(record.sans), record.isIssued()),
        nullable(record.notBefore),
        nullable(record.notAfter),
        nullable(record.issuedAt),
        nullable(record.provisioner, record.isIssued()),
        statusName(record.status),
        nullable(revoked ? record.revokedAt : QDateTime()),
        revoked ? QVariant(record.reasonCode) : QVariant(QMetaType::fromType<int>()),
        nullable(record.reason, revoked),
    };
    for (int i = 0; i < int(std::size(values)); ++i)
        insert.bindValue(i, values[i]);
    if (!insert.exec())
        return sqlError(QStringLiteral("recording a certificate"), insert.lastError());
    if (insert.numRowsAffected() != 1)
        return Error(
            ErrorCode::Conflict,
            QStringLiteral("a certificate with serial %1 is already recorded").arg(record.serial));
    return {};
}

Result<std::optional<CertificateRecord>> CertificateRecordStore::find(const QString &serial)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.prepare(QLatin1String(kSelectColumns) + QStringLiteral("WHERE serial = ?"));
    query.addBindValue(normalizedSerial(serial));
    if (!query.exec())
        return sqlError(QStringLiteral("looking up a certificate"), query.lastError());
    if (!query.next())
        return std::optional<CertificateRecord>();
    return std::optional<CertificateRecord>(readRecord(query));
}

Result<CertificateRecordStore::RevocationOutcome> CertificateRecordStore::markRevoked(
    const QString &serial, int reasonCode, const QString &reason, const QDateTime &time,
    bool recordUnknown)
{
    const QString key = normalizedSerial(serial);
    RevocationOutcome outcome = RevocationOutcome::UnknownSerial;
    auto done = m_database.write([&](QSqlDatabase &db) -> Result<void> {
        // The WHERE on status makes this the one atomic step: of two concurrent revocations
        // exactly one changes the row.
        QSqlQuery update(db);
        update.prepare(QStringLiteral(
            "UPDATE certificates SET status = 'revoked', revoked_at = ?, reason_code = ?,"
            " reason = ? WHERE serial = ? AND status = 'valid'"));
        update.addBindValue(time.toMSecsSinceEpoch());
        update.addBindValue(reasonCode);
        update.addBindValue(reason);
        update.addBindValue(key);
        if (!update.exec())
            return sqlError(QStringLiteral("revoking a certificate"), update.lastError());
        if (update.numRowsAffected() == 1) {
            outcome = RevocationOutcome::Revoked;
            return {};
        }

        QSqlQuery existing(db);
        existing.prepare(QStringLiteral("SELECT status FROM certificates WHERE serial = ?"));
        existing.addBindValue(key);
        if (!existing.exec())
            return sqlError(QStringLiteral("looking up a certificate"), existing.lastError());
        if (existing.next()) {
            outcome = RevocationOutcome::AlreadyRevoked;
            return {};
        }
        if (!recordUnknown) {
            outcome = RevocationOutcome::UnknownSerial;
            return {};
        }

        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO certificates (serial, status, revoked_at, reason_code, reason)"
            " VALUES (?, 'revoked', ?, ?, ?) ON CONFLICT (serial) DO NOTHING"));
        insert.addBindValue(key);
        insert.addBindValue(time.toMSecsSinceEpoch());
        insert.addBindValue(reasonCode);
        insert.addBindValue(reason);
        if (!insert.exec())
            return sqlError(QStringLiteral("recording a revocation"), insert.lastError());
        // Zero rows: a concurrent revocation of the same unknown serial won.
        outcome = insert.numRowsAffected() == 1 ? RevocationOutcome::Revoked
                                                : RevocationOutcome::AlreadyRevoked;
        return {};
    });
    if (!done)
        return done.error();
    return outcome;
}

Result<QList<RevokedSerial>> CertificateRecordStore::revoked(const QDateTime &now)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT serial, revoked_at, reason_code FROM certificates"
                       " WHERE status = 'revoked' AND (not_after IS NULL OR not_after > ?)"
                       " ORDER BY serial"));
    query.addBindValue(now.toMSecsSinceEpoch());
    if (!query.exec())
        return sqlError(QStringLiteral("listing revoked certificates"), query.lastError());
    QList<RevokedSerial> entries;
    while (query.next())
        entries.append(
            {query.value(0).toString(), timeFrom(query.value(1)), query.value(2).toInt()});
    return entries;
}

Result<RevocationState> CertificateRecordStore::revocationState()
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    if (!query.exec(QStringLiteral("SELECT COUNT(*), COALESCE(MAX(revoked_at), 0)"
                                   " FROM certificates WHERE status = 'revoked'"))
        || !query.next())
        return sqlError(QStringLiteral("reading the revocation state"), query.lastError());
    return RevocationState{query.value(0).toLongLong(), query.value(1).toLongLong()};
}

Result<CertificateCounts> CertificateRecordStore::counts(const QDateTime &now)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral(
        "SELECT COALESCE(SUM(CASE WHEN status = 'valid' AND not_after > ? THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN status = 'valid' AND not_after <= ? THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN status = 'revoked' THEN 1 ELSE 0 END), 0)"
        " FROM certificates"));
    query.addBindValue(now.toMSecsSinceEpoch());
    query.addBindValue(now.toMSecsSinceEpoch());
    if (!query.exec() || !query.next())
        return sqlError(QStringLiteral("counting certificates"), query.lastError());
    return CertificateCounts{query.value(0).toLongLong(), query.value(1).toLongLong(),
                             query.value(2).toLongLong()};
}

} // namespace certigram
