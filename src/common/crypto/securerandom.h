#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace certigram {

// Every random value Certigram uses comes from here: OpenSSL's CSPRNG (RAND_bytes),
// never from rand() or QRandomGenerator's default seeding. Failure of the CSPRNG is
// fatal for the operation and reported, never silently replaced by something weaker.
class SecureRandom
{
public:
    static Result<QByteArray> bytes(qsizetype count);
    // `count` random bytes as lower-case hex (2 * count characters); jti uses 32.
    static Result<QString> hex(qsizetype count);
    // A uniformly distributed decimal code of `digits` digits, leading zeros kept
    // (rejection sampling: no modulo bias).
    static Result<QString> digits(int digits);
    // A uniformly distributed integer in [0, bound), bound > 0.
    static Result<quint64> below(quint64 bound);
};

} // namespace certigram
