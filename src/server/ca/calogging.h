#pragma once

#include <QLoggingCategory>
#include <QString>

namespace certigram {

// The embedded CA's log category. Token contents and key material never go into it; a
// refused request is logged with its reason, which step-ca's clients never see.
Q_DECLARE_LOGGING_CATEGORY(lcCa)

// Text from a request (a CN, a serial, a token's claims) made fit for one log line: control
// characters escaped so nobody can forge lines, and at most `maximum` characters.
QString loggable(const QString &text, qsizetype maximum = 120);

} // namespace certigram
