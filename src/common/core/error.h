#pragma once

#include <QString>

namespace certigram {

// What kind of failure an Error is. Front ends map it: the server to an HTTP status,
// the CLI to an exit code, the GUI to a dialog. Keep the list short and meaningful.
enum class ErrorCode {
    InvalidInput, // malformed or out-of-range input (bad PEM, bad JSON, bad field)
    Unsupported, // well-formed but not something we handle (algorithm, key type)
    CryptoFailure, // OpenSSL refused an operation that should have worked
    VerificationFailed, // a signature, chain or token did not verify
    WrongPassphrase, // decryption failed because of the passphrase or password
    NotFound,
    Conflict,
    Unauthorized,
    Forbidden,
    RateLimited,
    IoError,
    NetworkError,
    Unavailable, // what we depend on (the database) cannot be used now: retry later
    Internal,
};

// An error as a value: a code for programs and a message for people. The message never
// contains secrets; it may contain user input, so front ends escape it for their medium.
class Error
{
public:
    Error(ErrorCode code, QString message);

    ErrorCode code() const { return m_code; }
    const QString &message() const { return m_message; }

    // A copy whose message is prefixed with context ("reading key.pem: …").
    Error withContext(const QString &context) const;

    // An optional machine-readable reason ("wrong-code", "attempts-exhausted", …) that
    // lets clients tell errors of one code apart without parsing the message.
    Error withReason(const QString &reason) const;
    const QString &reason() const { return m_reason; }

    static QString codeName(ErrorCode code);

private:
    ErrorCode m_code;
    QString m_message;
    QString m_reason;
};

} // namespace certigram
