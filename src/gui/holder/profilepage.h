#pragma once

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace certigram {

struct EnrollmentChoices;
class TrustBootstrap;

// Enrolment, step 1: which CA. A saved profile, or a new one: its URLs and the root
// fingerprint the administrator published, checked by trust bootstrap when Next is pressed.
class ProfilePage : public QWizardPage
{
    Q_OBJECT

public:
    ProfilePage(EnrollmentChoices *choices, QWidget *parent = nullptr);

    void initializePage() override;
    bool validatePage() override;
    bool isComplete() const override;

private:
    void startBootstrap();
    void updateMode();

    EnrollmentChoices *m_choices;
    QRadioButton *m_savedChoice;
    QRadioButton *m_newChoice;
    QComboBox *m_saved;
    QLineEdit *m_caUrl;
    QLineEdit *m_raUrl;
    QLineEdit *m_fingerprint;
    QLineEdit *m_name;
    QLabel *m_status;
    TrustBootstrap *m_bootstrap;
    bool m_busy = false;
    bool m_bootstrapped = false;
};

} // namespace certigram
