#pragma once

#include <QByteArray>
#include <QString>

namespace certigram::bench {

// The RA's request bodies as the benchmarks send them (enrolment codes). Subjects are
// Telegram ids: decimal digits.
QByteArray codeRequestBody(qint64 subject);
QByteArray tokenRequestBody(const QString &subject, const QString &code);

} // namespace certigram::bench
