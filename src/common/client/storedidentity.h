#pragma once

#include "client/clienttransport.h"
#include "core/result.h"
#include "crypto/secretbytes.h"
#include "store/caprofile.h"
#include "store/holderhome.h"
#include "store/identity.h"

#include <optional>

namespace certigram {

// An identity from the holder's store with the CA profile it was issued under, and its
// key when asked for: what renewal and revocation start from.
struct StoredIdentity
{
    Identity identity;
    CaProfile profile;
    std::optional<PrivateKey> key;

    // Blocking (file reads; scrypt for an encrypted key): call it off the UI thread.
    // The key of a revoked identity is not loaded (callers refuse revoked ones anyway).
    // A profile that no longer exists is NotFound with what to do.
    static Result<StoredIdentity> load(const HolderHome &home, const QString &id, bool withKey,
                                       const SecretBytes &passphrase);

    // The certificate, chain and key for mutual TLS; only when the key was loaded.
    ClientIdentity clientIdentity() const;
};

} // namespace certigram
