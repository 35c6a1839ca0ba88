#include "ca/verifiedclientcache.h"

#include <QCryptographicHash>
#include <QMutexLocker>

namespace certigram {

VerifiedClientCache::VerifiedClientCache(int capacity)
{
    m_entries.setMaxCost(capacity);
}

QByteArray VerifiedClientCache::keyOf(const QList<QByteArray> &chainDer)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &der : chainDer) {
        // Each length first, so no two different chains hash the same bytes.
        const quint64 length = static_cast<quint64>(der.size());
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&length), sizeof length));
        hash.addData(der);
    }
    return hash.result();
}

std::optional<Certificate> VerifiedClientCache::find(const QByteArray &key, const QDateTime &now)
{
    const QMutexLocker lock(&m_mutex);
    const Entry *entry = m_entries.object(key);
    if (!entry || now < entry->validFrom || now > entry->validUntil)
        return std::nullopt;
    return entry->leaf;
}

void VerifiedClientCache::insert(const QByteArray &key, const QList<Certificate> &path)
{
    if (path.isEmpty())
        return;
    auto entry = std::make_unique<Entry>();
    entry->leaf = path.first();
    entry->validFrom = path.first().notBefore();
    entry->validUntil = path.first().notAfter();
    for (const Certificate &certificate : path) {
        entry->validFrom = std::max(entry->validFrom, certificate.notBefore());
        entry->validUntil = std::min(entry->validUntil, certificate.notAfter());
    }
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(key, entry.release());
}

} // namespace certigram
