#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <chrono>

namespace certigram {

// step-ca's TimeDuration, the type of a sign request's notBefore/notAfter: either an
// RFC 3339 time or a Go duration string ("24h", "-5m", "1h30m", "1.5h") counted from the
// moment the CA signs. The empty string means "not set". Parsing follows step-ca: try
// RFC 3339 first, then time.ParseDuration; the source text is kept for re-serialising.
class TimeDuration
{
public:
    TimeDuration() = default; // not set

    static Result<TimeDuration> parse(QStringView text);

    bool isSet() const { return m_kind != Kind::Unset; }
    bool isTime() const { return m_kind == Kind::Time; }
    bool isDuration() const { return m_kind == Kind::Duration; }

    // The text it was parsed from (empty when not set).
    const QString &text() const { return m_text; }
    // Valid only for isTime() (UTC).
    QDateTime time() const { return m_time; }
    // Zero unless isDuration().
    std::chrono::nanoseconds duration() const { return m_duration; }

    // The instant it denotes when the CA signs at `now`: the time itself, or now + duration
    // (to the millisecond). An invalid QDateTime when not set.
    QDateTime resolve(const QDateTime &now) const;

    // Go's time.ParseDuration: an optional sign, then one or more decimal numbers (with an
    // optional fraction) each followed by a unit ns, us, µs, ms, s, m or h; "0" alone is
    // allowed. Refuses values beyond ±2^63 ns (about 292 years), as Go does.
    static Result<std::chrono::nanoseconds> parseGoDuration(QStringView text);

    friend bool operator==(const TimeDuration &a, const TimeDuration &b)
    {
        return a.m_kind == b.m_kind && a.m_time == b.m_time && a.m_duration == b.m_duration;
    }
    friend bool operator!=(const TimeDuration &a, const TimeDuration &b) { return !(a == b); }

private:
    enum class Kind { Unset, Time, Duration };

    Kind m_kind = Kind::Unset;
    QString m_text;
    QDateTime m_time;
    std::chrono::nanoseconds m_duration{0};
};

} // namespace certigram
