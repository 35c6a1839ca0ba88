#include "client/issuedcertificate.h"

#include "crypto/chainverifier.h"

namespace certigram {

Result<IssuedCertificate> IssuedCertificate::fromResponse(const SignResponse &response,
                                                          const Certificate &pinnedRoot)
{
    auto certificates = Certificate::chainFromPem(response.certChain.join(QString()).toLatin1());
    if (!certificates)
        return certificates.error().withContext(
            QStringLiteral("the CA answered with a certificate chain that cannot be read"));
    IssuedCertificate issued;
    issued.chain = certificates.value();
    issued.leaf = issued.chain.takeFirst();
    // step-ca sends leaf + intermediate; a root the server appended is not kept.
    if (!issued.chain.isEmpty() && issued.chain.last() == pinnedRoot)
        issued.chain.removeLast();
    if (auto verified = ChainVerifier(pinnedRoot).verify(issued.leaf, issued.chain); !verified)
        return verified.error().withContext(
            QStringLiteral("the certificate the CA issued does not lead to the pinned root"));
    return issued;
}

} // namespace certigram
