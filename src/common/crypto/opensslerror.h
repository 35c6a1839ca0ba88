#pragma once

#include "core/error.h"

namespace certigram::ossl {

// Drains OpenSSL's thread-local error queue into one readable line
// ("what we tried: reason from OpenSSL; …"). Always call it right after a failed call,
// so a stale queue never leaks into a later message.
QString drainErrors();

// An Error for a failed OpenSSL call: `what` says what we were doing.
Error error(ErrorCode code, const QString &what);

// Clears the queue without reading it (after a call whose failure is expected, e.g. a
// probe for a format).
void clearErrors();

} // namespace certigram::ossl
