#include "holder/codepage.h"

#include "client/raclient.h"
#include "holder/enrollwizard.h"
#include "protocol/ramessages.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace certigram {

namespace {
QString minutesAndSeconds(qint64 seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

CodePage::CodePage(EnrollmentChoices *choices, QWidget *parent)
    : QWizardPage(parent)
    , m_choices(choices)
    , m_subject(new QLineEdit(this))
    , m_send(new QPushButton(tr("&Send me a code"), this))
    , m_countdown(new QLabel(this))
    , m_code(new QLineEdit(this))
{
    setObjectName(QStringLiteral("codePage"));
    setTitle(tr("Your Telegram account"));
    setSubTitle(tr("Enter your numeric Telegram user id. The server sends a one-time code to "
                   "that account to prove it is yours."));
    m_subject->setObjectName(QStringLiteral("subject"));
    m_subject->setAccessibleName(tr("Telegram user id"));
    m_subject->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,20}")), this));
    m_send->setObjectName(QStringLiteral("sendCodeButton"));
    m_countdown->setObjectName(QStringLiteral("codeCountdown"));
    m_countdown->setWordWrap(true);
    m_code->setObjectName(QStringLiteral("code"));
    m_code->setAccessibleName(tr("Code from Telegram"));
    m_code->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{%1,%2}").arg(MinCodeLength).arg(MaxCodeLength)),
        this));

    auto *form = new QFormLayout;
    auto *subjectRow = new QHBoxLayout;
    subjectRow->addWidget(m_subject, 1);
    subjectRow->addWidget(m_send);
    auto *subjectLabel = new QLabel(tr("Telegram &user id:"), this);
    subjectLabel->setBuddy(m_subject);
    form->addRow(subjectLabel, subjectRow);
    form->addRow(QString(), m_countdown);
    form->addRow(tr("&Code:"), m_code);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *hint = new QLabel(tr("Tip: Telegram apps show your id in Settings, or ask a bot such as "
                               "@userinfobot."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addStretch();

    connect(m_send, &QPushButton::clicked, this, &CodePage::requestCode);
    connect(m_subject, &QLineEdit::textChanged, this, [this] {
        m_expiresAt = m_resendAfter = QDateTime();
        updateCountdown();
        emit completeChanged();
    });
    connect(m_code, &QLineEdit::textChanged, this, &CodePage::completeChanged);
    m_ticker.setInterval(std::chrono::seconds(1));
    connect(&m_ticker, &QTimer::timeout, this, &CodePage::updateCountdown);
}

void CodePage::initializePage()
{
    delete m_ra;
    m_ra = new RaClient(m_choices->profile.raUrl, m_choices->profile.root, this);
    updateCountdown();
}

void CodePage::requestCode()
{
    if (m_subject->text().isEmpty() || m_sending)
        return;
    m_sending = true;
    updateCountdown();
    m_countdown->setText(tr("Asking the server to send a code…"));
    m_ra->requestCode(m_subject->text(), CodePurpose::Enroll, this,
                      [this](Result<CodeResponse> sent) {
                          m_sending = false;
                          if (!sent) {
                              m_countdown->setText(sent.error().message());
                              updateCountdown();
                              if (sent.error().reason() != QLatin1String("code-pending"))
                                  return;
                          } else {
                              m_expiresAt = sent->expiresAt;
                              m_resendAfter = sent->resendAfter;
                          }
                          m_ticker.start();
                          updateCountdown();
                          m_code->setFocus();
                      });
}

void CodePage::updateCountdown()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool canResend = !m_resendAfter.isValid() || now >= m_resendAfter;
    m_send->setEnabled(!m_sending && !m_subject->text().isEmpty() && canResend);
    m_send->setText(m_expiresAt.isValid() ? tr("&Send a new code") : tr("&Send me a code"));
    if (!m_expiresAt.isValid() || m_sending)
        return;
    const qint64 left = now.secsTo(m_expiresAt);
    if (left <= 0) {
        m_countdown->setText(tr("The code has expired: ask for a new one."));
        m_ticker.stop();
        return;
    }
    QString text = tr("A code is on its way to your Telegram. It is valid for %1.")
                       .arg(minutesAndSeconds(left));
    if (!canResend)
        text += QLatin1Char(' ')
            + tr("No code? You can ask for a new one in %n second(s).", nullptr,
                 static_cast<int>(now.secsTo(m_resendAfter)));
    m_countdown->setText(text);
}

bool CodePage::isComplete() const
{
    return !m_subject->text().isEmpty() && isValidCode(m_code->text());
}

bool CodePage::validatePage()
{
    m_choices->subject = m_subject->text();
    m_choices->code = m_code->text();
    return true;
}

} // namespace certigram
