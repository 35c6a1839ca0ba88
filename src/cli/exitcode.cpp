#include "exitcode.h"

namespace certigram {

ExitCode exitCodeFor(const Error &error)
{
    switch (error.code()) {
    case ErrorCode::InvalidInput:
    case ErrorCode::Unsupported:
    case ErrorCode::CryptoFailure:
    case ErrorCode::VerificationFailed:
    case ErrorCode::WrongPassphrase: return ExitCode::InvalidInput;
    case ErrorCode::NotFound: return ExitCode::NotFound;
    case ErrorCode::NetworkError:
    case ErrorCode::Unavailable: return ExitCode::Network;
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden: return ExitCode::Refused;
    case ErrorCode::RateLimited: return ExitCode::RateLimited;
    case ErrorCode::Conflict: return ExitCode::Conflict;
    case ErrorCode::IoError: return ExitCode::Io;
    case ErrorCode::Internal: return ExitCode::Internal;
    }
    return ExitCode::Internal;
}

QString exitCodeHelp()
{
    return QStringLiteral("Exit codes:\n"
                          "  0   success (needs-renewal: renewal is due)\n"
                          "  1   needs-renewal: not due\n"
                          "  2   bad or missing arguments\n"
                          "  3   unusable input: file, key, passphrase, certificate, answer\n"
                          "  4   no such identity or CA profile\n"
                          "  5   network: server unreachable, TLS refused, timeout\n"
                          "  6   refused: wrong or expired code, revoked, not allowed\n"
                          "  7   rate-limited: try again later\n"
                          "  8   conflict: exists already, already revoked, code pending\n"
                          "  9   cannot read or write a file (read-only, disk full)\n"
                          "  10  internal error\n");
}

} // namespace certigram
