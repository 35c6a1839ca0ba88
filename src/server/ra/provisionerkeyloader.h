#pragma once

#include "core/result.h"
#include "crypto/provisionerkey.h"

#include <QString>

namespace certigram {

// Loads the JWK provisioner key the RA signs tokens with, in whichever form the admin has
// it: a PEM private key, a private JWK (JSON), or step's encrypted JWE key file
// (`step ca token --key token.key --password-file pass.txt`). The password, when one is
// needed, comes from a file, never from the command line.
class ProvisionerKeyLoader
{
public:
    static Result<ProvisionerKey> load(const QString &provisionerName, const QString &keyFile,
                                       const QString &passwordFile = {});
};

} // namespace certigram
