#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace certigram {

class Certificate;
class Database;

// One row of the `certificates` table: a certificate the embedded CA issued, or — when
// issued is false — only the revocation of a serial it has no record of (step-ca accepts
// those: a certificate from a lost database must stay revocable).
struct CertificateRecord
{
    enum class Status { Valid, Revoked };

    QString serial; // decimal, no leading zeros: the primary key
    QString subject; // the CN
    QStringList sans;
    QDateTime notBefore; // UTC; invalid when !issued
    QDateTime notAfter;
    QDateTime issuedAt;
    QString provisioner; // the token's issuer; empty for the server's own certificates
    Status status = Status::Valid;
    QDateTime revokedAt; // set when revoked
    int reasonCode = 0; // RFC 5280 CRLReason, as step-ca's revoke request carries it
    QString reason;

    bool isRevoked() const { return status == Status::Revoked; }
    bool isIssued() const { return notAfter.isValid(); }

    static CertificateRecord fromCertificate(const Certificate &certificate,
                                             const QString &provisioner, const QDateTime &issuedAt);
};

// A CRL entry.
struct RevokedSerial
{
    QString serial;
    QDateTime revokedAt;
    int reasonCode = 0;
};

// What changes whenever anything is revoked, on any server instance sharing the database:
// a cached CRL is current while this stays the same.
struct RevocationState
{
    qint64 revokedCount = 0;
    qint64 latestRevocationMs = 0;

    friend bool operator==(const RevocationState &a, const RevocationState &b)
    {
        return a.revokedCount == b.revokedCount && a.latestRevocationMs == b.latestRevocationMs;
    }
    friend bool operator!=(const RevocationState &a, const RevocationState &b) { return !(a == b); }
};

struct CertificateCounts
{
    qint64 valid = 0; // not revoked and not expired
    qint64 expired = 0; // not revoked, past notAfter
    qint64 revoked = 0;
};

// The `certificates` table (migration 2): every certificate the embedded CA issues,
// recorded before it is handed out, and its revocation. Bound parameters only; the same
// SQL runs on SQLite and PostgreSQL. Safe to use from any thread (Database gives each
// thread its own connection).
class CertificateRecordStore
{
public:
    enum class RevocationOutcome {
        Revoked, // it was valid (or unknown and now recorded as revoked)
        AlreadyRevoked,
        UnknownSerial, // no record, and recordUnknown was false
    };

    explicit CertificateRecordStore(Database &database);

    // Conflict when the serial is taken (128 random bits: a bug, not bad luck).
    Result<void> record(const CertificateRecord &record);
    // The same inside the caller's Database::write() transaction.
    Result<void> recordInTransaction(const CertificateRecord &record);
    Result<std::optional<CertificateRecord>> find(const QString &serial);

    // Revokes `serial` if it is valid. With recordUnknown, a serial without a record is
    // recorded as revoked. Atomic: of two concurrent revocations one gets Revoked.
    Result<RevocationOutcome> markRevoked(const QString &serial, int reasonCode,
                                          const QString &reason, const QDateTime &time,
                                          bool recordUnknown);

    // Revoked serials for the CRL: those not yet expired at `now` (and those of unknown
    // expiry), ordered by serial. RFC 5280 lets a CRL drop entries once they expire.
    Result<QList<RevokedSerial>> revoked(const QDateTime &now);
    Result<RevocationState> revocationState();
    Result<CertificateCounts> counts(const QDateTime &now);

    // A serial in the form the table keys on: decimal digits without leading zeros.
    static QString normalizedSerial(const QString &decimal);

private:
    Database &m_database;
};

} // namespace certigram
