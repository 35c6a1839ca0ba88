#include "crypto/base64url.h"

namespace certigram {

QByteArray Base64Url::encode(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<QByteArray> Base64Url::decode(const QByteArray &text)
{
    for (const char c : text) {
        const bool valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!valid)
            return Error(ErrorCode::InvalidInput, QStringLiteral("invalid base64url character"));
    }
    if (text.size() % 4 == 1)
        return Error(ErrorCode::InvalidInput, QStringLiteral("invalid base64url length"));
    auto decoded = QByteArray::fromBase64Encoding(
        text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error(ErrorCode::InvalidInput, QStringLiteral("invalid base64url"));
    // Canonical form only: re-encoding must give the input back (no stray trailing bits).
    if (encode(*decoded) != text)
        return Error(ErrorCode::InvalidInput, QStringLiteral("non-canonical base64url"));
    return *decoded;
}

} // namespace certigram
