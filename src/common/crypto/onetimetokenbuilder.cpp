#include "crypto/onetimetokenbuilder.h"

#include "crypto/jws.h"
#include "crypto/securerandom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace certigram {

namespace {

constexpr int kJtiBytes = 32;
// A 160-bit serial (RFC 5280's maximum of 20 octets) has at most 49 decimal digits.
constexpr int kMaximumSerialDigits = 49;

} // namespace

OneTimeTokenBuilder::OneTimeTokenBuilder(ProvisionerKey key, QUrl caUrl)
    : m_key(std::move(key))
    , m_caUrl(std::move(caUrl))
{ }

Result<QByteArray> OneTimeTokenBuilder::signToken(const QString &subject,
                                                  const QStringList &sans) const
{
    if (subject.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the token needs a subject (CN)"));
    const QStringList names = sans.isEmpty() ? QStringList{subject} : sans;
    for (const QString &name : names) {
        if (name.isEmpty())
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("the token's SAN list has an empty entry"));
    }
    return build(TokenPurpose::Sign, subject, names);
}

Result<QByteArray> OneTimeTokenBuilder::revokeToken(const QString &serial) const
{
    static const QRegularExpression decimal(QStringLiteral("^[0-9]+$"));
    if (!decimal.match(serial).hasMatch() || serial.size() > kMaximumSerialDigits)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a revoke token needs the serial in decimal, not \"%1\"")
                         .arg(serial.left(60)));
    return build(TokenPurpose::Revoke, serial, {});
}

Result<QByteArray> OneTimeTokenBuilder::build(TokenPurpose purpose, const QString &subject,
                                              const QStringList &sans) const
{
    if (m_key.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no provisioner key"));
    if (m_lifetime < std::chrono::seconds(1) || m_lifetime > OneTimeToken::kMaximumLifetime)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a token lives 1 to %1 seconds, not %2")
                         .arg(OneTimeToken::kMaximumLifetime.count())
                         .arg(m_lifetime.count()));
    auto audience = OneTimeToken::audience(m_caUrl, purpose);
    if (!audience)
        return audience.error();

    QString fingerprint = m_rootFingerprint;
    fingerprint.remove(QLatin1Char(':'));
    fingerprint = fingerprint.trimmed().toLower();
    static const QRegularExpression sha256Hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!fingerprint.isEmpty() && !sha256Hex.match(fingerprint).hasMatch())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the root fingerprint must be a SHA-256 in hex"));

    auto jti = SecureRandom::hex(kJtiBytes);
    if (!jti)
        return jti.error();
    const QDateTime now = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    const qint64 issued = now.toSecsSinceEpoch();

    QJsonObject claims;
    claims.insert(QStringLiteral("aud"), audience.value());
    claims.insert(QStringLiteral("exp"), issued + m_lifetime.count());
    claims.insert(QStringLiteral("iat"), issued);
    claims.insert(QStringLiteral("iss"), m_key.name());
    claims.insert(QStringLiteral("jti"), jti.value());
    claims.insert(QStringLiteral("nbf"), issued);
    if (purpose == TokenPurpose::Sign)
        claims.insert(QStringLiteral("sans"), QJsonArray::fromStringList(sans));
    if (!fingerprint.isEmpty())
        claims.insert(QStringLiteral("sha"), fingerprint);
    claims.insert(QStringLiteral("sub"), subject);

    QJsonObject header;
    header.insert(QStringLiteral("kid"), m_key.kid());
    header.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
    return Jws::sign(header, QJsonDocument(claims).toJson(QJsonDocument::Compact),
                     m_key.privateKey());
}

} // namespace certigram
