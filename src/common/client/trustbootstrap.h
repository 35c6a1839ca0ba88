#pragma once

#include "client/clienttransport.h"
#include "core/result.h"
#include "crypto/certificate.h"

#include <QObject>
#include <QString>
#include <QUrl>

namespace certigram {

class ClientTransport;

// Trust on first use, done as `step ca bootstrap --fingerprint` does it: GET <caUrl>/roots
// without verifying the server (there is nothing to pin yet), accept only a root whose
// SHA-256 fingerprint is exactly the one given, check that the server's TLS chain of that
// very connection leads to it, and ask /health again over a fresh connection that trusts
// that root alone. The result is the root to pin for RaClient and CaClient.
class TrustBootstrap : public QObject
{
    Q_OBJECT

public:
    explicit TrustBootstrap(QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout);

    // `fingerprint`: 64 hex digits, any case, colons or spaces allowed.
    void bootstrap(const QUrl &caUrl, const QString &fingerprint, QObject *context,
                   ClientCallback<Certificate> done);

    // Lower-case hex without separators; an Error when it is not a SHA-256 fingerprint.
    static Result<QString> normalizeFingerprint(const QString &fingerprint);

private:
    void checkHealth(const QUrl &caUrl, const Certificate &root, QObject *context,
                     ClientCallback<Certificate> done);

    ClientTransport *m_transport;
};

} // namespace certigram
