#include "holder/settingsdialog.h"

#include "guisettings.h"
#include "languages.h"
#include "store/profilestore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace certigram {

SettingsDialog::SettingsDialog(GuiSettings *settings, const HolderHome &home, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_home(home)
    , m_autoRenew(new QCheckBox(tr("Renew certificates &automatically while Certigram runs"), this))
    , m_renewAt(new QSpinBox(this))
    , m_startMinimized(new QCheckBox(tr("Start &minimised to the tray"), this))
    , m_language(new QComboBox(this))
    , m_adminMode(new QCheckBox(tr("Show the a&dmin panel (run a registration server here)"), this))
    , m_profiles(new QListWidget(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_autoRenew->setObjectName(QStringLiteral("autoRenew"));
    m_autoRenew->setChecked(settings->autoRenew());
    m_renewAt->setObjectName(QStringLiteral("renewAt"));
    m_renewAt->setAccessibleName(tr("Renew after this percentage of the validity period"));
    m_renewAt->setRange(5, 99);
    m_renewAt->setSuffix(QStringLiteral(" %"));
    m_renewAt->setValue(static_cast<int>(settings->renewAt() * 100 + 0.5));
    m_startMinimized->setObjectName(QStringLiteral("startMinimized"));
    m_startMinimized->setChecked(settings->startMinimized());
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System default"), QString());
    for (const auto &[code, name] : Languages::available())
        m_language->addItem(name, code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings->language())));
    m_adminMode->setObjectName(QStringLiteral("adminModeSetting"));
    m_adminMode->setChecked(settings->adminMode());
    m_profiles->setObjectName(QStringLiteral("profileList"));
    m_profiles->setAccessibleName(tr("CA profiles"));

    auto *general = new QGroupBox(tr("General"), this);
    auto *form = new QFormLayout(general);
    form->addRow(m_autoRenew);
    form->addRow(tr("Renew &after:"), m_renewAt);
    form->addRow(m_startMinimized);
    form->addRow(tr("&Language (after a restart):"), m_language);
    form->addRow(m_adminMode);

    auto *profiles = new QGroupBox(tr("CA profiles"), this);
    auto *profilesLayout = new QVBoxLayout(profiles);
    profilesLayout->addWidget(m_profiles);
    auto *remove = new QPushButton(tr("&Remove profile"), profiles);
    remove->setObjectName(QStringLiteral("removeProfile"));
    profilesLayout->addWidget(remove, 0, Qt::AlignRight);
    connect(remove, &QPushButton::clicked, this, &SettingsDialog::removeProfile);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(general);
    layout->addWidget(profiles);
    layout->addWidget(buttons);
    loadProfiles();
}

void SettingsDialog::loadProfiles()
{
    m_profiles->clear();
    auto profiles = ProfileStore(m_home.profilesFile()).list();
    if (!profiles) {
        m_profiles->addItem(profiles.error().message());
        return;
    }
    for (const CaProfile &profile : profiles.value()) {
        auto *item = new QListWidgetItem(
            tr("%1 — %2 (root %3…)")
                .arg(profile.name, profile.caUrl.toString(), profile.fingerprint().left(16)),
            m_profiles);
        item->setData(Qt::UserRole, profile.name);
    }
}

void SettingsDialog::removeProfile()
{
    QListWidgetItem *item = m_profiles->currentItem();
    if (!item || item->data(Qt::UserRole).toString().isEmpty())
        return;
    const QString name = item->data(Qt::UserRole).toString();
    if (QMessageBox::question(this, tr("Remove profile"),
                              tr("Remove the CA profile \"%1\"? Its identities stay, but cannot "
                                 "be renewed until you connect to that CA again.")
                                  .arg(name))
        != QMessageBox::Yes)
        return;
    if (auto removed = ProfileStore(m_home.profilesFile()).remove(name); !removed)
        QMessageBox::warning(this, tr("Remove profile"), removed.error().message());
    loadProfiles();
}

void SettingsDialog::apply()
{
    m_settings->setAutoRenew(m_autoRenew->isChecked());
    m_settings->setRenewAt(m_renewAt->value() / 100.0);
    m_settings->setStartMinimized(m_startMinimized->isChecked());
    m_settings->setLanguage(m_language->currentData().toString());
    m_settings->setAdminMode(m_adminMode->isChecked());
}

} // namespace certigram
