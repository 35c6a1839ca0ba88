#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace certigram {

// Token buckets per remote address: `burst` requests at once, refilled at `ratePerSecond`.
// IPv6 clients are grouped by /64, since one host usually holds a whole /64. Memory is
// bounded: past `maxKeys` addresses, buckets that are full again are dropped first.
// Thread-safe.
class RateLimiter
{
public:
    RateLimiter(double ratePerSecond, double burst, int maxKeys = 100'000);

    // Takes one token for `address`. Returns 0 when allowed, else the seconds to wait
    // before a token is available (for Retry-After).
    int acquire(const QHostAddress &address);

    // The same for an arbitrary key (a subject, a route and address pair, …).
    int acquire(const QString &key);

    static QString keyFor(const QHostAddress &address);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    void prune(qint64 nowMs);

    const double m_rate;
    const double m_burst;
    const int m_maxKeys;
    QMutex m_mutex;
    QElapsedTimer m_clock;
    QHash<QString, Bucket> m_buckets;
};

} // namespace certigram
