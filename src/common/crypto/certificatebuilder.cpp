#include "crypto/certificatebuilder.h"

#include "crypto/certificaterequest.h"
#include "crypto/derencoding.h"
#include "crypto/namedcurvekeys.h"
#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"
#include "crypto/privatekey.h"
#include "crypto/securerandom.h"

namespace certigram {

namespace {

using ObjectPtr = ossl::Owner<ASN1_OBJECT, ASN1_OBJECT_free>;

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

// RFC 5280's upper bound for CN and O alike (ub-common-name, ub-organization-name).
constexpr qsizetype kMaxNameCharacters = 64;

// One RelativeDistinguishedName: SET { SEQUENCE { type, UTF8String value } }; empty for an
// empty value.
Result<QByteArray> nameEntry(int nid, const QString &value, const QString &label)
{
    if (value.isEmpty())
        return QByteArray();
    if (value.toUcs4().size() > kMaxNameCharacters)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("cannot use \"%1\" as %2: longer than %3 characters")
                         .arg(value, label)
                         .arg(kMaxNameCharacters));
    return der::tagged(
        der::Set,
        der::sequence(der::objectIdentifier(nid) + der::tagged(der::Utf8String, value.toUtf8())));
}

// BOOLEAN TRUE. FALSE is every BOOLEAN's DEFAULT here, and DER leaves a default out.
QByteArray booleanTrue()
{
    return QByteArray("\x01\x01\xff", 3);
}

// One Extension (RFC 5280 §4.1): SEQUENCE { extnID, critical, extnValue OCTET STRING holding
// the DER of `value` }.
QByteArray extension(int nid, const QByteArray &value, bool critical)
{
    return der::sequence(der::objectIdentifier(nid) + (critical ? booleanTrue() : QByteArray())
                         + der::tagged(der::OctetString, value));
}

// BasicConstraints: SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }.
QByteArray encodeBasicConstraints(bool isAuthority, int pathLength)
{
    if (!isAuthority)
        return der::sequence({});
    QByteArray constraints = booleanTrue();
    if (pathLength >= 0) {
        QByteArray bigEndian;
        for (unsigned rest = static_cast<unsigned>(pathLength); rest > 0; rest >>= 8)
            bigEndian.prepend(static_cast<char>(rest & 0xff));
        constraints += der::unsignedInteger(bigEndian);
    }
    return der::sequence(constraints);
}

// KeyUsage: a named BIT STRING, bit 0 first, trailing zero bits left out (X.690 §11.2.2).
Result<QByteArray> encodeKeyUsage(const QStringList &usages)
{
    const QStringList known = Certificate::keyUsageNames();
    QByteArray bits;
    qsizetype highest = -1;
    for (const QString &usage : usages) {
        const qsizetype bit = known.indexOf(usage);
        if (bit < 0)
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("unknown key usage \"%1\" (known: %2)")
                             .arg(usage, known.join(QStringLiteral(", "))));
        if (bits.size() <= bit / 8)
            bits.resize(bit / 8 + 1, '\0');
        bits[bit / 8] = static_cast<char>(bits.at(bit / 8) | (0x80 >> (bit % 8)));
        highest = std::max(highest, bit);
    }
    const char unusedBits = static_cast<char>(highest < 0 ? 0 : 7 - highest % 8);
    return der::tagged(der::BitString, unusedBits + bits);
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

// ExtKeyUsageSyntax: SEQUENCE OF KeyPurposeId.
Result<QByteArray> encodeExtendedKeyUsage(const QStringList &usages)
{
    QByteArray purposes;
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
        purposes += der::objectIdentifier(object.get());
    }
    return der::sequence(purposes);
}

// RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's value, from a DER
// SubjectPublicKeyInfo.
Result<QByteArray> keyIdentifier(const QByteArray &subjectKeyInfo)
{
    const auto parts = der::splitSubjectPublicKeyInfo(subjectKeyInfo);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    // The BIT STRING's value follows its count of unused bits.
    if (!parts
        || EVP_Digest(parts->bits.data() + 1, static_cast<size_t>(parts->bits.size() - 1), digest,
                      &digestLength, EVP_sha1(), nullptr)
            != 1)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot compute the subject key identifier"));
    return QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(digestLength));
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
        .setSubjectPublicKey(request.publicKey(), request.subjectPublicKeyInfo())
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

