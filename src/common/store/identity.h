#pragma once

#include "core/result.h"
#include "crypto/certificate.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace certigram {

// Where an identity stands. Derived from the dates and the stored revoked flag.
enum class IdentityStatus { Valid, RenewSoon, Expired, Revoked };

// One holder identity as the store keeps it: a CA profile, a subject (the Telegram id),
// the certificate with its chain, and the metadata stored next to them. A value type;
// the private key is not part of it (IdentityStore::load() hands it out separately).
//
// An Identity read by IdentityStore::list() carries only metadata: certificate() is
// null there, but serialHex(), notBefore() and notAfter() are filled in.
class Identity
{
public:
    // The metadata.json format version this code writes.
    static constexpr int kMetadataFormat = 1;
    // The lifetime fraction after which status() says RenewSoon (RenewalPolicy's default).
    static constexpr double kRenewSoonFraction = 2.0 / 3.0;

    Identity() = default;

    // What a person types to name it: the subject, or "subject@profile" when the store
    // holds that subject under several profiles (the store sets it; see IdentityStore).
    QString id() const { return m_id.isEmpty() ? m_subject : m_id; }
    void setId(const QString &id) { m_id = id; }
    // Always "subject@profile".
    QString qualifiedId() const { return m_subject + QLatin1Char('@') + m_profile; }

    const QString &profile() const { return m_profile; }
    void setProfile(const QString &profile) { m_profile = profile; }
    const QString &subject() const { return m_subject; }
    void setSubject(const QString &subject) { m_subject = subject; }
    // A keyTypeName() ("ec-p256", …), or "rsa-1024"-style for imported keys of other sizes.
    const QString &keyType() const { return m_keyType; }
    void setKeyType(const QString &keyType) { m_keyType = keyType; }
    bool isKeyEncrypted() const { return m_keyEncrypted; }
    void setKeyEncrypted(bool encrypted) { m_keyEncrypted = encrypted; }

    // Setting the certificate also sets serial, dates and fingerprint from it.
    const Certificate &certificate() const { return m_certificate; }
    void setCertificate(const Certificate &certificate);
    // The certificates after the leaf (intermediates, possibly the root), in file order.
    const QList<Certificate> &chain() const { return m_chain; }
    void setChain(const QList<Certificate> &chain) { m_chain = chain; }

    const QString &serialHex() const { return m_serialHex; }
    const QDateTime &notBefore() const { return m_notBefore; }
    const QDateTime &notAfter() const { return m_notAfter; }
    const QString &sha256Fingerprint() const { return m_fingerprint; }

    bool isRevoked() const { return m_revoked; }
    const QDateTime &revokedAt() const { return m_revokedAt; }
    void setRevoked(bool revoked, const QDateTime &at = {});

    const QDateTime &created() const { return m_created; }
    void setCreated(const QDateTime &time) { m_created = time; }
    // Invalid until the first renewal.
    const QDateTime &renewed() const { return m_renewed; }
    void setRenewed(const QDateTime &time) { m_renewed = time; }

    // Revoked wins; then Expired after notAfter; RenewSoon once kRenewSoonFraction of
    // the lifetime has passed; Valid otherwise (also before notBefore).
    IdentityStatus status(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // Stable names for JSON and scripts: "valid", "renew-soon", "expired", "revoked".
    static QString statusName(IdentityStatus status);
    // Whole days until notAfter (negative once expired).
    qint64 daysLeft(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    // metadata.json, and back. fromMetadata() checks every field it needs and says which
    // one is missing or malformed.
    QJsonObject toMetadata() const;
    static Result<Identity> fromMetadata(const QJsonObject &object);

private:
    QString m_id;
    QString m_profile;
    QString m_subject;
    QString m_keyType;
    bool m_keyEncrypted = false;
    Certificate m_certificate;
    QList<Certificate> m_chain;
    QString m_serialHex;
    QDateTime m_notBefore;
    QDateTime m_notAfter;
    QString m_fingerprint;
    bool m_revoked = false;
    QDateTime m_revokedAt;
    QDateTime m_created;
    QDateTime m_renewed;
};

} // namespace certigram
