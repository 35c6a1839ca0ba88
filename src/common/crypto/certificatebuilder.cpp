#include "crypto/certificatebuilder.h"

#include "crypto/certificaterequest.h"
#include "crypto/namedcurvekeys.h"
#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"
#include "crypto/privatekey.h"
#include "crypto/securerandom.h"

namespace certigram {

namespace {

using X509NamePtr = ossl::Owner<X509_NAME, X509_NAME_free>;
using BitStringPtr = ossl::Owner<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;
using OctetStringPtr = ossl::Owner<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using ObjectPtr = ossl::Owner<ASN1_OBJECT, ASN1_OBJECT_free>;
using ExtendedKeyUsagePtr = ossl::Owner<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using BasicConstraintsPtr = ossl::Owner<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>;
using AuthorityKeyIdPtr = ossl::Owner<AUTHORITY_KEYID, AUTHORITY_KEYID_free>;

// step-ca backdates notBefore by a minute so a relying party whose clock is slightly
// behind still accepts a certificate fresh from the CA.
constexpr qint64 kBackdateSeconds = 60;
constexpr qsizetype kRandomSerialBytes = 16;
constexpr qsizetype kMaxSerialDerBytes = 20; // RFC 5280 §4.1.2.2

QByteArray withoutLeadingZeros(const QByteArray &bytes)
{
    qsizetype first = 0;
    while (first < bytes.size() && bytes.at(first) == '\0')
        ++first;
    return bytes.mid(first);
}

Result<void> addNameEntry(X509_NAME *name, int nid, const QString &value, const QString &label)
{
    if (value.isEmpty())
        return {};
    const QByteArray utf8 = value.toUtf8();
    // OpenSSL enforces RFC 5280's upper bounds (64 characters for CN and O).
    if (X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(utf8.constData()),
                                   static_cast<int>(utf8.size()), -1, 0)
        != 1)
        return ossl::error(ErrorCode::InvalidInput,
                           QStringLiteral("cannot use \"%1\" as %2").arg(value, label));
    return {};
}

Result<void> addExtension(X509 *certificate, int nid, void *value, bool critical)
{
    if (X509_add1_ext_i2d(certificate, nid, value, critical ? 1 : 0, X509V3_ADD_DEFAULT) != 1)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot add the %1 extension")
                               .arg(QString::fromLatin1(OBJ_nid2sn(nid))));
    return {};
}

Result<BitStringPtr> encodeKeyUsage(const QStringList &usages)
{
    const QStringList known = Certificate::keyUsageNames();
    BitStringPtr bits(ASN1_BIT_STRING_new());
    if (!bits)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode key usage"));
    for (const QString &usage : usages) {
        const auto bit = known.indexOf(usage);
        if (bit < 0)
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("unknown key usage \"%1\" (known: %2)")
                             .arg(usage, known.join(QStringLiteral(", "))));
        if (ASN1_BIT_STRING_set_bit(bits.get(), static_cast<int>(bit), 1) != 1)
            return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode key usage"));
    }
    return bits;
}

// id-kp (RFC 5280 §4.2.1.12) purposes and anyExtendedKeyUsage; other named objects
// (say "commonName") are not key purposes and would make a nonsensical extension.
bool isKeyPurpose(const ASN1_OBJECT *object)
{
    char oid[128] = {};
    if (OBJ_obj2txt(oid, sizeof oid, object, 1) <= 0)
        return false;
    const QByteArray text(oid);
    return text.startsWith("1.3.6.1.5.5.7.3.") || text == "2.5.29.37.0";
}

Result<ExtendedKeyUsagePtr> encodeExtendedKeyUsage(const QStringList &usages)
{
    ExtendedKeyUsagePtr list(sk_ASN1_OBJECT_new_null());
    if (!list)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot encode extended key usage"));
    for (const QString &usage : usages) {
        const QByteArray text = usage.toLatin1();
        // A dotted OID is taken as given; a name must be a known key purpose.
        ObjectPtr object(OBJ_txt2obj(text.constData(), 1));
        if (!object) {
            object.reset(OBJ_txt2obj(text.constData(), 0));
            if (object && !isKeyPurpose(object.get()))
                object.reset();
        }
        ossl::clearErrors();
        if (!object)
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("unknown extended key usage \"%1\"").arg(usage));
        if (sk_ASN1_OBJECT_push(list.get(), object.get()) <= 0)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot encode extended key usage"));
        object.release(); // now owned by `list`
    }
    return list;
}

// RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's value.
Result<QByteArray> keyIdentifier(const X509 *certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_pubkey_digest(certificate, EVP_sha1(), digest, &length) != 1)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot compute the subject key identifier"));
    return QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length));
}

Result<OctetStringPtr> octetString(const QByteArray &bytes)
{
    OctetStringPtr octets(ASN1_OCTET_STRING_new());
    if (!octets
        || ASN1_OCTET_STRING_set(octets.get(),
                                 reinterpret_cast<const unsigned char *>(bytes.constData()),
                                 static_cast<int>(bytes.size()))
            != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode a key id"));
    return octets;
}

} // namespace

Result<CertificateBuilder> CertificateBuilder::fromRequest(const CertificateRequest &request)
{
    if (request.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no certificate request"));
    const Result<void> verified = request.verifySignature();
    if (!verified)
        return verified.error();
    CertificateBuilder builder;
    builder.setSubject(request.commonName())
        .setSubjectPublicKey(request.publicKey())
        .setSubjectAltNames(request.subjectAltNames());
    return builder;
}

CertificateBuilder &CertificateBuilder::setSubject(const QString &commonName,
                                                   const QString &organization)
{
    m_commonName = commonName;
    m_organization = organization;
    return *this;
}

CertificateBuilder &CertificateBuilder::setSubjectPublicKey(const PublicKey &key)
{
    m_subjectKey = key;
    return *this;
}

CertificateBuilder &CertificateBuilder::setSubjectAltNames(const SubjectAltNames &names)
{
    m_names = names;
    return *this;
}

CertificateBuilder &CertificateBuilder::setSerial(const QByteArray &serial)
{
    m_serial = serial;
    return *this;
}

CertificateBuilder &CertificateBuilder::setNotBefore(const QDateTime &time)
{
    m_notBefore = time;
    return *this;
}

CertificateBuilder &CertificateBuilder::setNotAfter(const QDateTime &time)
{
    m_notAfter = time;
    return *this;
}

CertificateBuilder &CertificateBuilder::setValidity(const QDateTime &notBefore,
                                                    const QDateTime &notAfter)
{
    m_notBefore = notBefore;
    m_notAfter = notAfter;
    return *this;
}

CertificateBuilder &CertificateBuilder::setCertificateAuthority(bool isAuthority, int pathLength)
{
    m_isAuthority = isAuthority;
    m_pathLength = pathLength;
    return *this;
}

CertificateBuilder &CertificateBuilder::setKeyUsage(const QStringList &usages)
{
    m_keyUsage = usages;
    return *this;
}

CertificateBuilder &CertificateBuilder::setExtendedKeyUsage(const QStringList &usages)
{
    m_extendedKeyUsage = usages;
    return *this;
}

CertificateBuilder &CertificateBuilder::setKeyIdentifiers(bool include)
{
    m_keyIdentifiers = include;
    return *this;
}

Result<QByteArray> CertificateBuilder::randomSerial()
{
    // All zero has a chance of 2^-128, but zero is not a valid serial: draw again then.
    for (;;) {
        auto serial = SecureRandom::bytes(kRandomSerialBytes);
        if (!serial || !withoutLeadingZeros(serial.value()).isEmpty())
            return serial;
    }
}

Result<Certificate> CertificateBuilder::selfSigned(const PrivateKey &key) const
{
    if (key.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no private key to sign with"));
    const PublicKey ownKey = key.publicKey();
    if (!m_subjectKey.isNull() && m_subjectKey != ownKey)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the subject public key is not the signing key's"));
    return build(nullptr, key, ownKey);
}

Result<Certificate> CertificateBuilder::signedBy(const Certificate &issuer,
                                                 const PrivateKey &issuerKey) const
{
    if (issuer.isNull() || issuerKey.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no issuer certificate or key"));
    if (m_subjectKey.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no subject public key"));
    if (!issuer.matchesPrivateKey(issuerKey))
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("the issuer key does not belong to \"%1\"").arg(issuer.subject()));
    // Refuse what no verifier would accept, with a message that says why.
    if (!issuer.isCertificateAuthority())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("\"%1\" is not a CA certificate").arg(issuer.subject()));
    const QStringList issuerUsage = issuer.keyUsage();
    if (!issuerUsage.isEmpty() && !issuerUsage.contains(QStringLiteral("keyCertSign")))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("\"%1\" may not sign certificates (no keyCertSign usage)")
                         .arg(issuer.subject()));
    if (m_isAuthority && issuer.pathLength() == 0)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("\"%1\" may not issue CA certificates (path length 0)")
                         .arg(issuer.subject()));
    return build(&issuer, issuerKey, m_subjectKey);
}