CertificateBuilder &CertificateBuilder::setSubjectPublicKey(const PublicKey &key,
                                                            const QByteArray &subjectPublicKeyInfo)
{
    m_subjectKey = key;
    m_subjectKeyInfo = subjectPublicKeyInfo;
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
    auto der = encode(nullptr, &key, ownKey);
    if (!der)
        return der.error();
    return Certificate::fromDer(der.value());
}

CertificateBuilder::Issuer::Issuer(Certificate certificate, PrivateKey key)
    : m_certificate(std::move(certificate))
    , m_key(std::move(key))
    , m_digest(m_key.defaultDigest())
{ }

Result<CertificateBuilder::Issuer> CertificateBuilder::Issuer::check(const Certificate &certificate,
                                                                     const PrivateKey &key)
{
    if (certificate.isNull() || key.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no issuer certificate or key"));
    if (!certificate.matchesPrivateKey(key))
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("the issuer key does not belong to \"%1\"").arg(certificate.subject()));
    // Refuse what no verifier would accept, with a message that says why.
    if (!certificate.isCertificateAuthority())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("\"%1\" is not a CA certificate").arg(certificate.subject()));
    const QStringList usage = certificate.keyUsage();
    if (!usage.isEmpty() && !usage.contains(QStringLiteral("keyCertSign")))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("\"%1\" may not sign certificates (no keyCertSign usage)")
                         .arg(certificate.subject()));

    Issuer issuer(certificate, key);
    issuer.m_name = ossl::encodeDer(X509_get_subject_name(certificate.native()), i2d_X509_NAME);
    if (issuer.m_name.isEmpty())
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot read the issuer's name"));
    // An issuer without an SKI gets no AKI in what it signs rather than an identifier it
    // never advertised.
    if (const ASN1_OCTET_STRING *keyId = X509_get0_subject_key_id(certificate.native()))
        issuer.m_keyIdentifier
            = QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(keyId)),
                         ASN1_STRING_length(keyId));
    ossl::clearErrors();
    auto algorithm = key.signatureAlgorithm(issuer.m_digest);
    if (!algorithm)
        return algorithm.error();
    issuer.m_signatureAlgorithm = algorithm.value();
    return issuer;
}

Result<Certificate> CertificateBuilder::signedBy(const Certificate &issuer,
                                                 const PrivateKey &issuerKey) const
{
    auto checked = Issuer::check(issuer, issuerKey);
    if (!checked)
        return checked.error();
    auto der = signedByAsDer(checked.value());
    if (!der)
        return der.error();
    return Certificate::fromDer(der.value());
}

Result<QByteArray> CertificateBuilder::signedByAsDer(const Issuer &issuer) const
{
    if (m_subjectKey.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no subject public key"));
    if (m_isAuthority && issuer.m_certificate.pathLength() == 0)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("\"%1\" may not issue CA certificates (path length 0)")
                         .arg(issuer.m_certificate.subject()));
    return encode(&issuer, nullptr, m_subjectKey);
}

