#include "http/connectionbudget.h"

#include "http/ratelimiter.h"

#include <QAbstractSocket>
#include <QVariant>

namespace certigram {

namespace {
constexpr char kTrackedProperty[] = "certigram.budgetTracked";
}

ConnectionBudget::ConnectionBudget(int maxTotal, int maxPerAddress, QObject *parent)
    : QObject(parent)
    , m_maxTotal(maxTotal)
    , m_maxPerAddress(maxPerAddress)
{ }

bool ConnectionBudget::admits(const QHostAddress &address) const
{
    return m_total < m_maxTotal
        && m_perAddress.value(RateLimiter::keyFor(address)) < m_maxPerAddress;
}

void ConnectionBudget::track(QAbstractSocket *socket)
{
    if (socket->property(kTrackedProperty).toBool())
        return;
    socket->setProperty(kTrackedProperty, true);
    const QString key = RateLimiter::keyFor(socket->peerAddress());
    ++m_total;
    ++m_perAddress[key];
    connect(socket, &QObject::destroyed, this, [this, key] { release(key); });
}

void ConnectionBudget::release(const QString &key)
{
    --m_total;
    auto found = m_perAddress.find(key);
    if (found != m_perAddress.end() && --found.value() <= 0)
        m_perAddress.erase(found);
}

} // namespace certigram
