#pragma once

#include "store/holderhome.h"
#include "store/identity.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace certigram {

class Revoker;

// Revokes one identity: a reason code with what it means in plain words, a free-text
// reason, the passphrase when the key has one, or — when the key is lost — a Telegram code.
// The Revoke button stays disabled until the holder confirms, in a sentence that names the
// certificate, that this cannot be undone.
class RevokeDialog : public QDialog
{
    Q_OBJECT

public:
    RevokeDialog(const HolderHome &home, const Identity &identity, QWidget *parent = nullptr);

    // RFC 5280 reason codes a holder may choose (0–6, 8–10), with a short name and what it
    // means, in the UI language.
    struct Reason
    {
        int code;
        QString name;
        QString explanation;
    };
    static QList<Reason> reasons();

signals:
    void revoked(const certigram::Identity &identity);

private:
    void updateState();
    void requestCode();
    void revoke();

    HolderHome m_home;
    Identity m_identity;
    Revoker *m_revoker;
    QComboBox *m_reason;
    QLabel *m_explanation;
    QLineEdit *m_text;
    QLineEdit *m_passphrase;
    QCheckBox *m_lostKey;
    QPushButton *m_sendCode;
    QLineEdit *m_code;
    QCheckBox *m_confirm;
    QLabel *m_status;
    QPushButton *m_revoke;
    bool m_busy = false;
};

} // namespace certigram
