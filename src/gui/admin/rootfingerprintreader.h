#pragma once

#include <QFuture>
#include <QString>

namespace certigram {

// The embedded CA's root fingerprint from a data directory (<dir>/ca/root_ca.crt), read on
// a pool thread: holders can be given it while the server is stopped.
class RootFingerprintReader
{
public:
    // SHA-256, lower-case hex as CertigramServer::rootFingerprint() gives it; empty when
    // there is no readable root there (no CA created yet).
    static QFuture<QString> read(const QString &dataDir);
    static QString readNow(const QString &dataDir);
};

} // namespace certigram
