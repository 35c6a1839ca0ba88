#include "ca/caerror.h"

namespace certigram {

namespace {

// step-ca's errs package appends this to every generic message.
const char kSeeLogs[] = "Please see the certificate authority logs for more info.";

} // namespace

Error CaError::badRequest(const QString &what)
{
    return Error(ErrorCode::InvalidInput,
                 QStringLiteral("The request could not be completed: %1.").arg(what));
}

Error CaError::unauthorized()
{
    return Error(ErrorCode::Unauthorized, unauthorizedMessage());
}

Error CaError::forbidden(const QString &what)
{
    return Error(
        ErrorCode::Forbidden,
        QStringLiteral("The request was forbidden by the certificate authority: %1.").arg(what));
}

Error CaError::notFound()
{
    return Error(ErrorCode::NotFound, notFoundMessage());
}

Error CaError::notImplemented()
{
    return Error(ErrorCode::Unsupported, notImplementedMessage());
}

int CaError::httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Unsupported: return 501;
    // step-ca answers 500 here; a retry is what the client should do, so 503.
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::VerificationFailed:
    case ErrorCode::WrongPassphrase:
    case ErrorCode::Conflict:
    case ErrorCode::RateLimited:
    case ErrorCode::CryptoFailure:
    case ErrorCode::IoError:
    case ErrorCode::NetworkError:
    case ErrorCode::Internal:
        // The authority turns every expected failure into one of the codes above; anything
        // else reaching a client is a fault of ours, not theirs.
        return 500;
    }
    return 500;
}

QString CaError::publicMessage(const Error &error)
{
    if (error.code() == ErrorCode::Unavailable)
        return QStringLiteral("The certificate authority is temporarily unavailable: retry in a "
                              "moment.");
    return httpStatus(error.code()) >= 500 && error.code() != ErrorCode::Unsupported
        ? internalErrorMessage()
        : error.message();
}

QString CaError::unauthorizedMessage()
{
    return QStringLiteral("The request lacked necessary authorization to be completed. ")
        + QLatin1String(kSeeLogs);
}

QString CaError::notFoundMessage()
{
    return QStringLiteral("The requested resource could not be found. ") + QLatin1String(kSeeLogs);
}

QString CaError::notImplementedMessage()
{
    return QStringLiteral("The requested method is not implemented by the certificate "
                          "authority. ")
        + QLatin1String(kSeeLogs);
}

QString CaError::internalErrorMessage()
{
    return QStringLiteral("The certificate authority encountered an Internal Server Error. ")
        + QLatin1String(kSeeLogs);
}

} // namespace certigram
