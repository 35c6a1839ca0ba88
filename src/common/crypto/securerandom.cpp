#include "crypto/securerandom.h"

#include "crypto/opensslerror.h"

#include <openssl/rand.h>

#include <cstring>
#include <limits>

namespace certigram {

Result<QByteArray> SecureRandom::bytes(qsizetype count)
{
    if (count < 0 || count > std::numeric_limits<int>::max())
        return Error(ErrorCode::InvalidInput, QStringLiteral("invalid random length"));
    QByteArray out(count, Qt::Uninitialized);
    if (count > 0
        && RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(count)) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("random generator failed"));
    return out;
}

Result<QString> SecureRandom::hex(qsizetype count)
{
    auto random = bytes(count);
    if (!random)
        return random.error();
    return QString::fromLatin1(random.value().toHex());
}

Result<quint64> SecureRandom::below(quint64 bound)
{
    if (bound == 0)
        return Error(ErrorCode::InvalidInput, QStringLiteral("random bound must be positive"));
    // Accept only values under the largest multiple of `bound`, so every residue is
    // equally likely.
    const quint64 limit
        = std::numeric_limits<quint64>::max() - (std::numeric_limits<quint64>::max() % bound);
    for (;;) {
        auto random = bytes(sizeof(quint64));
        if (!random)
            return random.error();
        quint64 value = 0;
        std::memcpy(&value, random.value().constData(), sizeof value);
        if (value < limit)
            return value % bound;
    }
}

Result<QString> SecureRandom::digits(int digits)
{
    if (digits < 1 || digits > 18)
        return Error(ErrorCode::InvalidInput, QStringLiteral("code length must be 1 to 18 digits"));
    quint64 bound = 1;
    for (int i = 0; i < digits; ++i)
        bound *= 10;
    auto value = below(bound);
    if (!value)
        return value.error();
    return QStringLiteral("%1").arg(value.value(), digits, 10, QLatin1Char('0'));
}

} // namespace certigram
