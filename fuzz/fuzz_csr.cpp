// PKCS#10 certificate requests (crypto/certificaterequest.h): fromPem and fromDer, every
// accessor, and the self-signature check, as the CA does with a client's CSR.
#include "crypto/certificaterequest.h"
#include "fuzzsupport.h"

using namespace certigram;

CERTIGRAM_FUZZ_INIT

namespace {

void inspect(const CertificateRequest &request)
{
    if (request.isNull())
        return;
    fuzz::use(request.subject());
    fuzz::use(request.commonName());
    const SubjectAltNames names = request.subjectAltNames();
    fuzz::use(names.all());
    fuzz::use(names.isEmpty());
    const PublicKey key = request.publicKey();
    if (!key.isNull()) {
        fuzz::use(key.algorithm());
        fuzz::use(key.bits());
        fuzz::use(key.curveName());
        fuzz::use(key.keyType());
        fuzz::use(key.description());
        fuzz::use(key.toPem());
    }
    const Result<void> verified = request.verifySignature();
    if (!verified.ok())
        fuzz::use(verified.error().message());

    const QByteArray der = request.toDer();
    const Result<CertificateRequest> again = CertificateRequest::fromDer(der);
    if (again.ok())
        fuzz::use(again.value().subject());
    fuzz::use(request.toPem());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    const Result<CertificateRequest> der = CertificateRequest::fromDer(input);
    if (der.ok())
        inspect(der.value());
    const Result<CertificateRequest> pem = CertificateRequest::fromPem(input);
    if (pem.ok())
        inspect(pem.value());
    return 0;
}
