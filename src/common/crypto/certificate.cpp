#include "crypto/certificate.h"

#include "crypto/opensslerror.h"
#include "crypto/privatekey.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <ctime>
#include <limits>
#include <optional>

namespace certigram {

namespace {

using BitStringPtr = ossl::Owner<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;
using ExtendedKeyUsagePtr = ossl::Owner<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using BasicConstraintsPtr = ossl::Owner<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>;

ossl::X509Ptr share(X509 *certificate)
{
    if (certificate)
        X509_up_ref(certificate);
    return ossl::X509Ptr(certificate);
}

// `number` in decimal; empty when there is none.
QString decimal(const BIGNUM *number)
{
    ossl::OpenSslString text(number ? BN_bn2dec(number) : nullptr);
    if (!text) {
        ossl::clearErrors();
        return {};
    }
    return QString::fromLatin1(text.get());
}

// A certificate is never encrypted; refusing a passphrase also keeps OpenSSL from
// prompting on a terminal when a PEM block claims to be.
int refusePassphrase(char * /*buffer*/, int /*size*/, int /*rwflag*/, void * /*userData*/)
{
    return -1;
}

// The DER of the next "CERTIFICATE" block in `bio`, skipping blocks of other kinds;
// nullopt at the end of the input.
Result<std::optional<QByteArray>> nextCertificateBlock(BIO *bio)
{
    ossl::clearErrors();
    unsigned char *data = nullptr;
    long length = 0;
    if (PEM_bytes_read_bio(&data, &length, nullptr, PEM_STRING_X509, bio, refusePassphrase, nullptr)
        != 1) {
        const unsigned long code = ERR_peek_last_error();
        if (ERR_GET_LIB(code) == ERR_LIB_PEM && ERR_GET_REASON(code) == PEM_R_NO_START_LINE) {
            ossl::clearErrors();
            return std::optional<QByteArray>();
        }
        return ossl::error(ErrorCode::InvalidInput, QStringLiteral("malformed PEM block"));
    }
    std::optional<QByteArray> der(
        QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(length)));
    OPENSSL_free(data);
    return der;
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    std::tm parts{};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1) {
        ossl::clearErrors();
        return {};
    }
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

QString hexOf(const ASN1_OCTET_STRING *octets)
{
    if (!octets)
        return {};
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(octets)),
                   ASN1_STRING_length(octets))
            .toHex());
}

} // namespace

Certificate::Certificate(const Certificate &other)
    : m_certificate(share(other.native()))
{ }

Certificate &Certificate::operator=(const Certificate &other)
{
    if (this != &other)
        m_certificate = share(other.native());
    return *this;
}

Certificate Certificate::adopt(X509 *certificate)
{
    Certificate result;
    result.m_certificate.reset(certificate);
    return result;
}

Result<Certificate> Certificate::fromPem(const QByteArray &pem)
{
    ossl::BioPtr bio = ossl::readBio(pem);
    auto block = nextCertificateBlock(bio.get());
    if (!block)
        return block.error();
    if (!block.value())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no PEM certificate found"));
    return fromDer(*block.value());
}

Result<QList<Certificate>> Certificate::chainFromPem(const QByteArray &pem)
{
    ossl::BioPtr bio = ossl::readBio(pem);
    QList<Certificate> chain;
    for (;;) {
        const QString context = QStringLiteral("certificate %1").arg(chain.size() + 1);
        auto block = nextCertificateBlock(bio.get());
        if (!block)
            return block.error().withContext(context);
        if (!block.value())
            break;
        auto certificate = fromDer(*block.value());
        if (!certificate)
            return certificate.error().withContext(context);
        chain << certificate.value();
    }
    if (chain.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no PEM certificate found"));
    return chain;
}

Result<Certificate> Certificate::fromDer(const QByteArray &der)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *cursor = begin;
    ossl::X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    if (!certificate)
        return ossl::error(ErrorCode::InvalidInput, QStringLiteral("not a DER certificate"));
    if (cursor != begin + der.size())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("unexpected bytes after the DER certificate"));
    return adopt(certificate.release());
}

QByteArray Certificate::toPem() const
{
    return ossl::encodePem(m_certificate.get(), PEM_write_bio_X509);
}

