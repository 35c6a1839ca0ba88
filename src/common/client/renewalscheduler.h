#pragma once

#include "core/error.h"
#include "crypto/secretbytes.h"
#include "store/holderhome.h"
#include "store/identity.h"
#include "store/renewalpolicy.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace certigram {

class Renewer;

// Automatic renewal, as `step ca renew --daemon` does it, for every identity in the
// holder's store: each is renewed when RenewalPolicy says it is due, failures are retried
// with the policy's backoff, revoked ones are left alone. One renewal at a time; the store
// is read again after each and at least every kRescanInterval, so identities enrolled or
// removed meanwhile (by the app or the CLI) are picked up. Used by `certigram-cli renew
// --daemon` and by the desktop app while it runs.
class RenewalScheduler : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::minutes kRescanInterval{10};

    RenewalScheduler(const HolderHome &home, const RenewalPolicy &policy,
                     QObject *parent = nullptr);

    // Opens encrypted keys; identities whose key it does not open fail (and are retried).
    void setPassphrase(const SecretBytes &passphrase) { m_passphrase = passphrase; }
    void setTimeout(std::chrono::milliseconds timeout);

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // When the next renewal is due (invalid: nothing to do).
    QDateTime nextAttempt() const { return m_nextAttempt; }

public slots:
    // Reads the store again and reschedules; call it after enrolling or importing.
    void rescan();

signals:
    void renewed(const certigram::Identity &identity);
    void renewalFailed(const QString &id, const certigram::Error &error, const QDateTime &retryAt);
    // After every scan: when the next attempt will be (invalid: nothing due, ever).
    void scheduled(const QDateTime &nextAttempt);

private:
    void schedule(const QList<Identity> &identities);
    void renewNext();

    HolderHome m_home;
    RenewalPolicy m_policy;
    Renewer *m_renewer;
    QTimer m_timer;
    SecretBytes m_passphrase;
    QHash<QString, int> m_failures; // qualified id → consecutive failures
    QStringList m_due; // qualified ids due now, renewed one by one
    QDateTime m_nextAttempt;
    bool m_running = false;
    bool m_busy = false; // a scan or renewal is in flight
    bool m_rescanRequested = false; // rescan() was called while busy
};

} // namespace certigram
