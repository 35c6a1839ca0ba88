#pragma once

#include "core/result.h"
#include "crypto/jwk.h"
#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace certigram {

// What Jwe::decrypt gives back: the protected header (alg, enc, cty, p2s, p2c, …) and
// the plaintext.
struct DecryptedJwe
{
    QJsonObject header;
    SecretBytes plaintext;
};

// Password-based compact JWE, the format of step's encrypted provisioner keys:
// alg "PBES2-HS256+A128KW" (RFC 7518 §4.8: PBKDF2-HMAC-SHA256 over the password with salt
// UTF8(alg) || 0x00 || p2s gives an AES-128 key that wraps a random CEK with RFC 3394 key
// wrap) and enc "A256GCM" (RFC 7518 §5.3: 12-byte IV, AAD = the base64url protected
// header, 16-byte tag). Decryption also reads enc "A128CBC-HS256" (RFC 7518 §5.2.3), the
// encoding of RFC 7517 Appendix C's published example; encryption always uses A256GCM.
//
// Failures: a wrong password (the key unwrap's integrity check fails) → WrongPassphrase;
// a ciphertext, IV, tag or header that does not authenticate → VerificationFailed; other
// alg/enc/zip/crit → Unsupported; malformed input or p2c out of bounds → InvalidInput.
// Keys derived on the way (KEK, CEK) live in SecretBytes.
class Jwe
{
public:
    // PBKDF2 iterations for new files: OWASP's 2023 recommendation for
    // PBKDF2-HMAC-SHA256. step writes 100000 (kStepIterations), which is weaker against
    // offline guessing of a stolen key file; both are readable by step and by us.
    static constexpr int kDefaultIterations = 600000;
    static constexpr int kStepIterations = 100000;
    // Bounds on p2c when reading: below 1000 the password is barely stretched (RFC 7518
    // §4.8.1.2 recommends at least 1000); above 10,000,000 a hostile file could keep us
    // busy for many seconds.
    static constexpr int kMinimumIterations = 1000;
    static constexpr int kMaximumIterations = 10000000;
    // Files longer than this are refused before any decoding.
    static constexpr qsizetype kMaximumSize = 1024 * 1024;

    // Encrypts with a fresh 16-byte p2s, CEK and IV. `contentType` becomes `cty` when
    // not empty. Iterations must lie within the reading bounds.
    static Result<QByteArray> encrypt(const SecretBytes &plaintext, const SecretBytes &password,
                                      const QString &contentType = {},
                                      int iterations = kDefaultIterations);
    // Encrypts a private JWK's JSON with cty "jwk+json", as `step crypto jwk create` does.
    static Result<QByteArray> encryptJwk(const Jwk &jwk, const SecretBytes &password,
                                         int iterations = kDefaultIterations);

    static Result<DecryptedJwe> decrypt(const QByteArray &token, const SecretBytes &password);
    // Decrypts and reads the plaintext as a JWK; a `cty` other than "jwk+json" is refused.
    static Result<Jwk> decryptJwk(const QByteArray &token, const SecretBytes &password);
};

} // namespace certigram
