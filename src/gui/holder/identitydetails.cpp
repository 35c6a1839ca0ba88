#include "holder/identitydetails.h"

#include "holder/identitytablemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedLayout>
#include <QVBoxLayout>

namespace certigram {

IdentityDetails::IdentityDetails(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedLayout(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("identityDetails"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("detailsMessage"));
    m_stack->addWidget(m_message);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_subject = addField(form, tr("Subject:"), QStringLiteral("detailsSubject"));
    m_names = addField(form, tr("Names (SAN):"), QStringLiteral("detailsNames"));
    m_status = addField(form, tr("Status:"), QStringLiteral("detailsStatus"));
    m_validity = addField(form, tr("Valid:"), QStringLiteral("detailsValidity"));
    m_lifetime = new QProgressBar(page);
    m_lifetime->setObjectName(QStringLiteral("detailsLifetime"));
    m_lifetime->setRange(0, 1000);
    m_lifetime->setAccessibleName(tr("Lifetime used"));
    form->addRow(tr("Lifetime used:"), m_lifetime);
    m_serialHex = addField(form, tr("Serial (hex):"), QStringLiteral("detailsSerialHex"));
    m_serialDecimal
        = addField(form, tr("Serial (decimal):"), QStringLiteral("detailsSerialDecimal"));
    m_issuer = addField(form, tr("Issuer:"), QStringLiteral("detailsIssuer"));
    m_chain = addField(form, tr("Chain:"), QStringLiteral("detailsChain"));
    m_sha256 = addField(form, tr("SHA-256:"), QStringLiteral("detailsSha256"));
    m_sha1 = addField(form, tr("SHA-1:"), QStringLiteral("detailsSha1"));
    m_keyUsage = addField(form, tr("Key usage:"), QStringLiteral("detailsKeyUsage"));
    m_key = addField(form, tr("Key:"), QStringLiteral("detailsKey"));
    layout->addLayout(form);

    m_pem = new QPlainTextEdit(page);
    m_pem->setObjectName(QStringLiteral("detailsPem"));
    m_pem->setAccessibleName(tr("Certificate PEM"));
    m_pem->setReadOnly(true);
    m_pem->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pem->setMinimumHeight(120);
    m_pem->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_pem, 1);
    m_copy = new QPushButton(tr("&Copy PEM"), page);
    m_copy->setObjectName(QStringLiteral("copyPemButton"));
    connect(m_copy, &QPushButton::clicked, this, &IdentityDetails::copyPem);
    layout->addWidget(m_copy, 0, Qt::AlignRight);
    scroll->setWidget(page);
    m_stack->addWidget(scroll);

    showMessage(tr("Select an identity to see its certificate."));
}

QLabel *IdentityDetails::addField(QFormLayout *form, const QString &label, const QString &name)
{
    auto *value = new QLabel(this);
    value->setObjectName(name);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    value->setAccessibleName(QString(label).remove(QLatin1Char(':')));
    form->addRow(label, value);
    return value;
}

void IdentityDetails::showMessage(const QString &message)
{
    m_identity = Identity();
    m_message->setText(message);
    m_stack->setCurrentIndex(0);
}

void IdentityDetails::showIdentity(const Identity &identity)
{
    m_identity = identity;
    const Certificate &certificate = identity.certificate();
    const QLocale locale;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const IdentityStatus status = identity.status(now);

    m_subject->setText(certificate.subject());
    m_names->setText(certificate.subjectAltNames().all().join(QStringLiteral(", ")));
    m_status->setText(
        QStringLiteral("<b style=\"color:%1\">%2</b> — %3")
            .arg(IdentityTableModel::statusColor(status).name(),
                 IdentityTableModel::statusText(status).toHtmlEscaped(),
                 status == IdentityStatus::Revoked
                     ? tr("revoked on %1")
                           .arg(locale.toString(identity.revokedAt().toLocalTime(),
                                                QLocale::ShortFormat))
                     : tr("%n day(s) left", nullptr, static_cast<int>(identity.daysLeft(now)))));
    m_validity->setText(
        tr("%1 to %2")
            .arg(locale.toString(identity.notBefore().toLocalTime(), QLocale::ShortFormat),
                 locale.toString(identity.notAfter().toLocalTime(), QLocale::ShortFormat)));
    const double used = certificate.isNull() ? 0 : certificate.lifetimeUsedFraction(now);
    m_lifetime->setValue(static_cast<int>(std::clamp(used, 0.0, 1.0) * 1000));
    m_lifetime->setFormat(QStringLiteral("%1 %").arg(std::clamp(used, 0.0, 1.0) * 100, 0, 'f', 0));
    m_serialHex->setText(Certificate::colonSeparatedHex(identity.serialHex()));
    m_serialDecimal->setText(certificate.serialDecimal());
    m_issuer->setText(certificate.issuer());
    QStringList chain;
    for (const Certificate &link : identity.chain())
        chain << link.subject();
    m_chain->setText(chain.isEmpty() ? tr("(none stored)") : chain.join(QStringLiteral("\n→ ")));
    m_sha256->setText(Certificate::colonSeparatedHex(identity.sha256Fingerprint()));
    m_sha1->setText(Certificate::colonSeparatedHex(QString::fromLatin1(
        QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha1).toHex())));
    m_keyUsage->setText(
        (certificate.keyUsage() + certificate.extendedKeyUsage()).join(QStringLiteral(", ")));
    m_key->setText(identity.isKeyEncrypted()
                       ? tr("%1, protected by a passphrase").arg(identity.keyType())
                       : identity.keyType());
    m_pem->setPlainText(QString::fromLatin1(certificate.toPem()));
    m_stack->setCurrentIndex(1);
}

void IdentityDetails::copyPem()
{
    if (!m_identity.certificate().isNull())
        QApplication::clipboard()->setText(QString::fromLatin1(m_identity.certificate().toPem()));
}

} // namespace certigram
