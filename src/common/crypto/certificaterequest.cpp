#include "crypto/certificaterequest.h"

#include "crypto/certificate.h"
#include "crypto/namedcurvekeys.h"
#include "crypto/opensslerror.h"
#include "crypto/privatekey.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/provider.h>

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

// OpenSSL 3.0 decodes the public key of every request it parses through an OSSL_DECODER
// context whose set-up alone costs several times the request's signature check (3.1 caches
// it). Parsed in a library context that holds only the null provider, the request keeps
// that opportunistic decoding undone, and namedcurve::fromSubjectPublicKeyInfo() decodes
// the usual keys directly.
OSSL_LIB_CTX *keylessContext()
{
    // For the whole process, never freed: parsed requests keep a pointer to it.
    static OSSL_LIB_CTX *const context = [] {
        OSSL_LIB_CTX *created = OSSL_LIB_CTX_new();
        if (created && !OSSL_PROVIDER_load(created, "null")) {
            OSSL_LIB_CTX_free(created);
            created = nullptr;
        }
        ossl::clearErrors();
        return created;
    }();
    return context;
}

} // namespace

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
    const auto *begin = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *cursor = begin;
    if (OSSL_LIB_CTX *keyless = keylessContext()) {
        ossl::X509ReqPtr request(reinterpret_cast<X509_REQ *>(
            ASN1_item_d2i_ex(nullptr, &cursor, static_cast<long>(der.size()),
                             ASN1_ITEM_rptr(X509_REQ), keyless, nullptr)));
        PublicKey key = request && cursor == begin + der.size()
            ? namedcurve::fromSubjectPublicKeyInfo(X509_REQ_get_X509_PUBKEY(request.get()))
            : PublicKey();
        if (!key.isNull()) {
            CertificateRequest result = adopt(request.release());
            result.m_key = key;
            return result;
        }
        // Anything unusual, malformed requests included, is left to the general path.
        ossl::clearErrors();
        cursor = begin;
    }
    ossl::X509ReqPtr request(d2i_X509_REQ(nullptr, &cursor, static_cast<long>(der.size())));
    if (!request)
        return ossl::error(ErrorCode::InvalidInput,
                           QStringLiteral("not a DER certificate request"));
    if (cursor != begin + der.size())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("unexpected bytes after the DER certificate request"));
    return adopt(request.release());
}

QByteArray CertificateRequest::toPem() const
{
    return ossl::encodePem(m_request.get(), PEM_write_bio_X509_REQ);
}

QByteArray CertificateRequest::toDer() const
{
    return ossl::encodeDer(m_request.get(), i2d_X509_REQ);
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
    EVP_PKEY *key = m_key.isNull() ? X509_REQ_get0_pubkey(m_request.get()) : m_key.native();
    const int verdict = key ? X509_REQ_verify(m_request.get(), key) : -1;
    ossl::clearErrors();
    if (verdict != 1)
        return Error(ErrorCode::VerificationFailed,
                     QStringLiteral("the certificate request's signature does not verify"));
    return {};
}

} // namespace certigram
