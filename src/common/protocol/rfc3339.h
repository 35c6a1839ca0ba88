#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>
#include <QStringView>

namespace certigram {

// RFC 3339 timestamps ("2024-05-01T12:00:00Z", "2024-05-01T14:00:00.5+02:00") as both APIs
// carry them. Parsing is as strict as Go's time.RFC3339 (which step-ca uses): upper-case
// 'T' and 'Z', a mandatory zone, no leap second, 1–9 fraction digits. QDateTime keeps
// milliseconds, so finer fractions are truncated.
class Rfc3339
{
public:
    // The instant in UTC.
    static Result<QDateTime> parse(QStringView text);
    // UTC with a 'Z'; milliseconds only when there are any ("…:00Z", "…:00.250Z").
    // An invalid QDateTime formats as an empty string.
    static QString format(const QDateTime &time);
};

} // namespace certigram
