#include "crypto/certificaterequest.h"

#include "crypto/certificate.h"
#include "crypto/derencoding.h"
#include "crypto/namedcurvekeys.h"
#include "crypto/opensslerror.h"
#include "crypto/privatekey.h"

#include <openssl/err.h>
#include <openssl/pem.h>

namespace certigram {

namespace {

void freeExtensions(STACK_OF(X509_EXTENSION) * extensions)
{
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
}
using ExtensionsPtr = ossl::Owner<STACK_OF(X509_EXTENSION), freeExtensions>;
using X509NamePtr = ossl::Owner<X509_NAME, X509_NAME_free>;

// A request is never encrypted; refusing a passphrase also keeps OpenSSL from prompting
// on a terminal when a PEM block claims to be.
int refusePassphrase(char * /*buffer*/, int /*size*/, int /*rwflag*/, void * /*userData*/)
{
    return -1;
}

using AttributePtr = ossl::Owner<X509_ATTRIBUTE, X509_ATTRIBUTE_free>;

// [0] IMPLICIT: CertificationRequestInfo's attributes.
constexpr quint8 kAttributesTag = 0xa0;

// The digest of an ECDSA signature algorithm: ecdsa-with-SHA256, -SHA384 or -SHA512 without
// parameters (RFC 5758 §3.2), the AlgorithmIdentifier given as DER. None for anything else.
std::optional<DigestAlgorithm> ecdsaDigest(QByteArrayView algorithm)
{
    struct Known
    {
        QByteArray encoded;
        DigestAlgorithm digest;
    };
    static const Known known[] = {
        {der::sequence(der::objectIdentifier(NID_ecdsa_with_SHA256)), DigestAlgorithm::Sha256},
        {der::sequence(der::objectIdentifier(NID_ecdsa_with_SHA384)), DigestAlgorithm::Sha384},
        {der::sequence(der::objectIdentifier(NID_ecdsa_with_SHA512)), DigestAlgorithm::Sha512},
    };
    for (const Known &candidate : known) {
        if (candidate.encoded == algorithm)
            return candidate.digest;
    }
    return std::nullopt;
}

// What `decode` (a d2i function) reads from exactly the bytes of `element`; null when it
// fails or leaves bytes over.
template<typename Owner, typename Decode>
Owner decodeWhole(const der::Element &element, Decode decode)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(element.encoded.data());
    const unsigned char *cursor = begin;
    Owner decoded(decode(nullptr, &cursor, static_cast<long>(element.encoded.size())));
    if (decoded && cursor != begin + element.encoded.size())
        decoded.reset();
    return decoded;
}

} // namespace

// A request in the form nearly every client sends, as fromDer() read it itself.
struct CertificateRequest::CommonForm
{
    QByteArray der; // the whole request; the views below point into it
    QByteArrayView info; // CertificationRequestInfo, the signed bytes
    QByteArrayView subjectPublicKeyInfo;
    QByteArrayView signature; // ECDSA's DER signature
    DigestAlgorithm digest = DigestAlgorithm::Sha256;
};

CertificateRequest CertificateRequest::adopt(X509_REQ *request)
{
    CertificateRequest result;
    result.m_request = std::shared_ptr<X509_REQ>(request, X509_REQ_free);
    return result;
}

