#pragma once

#include "core/result.h"
#include "crypto/certificate.h"
#include "protocol/stepcamessages.h"

#include <QList>

namespace certigram {

// A certificate the CA just issued or renewed, read from its answer and checked before the
// holder keeps it: it must chain to the pinned root through the chain sent with it. A CA
// answering garbage (or a man in the middle who got past TLS) never reaches the store.
struct IssuedCertificate
{
    Certificate leaf;
    QList<Certificate> chain; // the intermediates after the leaf

    static Result<IssuedCertificate> fromResponse(const SignResponse &response,
                                                  const Certificate &pinnedRoot);
};

} // namespace certigram
