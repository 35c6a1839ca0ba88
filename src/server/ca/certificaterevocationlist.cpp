#include "ca/certificaterevocationlist.h"

#include "crypto/certificate.h"
#include "crypto/derencoding.h"
#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"
#include "crypto/privatekey.h"

#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace certigram {

namespace {

using CrlPtr = ossl::Owner<X509_CRL, X509_CRL_free>;
using RevokedPtr = ossl::Owner<X509_REVOKED, X509_REVOKED_free>;
using EnumeratedPtr = ossl::Owner<ASN1_ENUMERATED, ASN1_ENUMERATED_free>;
using AuthorityKeyIdPtr = ossl::Owner<AUTHORITY_KEYID, AUTHORITY_KEYID_free>;

// RFC 5280 §5.3.1 CRLReason values that may appear on an entry of a full CRL.
bool belongsOnCrl(int reasonCode)
{
    switch (reasonCode) {
    case 1: // keyCompromise
    case 2: // cACompromise
    case 3: // affiliationChanged
    case 4: // superseded
    case 5: // cessationOfOperation
    case 6: // certificateHold
    case 9: // privilegeWithdrawn
    case 10: // aACompromise
        return true;
    default: return false;
    }
}

Result<ossl::Asn1TimePtr> asn1Time(const QDateTime &time)
{
    ossl::Asn1TimePtr value(ASN1_TIME_set(nullptr, static_cast<time_t>(time.toSecsSinceEpoch())));
    if (!value)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode a CRL time"));
    return value;
}

Result<ossl::Asn1IntegerPtr> integerFromDecimal(const QString &decimal)
{
    const QByteArray digits = decimal.toLatin1();
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("\"%1\" is not a decimal serial").arg(decimal.left(60)));
    }
    BIGNUM *raw = nullptr;
    const int parsed = digits.isEmpty() ? 0 : BN_dec2bn(&raw, digits.constData());
    ossl::BignumPtr number(raw);
    if (parsed != digits.size() || !number)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("\"%1\" is not a decimal serial").arg(decimal.left(60)));
    ossl::Asn1IntegerPtr integer(BN_to_ASN1_INTEGER(number.get(), nullptr));
    if (!integer)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode a serial"));
    return integer;
}

Result<void> addEntry(X509_CRL *crl, const RevokedSerial &entry)
{
    auto serial = integerFromDecimal(entry.serial);
    if (!serial)
        return serial.error();
    auto revokedAt = asn1Time(entry.revokedAt);
    if (!revokedAt)
        return revokedAt.error();
    RevokedPtr revoked(X509_REVOKED_new());
    if (!revoked || X509_REVOKED_set_serialNumber(revoked.get(), serial.value().get()) != 1
        || X509_REVOKED_set_revocationDate(revoked.get(), revokedAt.value().get()) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode a CRL entry"));
    if (belongsOnCrl(entry.reasonCode)) {
        EnumeratedPtr reason(ASN1_ENUMERATED_new());
        if (!reason || ASN1_ENUMERATED_set(reason.get(), entry.reasonCode) != 1
            || X509_REVOKED_add1_ext_i2d(revoked.get(), NID_crl_reason, reason.get(), 0, 0) != 1)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot encode a revocation reason"));
    }
    if (X509_CRL_add0_revoked(crl, revoked.get()) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot add a CRL entry"));
    revoked.release(); // owned by the CRL now
    return {};
}

Result<void> addAuthorityKeyId(X509_CRL *crl, const Certificate &issuer)
{
    const QByteArray keyId = QByteArray::fromHex(issuer.subjectKeyId().toLatin1());
    if (keyId.isEmpty())
        return {}; // an issuer without a key id: RFC 5280 then has nothing to point at
    AuthorityKeyIdPtr authorityKeyId(AUTHORITY_KEYID_new());
    if (!authorityKeyId)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode the CRL AKI"));
    authorityKeyId->keyid = ASN1_OCTET_STRING_new();
    if (!authorityKeyId->keyid
        || ASN1_OCTET_STRING_set(authorityKeyId->keyid,
                                 reinterpret_cast<const unsigned char *>(keyId.constData()),
                                 static_cast<int>(keyId.size()))
            != 1
        || X509_CRL_add1_ext_i2d(crl, NID_authority_key_identifier, authorityKeyId.get(), 0, 0)
            != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode the CRL AKI"));
    return {};
}

} // namespace

Result<CertificateRevocationList> CertificateRevocationList::build(
    const Certificate &issuer, const PrivateKey &issuerKey, const QList<RevokedSerial> &entries,
    const QDateTime &thisUpdate, const QDateTime &nextUpdate)
{
    if (issuer.isNull() || issuerKey.isNull() || !issuer.matchesPrivateKey(issuerKey))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a CRL needs its issuer's certificate and key"));
    if (!thisUpdate.isValid() || !nextUpdate.isValid() || nextUpdate <= thisUpdate)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a CRL's nextUpdate must come after its thisUpdate"));

    CrlPtr crl(X509_CRL_new());
    auto lastUpdate = asn1Time(thisUpdate);
    auto next = asn1Time(nextUpdate);
    if (!lastUpdate)
        return lastUpdate.error();
    if (!next)
        return next.error();
    if (!crl || X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) != 1
        || X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer.native())) != 1
        || X509_CRL_set1_lastUpdate(crl.get(), lastUpdate.value().get()) != 1
        || X509_CRL_set1_nextUpdate(crl.get(), next.value().get()) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot create a CRL"));

    for (const RevokedSerial &entry : entries) {
        if (auto added = addEntry(crl.get(), entry); !added)
            return added.error();
    }
    if (auto added = addAuthorityKeyId(crl.get(), issuer); !added)
        return added.error();

    ossl::BignumPtr number(BN_new());
    if (!number
        || BN_set_word(number.get(), static_cast<BN_ULONG>(thisUpdate.toMSecsSinceEpoch())) != 1)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot encode the CRL number"));
    ossl::Asn1IntegerPtr crlNumber(BN_to_ASN1_INTEGER(number.get(), nullptr));
    if (!crlNumber || X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, crlNumber.get(), 0, 0) != 1)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot encode the CRL number"));

    if (X509_CRL_sort(crl.get()) != 1
        || X509_CRL_sign(crl.get(), issuerKey.native(), ossl::digest(issuerKey.defaultDigest()))
            <= 0)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot sign the CRL"));

    const int length = i2d_X509_CRL(crl.get(), nullptr);
    if (length <= 0)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode the CRL"));
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_X509_CRL(crl.get(), &out) != length)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode the CRL"));

    CertificateRevocationList result;
    result.m_der = der;
    // What the CRL says, to the second.
    result.m_thisUpdate = QDateTime::fromSecsSinceEpoch(thisUpdate.toSecsSinceEpoch(), Qt::UTC);
    result.m_nextUpdate = QDateTime::fromSecsSinceEpoch(nextUpdate.toSecsSinceEpoch(), Qt::UTC);
    result.m_entryCount = entries.size();
    return result;
}

QByteArray CertificateRevocationList::toPem() const
{
    if (m_der.isEmpty())
        return {};
    return der::pem("X509 CRL", m_der);
}

} // namespace certigram