QByteArray Certificate::toDer() const
{
    return ossl::encodeDer(m_certificate.get(), i2d_X509);
}

QString Certificate::nameToString(const X509_NAME *name)
{
    if (!name)
        return {};
    ossl::BioPtr bio = ossl::memoryBio();
    // RFC 2253 order and escaping, but UTF-8 as is rather than as \XX escapes.
    const unsigned long flags = (XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        ossl::clearErrors();
        return {};
    }
    return QString::fromUtf8(ossl::bioContents(bio.get()));
}

QString Certificate::commonNameOf(const X509_NAME *name)
{
    if (!name)
        return {};
    int index = -1;
    for (int next = index; (next = X509_NAME_get_index_by_NID(name, NID_commonName, next)) >= 0;)
        index = next;
    if (index < 0)
        return {};
    const ASN1_STRING *value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0) {
        ossl::clearErrors();
        return {};
    }
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QString Certificate::subject() const
{
    return m_certificate ? nameToString(X509_get_subject_name(m_certificate.get())) : QString();
}

QString Certificate::issuer() const
{
    return m_certificate ? nameToString(X509_get_issuer_name(m_certificate.get())) : QString();
}

QString Certificate::commonName() const
{
    return m_certificate ? commonNameOf(X509_get_subject_name(m_certificate.get())) : QString();
}

QString Certificate::serialHex() const
{
    if (!m_certificate)
        return {};
    ossl::BignumPtr serial(
        ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_certificate.get()), nullptr));
    if (!serial) {
        ossl::clearErrors();
        return {};
    }
    QByteArray magnitude(BN_num_bytes(serial.get()), Qt::Uninitialized);
    BN_bn2bin(serial.get(), reinterpret_cast<unsigned char *>(magnitude.data()));
    if (magnitude.isEmpty())
        return QStringLiteral("00");
    // Negative serials break RFC 5280 but exist in the wild; show them, do not hide them.
    return (BN_is_negative(serial.get()) ? QStringLiteral("-") : QString())
        + QString::fromLatin1(magnitude.toHex().toUpper());
}

QString Certificate::serialDecimal() const
{
    if (!m_certificate)
        return {};
    ossl::BignumPtr serial(
        ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_certificate.get()), nullptr));
    return decimal(serial.get());
}

QString Certificate::decimalSerial(const QByteArray &bigEndian)
{
    ossl::BignumPtr serial(BN_bin2bn(reinterpret_cast<const unsigned char *>(bigEndian.constData()),
                                     static_cast<int>(bigEndian.size()), nullptr));
    return decimal(serial.get());
}

SubjectAltNames Certificate::subjectAltNames() const
{
    if (!m_certificate)
        return {};
    ossl::GeneralNamesPtr names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(m_certificate.get(), NID_subject_alt_name, nullptr, nullptr)));
    ossl::clearErrors();
    return SubjectAltNames::fromNative(names.get());
}

QDateTime Certificate::notBefore() const
{
    return m_certificate ? toDateTime(X509_get0_notBefore(m_certificate.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_certificate ? toDateTime(X509_get0_notAfter(m_certificate.get())) : QDateTime();
}

PublicKey Certificate::publicKey() const
{
    EVP_PKEY *key = m_certificate ? X509_get_pubkey(m_certificate.get()) : nullptr;
    if (!key) {
        ossl::clearErrors();
        return {};
    }
    return PublicKey::adopt(key);
}

QString Certificate::sha256Fingerprint() const
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!m_certificate || X509_digest(m_certificate.get(), EVP_sha256(), digest, &length) != 1) {
        ossl::clearErrors();
        return {};
    }
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length)).toHex());
}

QString Certificate::colonSeparatedHex(const QString &hex)
{
    QStringList pairs;
    for (qsizetype i = 0; i < hex.size(); i += 2)
        pairs << hex.mid(i, 2).toUpper();
    return pairs.join(u':');
}

QStringList Certificate::keyUsageNames()
{
    // RFC 5280 §4.2.1.3, in bit order; OpenSSL's configuration uses the same names.
    return {QStringLiteral("digitalSignature"), QStringLiteral("nonRepudiation"),
            QStringLiteral("keyEncipherment"),  QStringLiteral("dataEncipherment"),
            QStringLiteral("keyAgreement"),     QStringLiteral("keyCertSign"),
            QStringLiteral("cRLSign"),          QStringLiteral("encipherOnly"),
            QStringLiteral("decipherOnly")};
}