Result<Certificate> CertificateBuilder::build(const Certificate *issuer,
                                              const PrivateKey &signingKey,
                                              const PublicKey &subjectKey) const
{
    const bool emptySubject = m_commonName.isEmpty() && m_organization.isEmpty();
    if (emptySubject && m_names.isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a certificate needs a subject name or SANs"));
    const QDateTime notBefore = m_notBefore.isValid()
        ? m_notBefore
        : QDateTime::currentDateTimeUtc().addSecs(-kBackdateSeconds);
    if (!m_notAfter.isValid())
        return Error(ErrorCode::InvalidInput, QStringLiteral("notAfter is not set"));
    if (notBefore >= m_notAfter)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("notBefore must be earlier than notAfter"));

    QByteArray serial = withoutLeadingZeros(m_serial);
    if (m_serial.isEmpty()) {
        auto random = randomSerial();
        if (!random)
            return random.error();
        serial = withoutLeadingZeros(random.value());
    } else if (serial.isEmpty()) {
        return Error(ErrorCode::InvalidInput, QStringLiteral("the serial must be positive"));
    }
    // DER prepends a zero byte when the top bit is set, to keep the INTEGER positive.
    const bool padded = (static_cast<uchar>(serial.at(0)) & 0x80) != 0;
    if (serial.size() + (padded ? 1 : 0) > kMaxSerialDerBytes)
        return Error(ErrorCode::InvalidInput, QStringLiteral("the serial is longer than 20 bytes"));

    ossl::X509Ptr certificate(X509_new());
    ossl::BignumPtr serialNumber(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(serial.constData()),
                  static_cast<int>(serial.size()), nullptr));
    ossl::Asn1IntegerPtr serialInteger(
        serialNumber ? BN_to_ASN1_INTEGER(serialNumber.get(), nullptr) : nullptr);
    X509NamePtr subject(X509_NAME_new());
    if (!certificate || !serialInteger || !subject
        || X509_set_version(certificate.get(), X509_VERSION_3) != 1
        || X509_set_serialNumber(certificate.get(), serialInteger.get()) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot create a certificate"));

    // O before CN: the most specific name last, as step-ca and RFC 4514 readers expect.
    Result<void> named = addNameEntry(subject.get(), NID_organizationName, m_organization,
                                      QStringLiteral("organization"));
    if (named)
        named = addNameEntry(subject.get(), NID_commonName, m_commonName,
                             QStringLiteral("common name"));
    if (!named)
        return named.error();

    const X509_NAME *issuerName = issuer ? X509_get_subject_name(issuer->native()) : subject.get();
    if (X509_set_subject_name(certificate.get(), subject.get()) != 1
        || X509_set_issuer_name(certificate.get(), issuerName) != 1
        || !ASN1_TIME_set(X509_getm_notBefore(certificate.get()),
                          static_cast<time_t>(notBefore.toSecsSinceEpoch()))
        || !ASN1_TIME_set(X509_getm_notAfter(certificate.get()),
                          static_cast<time_t>(m_notAfter.toSecsSinceEpoch()))
        || !namedcurve::setCertificateKey(certificate.get(), subjectKey))
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot fill in the certificate"));

    // basicConstraints: always, and critical, so no verifier mistakes a leaf for a CA.
    BasicConstraintsPtr constraints(BASIC_CONSTRAINTS_new());
    if (!constraints)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot encode basic constraints"));
    constraints->ca = m_isAuthority ? 0xff : 0;
    if (m_isAuthority && m_pathLength >= 0) {
        constraints->pathlen = ASN1_INTEGER_new();
        if (!constraints->pathlen || ASN1_INTEGER_set(constraints->pathlen, m_pathLength) != 1)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot encode the path length"));
    }
    Result<void> added
        = addExtension(certificate.get(), NID_basic_constraints, constraints.get(), true);
    if (!added)
        return added.error();

    QStringList keyUsage;
    if (m_keyUsage)
        keyUsage = *m_keyUsage;
    else if (m_isAuthority)
        keyUsage = {QStringLiteral("keyCertSign"), QStringLiteral("cRLSign")};
    else if (subjectKey.algorithm() == KeyAlgorithm::Rsa)
        keyUsage = {QStringLiteral("digitalSignature"), QStringLiteral("keyEncipherment")};
    else
        keyUsage = {QStringLiteral("digitalSignature")};
    if (!keyUsage.isEmpty()) {
        auto bits = encodeKeyUsage(keyUsage);
        if (!bits)
            return bits.error();
        added = addExtension(certificate.get(), NID_key_usage, bits.value().get(), true);
        if (!added)
            return added.error();
    }

    QStringList extendedKeyUsage;
    if (m_extendedKeyUsage)
        extendedKeyUsage = *m_extendedKeyUsage;
    else if (!m_isAuthority)
        extendedKeyUsage = {QStringLiteral("serverAuth"), QStringLiteral("clientAuth")};
    if (!extendedKeyUsage.isEmpty()) {
        auto purposes = encodeExtendedKeyUsage(extendedKeyUsage);
        if (!purposes)
            return purposes.error();
        added = addExtension(certificate.get(), NID_ext_key_usage, purposes.value().get(), false);
        if (!added)
            return added.error();
    }

    if (!m_names.isEmpty()) {
        // With an empty subject the SANs are the identity, so they must be critical.
        auto extension = m_names.toExtension(emptySubject);
        if (!extension)
            return extension.error();
        if (X509_add_ext(certificate.get(), extension.value().get(), -1) != 1)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot add the SAN extension"));
    }

    if (m_keyIdentifiers) {
        auto subjectKeyId = keyIdentifier(certificate.get());
        if (!subjectKeyId)
            return subjectKeyId.error();
        auto subjectOctets = octetString(subjectKeyId.value());
        if (!subjectOctets)
            return subjectOctets.error();
        added = addExtension(certificate.get(), NID_subject_key_identifier,
                             subjectOctets.value().get(), false);
        if (!added)
            return added.error();

        // The issuer's own SKI, so path building finds it; an issuer without one gets no
        // AKI rather than an identifier it never advertised.
        QByteArray authorityKeyId = subjectKeyId.value();
        if (issuer) {
            const ASN1_OCTET_STRING *issuerKeyId = X509_get0_subject_key_id(issuer->native());
            ossl::clearErrors();
            authorityKeyId = issuerKeyId
                ? QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(issuerKeyId)),
                             ASN1_STRING_length(issuerKeyId))
                : QByteArray();
        }
        if (!authorityKeyId.isEmpty()) {
            AuthorityKeyIdPtr authority(AUTHORITY_KEYID_new());
            auto authorityOctets = octetString(authorityKeyId);
            if (!authority || !authorityOctets)
                return ossl::error(ErrorCode::CryptoFailure,
                                   QStringLiteral("cannot encode the authority key id"));
            authority->keyid = authorityOctets.value().release();
            added = addExtension(certificate.get(), NID_authority_key_identifier, authority.get(),
                                 false);
            if (!added)
                return added.error();
        }
    }

    ossl::EvpMdCtxPtr signing = signingKey.startSigning(signingKey.defaultDigest());
    if (!signing || X509_sign_ctx(certificate.get(), signing.get()) <= 0)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot sign the certificate"));
    return Certificate::adopt(certificate.release());
}

} // namespace certigram
