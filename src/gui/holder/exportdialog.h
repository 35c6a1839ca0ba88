#pragma once

#include "store/holderhome.h"
#include "store/identity.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace certigram {

// Exports one identity: PKCS#12 (password required; the legacy option for old importers)
// or the prototype's PEM pair (optionally encrypting the key). The work (600,000 PBKDF2
// iterations, scrypt for an encrypted key) runs off the GUI thread; files are written
// owner-only and never overwritten.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const HolderHome &home, const Identity &identity, QWidget *parent = nullptr);

    // What was written, for the status bar.
    const QString &writtenTo() const { return m_writtenTo; }

private:
    void updateState();
    void browse();
    void exportNow();

    HolderHome m_home;
    Identity m_identity;
    QRadioButton *m_pkcs12;
    QRadioButton *m_pem;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QCheckBox *m_legacy;
    QLineEdit *m_passphrase;
    QLabel *m_status;
    QPushButton *m_export;
    QString m_writtenTo;
    bool m_busy = false;
};

} // namespace certigram
