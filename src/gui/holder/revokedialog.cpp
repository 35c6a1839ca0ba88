#include "holder/revokedialog.h"

#include "client/raclient.h"
#include "client/revoker.h"
#include "store/profilestore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace certigram {

QList<RevokeDialog::Reason> RevokeDialog::reasons()
{
    return {
        {0, tr("Unspecified"), tr("No particular reason, or none you want to give.")},
        {1, tr("Key compromise"),
         tr("Someone else may have the private key: a stolen laptop, a leaked file.")},
        {2, tr("CA compromise"), tr("The certificate authority itself is no longer trusted.")},
        {3, tr("Affiliation changed"),
         tr("The name or organisation in the certificate is no longer right.")},
        {4, tr("Superseded"), tr("It has been replaced by a new certificate.")},
        {5, tr("Cessation of operation"),
         tr("It is no longer needed: the service or device is gone.")},
        {6, tr("Certificate hold"), tr("Suspended for now (the CA may treat it as final).")},
        {8, tr("Remove from CRL"), tr("Undo a hold (rarely used by holders).")},
        {9, tr("Privilege withdrawn"),
         tr("The holder is no longer entitled to what the certificate granted.")},
        {10, tr("Attribute authority compromise"),
         tr("An authority that vouched for its attributes is no longer trusted.")},
    };
}

RevokeDialog::RevokeDialog(const HolderHome &home, const Identity &identity, QWidget *parent)
    : QDialog(parent)
    , m_home(home)
    , m_identity(identity)
    , m_revoker(new Revoker(home, this))
    , m_reason(new QComboBox(this))
    , m_explanation(new QLabel(this))
    , m_text(new QLineEdit(this))
    , m_passphrase(new QLineEdit(this))
    , m_lostKey(new QCheckBox(tr("I have &lost the private key: prove the certificate is "
                                 "mine with a Telegram code instead"),
                              this))
    , m_sendCode(new QPushButton(tr("Send &code"), this))
    , m_code(new QLineEdit(this))
    , m_confirm(new QCheckBox(this))
    , m_status(new QLabel(this))
    , m_revoke(new QPushButton(tr("&Revoke"), this))
{
    setObjectName(QStringLiteral("revokeDialog"));
    setWindowTitle(tr("Revoke certificate"));
    for (const Reason &reason : reasons())
        m_reason->addItem(QStringLiteral("%1 — %2").arg(reason.code).arg(reason.name), reason.code);
    m_reason->setObjectName(QStringLiteral("reasonCode"));
    m_reason->setAccessibleName(tr("Reason"));
    m_explanation->setObjectName(QStringLiteral("reasonExplanation"));
    m_explanation->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("reasonText"));
    m_text->setAccessibleName(tr("Reason in your words"));
    m_text->setMaxLength(200);
    m_passphrase->setObjectName(QStringLiteral("revokePassphrase"));
    m_passphrase->setAccessibleName(tr("Key passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_lostKey->setObjectName(QStringLiteral("lostKey"));
    m_sendCode->setObjectName(QStringLiteral("revokeSendCode"));
    m_code->setObjectName(QStringLiteral("revokeCode"));
    m_code->setAccessibleName(tr("Code from Telegram"));
    m_confirm->setObjectName(QStringLiteral("confirmRevoke"));
    m_confirm->setText(tr("I understand that revoking the certificate of %1 (serial %2) cannot "
                          "be undone.")
                           .arg(identity.subject(), identity.serialHex()));
    m_status->setObjectName(QStringLiteral("revokeStatus"));
    m_status->setWordWrap(true);
    m_revoke->setObjectName(QStringLiteral("revokeButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("Re&ason:"), m_reason);
    form->addRow(QString(), m_explanation);
    form->addRow(tr("In your &words:"), m_text);
    if (identity.isKeyEncrypted())
        form->addRow(tr("Key &passphrase:"), m_passphrase);
    else
        m_passphrase->hide();
    form->addRow(QString(), m_lostKey);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_sendCode);
    auto *codeLabel = new QLabel(tr("Co&de:"), this);
    codeLabel->setBuddy(m_code);
    form->addRow(codeLabel, codeRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_revoke, QDialogButtonBox::DestructiveRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_confirm);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_reason, &QComboBox::currentIndexChanged, this, &RevokeDialog::updateState);
    connect(m_lostKey, &QCheckBox::toggled, this, &RevokeDialog::updateState);
    connect(m_confirm, &QCheckBox::toggled, this, &RevokeDialog::updateState);
    connect(m_code, &QLineEdit::textChanged, this, &RevokeDialog::updateState);
    connect(m_sendCode, &QPushButton::clicked, this, &RevokeDialog::requestCode);
    connect(m_revoke, &QPushButton::clicked, this, &RevokeDialog::revoke);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

void RevokeDialog::updateState()
{
    const int code = m_reason->currentData().toInt();
    for (const Reason &reason : reasons())
        if (reason.code == code)
            m_explanation->setText(reason.explanation);
    const bool lost = m_lostKey->isChecked();
    m_code->setEnabled(lost && !m_busy);
    m_sendCode->setEnabled(lost && !m_busy);
    m_passphrase->setEnabled(!lost && !m_busy);
    m_revoke->setEnabled(!m_busy && m_confirm->isChecked()
                         && (!lost || !m_code->text().trimmed().isEmpty()));
}

void RevokeDialog::requestCode()
{
    auto profile = ProfileStore(m_home.profilesFile()).profile(m_identity.profile());
    if (!profile) {
        m_status->setText(profile.error().message());
        return;
    }
    auto *ra = new RaClient(profile->raUrl, profile->root, this);
    m_status->setText(tr("Asking the server to send a code to %1…").arg(m_identity.subject()));
    ra->requestCode(m_identity.subject(), CodePurpose::Revoke, this,
                    [this, ra](Result<CodeResponse> sent) {
                        ra->deleteLater();
                        m_status->setText(sent ? tr("A code is on its way to your Telegram.")
                                               : sent.error().message());
                        m_code->setFocus();
                    });
}

void RevokeDialog::revoke()
{
    RevocationRequest request;
    request.id = m_identity.qualifiedId();
    request.reasonCode = m_reason->currentData().toInt();
    request.reason = m_text->text();
    if (m_lostKey->isChecked())
        request.code = m_code->text().trimmed();
    else
        request.passphrase = SecretBytes::fromUtf8(m_passphrase->text());
    m_busy = true;
    updateState();
    m_status->setText(tr("Revoking…"));
    m_revoker->revoke(request, [this](Result<Identity> revoked) {
        m_busy = false;
        updateState();
        if (!revoked) {
            m_status->setText(revoked.error().message());
            return;
        }
        emit this->revoked(revoked.value());
        accept();
    });
}

} // namespace certigram
