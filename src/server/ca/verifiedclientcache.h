#pragma once

#include "crypto/certificate.h"

#include <QByteArray>
#include <QCache>
#include <QDateTime>
#include <QList>
#include <QMutex>

#include <optional>

namespace certigram {

// Client certificate chains the CA has verified, by their bytes, each for as long as every
// certificate on its verified path is valid. A holder's renewals present the same chain
// again and again; a hit costs a hash where a miss parses the chain and validates its path
// (two signature checks). Revocation, which may change meanwhile, is not cached: the CA
// reads its records on every request. Safe to share between threads.
class VerifiedClientCache
{
public:
    explicit VerifiedClientCache(int capacity = 1024);

    // The key for a presented chain (DER, leaf first): a hash of all of it, as path
    // building may use every certificate the client sent.
    static QByteArray keyOf(const QList<QByteArray> &chainDer);

    // The leaf of the chain under `key` when it was verified and its path is valid at `now`.
    std::optional<Certificate> find(const QByteArray &key, const QDateTime &now);

    // Remembers that the chain under `key` verified along `path` (leaf first, up to the root).
    void insert(const QByteArray &key, const QList<Certificate> &path);

private:
    struct Entry
    {
        Certificate leaf;
        QDateTime validFrom; // the latest notBefore on the path
        QDateTime validUntil; // the earliest notAfter on the path
    };

    QMutex m_mutex;
    QCache<QByteArray, Entry> m_entries; // least recently used first out
};

} // namespace certigram
