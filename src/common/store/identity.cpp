#include "store/identity.h"

#include "protocol/rfc3339.h"

#include <QJsonValue>

namespace certigram {

void Identity::setCertificate(const Certificate &certificate)
{
    m_certificate = certificate;
    m_serialHex = certificate.serialHex();
    m_notBefore = certificate.notBefore();
    m_notAfter = certificate.notAfter();
    m_fingerprint = certificate.sha256Fingerprint();
}

void Identity::setRevoked(bool revoked, const QDateTime &at)
{
    m_revoked = revoked;
    m_revokedAt = revoked ? at.toUTC() : QDateTime();
}

IdentityStatus Identity::status(const QDateTime &now) const
{
    if (m_revoked)
        return IdentityStatus::Revoked;
    if (!m_notAfter.isValid() || now > m_notAfter)
        return IdentityStatus::Expired;
    const qint64 lifetime = m_notBefore.msecsTo(m_notAfter);
    if (lifetime > 0 && now >= m_notBefore
        && static_cast<double>(m_notBefore.msecsTo(now))
            >= kRenewSoonFraction * static_cast<double>(lifetime))
        return IdentityStatus::RenewSoon;
    return IdentityStatus::Valid;
}

QString Identity::statusName(IdentityStatus status)
{
    switch (status) {
    case IdentityStatus::Valid: return QStringLiteral("valid");
    case IdentityStatus::RenewSoon: return QStringLiteral("renew-soon");
    case IdentityStatus::Expired: return QStringLiteral("expired");
    case IdentityStatus::Revoked: return QStringLiteral("revoked");
    }
    return {};
}

qint64 Identity::daysLeft(const QDateTime &now) const
{
    if (!m_notAfter.isValid())
        return 0;
    return now.secsTo(m_notAfter) / (24 * 3600);
}

QJsonObject Identity::toMetadata() const
{
    QJsonObject object{
        {QStringLiteral("format"), kMetadataFormat},
        {QStringLiteral("profile"), m_profile},
        {QStringLiteral("subject"), m_subject},
        {QStringLiteral("keyType"), m_keyType},
        {QStringLiteral("keyEncrypted"), m_keyEncrypted},
        {QStringLiteral("serial"), m_serialHex},
        {QStringLiteral("sha256Fingerprint"), m_fingerprint},
        {QStringLiteral("notBefore"), Rfc3339::format(m_notBefore)},
        {QStringLiteral("notAfter"), Rfc3339::format(m_notAfter)},
        {QStringLiteral("revoked"), m_revoked},
        {QStringLiteral("created"), Rfc3339::format(m_created)},
    };
    if (m_revoked && m_revokedAt.isValid())
        object.insert(QStringLiteral("revokedAt"), Rfc3339::format(m_revokedAt));
    if (m_renewed.isValid())
        object.insert(QStringLiteral("renewed"), Rfc3339::format(m_renewed));
    return object;
}

namespace {

Error fieldError(const QString &field, const QString &problem)
{
    return Error(ErrorCode::InvalidInput,
                 QStringLiteral("metadata field \"%1\" %2").arg(field, problem));
}

Result<QString> requiredString(const QJsonObject &object, const QString &field)
{
    const QJsonValue value = object.value(field);
    if (!value.isString() || value.toString().isEmpty())
        return fieldError(field, QStringLiteral("is missing or not a non-empty string"));
    return value.toString();
}

// Absent: an invalid QDateTime (when optional); present: must parse.
Result<QDateTime> time(const QJsonObject &object, const QString &field, bool required)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() && !required)
        return QDateTime();
    if (!value.isString())
        return fieldError(field, QStringLiteral("is missing or not a string"));
    Result<QDateTime> parsed = Rfc3339::parse(value.toString());
    if (!parsed)
        return fieldError(
            field, QStringLiteral("is not an RFC 3339 time: %1").arg(parsed.error().message()));
    return parsed;
}

} // namespace

Result<Identity> Identity::fromMetadata(const QJsonObject &object)
{
    const QJsonValue format = object.value(QStringLiteral("format"));
    if (!format.isDouble() || format.toInt() < 1)
        return fieldError(QStringLiteral("format"), QStringLiteral("is missing or invalid"));
    if (format.toInt() > kMetadataFormat)
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("metadata format %1 is newer than this version reads (%2)")
                         .arg(format.toInt())
                         .arg(kMetadataFormat));
    Identity identity;
    Result<QString> profile = requiredString(object, QStringLiteral("profile"));
    if (!profile)
        return profile.error();
    Result<QString> subject = requiredString(object, QStringLiteral("subject"));
    if (!subject)
        return subject.error();
    Result<QString> serial = requiredString(object, QStringLiteral("serial"));
    if (!serial)
        return serial.error();
    Result<QDateTime> notBefore = time(object, QStringLiteral("notBefore"), true);
    if (!notBefore)
        return notBefore.error();
    Result<QDateTime> notAfter = time(object, QStringLiteral("notAfter"), true);
    if (!notAfter)
        return notAfter.error();
    Result<QDateTime> created = time(object, QStringLiteral("created"), false);
    if (!created)
        return created.error();
    Result<QDateTime> renewed = time(object, QStringLiteral("renewed"), false);
    if (!renewed)
        return renewed.error();
    Result<QDateTime> revokedAt = time(object, QStringLiteral("revokedAt"), false);
    if (!revokedAt)
        return revokedAt.error();

    identity.m_profile = profile.value();
    identity.m_subject = subject.value();
    identity.m_serialHex = serial.value();
    identity.m_notBefore = notBefore.value();
    identity.m_notAfter = notAfter.value();
    identity.m_keyType = object.value(QStringLiteral("keyType")).toString();
    identity.m_keyEncrypted = object.value(QStringLiteral("keyEncrypted")).toBool();
    identity.m_fingerprint = object.value(QStringLiteral("sha256Fingerprint")).toString();
    identity.m_revoked = object.value(QStringLiteral("revoked")).toBool();
    identity.m_revokedAt = identity.m_revoked ? revokedAt.value() : QDateTime();
    identity.m_created = created.value();
    identity.m_renewed = renewed.value();
    return identity;
}

} // namespace certigram
