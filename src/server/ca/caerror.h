#pragma once

#include "core/error.h"

#include <QString>

namespace certigram {

// The errors the embedded CA answers with, worded as step-ca words them (observed on
// step-ca 0.19 and in its errs package), so a client cannot tell the two apart.
//
// Every error the CertificateAuthority returns has one of these codes, and the HTTP front
// maps them with httpStatus():
//   InvalidInput → 400, Unauthorized → 401, Forbidden → 403, NotFound → 404,
//   Unsupported → 501 (only from notImplemented()), anything else → 500.
// The 401, 404, 500 and 501 messages are generic on purpose: the reason goes to the log.
class CaError
{
public:
    // 400 "The request could not be completed: <what>."
    static Error badRequest(const QString &what);
    // 401 with step-ca's generic message; callers log the actual reason.
    static Error unauthorized();
    // 403 "The request was forbidden by the certificate authority: <what>."
    static Error forbidden(const QString &what);
    // 404 with step-ca's generic message.
    static Error notFound();
    // 501 with step-ca's generic message (non-passive revocation).
    static Error notImplemented();

    static int httpStatus(ErrorCode code);
    // What a client may see: the error's own message below 500, step-ca's generic
    // message for 500 (internal details stay in the log).
    static QString publicMessage(const Error &error);

    static QString unauthorizedMessage();
    static QString notFoundMessage();
    static QString notImplementedMessage();
    static QString internalErrorMessage();
};

} // namespace certigram
