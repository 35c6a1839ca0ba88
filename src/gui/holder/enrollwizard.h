#pragma once

#include "crypto/keytype.h"
#include "crypto/secretbytes.h"
#include "store/caprofile.h"
#include "store/holderhome.h"
#include "store/identity.h"

#include <QWizard>

namespace certigram {

// What the enrolment wizard's pages fill in, one after the other.
struct EnrollmentChoices
{
    HolderHome home;
    CaProfile profile;
    QString subject;
    QString code;
    KeyType keyType = KeyType::EcP256;
    SecretBytes passphrase;
    Identity enrolled; // set by the progress page
};

// New identity, step by step: CA profile (a saved one, or bootstrap by URL + fingerprint) →
// Telegram id and the code it receives → key type and passphrase → progress while the key
// is generated and the certificate fetched → done. Network and key generation never run
// on the GUI thread.
class EnrollWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { ProfilePageId, CodePageId, KeyPageId, ProgressPageId, DonePageId };

    explicit EnrollWizard(const HolderHome &home, QWidget *parent = nullptr);

    const Identity &enrolledIdentity() const { return m_choices.enrolled; }

signals:
    void enrolled(const certigram::Identity &identity);

private:
    EnrollmentChoices m_choices;
};

} // namespace certigram
