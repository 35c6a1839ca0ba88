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
    std::lock_guard lock(m_mutex);
    auto &started = m_started[{operation, digest}];
    if (!started) {
        started = startFresh(key, operation, digest);
        if (!started)
            return {};
    }
    ossl::EvpMdCtxPtr copy(EVP_MD_CTX_new());
    if (copy && EVP_MD_CTX_copy_ex(copy.get(), started.get()) == 1)
        return copy;
    // Every provider we use can copy its contexts; should one not, start afresh each time.
    return startFresh(key, operation, digest);
}

} // namespace certigram
