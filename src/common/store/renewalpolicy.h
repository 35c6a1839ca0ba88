#pragma once

#include <QDateTime>
#include <QString>

namespace certigram {

class Identity;

// When to renew an identity's certificate, the way `step ca renew --daemon` does it:
// due once renewFraction (2/3) of the lifetime has passed, plus a jitter of up to
// jitterFraction (1/20) of the lifetime so that many holders issued at the same time do
// not all call the CA at once. The jitter is derived from the certificate's serial, so it
// is the same after every restart and differs between certificates. Revoked identities
// are never due. After failed attempts, retries back off exponentially (initialBackoff,
// doubling, capped at maximumBackoff), but never later than notAfter − expiryMargin.
//
// Pure computation on values: safe from any thread.
class RenewalPolicy
{
public:
    RenewalPolicy() = default;

    double renewFraction() const { return m_renewFraction; }
    // Clamped to [0.05, 0.99].
    RenewalPolicy &setRenewFraction(double fraction);
    double jitterFraction() const { return m_jitterFraction; }
    // Clamped to [0, 0.5]; 0 turns the jitter off.
    RenewalPolicy &setJitterFraction(double fraction);
    qint64 initialBackoffSeconds() const { return m_initialBackoff; }
    RenewalPolicy &setInitialBackoffSeconds(qint64 seconds);
    qint64 maximumBackoffSeconds() const { return m_maximumBackoff; }
    RenewalPolicy &setMaximumBackoffSeconds(qint64 seconds);
    qint64 expiryMarginSeconds() const { return m_expiryMargin; }
    RenewalPolicy &setExpiryMarginSeconds(qint64 seconds);

    // notBefore + lifetime × (renewFraction + jitter(serial) × jitterFraction), never
    // later than notAfter − expiryMargin (nor earlier than notBefore). Invalid for a
    // revoked identity or one without dates.
    QDateTime dueAt(const Identity &identity) const;

    // True when `now` has reached dueAt() (also when expired); never for a revoked one.
    // The answer of `certigram-cli needs-renewal`.
    bool needsRenewal(const Identity &identity, const QDateTime &now) const;

    // When the next renewal attempt should run, given `failures` consecutive failed
    // attempts so far. Invalid: never (revoked, or no dates).
    // - no failure: dueAt(), or `now` when that has passed;
    // - after n failures: now + initialBackoff × 2^(n−1), capped at maximumBackoff, and
    //   pulled in to notAfter − expiryMargin while that is still ahead (one last try
    //   before the certificate lapses). Once even that has passed, the backoff applies
    //   unchanged: some CAs still renew shortly after expiry, and the caller can see the
    //   status is Expired.
    QDateTime nextAttempt(const Identity &identity, const QDateTime &now, int failures) const;

    // The backoff after `failures` (≥ 1) consecutive failures, in seconds.
    qint64 backoffSeconds(int failures) const;

    // A number in [0, 1) from SHA-256 of the serial: the jitter's deterministic "random".
    static double jitterUnit(const QString &serialHex);

private:
    double m_renewFraction = 2.0 / 3.0;
    double m_jitterFraction = 1.0 / 20.0;
    qint64 m_initialBackoff = 60;
    qint64 m_maximumBackoff = 3600;
    qint64 m_expiryMargin = 60;
};

} // namespace certigram
