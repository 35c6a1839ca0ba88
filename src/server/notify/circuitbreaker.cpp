#include "notify/circuitbreaker.h"

#include "notify/notifier.h"

#include <algorithm>

namespace certigram {

namespace {

QString seconds(std::chrono::milliseconds duration)
{
    return QString::number(static_cast<double>(duration.count()) / 1000.0, 'g', 3)
        + QStringLiteral(" s");
}

} // namespace

CircuitBreaker::CircuitBreaker(QString service, Options options, Clock clock)
    : m_service(std::move(service))
    , m_options(options)
    , m_clock(std::move(clock))
{
    Q_ASSERT(m_options.failureThreshold >= 1);
}

bool CircuitBreaker::allow(std::chrono::milliseconds *retryIn)
{
    using namespace std::chrono;
    QMutexLocker lock(&m_mutex);
    const steady_clock::time_point now = m_clock();
    switch (m_state) {
    case State::Closed: return true;
    case State::Open:
        if (now - m_openedAt >= m_options.coolDown) {
            m_state = State::HalfOpen;
            m_trialStartedAt = now;
            return true;
        }
        if (retryIn)
            *retryIn = duration_cast<milliseconds>(m_openedAt + m_options.coolDown - now);
        return false;
    case State::HalfOpen:
        if (now - m_trialStartedAt >= m_options.trialTimeout) {
            m_trialStartedAt = now; // the last trial's outcome is lost: another one
            return true;
        }
        if (retryIn)
            *retryIn = std::max(
                milliseconds(0),
                duration_cast<milliseconds>(m_trialStartedAt + m_options.trialTimeout - now));
        return false;
    }
    return true;
}

void CircuitBreaker::recordSuccess()
{
    QMutexLocker lock(&m_mutex);
    m_failures = 0;
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    qCInfo(lcNotify).noquote() << m_service << "answers again: sending messages again";
}

bool CircuitBreaker::recordFailure()
{
    QMutexLocker lock(&m_mutex);
    ++m_failures;
    switch (m_state) {
    case State::Closed:
        if (m_failures < m_options.failureThreshold)
            return false;
        m_state = State::Open;
        m_openedAt = m_clock();
        qCWarning(lcNotify).noquote()
            << QStringLiteral("%1 failed %2 times in a row: failing fast for %3, then trying "
                              "one message at a time until it answers")
                   .arg(m_service)
                   .arg(m_failures)
                   .arg(seconds(m_options.coolDown));
        return true;
    case State::HalfOpen:
        // The trial failed (or a request from before the opening did): another cool-down.
        // Not logged again: the opening was, and the closing will be.
        m_state = State::Open;
        m_openedAt = m_clock();
        qCDebug(lcNotify).noquote() << m_service << "still failing: the trial message failed";
        return true;
    case State::Open: return false; // a request from before the opening, finishing late
    }
    return false;
}

CircuitBreaker::State CircuitBreaker::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

int CircuitBreaker::consecutiveFailures() const
{
    QMutexLocker lock(&m_mutex);
    return m_failures;
}

} // namespace certigram
