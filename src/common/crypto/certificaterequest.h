#pragma once

#include "core/result.h"
#include "crypto/publickey.h"
#include "crypto/subjectaltnames.h"

#include <openssl/types.h>

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace certigram {

class PrivateKey;

// A PKCS#10 certificate signing request. Immutable; copies share the OpenSSL object.
// Every accessor is safe on a null request and then returns an empty value.
class CertificateRequest
{
public:
    CertificateRequest() = default;

    // A request for `commonName` (may be empty when there are SANs; the SAN extension is
    // then critical, as RFC 5280 asks) and `names`, signed with `key` using its default
    // digest (none for Ed25519). Fails with InvalidInput for a CN over 64 characters or a
    // SAN that cannot be encoded.
    static Result<CertificateRequest> build(const PrivateKey &key, const QString &commonName,
                                            const SubjectAltNames &names = {});
    // The first "CERTIFICATE REQUEST" (or "NEW CERTIFICATE REQUEST") block; InvalidInput
    // when there is none or it is malformed. Does not check the signature.
    static Result<CertificateRequest> fromPem(const QByteArray &pem);
    // Strict DER: trailing bytes are refused.
    static Result<CertificateRequest> fromDer(const QByteArray &der);
    // Takes ownership of `request`. For the crypto module's own use.
    static CertificateRequest adopt(X509_REQ *request);

    bool isNull() const { return !m_request; }
    QByteArray toPem() const;
    QByteArray toDer() const;

    QString subject() const;
    QString commonName() const;
    // The names of the subjectAltName extension among the requested extensions.
    SubjectAltNames subjectAltNames() const;
    PublicKey publicKey() const;
    // The SubjectPublicKeyInfo (DER) exactly as the request holds it, when fromDer() read
    // the request's common form itself (see readCommonForm()); empty otherwise.
    QByteArray subjectPublicKeyInfo() const;
    // Checks the request's signature with its own public key (proof of possession).
    // VerificationFailed when it does not verify.
    Result<void> verifySignature() const;

    // Without a public key or signature when fromDer() read the request's common form
    // itself: use publicKey() and verifySignature().
    X509_REQ *native() const { return m_request.get(); }

private:
    struct CommonForm;
    // The form nearly every client sends: an ECDSA signature with SHA-2 and an EC key on
    // P-256, P-384 or P-521 with an uncompressed point, in strict DER. Read without OpenSSL's
    // X509_REQ decoder, which in OpenSSL 3.0 sets up a key decoder for every request (costing
    // more than the signature check, and under a lock all threads share; 3.1 caches it): the
    // subject and attributes are read by OpenSSL as parts, the key by namedcurve. Nothing
    // for any other request, which then goes through OpenSSL's decoder. Whatever this
    // accepts, that decoder accepts too, with the same subject, attributes and key.
    static std::optional<CertificateRequest> readCommonForm(const QByteArray &der);

    std::shared_ptr<X509_REQ> m_request;
    // Both set when readCommonForm() read the request, whose m_request then holds neither
    // the key nor the signature.
    PublicKey m_key;
    std::shared_ptr<const CommonForm> m_common;
};

} // namespace certigram
