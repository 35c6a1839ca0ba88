#pragma once

#include "ca/certificaterecordstore.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace certigram {

class Certificate;
class PrivateKey;

// An X.509 v2 CRL (RFC 5280 §5) as the embedded CA publishes it: signed by the issuing
// CA, with an authority key identifier and a CRL number, one entry per revoked serial with
// its revocation time and, where RFC 5280 has a meaning for it, its reason code.
// Immutable; holds the DER.
class CertificateRevocationList
{
public:
    CertificateRevocationList() = default;

    // `thisUpdate` in milliseconds also serves as the CRL number: it grows with every CRL
    // any server instance sharing the database makes, without a counter to coordinate.
    // Reason codes 0 (unspecified: RFC 5280 §5.3.1 says to leave the extension out),
    // 7 (unassigned) and 8 (removeFromCRL, meaningful only in delta CRLs) get no reason
    // extension. Fails with InvalidInput for a serial that is not decimal digits.
    static Result<CertificateRevocationList> build(const Certificate &issuer,
                                                   const PrivateKey &issuerKey,
                                                   const QList<RevokedSerial> &entries,
                                                   const QDateTime &thisUpdate,
                                                   const QDateTime &nextUpdate);

    bool isNull() const { return m_der.isEmpty(); }
    const QByteArray &toDer() const { return m_der; }
    // "-----BEGIN X509 CRL-----" as `openssl crl` writes it.
    QByteArray toPem() const;
    QDateTime thisUpdate() const { return m_thisUpdate; }
    QDateTime nextUpdate() const { return m_nextUpdate; }
    qsizetype entryCount() const { return m_entryCount; }

private:
    QByteArray m_der;
    QDateTime m_thisUpdate;
    QDateTime m_nextUpdate;
    qsizetype m_entryCount = 0;
};

} // namespace certigram
