#pragma once

#include "store/identity.h"

#include <QWizardPage>

class QLabel;
class QProgressBar;

namespace certigram {

struct EnrollmentChoices;
class Enroller;

// Enrolment, step 4: runs the enrolment (code → token → key → certificate → store) with a
// progress bar; on failure says what went wrong and lets the holder go back and fix it.
class EnrollProgressPage : public QWizardPage
{
    Q_OBJECT

public:
    EnrollProgressPage(EnrollmentChoices *choices, QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

signals:
    void enrolled(const certigram::Identity &identity);

private:
    EnrollmentChoices *m_choices;
    Enroller *m_enroller = nullptr;
    QProgressBar *m_progress;
    QLabel *m_step;
    bool m_done = false;
};

} // namespace certigram
