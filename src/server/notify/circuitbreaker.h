#pragma once

#include <QMutex>
#include <QString>

#include <chrono>
#include <functional>

namespace certigram {

// A circuit breaker for a remote service that fails by timing out: after `failureThreshold`
// consecutive failures it opens, and callers fail fast instead of each waiting for the
// service's timeout; after `coolDown` it lets one trial request through (half-open) and
// closes again when that succeeds, or opens for another cool-down when it fails.
//
// Only failures that say the service is down count (timeouts, 5xx, connection errors);
// any complete answer of the service counts as a success, even a refusal, because it
// proves the service is there. Outcomes that say neither (a request that timed out
// waiting for a local slot) are not reported at all.
//
// Thread-safe. Logs (category certigram.server.notify) when it opens and when it closes,
// once each, not per request.
class CircuitBreaker
{
public:
    enum class State { Closed, Open, HalfOpen };
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    struct Options
    {
        int failureThreshold = 5;
        std::chrono::milliseconds coolDown = std::chrono::seconds(30);
        // A trial whose outcome never arrives (the notifier shut down, say) stops blocking
        // further trials after this long.
        std::chrono::milliseconds trialTimeout = std::chrono::seconds(15);
    };

    // `service` names the service in log lines ("Telegram at api.telegram.org").
    CircuitBreaker(QString service, Options options, Clock clock = &std::chrono::steady_clock::now);

    // Whether a request may go out now. Closed: yes. Open: no until the cool-down has
    // passed, then yes once (the trial; the breaker is half-open). Half-open: no while the
    // trial runs. When the answer is no, `retryIn` (if given) is how long until a trial.
    bool allow(std::chrono::milliseconds *retryIn = nullptr);
    // The service answered.
    void recordSuccess();
    // The service failed (timeout, 5xx, connection). Returns true when this failure opened
    // the breaker (from closed or after a failed trial).
    bool recordFailure();

    State state() const;
    int consecutiveFailures() const;
    const Options &options() const { return m_options; }

private:
    const QString m_service;
    const Options m_options;
    const Clock m_clock;
    mutable QMutex m_mutex;
    State m_state = State::Closed;
    int m_failures = 0; // consecutive
    std::chrono::steady_clock::time_point m_openedAt;
    std::chrono::steady_clock::time_point m_trialStartedAt;
};

} // namespace certigram
