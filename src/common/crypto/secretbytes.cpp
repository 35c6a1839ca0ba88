#include "crypto/secretbytes.h"

#include <openssl/crypto.h>

#include <algorithm>

namespace certigram {

namespace {
void cleanse(std::vector<char> &bytes)
{
    if (!bytes.empty())
        OPENSSL_cleanse(bytes.data(), bytes.size());
}
} // namespace

SecretBytes::SecretBytes(const char *data, qsizetype size)
    : m_bytes(data, data + size)
{ }

SecretBytes SecretBytes::take(QByteArray &bytes)
{
    SecretBytes secret(bytes.constData(), bytes.size());
    wipe(bytes);
    return secret;
}

SecretBytes SecretBytes::fromUtf8(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    return take(utf8);
}

SecretBytes::SecretBytes(const SecretBytes &other) = default;

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_bytes(std::move(other.m_bytes))
{
    other.m_bytes.clear();
}

SecretBytes &SecretBytes::operator=(const SecretBytes &other)
{
    if (this != &other) {
        cleanse(m_bytes);
        m_bytes = other.m_bytes;
    }
    return *this;
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        cleanse(m_bytes);
        m_bytes = std::move(other.m_bytes);
        other.m_bytes.clear();
    }
    return *this;
}

SecretBytes::~SecretBytes()
{
    cleanse(m_bytes);
}

void SecretBytes::resize(qsizetype size)
{
    // Growing may reallocate; wipe the old buffer first so no copy is left behind.
    std::vector<char> grown(static_cast<size_t>(size), '\0');
    std::copy_n(m_bytes.begin(), std::min(m_bytes.size(), grown.size()), grown.begin());
    cleanse(m_bytes);
    m_bytes.swap(grown);
}

void SecretBytes::clear()
{
    cleanse(m_bytes);
    m_bytes.clear();
}

bool SecretBytes::operator==(const SecretBytes &other) const
{
    return m_bytes.size() == other.m_bytes.size()
        && CRYPTO_memcmp(m_bytes.data(), other.m_bytes.data(), m_bytes.size()) == 0;
}

QByteArray SecretBytes::toByteArrayUnsafe() const
{
    return QByteArray(m_bytes.data(), size());
}

void SecretBytes::wipe(QByteArray &bytes)
{
    // A shared buffer belongs to someone else too; wiping it would corrupt their copy.
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

} // namespace certigram
