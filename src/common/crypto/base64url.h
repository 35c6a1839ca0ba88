#pragma once

#include "core/result.h"

#include <QByteArray>

namespace certigram {

// Base64url without padding (RFC 7515 §2), as JOSE uses it.
class Base64Url
{
public:
    static QByteArray encode(const QByteArray &bytes);
    // Strict: rejects padding, '+' and '/', whitespace and impossible lengths.
    static Result<QByteArray> decode(const QByteArray &text);
};

} // namespace certigram
