#pragma once

#include "core/result.h"
#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QString>

namespace certigram {

// Keyed hashes of one-time codes: HMAC-SHA256 under a server secret over subject, purpose
// and code. A six-digit code hashed without a key falls to a million guesses offline; with
// the key kept outside the database, a leaked database gives nothing away.
class CodeHasher
{
public:
    explicit CodeHasher(SecretBytes key);

    QByteArray hash(const QString &subject, const QString &purpose, const QString &code) const;
    // Constant-time comparison of a stored hash with the hash of a typed code.
    bool matches(const QByteArray &storedHash, const QString &subject, const QString &purpose,
                 const QString &code) const;

    // The key file: 32 random bytes as hex, created owner-only on first use and read
    // afterwards.
    // Servers sharing one database must share this file.
    static Result<SecretBytes> loadOrCreateKey(const QString &path);

private:
    SecretBytes m_key;
};

} // namespace certigram
