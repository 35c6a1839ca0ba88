#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace certigram::test {

// A real smallstep step-ca on loopback for interop tests: built from Debian's packages by
// shared/tools/step-ca/build-step-ca.sh (cached after the first time) and started fresh,
// with a new PKI and one JWK provisioner, by run-step-ca.sh. Stopped on destruction.
class StepCaProcess
{
public:
    StepCaProcess();
    ~StepCaProcess();
    StepCaProcess(const StepCaProcess &) = delete;
    StepCaProcess &operator=(const StepCaProcess &) = delete;

    // Builds (if needed) and starts step-ca on a free loopback port. On failure returns
    // false and errorString() says why.
    bool start();
    void stop();
    QString errorString() const { return m_error; }

    QString url() const { return m_url; } // https://127.0.0.1:PORT
    QString rootCertificatePath() const { return m_root; } // PEM
    QString rootFingerprint() const { return m_fingerprint; }
    QString provisionerName() const { return m_provisioner; }
    QString provisionerKid() const { return m_kid; }
    QString provisionerKeyPemPath() const { return m_keyPem; }
    QString provisionerKeyJwkPath() const { return m_keyJwk; }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    qint64 m_pid = 0;
    QString m_error;
    QString m_url;
    QString m_root;
    QString m_fingerprint;
    QString m_provisioner;
    QString m_kid;
    QString m_keyPem;
    QString m_keyJwk;
};

} // namespace certigram::test
