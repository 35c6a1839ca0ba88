#pragma once

#include "core/result.h"

#include <QList>
#include <QString>

namespace certigram {

// The key types a holder can choose for a new identity.
enum class KeyType { EcP256, EcP384, Ed25519, Rsa2048, Rsa3072, Rsa4096 };

// The algorithm family of any key we can read (also keys of other sizes/curves).
enum class KeyAlgorithm { Rsa, Ec, Ed25519 };

// The hash a signature uses; None for Ed25519, which hashes internally.
enum class DigestAlgorithm { None, Sha256, Sha384, Sha512 };

// Stable machine names used on the command line, in metadata and in configuration:
// "ec-p256", "ec-p384", "ed25519", "rsa-2048", "rsa-3072", "rsa-4096".
QString keyTypeName(KeyType type);
Result<KeyType> parseKeyType(const QString &name);
// For people: "ECDSA P-256", "RSA 4096", "Ed25519".
QString keyTypeDisplayName(KeyType type);
QList<KeyType> allKeyTypes();

} // namespace certigram
