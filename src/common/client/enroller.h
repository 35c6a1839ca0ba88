#pragma once

#include "client/clienttransport.h"
#include "crypto/keytype.h"
#include "crypto/secretbytes.h"
#include "protocol/stepcamessages.h"
#include "store/caprofile.h"
#include "store/identity.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace certigram {

class CaClient;
class RaClient;

// What a new identity needs once the holder has the code Telegram brought them.
struct EnrollmentRequest
{
    QString subject; // the Telegram id
    QString code;
    KeyType keyType = KeyType::EcP256;
    SecretBytes passphrase; // empty: the key is stored unencrypted (still owner-only)
    std::optional<QDateTime> notAfter; // unset: the CA's default lifetime
};

// Where an enrolment is, for progress displays.
enum class EnrollmentStep { ExchangingCode, GeneratingKey, Signing, Saving };

// Enrols one identity with a CA profile: code → sign token (RA) → key pair and CSR (off
// the calling thread: RSA 4096 takes seconds) → certificate (CA) → identity store (off
// thread too: the key's scrypt encryption takes a second). The CSR carries the names the
// token grants (its sub and sans), so the same code path works for the embedded CA and a
// step-ca behind the RA.
//
// One enrolment at a time per Enroller. cancel() drops the rest of the run: no callback,
// nothing saved (a certificate the CA issued meanwhile stays unused).
class Enroller : public QObject
{
    Q_OBJECT

public:
    Enroller(const CaProfile &profile, const QString &identitiesFolder, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout);
    bool isRunning() const { return m_running; }

    // `done` runs on this object's thread with the saved identity or an Error.
    void enroll(const EnrollmentRequest &request, ClientCallback<Identity> done);
    void cancel();

signals:
    void stepChanged(certigram::EnrollmentStep step);

private:
    struct Run;
    void generateKey(std::shared_ptr<Run> run, const QString &ott);
    void save(std::shared_ptr<Run> run, const SignResponse &issued);
    void finish(const std::shared_ptr<Run> &run, Result<Identity> result);
    bool isCurrent(const std::shared_ptr<Run> &run) const;

    CaProfile m_profile;
    QString m_identitiesFolder;
    RaClient *m_ra;
    CaClient *m_ca;
    std::shared_ptr<Run> m_run;
    bool m_running = false;
};

} // namespace certigram
