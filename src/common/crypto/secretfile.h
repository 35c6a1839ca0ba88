#pragma once

#include "core/result.h"
#include "crypto/secretbytes.h"

#include <QString>

namespace certigram {

// Reads a secret (a password, a bot token) from a file, the way secrets reach Certigram:
// never on the command line, where any local user can read them. The content is taken
// as is, less one trailing line break (CR LF or LF), as `step --password-file` does. On
// Unix it must be a regular file that neither group nor others may read or write
// (InvalidInput, with the `chmod 600` that fixes it).
class SecretFile
{
public:
    static Result<SecretBytes> read(const QString &path);
    // Writes `secret` owner-only (0600), atomically.
    static Result<void> write(const QString &path, const SecretBytes &secret);
};

} // namespace certigram
