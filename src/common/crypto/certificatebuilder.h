#pragma once

#include "core/result.h"
#include "crypto/certificate.h"
#include "crypto/keytype.h"
#include "crypto/privatekey.h"
#include "crypto/publickey.h"
#include "crypto/subjectaltnames.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

#include <optional>

namespace certigram {

class CertificateRequest;

// Issues X.509 v3 certificates: roots (selfSigned), intermediates and leaves (signedBy).
// Setters only record values; selfSigned()/signedBy() check them and fail with
// InvalidInput when something does not fit. Defaults follow step-ca's templates:
// - serial: 128 random bits (positive, at most 17 DER bytes), a fresh one per build;
// - notBefore: one minute before the build (clock skew), notAfter: must be set;
// - key usage: keyCertSign + cRLSign for a CA; digitalSignature for a leaf, plus
//   keyEncipherment when its key is RSA;
// - extended key usage: none for a CA; serverAuth + clientAuth for a leaf;
// - basicConstraints (critical) always; subject key identifier (SHA-1 of the public
//   key, RFC 5280 §4.2.1.2 method 1) and authority key identifier (the issuer's).
class CertificateBuilder
{
public:
    // An issuer checked once for signing many certificates (a CA's intermediate): its
    // certificate is a CA's that may sign certificates, the key is its own, and what every
    // certificate it signs repeats (its name, key identifier, signature algorithm) is
    // encoded once.
    class Issuer
    {
    public:
        static Result<Issuer> check(const Certificate &certificate, const PrivateKey &key);

    private:
        friend class CertificateBuilder;
        Issuer(Certificate certificate, PrivateKey key);

        Certificate m_certificate;
        PrivateKey m_key;
        QByteArray m_name; // its subject as its certificate encodes it, so chains match
        QByteArray m_keyIdentifier; // its SKI; empty when it has none
        DigestAlgorithm m_digest;
        QByteArray m_signatureAlgorithm; // AlgorithmIdentifier for m_key with m_digest
    };

    CertificateBuilder() = default;

    // Subject CN, public key and SANs from a CSR whose signature verifies. The CSR's other
    // requested extensions are ignored on purpose: usages and CA status are the issuer's
    // decision, never the requester's.
    static Result<CertificateBuilder> fromRequest(const CertificateRequest &request);

    // Encoded as O then CN, so it reads "CN=…,O=…". Either may be empty when there are SANs.
    CertificateBuilder &setSubject(const QString &commonName, const QString &organization = {});
    // `subjectPublicKeyInfo`, when given, is the key's SubjectPublicKeyInfo (DER) as a
    // request held it (CertificateRequest::subjectPublicKeyInfo()): written as it is rather
    // than encoded again. It must be `key`'s.
    CertificateBuilder &setSubjectPublicKey(const PublicKey &key,
                                            const QByteArray &subjectPublicKeyInfo = {});
    CertificateBuilder &setSubjectAltNames(const SubjectAltNames &names);
    // A positive serial as big-endian bytes (leading zero bytes are dropped); at most 20
    // DER bytes (RFC 5280). Empty: a random one (the default).
    CertificateBuilder &setSerial(const QByteArray &serial);
    CertificateBuilder &setNotBefore(const QDateTime &time);
    CertificateBuilder &setNotAfter(const QDateTime &time);
    CertificateBuilder &setValidity(const QDateTime &notBefore, const QDateTime &notAfter);
    // pathLength < 0: no limit. Ignored unless isAuthority.
    CertificateBuilder &setCertificateAuthority(bool isAuthority, int pathLength = -1);
    // Names from Certificate::keyUsageNames(). An empty list leaves the extension out.
    CertificateBuilder &setKeyUsage(const QStringList &usages);
    // OpenSSL short names of id-kp purposes ("serverAuth", "clientAuth", "codeSigning",
    // "emailProtection", "timeStamping", "OCSPSigning", …) or dotted OIDs. An empty list
    // leaves the extension out.
    CertificateBuilder &setExtendedKeyUsage(const QStringList &usages);
    // Subject and authority key identifiers (on by default).
    CertificateBuilder &setKeyIdentifiers(bool include);

    // A self-signed certificate (a root, with setCertificateAuthority(true, …)). The subject
    // key, when set, must be the public half of `key`.
    Result<Certificate> selfSigned(const PrivateKey &key) const;
    // A certificate issued by `issuer`, which must be a CA allowed to sign certificates
    // (and CA certificates, for a CA) and whose key `issuerKey` must be.
    Result<Certificate> signedBy(const Certificate &issuer, const PrivateKey &issuerKey) const;
    // A certificate's DER, as signed, without parsing it back: OpenSSL 3.0 takes longer to
    // parse a certificate than to sign one, so an issuer handing out many keeps to the
    // bytes. A CA certificate needs an issuer whose path length allows it.
    Result<QByteArray> signedByAsDer(const Issuer &issuer) const;

    // 16 random bytes, never all zero: 128 bits as Go's and step-ca's CAs use.
    static Result<QByteArray> randomSerial();

private:
    // The signed certificate, DER; a self-signed one (signed by `ownKey`) without an issuer.
    Result<QByteArray> encode(const Issuer *issuer, const PrivateKey *ownKey,
                              const PublicKey &subjectKey) const;
    // The Extensions the certificate carries, concatenated, in a fixed order: basic
    // constraints, key usage, extended key usage, SANs, subject and authority key ids.
    Result<QByteArray> extensions(const Issuer *issuer, const PublicKey &subjectKey,
                                  const QByteArray &subjectKeyInfo, bool emptySubject) const;

    QString m_commonName;
    QString m_organization;
    PublicKey m_subjectKey;
    QByteArray m_subjectKeyInfo; // as the request held it, or empty: encode m_subjectKey
    SubjectAltNames m_names;
    QByteArray m_serial;
    QDateTime m_notBefore;
    QDateTime m_notAfter;
    bool m_isAuthority = false;
    int m_pathLength = -1;
    std::optional<QStringList> m_keyUsage;
    std::optional<QStringList> m_extendedKeyUsage;
    bool m_keyIdentifiers = true;
};

} // namespace certigram
