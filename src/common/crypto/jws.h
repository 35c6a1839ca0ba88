#pragma once

#include "core/result.h"
#include "crypto/privatekey.h"
#include "crypto/publickey.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace certigram {

// The JWS algorithms Certigram signs and verifies with (RFC 7518 §3, RFC 8037 §3.1).
enum class JwsAlgorithm { ES256, ES384, RS256, EdDSA };

// A compact JWS taken apart by Jws::parse. Nothing in it is trusted until Jws::verify
// has accepted it with a key.
struct ParsedJws
{
    JwsAlgorithm algorithm = JwsAlgorithm::ES256;
    QJsonObject header;
    QByteArray payload;
    // ASCII(BASE64URL(header) || '.' || BASE64URL(payload)), exactly as received.
    QByteArray signingInput;
    // In JOSE form: raw r||s for ECDSA (RFC 7518 §3.4).
    QByteArray signature;

    // The header's kid; empty when absent or not a string.
    QString kid() const { return header.value(QLatin1String("kid")).toString(); }
};

// JWS compact serialization (RFC 7515 §7.1) with the algorithm bound to the key: a token
// verifies only with a key of the type and size its `alg` names, so an attacker cannot
// pick a weaker check by editing the header.
class Jws
{
public:
    // Tokens longer than this are refused before any decoding.
    static constexpr qsizetype kMaximumTokenSize = 64 * 1024;

    static QString algorithmName(JwsAlgorithm algorithm);
    // Fails with Unsupported for "none" and for every algorithm not listed above.
    static Result<JwsAlgorithm> parseAlgorithm(const QString &name);
    // ES256 for P-256, ES384 for P-384, RS256 for RSA of 2048 bits or more, EdDSA for
    // Ed25519; Unsupported otherwise.
    static Result<JwsAlgorithm> algorithmFor(const PublicKey &key);
    static Result<JwsAlgorithm> algorithmFor(const PrivateKey &key);

    // Signs `payload` with `key`. `header` carries the caller's members (kid, typ, …);
    // `alg` is set from the key — a different `alg` in `header`, or a `crit`, is refused.
    static Result<QByteArray> sign(const QJsonObject &header, const QByteArray &payload,
                                   const PrivateKey &key);

    // Takes a compact JWS apart strictly: three parts, canonical base64url, a JSON object
    // header with a supported `alg` (never "none") and without `crit`. Fails with
    // InvalidInput or Unsupported.
    static Result<ParsedJws> parse(const QByteArray &token);

    // Checks the signature with `key`, after checking that the key is the kind the
    // token's algorithm demands. Fails with VerificationFailed.
    static Result<void> verify(const ParsedJws &jws, const PublicKey &key);

    // ECDSA signature forms: DER (X.509, OpenSSL) and JOSE's fixed-length r||s, where
    // each half has `componentSize` bytes (32 for P-256, 48 for P-384).
    static Result<QByteArray> ecdsaDerToRaw(const QByteArray &der, int componentSize);
    static Result<QByteArray> ecdsaRawToDer(const QByteArray &raw, int componentSize);
};

} // namespace certigram
