#include "core/error.h"

namespace certigram {

Error::Error(ErrorCode code, QString message)
    : m_code(code)
    , m_message(std::move(message))
{ }

Error Error::withContext(const QString &context) const
{
    Error copy = *this;
    copy.m_message = context + QStringLiteral(": ") + m_message;
    return copy;
}

Error Error::withReason(const QString &reason) const
{
    Error copy = *this;
    copy.m_reason = reason;
    return copy;
}

QString Error::codeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput: return QStringLiteral("invalid-input");
    case ErrorCode::Unsupported: return QStringLiteral("unsupported");
    case ErrorCode::CryptoFailure: return QStringLiteral("crypto-failure");
    case ErrorCode::VerificationFailed: return QStringLiteral("verification-failed");
    case ErrorCode::WrongPassphrase: return QStringLiteral("wrong-passphrase");
    case ErrorCode::NotFound: return QStringLiteral("not-found");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::RateLimited: return QStringLiteral("rate-limited");
    case ErrorCode::IoError: return QStringLiteral("io-error");
    case ErrorCode::NetworkError: return QStringLiteral("network-error");
    case ErrorCode::Unavailable: return QStringLiteral("unavailable");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("unknown");
}

} // namespace certigram
