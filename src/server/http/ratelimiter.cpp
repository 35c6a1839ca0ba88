#include "http/ratelimiter.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace certigram {

RateLimiter::RateLimiter(double ratePerSecond, double burst, int maxKeys)
    : m_rate(ratePerSecond)
    , m_burst(std::max(1.0, burst))
    , m_maxKeys(maxKeys)
{
    m_clock.start();
}

QString RateLimiter::keyFor(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4); // also unwraps ::ffff:a.b.c.d
    if (isIpv4)
        return QHostAddress(ipv4).toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), 0);
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

int RateLimiter::acquire(const QHostAddress &address)
{
    return acquire(keyFor(address));
}

int RateLimiter::acquire(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const qint64 nowMs = m_clock.elapsed();
    auto found = m_buckets.find(key);
    if (found == m_buckets.end()) {
        if (m_buckets.size() >= m_maxKeys)
            prune(nowMs);
        found = m_buckets.insert(key, Bucket{m_burst, nowMs});
    }
    Bucket &bucket = found.value();
    bucket.tokens = std::min(m_burst, bucket.tokens + (nowMs - bucket.updatedMs) * m_rate / 1000.0);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    if (m_rate <= 0)
        return 3600;
    return std::max(1, static_cast<int>(std::ceil((1.0 - bucket.tokens) / m_rate)));
}

void RateLimiter::prune(qint64 nowMs)
{
    // Buckets that have refilled completely carry no information: drop them.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double tokens = it->tokens + (nowMs - it->updatedMs) * m_rate / 1000.0;
        it = tokens >= m_burst ? m_buckets.erase(it) : std::next(it);
    }
    // Still full of active addresses (a flood from many sources): start over rather than
    // grow without bound; the cost is a fresh burst for each of them.
    if (m_buckets.size() >= m_maxKeys)
        m_buckets.clear();
}

} // namespace certigram
