#include "holder/enrollwizard.h"

#include "holder/codepage.h"
#include "holder/enrollprogresspage.h"
#include "holder/keypage.h"
#include "holder/profilepage.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace certigram {

namespace {

// Enrolment, last step: what was made and what to do next.
class DonePage : public QWizardPage
{
public:
    DonePage(EnrollmentChoices *choices, QWidget *parent)
        : QWizardPage(parent)
        , m_choices(choices)
        , m_summary(new QLabel(this))
    {
        setObjectName(QStringLiteral("donePage"));
        setTitle(EnrollWizard::tr("Your certificate is ready"));
        m_summary->setObjectName(QStringLiteral("doneSummary"));
        m_summary->setWordWrap(true);
        m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_summary);
        layout->addStretch();
    }

    void initializePage() override
    {
        const Identity &identity = m_choices->enrolled;
        m_summary->setText(
            EnrollWizard::tr("<p>Certificate for <b>%1</b> from <b>%2</b>, valid until %3.</p>"
                             "<p>Next steps:</p><ul>"
                             "<li>Certigram renews it automatically while it runs.</li>"
                             "<li>Use <i>Export</i> to install it in a browser or another "
                             "program (PKCS#12).</li>"
                             "<li>If this computer is lost, revoke it from another one with a "
                             "Telegram code.</li></ul>")
                .arg(identity.subject().toHtmlEscaped(), identity.profile().toHtmlEscaped(),
                     QLocale().toString(identity.notAfter().toLocalTime(), QLocale::LongFormat)));
    }

private:
    EnrollmentChoices *m_choices;
    QLabel *m_summary;
};

} // namespace

EnrollWizard::EnrollWizard(const HolderHome &home, QWidget *parent)
    : QWizard(parent)
{
    setObjectName(QStringLiteral("enrollWizard"));
    setWindowTitle(tr("New certificate"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    m_choices.home = home;
    setPage(ProfilePageId, new ProfilePage(&m_choices, this));
    setPage(CodePageId, new CodePage(&m_choices, this));
    setPage(KeyPageId, new KeyPage(&m_choices, this));
    auto *progress = new EnrollProgressPage(&m_choices, this);
    connect(progress, &EnrollProgressPage::enrolled, this, &EnrollWizard::enrolled);
    setPage(ProgressPageId, progress);
    setPage(DonePageId, new DonePage(&m_choices, this));
    resize(640, 480);
}

} // namespace certigram
