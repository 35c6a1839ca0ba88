#include "store/renewalpolicy.h"

#include "store/identity.h"

#include <QCryptographicHash>

#include <algorithm>

namespace certigram {

RenewalPolicy &RenewalPolicy::setRenewFraction(double fraction)
{
    m_renewFraction = std::clamp(fraction, 0.05, 0.99);
    return *this;
}

RenewalPolicy &RenewalPolicy::setJitterFraction(double fraction)
{
    m_jitterFraction = std::clamp(fraction, 0.0, 0.5);
    return *this;
}

RenewalPolicy &RenewalPolicy::setInitialBackoffSeconds(qint64 seconds)
{
    m_initialBackoff = std::max<qint64>(1, seconds);
    m_maximumBackoff = std::max(m_maximumBackoff, m_initialBackoff);
    return *this;
}

RenewalPolicy &RenewalPolicy::setMaximumBackoffSeconds(qint64 seconds)
{
    m_maximumBackoff = std::max(m_initialBackoff, seconds);
    return *this;
}

RenewalPolicy &RenewalPolicy::setExpiryMarginSeconds(qint64 seconds)
{
    m_expiryMargin = std::max<qint64>(0, seconds);
    return *this;
}

double RenewalPolicy::jitterUnit(const QString &serialHex)
{
    const QByteArray digest
        = QCryptographicHash::hash(serialHex.toUpper().toLatin1(), QCryptographicHash::Sha256);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | static_cast<quint8>(digest.at(i));
    // The top 53 bits: exactly representable in a double, so the result stays below 1.
    return static_cast<double>(value >> 11) / static_cast<double>(quint64(1) << 53);
}

QDateTime RenewalPolicy::dueAt(const Identity &identity) const
{
    if (identity.isRevoked() || !identity.notBefore().isValid() || !identity.notAfter().isValid())
        return {};
    const QDateTime &notBefore = identity.notBefore();
    const QDateTime &notAfter = identity.notAfter();
    const qint64 lifetime = std::max<qint64>(0, notBefore.msecsTo(notAfter));
    const double fraction = m_renewFraction + jitterUnit(identity.serialHex()) * m_jitterFraction;
    QDateTime due
        = notBefore.addMSecs(static_cast<qint64>(fraction * static_cast<double>(lifetime)));
    const QDateTime latest = notAfter.addSecs(-m_expiryMargin);
    if (due > latest)
        due = latest;
    if (due < notBefore)
        due = notBefore;
    return due;
}

bool RenewalPolicy::needsRenewal(const Identity &identity, const QDateTime &now) const
{
    const QDateTime due = dueAt(identity);
    return due.isValid() && now >= due;
}

qint64 RenewalPolicy::backoffSeconds(int failures) const
{
    if (failures <= 0)
        return 0;
    // 2^30 minutes is far past any cap; stop doubling before it can overflow.
    const int doublings = std::min(failures - 1, 30);
    const qint64 backoff = m_initialBackoff * (qint64(1) << doublings);
    return std::min(backoff, m_maximumBackoff);
}

QDateTime RenewalPolicy::nextAttempt(const Identity &identity, const QDateTime &now,
                                     int failures) const
{
    const QDateTime due = dueAt(identity);
    if (!due.isValid())
        return {};
    if (failures <= 0)
        return std::max(due, now);
    QDateTime attempt = std::max(due, now.addSecs(backoffSeconds(failures)));
    const QDateTime lastChance = identity.notAfter().addSecs(-m_expiryMargin);
    if (attempt > lastChance && lastChance > now)
        attempt = lastChance;
    return attempt;
}

} // namespace certigram
