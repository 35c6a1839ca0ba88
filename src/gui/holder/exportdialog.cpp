#include "holder/exportdialog.h"

#include "client/background.h"
#include "store/identitystore.h"
#include "store/privatefiles.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace certigram {

ExportDialog::ExportDialog(const HolderHome &home, const Identity &identity, QWidget *parent)
    : QDialog(parent)
    , m_home(home)
    , m_identity(identity)
    , m_pkcs12(new QRadioButton(tr("PKCS#12 file (.p12) — for browsers, Windows, macOS"), this))
    , m_pem(new QRadioButton(tr("PEM files — key and certificate, for servers and scripts"), this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_legacy(new QCheckBox(tr("&Legacy encryption for old programs (Windows 7, old Java)"), this))
    , m_passphrase(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_export(new QPushButton(tr("&Export"), this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export %1").arg(identity.subject()));
    m_pkcs12->setObjectName(QStringLiteral("exportPkcs12"));
    m_pem->setObjectName(QStringLiteral("exportPem"));
    m_pkcs12->setChecked(true);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setAccessibleName(tr("Destination"));
    m_path->setText(QDir::home().filePath(identity.subject() + QStringLiteral(".p12")));
    for (QLineEdit *edit : {m_password, m_repeat, m_passphrase})
        edit->setEchoMode(QLineEdit::Password);
    m_password->setObjectName(QStringLiteral("exportPassword"));
    m_password->setAccessibleName(tr("Export password"));
    m_repeat->setObjectName(QStringLiteral("exportPasswordRepeat"));
    m_repeat->setAccessibleName(tr("Export password again"));
    m_legacy->setObjectName(QStringLiteral("exportLegacy"));
    m_passphrase->setObjectName(QStringLiteral("exportKeyPassphrase"));
    m_passphrase->setAccessibleName(tr("Key passphrase"));
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_export->setObjectName(QStringLiteral("exportButton"));

    auto *form = new QFormLayout;
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *pathLabel = new QLabel(tr("&Save to:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Again:"), m_repeat);
    form->addRow(QString(), m_legacy);
    if (identity.isKeyEncrypted())
        form->addRow(tr("&Key passphrase:"), m_passphrase);
    else
        m_passphrase->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_export, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pkcs12);
    layout->addWidget(m_pem);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_pkcs12, &QRadioButton::toggled, this, [this](bool pkcs12) {
        const QFileInfo current(m_path->text());
        m_path->setText(pkcs12 ? current.absolutePath() + QLatin1Char('/') + m_identity.subject()
                                + QStringLiteral(".p12")
                               : current.absolutePath());
        updateState();
    });
    for (QLineEdit *edit : {m_path, m_password, m_repeat})
        connect(edit, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::exportNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

void ExportDialog::updateState()
{
    const bool pkcs12 = m_pkcs12->isChecked();
    m_legacy->setEnabled(pkcs12 && !m_busy);
    m_password->setPlaceholderText(pkcs12 ? tr("required") : tr("optional: encrypts the key"));
    QString problem;
    if (m_path->text().trimmed().isEmpty())
        problem = tr("Choose where to save.");
    else if (pkcs12 && m_password->text().isEmpty())
        problem = tr("A PKCS#12 file needs a password.");
    else if (m_password->text() != m_repeat->text())
        problem = tr("The passwords differ.");
    if (!m_busy)
        m_status->setText(problem);
    m_export->setEnabled(!m_busy && problem.isEmpty());
}

void ExportDialog::browse()
{
    const QString chosen = m_pkcs12->isChecked()
        ? QFileDialog::getSaveFileName(this, tr("Export as PKCS#12"), m_path->text(),
                                       tr("PKCS#12 files (*.p12 *.pfx)"))
        : QFileDialog::getExistingDirectory(this, tr("Export PEM files into"), m_path->text());
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

void ExportDialog::exportNow()
{
    const bool pkcs12 = m_pkcs12->isChecked();
    const QString path = m_path->text().trimmed();
    if (pkcs12 && QFileInfo::exists(path)) {
        m_status->setText(tr("%1 exists already: choose another name.").arg(path));
        return;
    }
    m_busy = true;
    updateState();
    m_status->setText(tr("Exporting…"));
    runInBackground(
        this,
        [folder = m_home.identitiesFolder(), id = m_identity.qualifiedId(), pkcs12, path,
         legacy = m_legacy->isChecked(), password = SecretBytes::fromUtf8(m_password->text()),
         passphrase = SecretBytes::fromUtf8(m_passphrase->text())]() -> Result<QString> {
            const IdentityStore store(folder);
            if (!pkcs12) {
                auto written = store.exportPem(id, path, passphrase, password);
                if (!written)
                    return written.error();
                return written->keyPath + QStringLiteral(", ") + written->certificatePath;
            }
            auto bundle = store.exportPkcs12(
                id, password, legacy ? Pkcs12Format::Legacy : Pkcs12Format::Modern, passphrase);
            if (!bundle)
                return bundle.error();
            if (auto written = PrivateFiles::write(path, bundle->data); !written)
                return written.error();
            return path;
        },
        [this](Result<QString> written) {
            m_busy = false;
            updateState();
            if (!written) {
                m_status->setText(written.error().message());
                return;
            }
            m_writtenTo = written.value();
            accept();
        });
}

} // namespace certigram
