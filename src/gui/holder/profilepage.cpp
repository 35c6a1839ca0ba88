#include "holder/profilepage.h"

#include "client/trustbootstrap.h"
#include "holder/enrollwizard.h"
#include "store/identitystore.h"
#include "store/profilestore.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace certigram {

ProfilePage::ProfilePage(EnrollmentChoices *choices, QWidget *parent)
    : QWizardPage(parent)
    , m_choices(choices)
    , m_savedChoice(new QRadioButton(tr("&Use a CA I have used before:"), this))
    , m_newChoice(new QRadioButton(tr("Connect to a &new CA:"), this))
    , m_saved(new QComboBox(this))
    , m_caUrl(new QLineEdit(this))
    , m_raUrl(new QLineEdit(this))
    , m_fingerprint(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_bootstrap(new TrustBootstrap(this))
{
    setObjectName(QStringLiteral("profilePage"));
    setTitle(tr("Certificate authority"));
    setSubTitle(tr("Choose where your certificate comes from. Your administrator gives you "
                   "the CA's address and the fingerprint of its root certificate."));
    m_savedChoice->setObjectName(QStringLiteral("savedProfileChoice"));
    m_newChoice->setObjectName(QStringLiteral("newProfileChoice"));
    m_saved->setObjectName(QStringLiteral("savedProfiles"));
    m_saved->setAccessibleName(tr("Saved CA profiles"));
    m_caUrl->setObjectName(QStringLiteral("caUrl"));
    m_caUrl->setPlaceholderText(QStringLiteral("https://ca.example.org:8443"));
    m_caUrl->setAccessibleName(tr("CA address"));
    m_raUrl->setObjectName(QStringLiteral("raUrl"));
    m_raUrl->setPlaceholderText(tr("the same as the CA"));
    m_raUrl->setAccessibleName(tr("Registration address"));
    m_fingerprint->setObjectName(QStringLiteral("fingerprint"));
    m_fingerprint->setPlaceholderText(tr("64 hexadecimal digits, colons allowed"));
    m_fingerprint->setAccessibleName(tr("Root fingerprint"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setText(IdentityStore::defaultProfile());
    m_name->setAccessibleName(tr("Profile name"));
    m_status->setObjectName(QStringLiteral("profileStatus"));
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_savedChoice);
    layout->addWidget(m_saved);
    layout->addWidget(m_newChoice);
    auto *form = new QFormLayout;
    form->addRow(tr("CA &address:"), m_caUrl);
    form->addRow(tr("&Registration address:"), m_raUrl);
    form->addRow(tr("Root &fingerprint (SHA-256):"), m_fingerprint);
    form->addRow(tr("Profile na&me:"), m_name);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addStretch();

    for (QRadioButton *choice : {m_savedChoice, m_newChoice})
        connect(choice, &QRadioButton::toggled, this, &ProfilePage::updateMode);
    for (QLineEdit *edit : {m_caUrl, m_fingerprint, m_name})
        connect(edit, &QLineEdit::textChanged, this, [this] {
            m_bootstrapped = false;
            emit completeChanged();
        });
}

void ProfilePage::initializePage()
{
    m_saved->clear();
    auto profiles = ProfileStore(m_choices->home.profilesFile()).list();
    if (profiles) {
        for (const CaProfile &profile : profiles.value())
            m_saved->addItem(QStringLiteral("%1 — %2").arg(profile.name, profile.caUrl.toString()),
                             profile.name);
    } else {
        m_status->setText(profiles.error().message());
    }
    const bool haveSaved = m_saved->count() > 0;
    m_savedChoice->setEnabled(haveSaved);
    (haveSaved ? m_savedChoice : m_newChoice)->setChecked(true);
    updateMode();
}

void ProfilePage::updateMode()
{
    const bool saved = m_savedChoice->isChecked();
    m_saved->setEnabled(saved);
    for (QLineEdit *edit : {m_caUrl, m_raUrl, m_fingerprint, m_name})
        edit->setEnabled(!saved && !m_busy);
    emit completeChanged();
}

bool ProfilePage::isComplete() const
{
    if (m_busy)
        return false;
    if (m_savedChoice->isChecked())
        return m_saved->currentIndex() >= 0;
    return !m_caUrl->text().trimmed().isEmpty() && !m_fingerprint->text().trimmed().isEmpty()
        && !m_name->text().trimmed().isEmpty();
}

bool ProfilePage::validatePage()
{
    const ProfileStore store(m_choices->home.profilesFile());
    if (m_savedChoice->isChecked()) {
        auto profile = store.profile(m_saved->currentData().toString());
        if (!profile) {
            m_status->setText(profile.error().message());
            return false;
        }
        m_choices->profile = profile.value();
        return true;
    }
    if (m_bootstrapped)
        return true;
    startBootstrap();
    return false;
}

void ProfilePage::startBootstrap()
{
    CaProfile profile;
    profile.name = m_name->text().trimmed();
    profile.caUrl = QUrl(m_caUrl->text().trimmed());
    profile.raUrl
        = m_raUrl->text().trimmed().isEmpty() ? profile.caUrl : QUrl(m_raUrl->text().trimmed());
    for (const auto &check : {IdentityStore::checkName(profile.name, tr("The profile name")),
                              CaProfile::checkUrl(profile.caUrl, tr("CA address")),
                              CaProfile::checkUrl(profile.raUrl, tr("registration address"))}) {
        if (!check) {
            m_status->setText(check.error().message());
            return;
        }
    }
    if (auto fingerprint = TrustBootstrap::normalizeFingerprint(m_fingerprint->text());
        !fingerprint) {
        m_status->setText(fingerprint.error().message());
        return;
    }
    m_busy = true;
    updateMode();
    m_status->setText(
        tr("Connecting to %1 and checking its root certificate…").arg(profile.caUrl.toString()));
    m_bootstrap->bootstrap(
        profile.caUrl, m_fingerprint->text(), this,
        [this, profile](Result<Certificate> root) mutable {
            m_busy = false;
            updateMode();
            if (!root) {
                m_status->setText(root.error().message());
                return;
            }
            profile.root = root.value();
            auto saved = ProfileStore(m_choices->home.profilesFile()).save(profile, false);
            if (!saved) {
                m_status->setText(saved.error().message());
                return;
            }
            m_choices->profile = profile;
            m_bootstrapped = true;
            m_status->setText(tr("Trusted: %1").arg(root->subject()));
            wizard()->next();
        });
}

} // namespace certigram
