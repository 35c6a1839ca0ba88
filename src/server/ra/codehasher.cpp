#include "ra/codehasher.h"

#include "crypto/secretfile.h"
#include "crypto/securerandom.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <QFile>

namespace certigram {

namespace {
constexpr qsizetype kKeyLength = 32;
}

CodeHasher::CodeHasher(SecretBytes key)
    : m_key(std::move(key))
{
    Q_ASSERT(m_key.size() >= 16);
}

QByteArray CodeHasher::hash(const QString &subject, const QString &purpose,
                            const QString &code) const
{
    // NUL separators: no subject/purpose/code split can collide with another.
    QByteArray input = subject.toUtf8() + '\0' + purpose.toUtf8() + '\0' + code.toUtf8();
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t length = 0;
    const bool done = EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, m_key.udata(),
                                static_cast<size_t>(m_key.size()),
                                reinterpret_cast<const unsigned char *>(input.constData()),
                                static_cast<size_t>(input.size()), digest, sizeof digest, &length)
        != nullptr;
    SecretBytes::wipe(input);
    Q_ASSERT(done); // HMAC-SHA256 is always available in OpenSSL 3
    return done ? QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length))
                : QByteArray();
}

bool CodeHasher::matches(const QByteArray &storedHash, const QString &subject,
                         const QString &purpose, const QString &code) const
{
    const QByteArray candidate = hash(subject, purpose, code);
    return !candidate.isEmpty() && candidate.size() == storedHash.size()
        && CRYPTO_memcmp(candidate.constData(), storedHash.constData(),
                         static_cast<size_t>(candidate.size()))
        == 0;
}

Result<SecretBytes> CodeHasher::loadOrCreateKey(const QString &path)
{
    // Stored as hex text: a secret file like any other (owner-only, checked on reading).
    if (QFile::exists(path)) {
        auto text = SecretFile::read(path);
        if (!text)
            return text.error();
        QByteArray hex = text->toByteArrayUnsafe();
        QByteArray raw = QByteArray::fromHex(hex);
        SecretBytes::wipe(hex);
        SecretBytes key = SecretBytes::take(raw);
        if (key.size() != kKeyLength)
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("the code key %1 is damaged (expected %2 hex digits)")
                             .arg(path)
                             .arg(kKeyLength * 2));
        return key;
    }
    auto random = SecureRandom::bytes(kKeyLength);
    if (!random)
        return random.error();
    QByteArray hex = random->toHex();
    const SecretBytes text = SecretBytes::take(hex);
    if (auto written = SecretFile::write(path, text); !written)
        return written.error();
    return SecretBytes::take(random.value());
}

} // namespace certigram