Result<CertificateRequest> CertificateRequest::build(const PrivateKey &key,
                                                     const QString &commonName,
                                                     const SubjectAltNames &names)
{
    if (key.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no private key for the request"));
    if (commonName.isEmpty() && names.isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a request needs a common name or a SAN"));

    ossl::X509ReqPtr request(X509_REQ_new());
    X509NamePtr subject(X509_NAME_new());
    if (!request || !subject || X509_REQ_set_version(request.get(), X509_REQ_VERSION_1) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot create a request"));

    if (!commonName.isEmpty()) {
        const QByteArray utf8 = commonName.toUtf8();
        // OpenSSL enforces RFC 5280's upper bound of 64 characters for a commonName.
        if (X509_NAME_add_entry_by_NID(subject.get(), NID_commonName, MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char *>(utf8.constData()),
                                       static_cast<int>(utf8.size()), -1, 0)
            != 1)
            return ossl::error(ErrorCode::InvalidInput,
                               QStringLiteral("cannot use \"%1\" as common name").arg(commonName));
    }
    if (X509_REQ_set_subject_name(request.get(), subject.get()) != 1
        || X509_REQ_set_pubkey(request.get(), key.native()) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot fill in the request"));

    if (!names.isEmpty()) {
        // With an empty subject the SANs are the identity, so they must be critical.
        auto extension = names.toExtension(commonName.isEmpty());
        if (!extension)
            return extension.error();
        ExtensionsPtr extensions(sk_X509_EXTENSION_new_null());
        if (!extensions || sk_X509_EXTENSION_push(extensions.get(), extension.value().get()) <= 0)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot add the SANs to the request"));
        extension.value().release(); // now owned by `extensions`
        if (X509_REQ_add_extensions(request.get(), extensions.get()) != 1)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot add the SANs to the request"));
    }

    if (X509_REQ_sign(request.get(), key.native(), ossl::digest(key.defaultDigest())) <= 0)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot sign the request"));
    return adopt(request.release());
}

Result<CertificateRequest> CertificateRequest::fromPem(const QByteArray &pem)
{
    ossl::clearErrors();
    ossl::BioPtr bio = ossl::readBio(pem);
    unsigned char *data = nullptr;
    long length = 0;
    if (PEM_bytes_read_bio(&data, &length, nullptr, PEM_STRING_X509_REQ, bio.get(),
                           refusePassphrase, nullptr)
        != 1) {
        const unsigned long code = ERR_peek_last_error();
        if (ERR_GET_LIB(code) == ERR_LIB_PEM && ERR_GET_REASON(code) == PEM_R_NO_START_LINE) {
            ossl::clearErrors();
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("no PEM certificate request found"));
        }
        return ossl::error(ErrorCode::InvalidInput,
                           QStringLiteral("malformed PEM certificate request"));
    }
    const QByteArray der(reinterpret_cast<const char *>(data), static_cast<qsizetype>(length));
    OPENSSL_free(data);
    return fromDer(der);
}

Result<CertificateRequest> CertificateRequest::fromDer(const QByteArray &der)
{
    if (auto common = readCommonForm(der))
        return std::move(*common);
    const auto *begin = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *cursor = begin;
    ossl::X509ReqPtr request(d2i_X509_REQ(nullptr, &cursor, static_cast<long>(der.size())));
    if (!request)
        return ossl::error(ErrorCode::InvalidInput,
                           QStringLiteral("not a DER certificate request"));
    if (cursor != begin + der.size())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("unexpected bytes after the DER certificate request"));
    return adopt(request.release());
}

std::optional<CertificateRequest> CertificateRequest::readCommonForm(const QByteArray &der)
{
    // CertificationRequest: SEQUENCE { info, signatureAlgorithm, signature BIT STRING }
    // info: SEQUENCE { version 0, subject Name, SubjectPublicKeyInfo, [0] attributes }
    auto form = std::make_shared<CommonForm>();
    form->der = QByteArray(der.constData(), der.size()); // its own bytes, whatever `der` is
    der::Reader outer(form->der);
    const auto request = outer.next(der::Sequence);
    if (!request || !outer.finished())
        return std::nullopt;
    der::Reader fields(request->content);
    const auto info = fields.next(der::Sequence);
    const auto algorithm = fields.next(der::Sequence);
    const auto signature = fields.next(der::BitString);
    if (!info || !algorithm || !signature || !fields.finished())
        return std::nullopt;
    const std::optional<DigestAlgorithm> digest = ecdsaDigest(algorithm->encoded);
    // The BIT STRING's first byte counts its unused bits: none in a signature.
    if (!digest || signature->content.size() < 2 || signature->content.at(0) != 0)
        return std::nullopt;

    der::Reader infoFields(info->content);
    const auto version = infoFields.next(der::Integer);
    const auto subject = infoFields.next(der::Sequence);
    const auto keyInfo = infoFields.next(der::Sequence);
    const auto attributes = infoFields.next(kAttributesTag);
    if (!version || version->content != QByteArrayView("\0", 1) || !subject || !keyInfo
        || !attributes || !infoFields.finished())
        return std::nullopt;
    PublicKey key = namedcurve::fromSubjectPublicKeyInfo(keyInfo->encoded);
    if (key.isNull())
        return std::nullopt;

    // The subject and attributes in an X509_REQ of their own, for the accessors; OpenSSL
    // reads them as it would inside the whole request.
    ossl::X509ReqPtr native(X509_REQ_new());
    const auto name = decodeWhole<X509NamePtr>(*subject, d2i_X509_NAME);
    if (!native || !name || X509_REQ_set_subject_name(native.get(), name.get()) != 1) {
        ossl::clearErrors();
        return std::nullopt;
    }
    der::Reader attributeList(attributes->content);
    while (!attributeList.finished()) {
        const auto attribute = attributeList.next(der::Sequence);
        const auto parsed
            = attribute ? decodeWhole<AttributePtr>(*attribute, d2i_X509_ATTRIBUTE) : nullptr;
        if (!parsed || X509_REQ_add1_attr(native.get(), parsed.get()) != 1) {
            ossl::clearErrors();
            return std::nullopt;
        }
    }

    form->info = info->encoded;
    form->subjectPublicKeyInfo = keyInfo->encoded;
    form->signature = signature->content.sliced(1);
    form->digest = *digest;
    CertificateRequest result = adopt(native.release());
    result.m_key = key;
    result.m_common = std::move(form);
    return result;
}

QByteArray CertificateRequest::toPem() const
{
    if (m_common)
        return der::pem(PEM_STRING_X509_REQ, m_common->der);
    return ossl::encodePem(m_request.get(), PEM_write_bio_X509_REQ);
}

QByteArray CertificateRequest::toDer() const
{
    if (m_common)
        return m_common->der;
    return ossl::encodeDer(m_request.get(), i2d_X509_REQ);
}

QByteArray CertificateRequest::subjectPublicKeyInfo() const
{
    return m_common ? m_common->subjectPublicKeyInfo.toByteArray() : QByteArray();
}

QString CertificateRequest::subject() const
{
    return m_request ? Certificate::nameToString(X509_REQ_get_subject_name(m_request.get()))
                     : QString();
}

QString CertificateRequest::commonName() const
{
    return m_request ? Certificate::commonNameOf(X509_REQ_get_subject_name(m_request.get()))
                     : QString();
}

SubjectAltNames CertificateRequest::subjectAltNames() const
{
    if (!m_request)
        return {};
    ExtensionsPtr extensions(X509_REQ_get_extensions(m_request.get()));
    ossl::GeneralNamesPtr names(extensions ? static_cast<GENERAL_NAMES *>(X509V3_get_d2i(
                                    extensions.get(), NID_subject_alt_name, nullptr, nullptr))
                                           : nullptr);
    ossl::clearErrors();
    return SubjectAltNames::fromNative(names.get());
}

PublicKey CertificateRequest::publicKey() const
{
    if (!m_key.isNull())
        return m_key;
    EVP_PKEY *key = m_request ? X509_REQ_get_pubkey(m_request.get()) : nullptr;
    if (!key) {
        ossl::clearErrors();
        return {};
    }
    return PublicKey::adopt(key);
}

Result<void> CertificateRequest::verifySignature() const
{
    if (!m_request)
        return Error(ErrorCode::InvalidInput, QStringLiteral("no certificate request"));
    const Error mismatch(ErrorCode::VerificationFailed,
                         QStringLiteral("the certificate request's signature does not verify"));
    if (m_common) {
        const auto bytes
            = [](QByteArrayView view) { return QByteArray::fromRawData(view.data(), view.size()); };
        if (!m_key.verify(bytes(m_common->info), bytes(m_common->signature), m_common->digest))
            return mismatch;
        return {};
    }
    EVP_PKEY *key = X509_REQ_get0_pubkey(m_request.get());
    const int verdict = key ? X509_REQ_verify(m_request.get(), key) : -1;
    ossl::clearErrors();
    if (verdict != 1)
        return mismatch;
    return {};
}

} // namespace certigram
