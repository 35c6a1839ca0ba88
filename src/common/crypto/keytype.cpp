#include "crypto/keytype.h"

namespace certigram {

QList<KeyType> allKeyTypes()
{
    return {KeyType::EcP256,  KeyType::EcP384,  KeyType::Ed25519,
            KeyType::Rsa2048, KeyType::Rsa3072, KeyType::Rsa4096};
}

QString keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::EcP256: return QStringLiteral("ec-p256");
    case KeyType::EcP384: return QStringLiteral("ec-p384");
    case KeyType::Ed25519: return QStringLiteral("ed25519");
    case KeyType::Rsa2048: return QStringLiteral("rsa-2048");
    case KeyType::Rsa3072: return QStringLiteral("rsa-3072");
    case KeyType::Rsa4096: return QStringLiteral("rsa-4096");
    }
    Q_UNREACHABLE();
}

QString keyTypeDisplayName(KeyType type)
{
    switch (type) {
    case KeyType::EcP256: return QStringLiteral("ECDSA P-256");
    case KeyType::EcP384: return QStringLiteral("ECDSA P-384");
    case KeyType::Ed25519: return QStringLiteral("Ed25519");
    case KeyType::Rsa2048: return QStringLiteral("RSA 2048");
    case KeyType::Rsa3072: return QStringLiteral("RSA 3072");
    case KeyType::Rsa4096: return QStringLiteral("RSA 4096");
    }
    Q_UNREACHABLE();
}

Result<KeyType> parseKeyType(const QString &name)
{
    for (const KeyType type : allKeyTypes()) {
        if (keyTypeName(type) == name)
            return type;
    }
    return Error(ErrorCode::InvalidInput,
                 QStringLiteral("unknown key type \"%1\" (expected one of ec-p256, ec-p384, "
                                "ed25519, rsa-2048, rsa-3072, rsa-4096)")
                     .arg(name.left(40)));
}

} // namespace certigram
