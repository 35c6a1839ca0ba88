#pragma once

#include "core/result.h"
#include "crypto/keytype.h"
#include "crypto/privatekey.h"
#include "crypto/publickey.h"
#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace certigram {

// A JSON Web Key (RFC 7517/7518, RFC 8037) for the key types Certigram signs with:
// kty "EC" (P-256, P-384), "RSA", and "OKP" (Ed25519). Immutable apart from the metadata
// members kid, alg and use, which are kept as read.
//
// Reading is strict: a missing or wrong-typed member fails with InvalidInput naming the
// member; EC coordinates and private scalars must have the curve's full length; RSA
// integers must use the minimum number of octets; a private JWK must be consistent (its d
// must belong to its x/y, its RSA factors to its n/e). Other key types fail with
// Unsupported. Every key is checked by OpenSSL (point on the curve, RSA sanity).
//
// Private material lives in the OpenSSL key object (which wipes it when freed) and only
// passes through SecretBytes on the way in and out. One limit: a JWK read from a
// QJsonObject or JSON text leaves copies in Qt's JSON structures, which cannot be wiped;
// callers keep such objects short-lived.
class Jwk
{
public:
    Jwk() = default;

    static Result<Jwk> fromJson(const QJsonObject &object);
    static Result<Jwk> fromJson(const QByteArray &json);
    // For private JWKs (e.g. the plaintext of a JWE): parses without copying the text.
    static Result<Jwk> fromJson(const SecretBytes &json);
    // Fails with Unsupported for algorithms a JWK cannot carry here (P-521, multi-prime RSA…).
    static Result<Jwk> fromPublicKey(const PublicKey &key);
    static Result<Jwk> fromPrivateKey(const PrivateKey &key);

    bool isNull() const { return m_public.isNull(); }
    bool isPrivate() const { return !m_private.isNull(); }
    KeyAlgorithm algorithm() const { return m_public.algorithm(); }
    // "EC", "RSA" or "OKP".
    QString keyType() const;
    // "P-256", "P-384", "Ed25519"; empty for RSA.
    QString curve() const { return m_curve; }

    QString kid() const { return m_kid; }
    void setKid(const QString &kid) { m_kid = kid; }
    QString alg() const { return m_alg; }
    void setAlg(const QString &alg) { m_alg = alg; }
    QString use() const { return m_use; }
    void setUse(const QString &use) { m_use = use; }

    // The public members plus kid/alg/use when set; never private members.
    QJsonObject toJson() const;
    // Compact JSON text with the private members, for writing into a JWE or a file.
    // Kept out of QJsonObject on purpose: Qt's JSON values cannot be wiped.
    Result<SecretBytes> toPrivateJson() const;
    // The same key without its private part (metadata kept).
    Jwk publicJwk() const;

    // RFC 7638 thumbprint: base64url(SHA-256) of the required public members in
    // lexicographic order, without whitespace.
    QString thumbprint() const;
    // The key id a token names this key by: kid when set, else the thumbprint (what the
    // step CLI does; step creates keys whose kid is their thumbprint).
    QString keyId() const { return m_kid.isEmpty() ? thumbprint() : m_kid; }

    // True when both hold the same public key (metadata ignored).
    bool hasSamePublicKey(const Jwk &other) const;

    Result<PublicKey> toPublicKey() const;
    Result<PrivateKey> toPrivateKey() const;

private:
    static Result<Jwk> fromKeys(const PublicKey &publicKey, const PrivateKey &privateKey);

    PublicKey m_public;
    PrivateKey m_private;
    QString m_curve;
    // The required public members, base64url-encoded: x and y (EC), x (OKP), n and e (RSA).
    QByteArray m_x;
    QByteArray m_y;
    QByteArray m_n;
    QByteArray m_e;
    QString m_kid;
    QString m_alg;
    QString m_use;
};

} // namespace certigram
