#include "crypto/signaturecontexts.h"

#include <openssl/evp.h>

namespace certigram {

namespace {

ossl::EvpMdCtxPtr startFresh(EVP_PKEY *key, SignatureContexts::Operation operation,
                             DigestAlgorithm digest)
{
    ossl::EvpMdCtxPtr context(EVP_MD_CTX_new());
    if (!context)
        return {};
    const int started = operation == SignatureContexts::Operation::Sign
        ? EVP_DigestSignInit(context.get(), nullptr, ossl::digest(digest), nullptr, key)
        : EVP_DigestVerifyInit(context.get(), nullptr, ossl::digest(digest), nullptr, key);
    if (started != 1)
        return {};
    return context;
}

} // namespace

ossl::EvpMdCtxPtr SignatureContexts::start(EVP_PKEY *key, Operation operation,
                                           DigestAlgorithm digest)
{
    // OpenSSL copies only contexts with a digest, which Ed25519 has none of.
    if (digest == DigestAlgorithm::None)
        return startFresh(key, operation, digest);
    std::unique_lock lock(m_mutex);
    Slot &slot = m_started[{operation, digest}];
    if (!slot.started) {
        // Most keys are used once (a request's, a client certificate's): keeping a started
        // operation to copy from pays only from the second use on.
        if (!slot.usedBefore) {
            slot.usedBefore = true;
            lock.unlock();
            return startFresh(key, operation, digest);
        }
        slot.started = startFresh(key, operation, digest);
        if (!slot.started)
            return {};
    }
    const ossl::EvpMdCtxPtr &started = slot.started;
    ossl::EvpMdCtxPtr copy(EVP_MD_CTX_new());
    if (copy && EVP_MD_CTX_copy_ex(copy.get(), started.get()) == 1)
        return copy;
    // Every provider we use can copy its contexts; should one not, start afresh each time.
    return startFresh(key, operation, digest);
}

} // namespace certigram
