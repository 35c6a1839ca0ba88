#include "protocol/rfc3339.h"

#include <QTimeZone>

namespace certigram {

namespace {

// Reads `count` ASCII digits at `pos`; -1 when any of them is not a digit.
int digitsAt(QStringView text, qsizetype pos, qsizetype count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

bool charAt(QStringView text, qsizetype pos, char16_t expected)
{
    return pos < text.size() && text[pos].unicode() == expected;
}

Error invalidTime()
{
    return Error(ErrorCode::InvalidInput,
                 QStringLiteral("not an RFC 3339 time (expected e.g. 2006-01-02T15:04:05Z)"));
}

} // namespace

Result<QDateTime> Rfc3339::parse(QStringView text)
{
    // yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
        || !charAt(text, 4, u'-') || !charAt(text, 7, u'-') || !charAt(text, 10, u'T')
        || !charAt(text, 13, u':') || !charAt(text, 16, u':')) {
        return invalidTime();
    }

    qsizetype pos = 19;
    int millis = 0;
    if (charAt(text, pos, u'.')) {
        ++pos;
        const qsizetype start = pos;
        while (pos < text.size() && text[pos] >= u'0' && text[pos] <= u'9')
            ++pos;
        const qsizetype fractionDigits = pos - start;
        if (fractionDigits < 1 || fractionDigits > 9)
            return invalidTime();
        for (qsizetype i = 0; i < 3; ++i)
            millis = millis * 10 + (i < fractionDigits ? text[start + i].unicode() - u'0' : 0);
    }

    int offsetSeconds = 0;
    if (charAt(text, pos, u'Z')) {
        ++pos;
    } else if (charAt(text, pos, u'+') || charAt(text, pos, u'-')) {
        const int sign = text[pos] == u'-' ? -1 : 1;
        const int offsetHours = digitsAt(text, pos + 1, 2);
        const int offsetMinutes = digitsAt(text, pos + 4, 2);
        if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59
            || !charAt(text, pos + 3, u':')) {
            return invalidTime();
        }
        offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
        pos += 6;
    } else {
        return invalidTime();
    }
    if (pos != text.size())
        return invalidTime();

    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 59)
        return invalidTime();
    const QDateTime local(date, QTime(hour, minute, second, millis), QTimeZone(offsetSeconds));
    return local.toUTC();
}

QString Rfc3339::format(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    const QDateTime utc = time.toUTC();
    return utc.toString(utc.time().msec() != 0 ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")
                                               : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

} // namespace certigram
