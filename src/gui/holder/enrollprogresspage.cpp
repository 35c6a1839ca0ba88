#include "holder/enrollprogresspage.h"

#include "client/enroller.h"
#include "holder/enrollwizard.h"

#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace certigram {

EnrollProgressPage::EnrollProgressPage(EnrollmentChoices *choices, QWidget *parent)
    : QWizardPage(parent)
    , m_choices(choices)
    , m_progress(new QProgressBar(this))
    , m_step(new QLabel(this))
{
    setObjectName(QStringLiteral("progressPage"));
    setTitle(tr("Getting your certificate"));
    m_progress->setObjectName(QStringLiteral("enrollProgress"));
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setRange(0, 4);
    m_step->setObjectName(QStringLiteral("enrollStep"));
    m_step->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_step);
    layout->addStretch();
}

void EnrollProgressPage::initializePage()
{
    m_done = false;
    m_progress->setValue(0);
    delete m_enroller;
    m_enroller = new Enroller(m_choices->profile, m_choices->home.identitiesFolder(), this);
    connect(m_enroller, &Enroller::stepChanged, this, [this](EnrollmentStep step) {
        switch (step) {
        case EnrollmentStep::ExchangingCode:
            m_step->setText(tr("Checking the code…"));
            m_progress->setValue(0);
            break;
        case EnrollmentStep::GeneratingKey:
            m_step->setText(
                tr("Generating your %1 key…").arg(keyTypeDisplayName(m_choices->keyType)));
            m_progress->setValue(1);
            break;
        case EnrollmentStep::Signing:
            m_step->setText(tr("Asking the CA for your certificate…"));
            m_progress->setValue(2);
            break;
        case EnrollmentStep::Saving:
            m_step->setText(tr("Saving…"));
            m_progress->setValue(3);
            break;
        }
    });
    EnrollmentRequest request;
    request.subject = m_choices->subject;
    request.code = m_choices->code;
    request.keyType = m_choices->keyType;
    request.passphrase = m_choices->passphrase;
    m_enroller->enroll(request, [this](Result<Identity> identity) {
        if (!identity) {
            m_progress->setValue(0);
            m_step->setText(tr("%1\n\nGo back to correct what is wrong, or cancel.")
                                .arg(identity.error().message()));
            return;
        }
        m_choices->enrolled = identity.value();
        m_progress->setValue(4);
        m_step->setText(tr("Done."));
        m_done = true;
        emit completeChanged();
        emit enrolled(m_choices->enrolled);
        wizard()->next();
    });
}

void EnrollProgressPage::cleanupPage()
{
    // Back (or Cancel) while running: drop the rest of the run.
    if (m_enroller)
        m_enroller->cancel();
}

bool EnrollProgressPage::isComplete() const
{
    return m_done;
}

} // namespace certigram
