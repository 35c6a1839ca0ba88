#pragma once

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;

namespace certigram {

struct EnrollmentChoices;

// Enrolment, step 3: the key type (ECDSA P-256 unless there is a reason) and an optional
// passphrase for the private key.
class KeyPage : public QWizardPage
{
    Q_OBJECT

public:
    KeyPage(EnrollmentChoices *choices, QWidget *parent = nullptr);

    bool validatePage() override;
    bool isComplete() const override;

private:
    void updateHint();

    EnrollmentChoices *m_choices;
    QComboBox *m_keyType;
    QLabel *m_hint;
    QLineEdit *m_passphrase;
    QLineEdit *m_repeat;
};

} // namespace certigram
