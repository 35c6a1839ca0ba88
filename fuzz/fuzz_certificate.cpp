// X.509 certificates (crypto/certificate.h): Certificate::fromPem, fromDer and chainFromPem,
// then every accessor on what parses.
#include "crypto/certificate.h"
#include "crypto/privatekey.h"
#include "fuzzsupport.h"

#include <QTimeZone>

using namespace certigram;

CERTIGRAM_FUZZ_INIT

namespace {

void usePublicKey(const PublicKey &key)
{
    if (key.isNull())
        return;
    fuzz::use(key.algorithm());
    fuzz::use(key.bits());
    fuzz::use(key.curveName());
    fuzz::use(key.keyType());
    fuzz::use(key.description());
    fuzz::use(key.toDer());
    const Result<void> verified
        = key.verify(QByteArrayLiteral("data"), QByteArrayLiteral("signature"),
                     DigestAlgorithm::Sha256);
    fuzz::use(verified.ok());
}

void inspect(const Certificate &certificate)
{
    if (certificate.isNull())
        return;
    fuzz::use(certificate.subject());
    fuzz::use(certificate.issuer());
    fuzz::use(certificate.commonName());
    fuzz::use(certificate.serialHex());
    fuzz::use(certificate.serialDecimal());
    const SubjectAltNames names = certificate.subjectAltNames();
    fuzz::use(names.all());
    fuzz::use(names.count());
    const QDateTime notBefore = certificate.notBefore();
    const QDateTime notAfter = certificate.notAfter();
    fuzz::use(notBefore);
    fuzz::use(notAfter);
    usePublicKey(certificate.publicKey());
    const QString fingerprint = certificate.sha256Fingerprint();
    fuzz::use(Certificate::colonSeparatedHex(fingerprint));
    fuzz::use(certificate.keyUsage());
    fuzz::use(certificate.extendedKeyUsage());
    fuzz::use(certificate.isCertificateAuthority());
    fuzz::use(certificate.pathLength());
    fuzz::use(certificate.subjectKeyId());
    fuzz::use(certificate.authorityKeyId());
    fuzz::use(certificate.isSelfSigned());
    fuzz::use(certificate.matchesPrivateKey(PrivateKey()));
    const QDateTime now(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::utc());
    fuzz::use(certificate.isValidAt(now));
    fuzz::use(certificate.lifetimeUsedFraction(now));
    if (notBefore.isValid())
        fuzz::use(certificate.lifetimeUsedFraction(notBefore));

    // What parses must serialise, and read back as the same certificate.
    const QByteArray der = certificate.toDer();
    const Result<Certificate> again = Certificate::fromDer(der);
    if (!again.ok())
        fuzz::fail("a parsed certificate's DER does not parse again", again.error());
    if (again.value() != certificate)
        fuzz::fail("a certificate differs from itself after a DER round trip");
    const Certificate copy = certificate; // the copy constructor up-refs
    fuzz::use(copy.toPem());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    const Result<Certificate> der = Certificate::fromDer(input);
    if (der.ok())
        inspect(der.value());
    const Result<Certificate> pem = Certificate::fromPem(input);
    if (pem.ok())
        inspect(pem.value());
    const Result<QList<Certificate>> chain = Certificate::chainFromPem(input);
    if (chain.ok()) {
        for (const Certificate &certificate : chain.value())
            inspect(certificate);
    }
    return 0;
}