QStringList Certificate::keyUsage() const
{
    if (!m_certificate)
        return {};
    BitStringPtr bits(static_cast<ASN1_BIT_STRING *>(
        X509_get_ext_d2i(m_certificate.get(), NID_key_usage, nullptr, nullptr)));
    ossl::clearErrors();
    if (!bits)
        return {};
    const QStringList names = keyUsageNames();
    QStringList result;
    for (int bit = 0; bit < names.size(); ++bit) {
        if (ASN1_BIT_STRING_get_bit(bits.get(), bit))
            result << names.at(bit);
    }
    return result;
}

QStringList Certificate::extendedKeyUsage() const
{
    if (!m_certificate)
        return {};
    ExtendedKeyUsagePtr usages(static_cast<EXTENDED_KEY_USAGE *>(
        X509_get_ext_d2i(m_certificate.get(), NID_ext_key_usage, nullptr, nullptr)));
    ossl::clearErrors();
    QStringList result;
    const int count = usages ? sk_ASN1_OBJECT_num(usages.get()) : 0;
    for (int i = 0; i < count; ++i) {
        const ASN1_OBJECT *usage = sk_ASN1_OBJECT_value(usages.get(), i);
        const int nid = OBJ_obj2nid(usage);
        if (nid != NID_undef) {
            result << QString::fromLatin1(OBJ_nid2sn(nid));
            continue;
        }
        char oid[128] = {};
        if (OBJ_obj2txt(oid, sizeof oid, usage, 1) > 0)
            result << QString::fromLatin1(oid);
    }
    return result;
}

bool Certificate::isCertificateAuthority() const
{
    if (!m_certificate)
        return false;
    BasicConstraintsPtr constraints(static_cast<BASIC_CONSTRAINTS *>(
        X509_get_ext_d2i(m_certificate.get(), NID_basic_constraints, nullptr, nullptr)));
    ossl::clearErrors();
    return constraints && constraints->ca;
}

int Certificate::pathLength() const
{
    if (!isCertificateAuthority())
        return -1;
    const long length = X509_get_pathlen(m_certificate.get());
    return length < 0 || length > std::numeric_limits<int>::max() ? -1 : static_cast<int>(length);
}

QString Certificate::subjectKeyId() const
{
    if (!m_certificate)
        return {};
    const QString hex = hexOf(X509_get0_subject_key_id(m_certificate.get()));
    ossl::clearErrors();
    return hex;
}

QString Certificate::authorityKeyId() const
{
    if (!m_certificate)
        return {};
    const QString hex = hexOf(X509_get0_authority_key_id(m_certificate.get()));
    ossl::clearErrors();
    return hex;
}

bool Certificate::isSelfSigned() const
{
    if (!m_certificate)
        return false;
    const bool selfSigned = X509_self_signed(m_certificate.get(), 1) == 1;
    ossl::clearErrors();
    return selfSigned;
}

bool Certificate::matchesPrivateKey(const PrivateKey &key) const
{
    return m_certificate && !key.isNull() && publicKey() == key.publicKey();
}

bool Certificate::isValidAt(const QDateTime &time) const
{
    const QDateTime from = notBefore();
    const QDateTime until = notAfter();
    return time.isValid() && from.isValid() && until.isValid() && from <= time && time <= until;
}

double Certificate::lifetimeUsedFraction(const QDateTime &now) const
{
    const QDateTime from = notBefore();
    const QDateTime until = notAfter();
    if (!now.isValid() || !from.isValid() || !until.isValid())
        return 0.0;
    const qint64 lifetime = from.msecsTo(until);
    if (lifetime <= 0)
        return now < until ? 0.0 : 1.0;
    const double used = static_cast<double>(from.msecsTo(now)) / static_cast<double>(lifetime);
    return std::clamp(used, 0.0, 1.0);
}

bool Certificate::operator==(const Certificate &other) const
{
    if (!m_certificate || !other.m_certificate)
        return !m_certificate && !other.m_certificate;
    return X509_cmp(m_certificate.get(), other.m_certificate.get()) == 0;
}

} // namespace certigram
