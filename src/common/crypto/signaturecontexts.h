#pragma once

#include "crypto/keytype.h"
#include "crypto/opensslptr.h"

#include <map>
#include <mutex>

namespace certigram {

// Started signature operations of one key, one per digest, to copy from.
//
// OpenSSL 3.0 looks up the key's and the algorithm's provider implementations, under a
// global lock, every time a signature operation starts (3.1 caches them); for ECDSA P-256
// that costs more than the verification itself. A key that signs or verifies again and
// again (a provisioner's key checking tokens, the CA's key signing certificates) starts
// the operation once, at its second use, and begins each later use from a copy, which
// skips the look-ups.
// Shared by the copies of a PublicKey or PrivateKey; safe to use from any thread.
class SignatureContexts
{
public:
    enum class Operation { Sign, Verify };

    // A context ready for EVP_DigestSign* (or EVP_DigestVerify*) with `key`; null when
    // OpenSSL cannot start one (its error queue says why).
    ossl::EvpMdCtxPtr start(EVP_PKEY *key, Operation operation, DigestAlgorithm digest);

private:
    struct Slot
    {
        bool usedBefore = false;
        ossl::EvpMdCtxPtr started; // from the second use on
    };
    std::mutex m_mutex;
    std::map<std::pair<Operation, DigestAlgorithm>, Slot> m_started;
};

} // namespace certigram
