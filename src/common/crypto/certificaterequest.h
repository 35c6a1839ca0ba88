#pragma once

#include "core/result.h"
#include "crypto/publickey.h"
#include "crypto/subjectaltnames.h"

#include <openssl/types.h>

#include <QByteArray>
#include <QString>

#include <memory>

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
    // Checks the request's signature with its own public key (proof of possession).
    // VerificationFailed when it does not verify.
    Result<void> verifySignature() const;

    // Its public key may be left undecoded (see publicKey()).
    X509_REQ *native() const { return m_request.get(); }

private:
    std::shared_ptr<X509_REQ> m_request;
    // The public key when fromDer() decoded it apart from m_request, which then has none.
    PublicKey m_key;
};

} // namespace certigram
