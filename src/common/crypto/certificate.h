#pragma once

#include "core/result.h"
#include "crypto/opensslptr.h"
#include "crypto/publickey.h"
#include "crypto/subjectaltnames.h"

#include <openssl/types.h>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace certigram {

class PrivateKey;

// An X.509 certificate. Immutable; copies share the OpenSSL object (X509_up_ref). Every
// accessor is safe on a null certificate and then returns an empty value.
class Certificate
{
public:
    Certificate() = default;
    Certificate(const Certificate &other);
    Certificate(Certificate &&other) noexcept = default;
    Certificate &operator=(const Certificate &other);
    Certificate &operator=(Certificate &&other) noexcept = default;
    ~Certificate() = default;

    // The first "CERTIFICATE" block of a PEM text; other blocks (keys, CSRs) are skipped.
    static Result<Certificate> fromPem(const QByteArray &pem);
    // Every "CERTIFICATE" block, in order (a leaf followed by its chain, as step-ca sends
    // them). Fails when there is none or when any of them is malformed.
    static Result<QList<Certificate>> chainFromPem(const QByteArray &pem);
    // Strict DER: trailing bytes are refused.
    static Result<Certificate> fromDer(const QByteArray &der);
    // Takes ownership of `certificate` (one reference). For the crypto module's own use.
    static Certificate adopt(X509 *certificate);

    bool isNull() const { return !m_certificate; }
    QByteArray toPem() const;
    QByteArray toDer() const;

    // Distinguished names as one readable line, most specific first ("CN=alice,O=Example"),
    // in RFC 2253 form with UTF-8 kept as is.
    QString subject() const;
    QString issuer() const;
    QString commonName() const;

    // The serial as upper-case hex without colons or leading zero bytes ("00" for zero;
    // `openssl x509 -serial` prints the same), and in decimal (step-ca's revoke form).
    QString serialHex() const;
    QString serialDecimal() const;
    // A serial given as big-endian bytes, in the form serialDecimal() gives it.
    static QString decimalSerial(const QByteArray &bigEndian);

    SubjectAltNames subjectAltNames() const;
    // UTC; invalid on a null certificate.
    QDateTime notBefore() const;
    QDateTime notAfter() const;
    PublicKey publicKey() const;

    // SHA-256 over the DER, lower-case hex without colons: step-ca's root fingerprint.
    QString sha256Fingerprint() const;
    // "ab12…" → "AB:12:…", the form `openssl x509 -fingerprint` and most GUIs show.
    static QString colonSeparatedHex(const QString &hex);

    // Key usage bits set, by RFC 5280 name, in bit order ("digitalSignature", …); empty
    // when the extension is absent.
    QStringList keyUsage() const;
    // The nine RFC 5280 key usage names; a name's index is its bit number.
    static QStringList keyUsageNames();
    // Extended key usages by OpenSSL short name ("serverAuth", "clientAuth", …), or as a
    // dotted OID when OpenSSL has no name for one; empty when the extension is absent.
    QStringList extendedKeyUsage() const;
    // basicConstraints cA; pathLength() is -1 when there is no limit (or not a CA).
    bool isCertificateAuthority() const;
    int pathLength() const;
    // Key identifiers as lower-case hex; empty when absent.
    QString subjectKeyId() const;
    QString authorityKeyId() const;
    // Issuer equals subject and the certificate's own key verifies its signature.
    bool isSelfSigned() const;
    // True when `key` is the private half of this certificate's public key.
    bool matchesPrivateKey(const PrivateKey &key) const;

    // notBefore <= time <= notAfter, as RFC 5280 defines it (OpenSSL's verifier already
    // calls a certificate expired at notAfter itself).
    bool isValidAt(const QDateTime &time) const;
    // How much of the validity period has passed at `now`, from 0.0 to 1.0 (clamped).
    double lifetimeUsedFraction(const QDateTime &now) const;

    // Same DER encoding.
    bool operator==(const Certificate &other) const;
    bool operator!=(const Certificate &other) const { return !(*this == other); }

    X509 *native() const { return m_certificate.get(); }

    // For the crypto module's own use: a name in the form subject() uses, and the value of
    // its most specific (last) commonName entry.
    static QString nameToString(const X509_NAME *name);
    static QString commonNameOf(const X509_NAME *name);

private:
    ossl::X509Ptr m_certificate;
};

} // namespace certigram
