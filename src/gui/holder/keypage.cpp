#include "holder/keypage.h"

#include "holder/enrollwizard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace certigram {

KeyPage::KeyPage(EnrollmentChoices *choices, QWidget *parent)
    : QWizardPage(parent)
    , m_choices(choices)
    , m_keyType(new QComboBox(this))
    , m_hint(new QLabel(this))
    , m_passphrase(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
{
    setObjectName(QStringLiteral("keyPage"));
    setTitle(tr("Your key"));
    setSubTitle(tr("The private key is generated on this computer and never leaves it."));
    for (KeyType type : allKeyTypes())
        m_keyType->addItem(keyTypeDisplayName(type), keyTypeName(type));
    m_keyType->setCurrentIndex(m_keyType->findData(keyTypeName(KeyType::EcP256)));
    m_keyType->setObjectName(QStringLiteral("keyType"));
    m_keyType->setAccessibleName(tr("Key type"));
    m_hint->setObjectName(QStringLiteral("keyTypeHint"));
    m_hint->setWordWrap(true);
    for (QLineEdit *edit : {m_passphrase, m_repeat})
        edit->setEchoMode(QLineEdit::Password);
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_repeat->setObjectName(QStringLiteral("passphraseRepeat"));
    m_repeat->setAccessibleName(tr("Passphrase again"));

    auto *form = new QFormLayout;
    form->addRow(tr("Key &type:"), m_keyType);
    form->addRow(QString(), m_hint);
    form->addRow(tr("&Passphrase (optional):"), m_passphrase);
    form->addRow(tr("&Again:"), m_repeat);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *note = new QLabel(tr("Without a passphrase the key is still readable by your user "
                               "account only. With one, you type it to renew, revoke or "
                               "export; automatic renewal cannot open it."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    layout->addStretch();

    connect(m_keyType, &QComboBox::currentIndexChanged, this, &KeyPage::updateHint);
    for (QLineEdit *edit : {m_passphrase, m_repeat})
        connect(edit, &QLineEdit::textChanged, this, &KeyPage::completeChanged);
    updateHint();
}

void KeyPage::updateHint()
{
    const KeyType type = parseKeyType(m_keyType->currentData().toString()).valueOr(KeyType::EcP256);
    switch (type) {
    case KeyType::EcP256:
        m_hint->setText(tr("Recommended: fast, small, accepted everywhere."));
        break;
    case KeyType::Rsa4096:
        m_hint->setText(tr("Slow: generating it takes several seconds, and every TLS handshake "
                           "costs more. Choose it only if a service demands it."));
        break;
    case KeyType::Ed25519:
        m_hint->setText(tr("Modern and fast, but some older software does not accept it."));
        break;
    default: m_hint->setText(tr("Widely accepted.")); break;
    }
}

bool KeyPage::isComplete() const
{
    return m_passphrase->text() == m_repeat->text();
}

bool KeyPage::validatePage()
{
    m_choices->keyType = parseKeyType(m_keyType->currentData().toString()).valueOr(KeyType::EcP256);
    m_choices->passphrase = SecretBytes::fromUtf8(m_passphrase->text());
    return true;
}

} // namespace certigram
