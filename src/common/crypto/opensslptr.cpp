#include "crypto/opensslptr.h"

#include <limits>

namespace certigram::ossl {

BioPtr readBio(const QByteArray &bytes)
{
    Q_ASSERT(bytes.size() <= std::numeric_limits<int>::max());
    return BioPtr(BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size())));
}

BioPtr memoryBio()
{
    return BioPtr(BIO_new(BIO_s_mem()));
}

QByteArray bioContents(BIO *bio)
{
    BUF_MEM *buffer = nullptr;
    BIO_get_mem_ptr(bio, &buffer);
    if (!buffer || buffer->length == 0)
        return {};
    return QByteArray(buffer->data, static_cast<qsizetype>(buffer->length));
}

const EVP_MD *digest(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::None: return nullptr;
    case DigestAlgorithm::Sha256: return EVP_sha256();
    case DigestAlgorithm::Sha384: return EVP_sha384();
    case DigestAlgorithm::Sha512: return EVP_sha512();
    }
    return nullptr;
}

} // namespace certigram::ossl