Result<QByteArray> CertificateBuilder::encode(const Issuer *issuer, const PrivateKey *ownKey,
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
    auto validFrom = der::time(notBefore);
    auto validUntil = der::time(m_notAfter);
    if (!validFrom || !validUntil)
        return validFrom ? validUntil.error() : validFrom.error();

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
    const QByteArray serialNumber = der::unsignedInteger(serial);

    // O before CN: the most specific name last, as step-ca and RFC 4514 readers expect.
    auto organization
        = nameEntry(NID_organizationName, m_organization, QStringLiteral("organization"));
    if (!organization)
        return organization.error();
    auto commonName = nameEntry(NID_commonName, m_commonName, QStringLiteral("common name"));
    if (!commonName)
        return commonName.error();
    const QByteArray subject = der::sequence(organization.value() + commonName.value());
    const QByteArray &issuerName = issuer ? issuer->m_name : subject;

    const QByteArray subjectKeyDer = !m_subjectKeyInfo.isEmpty()
        ? m_subjectKeyInfo
        : ossl::encodeDer(namedcurve::subjectPublicKeyInfo(subjectKey).get(), i2d_X509_PUBKEY);
    if (issuerName.isEmpty() || subjectKeyDer.isEmpty())
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot fill in the certificate"));

    auto extensions = this->extensions(issuer, subjectKey, subjectKeyDer, emptySubject);
    if (!extensions)
        return extensions.error();

    const PrivateKey &signingKey = issuer ? issuer->m_key : *ownKey;
    const DigestAlgorithm digest = issuer ? issuer->m_digest : ownKey->defaultDigest();
    auto algorithm = issuer ? Result<QByteArray>(issuer->m_signatureAlgorithm)
                            : ownKey->signatureAlgorithm(digest);
    if (!algorithm)
        return algorithm.error();

    // RFC 5280 §4.1: TBSCertificate, then signatureAlgorithm and signatureValue.
    static const QByteArray version3 = der::explicitTag(0, der::unsignedInteger("\x02"));
    const QByteArray toBeSigned
        = der::sequence(version3 + serialNumber + algorithm.value() + issuerName
                        + der::sequence(validFrom.value() + validUntil.value()) + subject
                        + subjectKeyDer + der::explicitTag(3, der::sequence(extensions.value())));
    auto signature = signingKey.sign(toBeSigned, digest);
    if (!signature)
        return signature.error().withContext(QStringLiteral("signing the certificate"));
    return der::sequence(toBeSigned + algorithm.value() + der::bitString(signature.value()));
}

Result<QByteArray> CertificateBuilder::extensions(const Issuer *issuer, const PublicKey &subjectKey,
                                                  const QByteArray &subjectKeyInfo,
                                                  bool emptySubject) const
{
    // basicConstraints: always, and critical, so no verifier mistakes a leaf for a CA.
    QByteArray all = extension(NID_basic_constraints,
                               encodeBasicConstraints(m_isAuthority, m_pathLength), true);

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
        all += extension(NID_key_usage, bits.value(), true);
    }

    if (m_extendedKeyUsage && !m_extendedKeyUsage->isEmpty()) {
        auto purposes = encodeExtendedKeyUsage(*m_extendedKeyUsage);
        if (!purposes)
            return purposes.error();
        all += extension(NID_ext_key_usage, purposes.value(), false);
    } else if (!m_extendedKeyUsage && !m_isAuthority) {
        // Every leaf the CA issues has these: looking the names up costs more than the rest
        // of the extensions together.
        static const QByteArray serverAndClientAuth = extension(
            NID_ext_key_usage,
            encodeExtendedKeyUsage({QStringLiteral("serverAuth"), QStringLiteral("clientAuth")})
                .value(),
            false);
        all += serverAndClientAuth;
    }

    if (!m_names.isEmpty()) {
        // With an empty subject the SANs are the identity, so they must be critical.
        auto names = m_names.toExtension(emptySubject);
        if (!names)
            return names.error();
        const QByteArray namesDer = ossl::encodeDer(names.value().get(), i2d_X509_EXTENSION);
        if (namesDer.isEmpty())
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot add the SAN extension"));
        all += namesDer;
    }

    if (!m_keyIdentifiers)
        return all;
    auto subjectKeyId = keyIdentifier(subjectKeyInfo);
    if (!subjectKeyId)
        return subjectKeyId.error();
    all += extension(NID_subject_key_identifier,
                     der::tagged(der::OctetString, subjectKeyId.value()), false);

    // The issuer's own SKI, so path building finds it.
    const QByteArray &authorityKeyId = issuer ? issuer->m_keyIdentifier : subjectKeyId.value();
    // AuthorityKeyIdentifier: SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }.
    if (!authorityKeyId.isEmpty())
        all += extension(NID_authority_key_identifier,
                         der::sequence(der::tagged(0x80, authorityKeyId)), false);
    return all;
}

} // namespace certigram
