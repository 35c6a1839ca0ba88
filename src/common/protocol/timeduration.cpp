#include "protocol/timeduration.h"

#include "protocol/rfc3339.h"

#include <limits>

namespace certigram {

namespace {

Error invalidDuration()
{
    return Error(ErrorCode::InvalidInput,
                 QStringLiteral("not a Go duration (expected e.g. 24h, 90m or 1h30m)"));
}

// Nanoseconds per unit, or 0 for an unknown unit.
quint64 unitNanoseconds(QStringView unit)
{
    if (unit == u"ns")
        return 1;
    if (unit == u"us" || unit == u"\u00b5s" || unit == u"\u03bcs") // micro sign, Greek mu
        return 1000;
    if (unit == u"ms")
        return 1000 * 1000;
    if (unit == u"s")
        return 1000 * 1000 * 1000;
    if (unit == u"m")
        return 60ULL * 1000 * 1000 * 1000;
    if (unit == u"h")
        return 3600ULL * 1000 * 1000 * 1000;
    return 0;
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

Result<std::chrono::nanoseconds> TimeDuration::parseGoDuration(QStringView text)
{
    qsizetype pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == u'-' || text[pos] == u'+')) {
        negative = text[pos] == u'-';
        ++pos;
    }
    if (text.sliced(pos) == u"0")
        return std::chrono::nanoseconds(0);
    if (pos == text.size())
        return invalidDuration();

    // Accumulate the magnitude in unsigned 64-bit: up to 2^63 for "-2562047h47m16.854775808s".
    constexpr quint64 limit = quint64(std::numeric_limits<qint64>::max()) + 1;
    quint64 total = 0;
    while (pos < text.size()) {
        // The integer part; digits beyond what can matter overflow and are refused.
        quint64 whole = 0;
        const qsizetype wholeStart = pos;
        while (pos < text.size() && isDigit(text[pos])) {
            if (whole > limit / 10)
                return invalidDuration();
            whole = whole * 10 + quint64(text[pos].unicode() - u'0');
            ++pos;
        }
        const bool hasWhole = pos > wholeStart;

        // The fraction: 18 digits are more than a nanosecond count of an hour needs; further
        // digits are read and dropped.
        quint64 fraction = 0;
        quint64 fractionScale = 1;
        bool hasFraction = false;
        if (pos < text.size() && text[pos] == u'.') {
            ++pos;
            const qsizetype fractionStart = pos;
            while (pos < text.size() && isDigit(text[pos])) {
                if (fractionScale < 1000000000000000000ULL) {
                    fraction = fraction * 10 + quint64(text[pos].unicode() - u'0');
                    fractionScale *= 10;
                }
                ++pos;
            }
            hasFraction = pos > fractionStart;
        }
        if (!hasWhole && !hasFraction)
            return invalidDuration();

        const qsizetype unitStart = pos;
        while (pos < text.size() && !isDigit(text[pos]) && text[pos] != u'.')
            ++pos;
        const quint64 unit = unitNanoseconds(text.sliced(unitStart, pos - unitStart));
        if (unit == 0)
            return invalidDuration();

        if (whole > limit / unit)
            return invalidDuration();
        quint64 value = whole * unit;
        // fraction / fractionScale of a unit; fraction * unit can exceed 64 bits, so the
        // product is taken in long double (the part is below one unit, ≤ 3.6e12 ns).
        if (fraction != 0) {
            const long double part = static_cast<long double>(fraction)
                * static_cast<long double>(unit) / static_cast<long double>(fractionScale);
            value += static_cast<quint64>(part);
        }
        if (value > limit || total > limit - value)
            return invalidDuration();
        total += value;
    }

    if (!negative && total == limit)
        return invalidDuration();
    if (negative)
        return std::chrono::nanoseconds(total == limit ? std::numeric_limits<qint64>::min()
                                                       : -static_cast<qint64>(total));
    return std::chrono::nanoseconds(static_cast<qint64>(total));
}

Result<TimeDuration> TimeDuration::parse(QStringView text)
{
    TimeDuration result;
    result.m_text = text.toString();
    if (text.isEmpty())
        return result;

    if (auto time = Rfc3339::parse(text)) {
        result.m_kind = Kind::Time;
        result.m_time = *time;
        return result;
    }
    auto duration = parseGoDuration(text);
    if (!duration) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("not an RFC 3339 time or a duration (expected e.g. "
                                    "2006-01-02T15:04:05Z or 24h)"));
    }
    result.m_kind = Kind::Duration;
    result.m_duration = *duration;
    return result;
}

QDateTime TimeDuration::resolve(const QDateTime &now) const
{
    switch (m_kind) {
    case Kind::Unset: return QDateTime();
    case Kind::Time: return m_time;
    case Kind::Duration:
        return now.toUTC().addMSecs(
            std::chrono::duration_cast<std::chrono::milliseconds>(m_duration).count());
    }
    return QDateTime();
}

} // namespace certigram
