#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace certigram {

// Bytes that must not linger in memory: passphrases, private key material, CEKs.
// The buffer is wiped (OPENSSL_cleanse) when it is destroyed, assigned over or cleared.
// Unlike QByteArray it is never implicitly shared, so a wipe really reaches every copy.
class SecretBytes
{
public:
    SecretBytes() = default;
    SecretBytes(const char *data, qsizetype size);
    // Copies `bytes`, then wipes the caller's buffer if it is not shared, and clears it.
    static SecretBytes take(QByteArray &bytes);
    static SecretBytes fromUtf8(const QString &text);

    SecretBytes(const SecretBytes &other);
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(const SecretBytes &other);
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    ~SecretBytes();

    const char *data() const { return m_bytes.data(); }
    char *data() { return m_bytes.data(); }
    const unsigned char *udata() const
    {
        return reinterpret_cast<const unsigned char *>(m_bytes.data());
    }
    qsizetype size() const { return static_cast<qsizetype>(m_bytes.size()); }
    int isize() const { return static_cast<int>(m_bytes.size()); }
    bool isEmpty() const { return m_bytes.empty(); }

    void resize(qsizetype size);
    void clear();

    bool operator==(const SecretBytes &other) const;
    bool operator!=(const SecretBytes &other) const { return !(*this == other); }

    // A QByteArray copy for APIs that need one. The caller owns wiping it
    // (see wipe()); prefer data()/size() where possible.
    QByteArray toByteArrayUnsafe() const;

    // Overwrites a QByteArray's buffer in place (when no one else shares it), then clears it.
    static void wipe(QByteArray &bytes);

private:
    std::vector<char> m_bytes;
};

} // namespace certigram
