#pragma once

#include "store/identity.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedLayout;

namespace certigram {

// The details pane: everything about the selected identity's certificate, with its PEM to
// copy. Shows a hint when nothing is selected.
class IdentityDetails : public QWidget
{
    Q_OBJECT

public:
    explicit IdentityDetails(QWidget *parent = nullptr);

    // An identity with its certificate (IdentityStore::identity()).
    void showIdentity(const Identity &identity);
    void showMessage(const QString &message);
    const Identity &identity() const { return m_identity; }

private:
    QLabel *addField(QFormLayout *form, const QString &label, const QString &name);
    void copyPem();

    Identity m_identity;
    QStackedLayout *m_stack;
    QLabel *m_message;
    QLabel *m_subject;
    QLabel *m_names;
    QLabel *m_status;
    QLabel *m_serialHex;
    QLabel *m_serialDecimal;
    QLabel *m_issuer;
    QLabel *m_chain;
    QLabel *m_validity;
    QProgressBar *m_lifetime;
    QLabel *m_sha256;
    QLabel *m_sha1;
    QLabel *m_keyUsage;
    QLabel *m_key;
    QPlainTextEdit *m_pem;
    QPushButton *m_copy;
};

} // namespace certigram
