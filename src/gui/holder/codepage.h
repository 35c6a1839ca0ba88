#pragma once

#include <QDateTime>
#include <QTimer>
#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;

namespace certigram {

struct EnrollmentChoices;
class RaClient;

// Enrolment, step 2: the holder's Telegram id, a code sent to it (with how long it stays
// valid, and resending once the server allows), and the code as received.
class CodePage : public QWizardPage
{
    Q_OBJECT

public:
    CodePage(EnrollmentChoices *choices, QWidget *parent = nullptr);

    void initializePage() override;
    bool validatePage() override;
    bool isComplete() const override;

private:
    void requestCode();
    void updateCountdown();

    EnrollmentChoices *m_choices;
    RaClient *m_ra = nullptr;
    QLineEdit *m_subject;
    QPushButton *m_send;
    QLabel *m_countdown;
    QLineEdit *m_code;
    QTimer m_ticker;
    QDateTime m_expiresAt;
    QDateTime m_resendAfter;
    bool m_sending = false;
};

} // namespace certigram
