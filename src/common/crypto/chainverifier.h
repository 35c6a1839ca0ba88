#pragma once

#include "core/result.h"
#include "crypto/certificate.h"

#include <QDateTime>
#include <QList>

namespace certigram {

// What a leaf must be good for, checked against its extended key usage (and that of the
// CAs above it, when they restrict theirs).
enum class CertificatePurpose { Any, ClientAuth, ServerAuth };

// Verifies a leaf and its intermediates up to one of a fixed set of trusted roots, the
// way a pinned step-ca root is used: only the given roots are trusted (never the system
// store), and a chain must end at one of them (no partial chains ending at an
// intermediate). Cheap to copy; verify() may be called from any thread.
class ChainVerifier
{
public:
    explicit ChainVerifier(const Certificate &trustedRoot);
    explicit ChainVerifier(const QList<Certificate> &trustedRoots);

    // The time validity periods are checked at; an invalid QDateTime (the default) means
    // the current time. For tests and for "was it valid when it was used" questions.
    void setCheckTime(const QDateTime &time) { m_checkTime = time; }
    QDateTime checkTime() const { return m_checkTime; }
    void setPurpose(CertificatePurpose purpose) { m_purpose = purpose; }
    CertificatePurpose purpose() const { return m_purpose; }
    QList<Certificate> trustedRoots() const { return m_roots; }

    // VerificationFailed with a message for people ("certificate has expired",
    // "issuer not trusted: unable to get local issuer certificate", …) that names the
    // certificate at fault; InvalidInput for a null leaf.
    Result<void> verify(const Certificate &leaf,
                        const QList<Certificate> &intermediates = {}) const;
    // As verify(), and on success the path that was built: the leaf first, the trusted
    // root last.
    Result<QList<Certificate>> verifiedPath(const Certificate &leaf,
                                            const QList<Certificate> &intermediates = {}) const;

private:
    QList<Certificate> m_roots;
    QDateTime m_checkTime;
    CertificatePurpose m_purpose = CertificatePurpose::Any;
};

} // namespace certigram
