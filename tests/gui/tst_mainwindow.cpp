#include "crypto/certificatebuilder.h"
#include "crypto/privatekey.h"
#include "guisettings.h"
#include "holder/enrollwizard.h"
#include "holder/exportdialog.h"
#include "holder/identitydetails.h"
#include "holder/identitytablemodel.h"
#include "holder/revokedialog.h"
#include "languages.h"
#include "mainwindow.h"
#include "serverprocess.h"
#include "store/identitystore.h"
#include "testfiles.h"
#include "testpki.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace certigram;
using certigram::test::ServerProcess;
using certigram::test::TestPki;

namespace {

template<typename T>
T *findWidget(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

// Saves `widget` as docs-style PNG when CERTIGRAM_SCREENSHOT_DIR is set (the screenshot
// run under Xvfb sets it); a no-op otherwise.
void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("CERTIGRAM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(200); // let layouts and icons settle
    QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

} // namespace

// The desktop app's main window and dialogs, driven by objectName against a
// certigram-server process on loopback (embedded CA, console notifier).
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void emptyWindowInvitesToEnrol();
    void enrolThroughTheWizard();
    void wizardRefusesAWrongFingerprint();
    void tableShowsStatusesAndFilters();
    void renewNow();
    void exportPkcs12();
    void revokeFromTheDialog();
    void adminModeTogglesThePanel();
    void portugueseIsThere(); // last: it switches the language of the running app

private:
    void addStoredIdentity(const QString &subject, const QDateTime &notBefore,
                           const QDateTime &notAfter, bool revoked);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<GuiSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    HolderHome m_home{QString()};
    QString m_url;
    QString m_subject = QStringLiteral("820001");
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CertigramTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();

    const QString config = test::writeFile(
        m_dir, QStringLiteral("server.json"),
        R"({"codes": {"requestsPerAddressPerHour": 1000, "resendAfterSeconds": 0}})");
    m_server = std::make_unique<ServerProcess>(QStringLiteral(CERTIGRAM_SERVER_BINARY),
                                               m_dir.filePath(QStringLiteral("server")),
                                               QStringList{QStringLiteral("--config"), config});
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_url = QStringLiteral("https://localhost:%1").arg(m_server->port());
    m_home = HolderHome(m_dir.filePath(QStringLiteral("home")));
    m_settings = std::make_unique<GuiSettings>();
    m_settings->setAutoRenew(false); // the tests renew by hand
    m_window = std::make_unique<MainWindow>(m_home, m_settings.get());
    m_window->resize(1200, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    if (m_server)
        QCOMPARE(m_server->terminate(), 0);
}

void TestMainWindow::emptyWindowInvitesToEnrol()
{
    auto *message = findWidget<QLabel>(m_window.get(), "detailsMessage");
    QVERIFY(message);
    QTRY_VERIFY(message->text().contains(QStringLiteral("New certificate")));
    QVERIFY(!findWidget<QAction>(m_window.get(), "renewAction")->isEnabled());
    QVERIFY(findWidget<QAction>(m_window.get(), "enrollAction")->isEnabled());
}

void TestMainWindow::enrolThroughTheWizard()
{
    findWidget<QAction>(m_window.get(), "enrollAction")->trigger();
    auto *wizard = m_window->findChild<EnrollWizard *>();
    QVERIFY(wizard);
    QTRY_VERIFY(wizard->isVisible());
    QCOMPARE(wizard->currentId(), int(EnrollWizard::ProfilePageId));
    // No saved profile yet: a new one is the only choice.
    QVERIFY(findWidget<QRadioButton>(wizard, "newProfileChoice")->isChecked());
    findWidget<QLineEdit>(wizard, "caUrl")->setText(m_url);
    findWidget<QLineEdit>(wizard, "fingerprint")->setText(m_server->fingerprint());
    screenshot(wizard, QStringLiteral("wizard-profile"));
    wizard->next();
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(EnrollWizard::CodePageId), 20000);

    findWidget<QLineEdit>(wizard, "subject")->setText(m_subject);
    auto *send = findWidget<QPushButton>(wizard, "sendCodeButton");
    QVERIFY(send->isEnabled());
    send->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->codeFor(m_subject).isEmpty(), 15000);
    auto *countdown = findWidget<QLabel>(wizard, "codeCountdown");
    QTRY_VERIFY(countdown->text().contains(QStringLiteral("valid for")));
    findWidget<QLineEdit>(wizard, "code")->setText(m_server->codeFor(m_subject));
    screenshot(wizard, QStringLiteral("wizard-code"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(EnrollWizard::KeyPageId));

    auto *keyType = findWidget<QComboBox>(wizard, "keyType");
    QCOMPARE(keyType->currentData().toString(), QStringLiteral("ec-p256"));
    keyType->setCurrentIndex(keyType->findData(QStringLiteral("rsa-4096")));
    QVERIFY(findWidget<QLabel>(wizard, "keyTypeHint")->text().contains(QStringLiteral("Slow")));
    screenshot(wizard, QStringLiteral("wizard-key"));
    keyType->setCurrentIndex(keyType->findData(QStringLiteral("ec-p256")));
    findWidget<QLineEdit>(wizard, "passphrase")->setText(QStringLiteral("a"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // the repeat differs
    findWidget<QLineEdit>(wizard, "passphrase")->clear();
    wizard->next();
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(EnrollWizard::DonePageId), 30000);
    QVERIFY(findWidget<QLabel>(wizard, "doneSummary")->text().contains(m_subject));
    screenshot(wizard, QStringLiteral("wizard-done"));
    wizard->button(QWizard::FinishButton)->click();

    // The new identity is in the table, selected, and its details are shown.
    QTRY_COMPARE(m_window->identityModel()->rowCount(), 1);
    QTRY_COMPARE(m_window->selectedId(), m_subject + QStringLiteral("@default"));
    auto *serial = findWidget<QLabel>(m_window.get(), "detailsSerialHex");
    QTRY_VERIFY(!serial->text().isEmpty());
    QCOMPARE(findWidget<QLabel>(m_window.get(), "detailsSubject")->text(),
             QStringLiteral("CN=") + m_subject);
    QVERIFY(findWidget<QAction>(m_window.get(), "renewAction")->isEnabled());
}

void TestMainWindow::wizardRefusesAWrongFingerprint()
{
    findWidget<QAction>(m_window.get(), "enrollAction")->trigger();
    QPointer<EnrollWizard> wizard;
    for (EnrollWizard *candidate : m_window->findChildren<EnrollWizard *>())
        if (candidate->isVisible())
            wizard = candidate;
    QVERIFY(wizard);
    findWidget<QRadioButton>(wizard, "newProfileChoice")->setChecked(true);
    findWidget<QLineEdit>(wizard, "caUrl")->setText(m_url);
    findWidget<QLineEdit>(wizard, "fingerprint")->setText(QString(64, QLatin1Char('b')));
    findWidget<QLineEdit>(wizard, "profileName")->setText(QStringLiteral("other"));
    wizard->next();
    auto *status = findWidget<QLabel>(wizard, "profileStatus");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("fingerprint")), 20000);
    QCOMPARE(wizard->currentId(), int(EnrollWizard::ProfilePageId));
    wizard->reject();
    QTRY_VERIFY(!wizard);
}

void TestMainWindow::addStoredIdentity(const QString &subject, const QDateTime &notBefore,
                                       const QDateTime &notAfter, bool revoked)
{
    static const TestPki pki(QStringLiteral("Screenshot CA"));
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto certificate = CertificateBuilder()
                           .setSubject(subject)
                           .setSubjectPublicKey(key->publicKey())
                           .setSubjectAltNames(SubjectAltNames::fromList({subject}))
                           .setValidity(notBefore, notAfter)
                           .setExtendedKeyUsage({QStringLiteral("clientAuth")})
                           .signedBy(pki.root(), pki.rootKey());
    QVERIFY(certificate.ok());
    IdentityStore store(m_home.identitiesFolder());
    QVERIFY(store.save(QStringLiteral("lab"), key.value(), certificate.value(), {pki.root()}).ok());
    if (revoked)
        QVERIFY(store.markRevoked(subject + QStringLiteral("@lab")).ok());
}

void TestMainWindow::tableShowsStatusesAndFilters()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    addStoredIdentity(QStringLiteral("830001"), now.addDays(-80), now.addDays(10), false);
    addStoredIdentity(QStringLiteral("830002"), now.addDays(-30), now.addDays(-1), false);
    addStoredIdentity(QStringLiteral("830003"), now.addDays(-5), now.addDays(360), true);
    findWidget<QAction>(m_window.get(), "refreshAction")->trigger();
    IdentityTableModel *model = m_window->identityModel();
    QTRY_COMPARE(model->rowCount(), 4);
    const auto statusOf = [&](const QString &id) {
        return static_cast<IdentityStatus>(
            model->index(model->rowOf(id), IdentityTableModel::Status)
                .data(IdentityTableModel::StatusRole)
                .toInt());
    };
    QCOMPARE(statusOf(QStringLiteral("830001@lab")), IdentityStatus::RenewSoon);
    QCOMPARE(statusOf(QStringLiteral("830002@lab")), IdentityStatus::Expired);
    QCOMPARE(statusOf(QStringLiteral("830003@lab")), IdentityStatus::Revoked);
    QCOMPARE(statusOf(m_subject + QStringLiteral("@default")), IdentityStatus::Valid);
    QVERIFY(
        findWidget<QLabel>(m_window.get(), "statusLabel")->text().contains(QStringLiteral("4")));

    auto *table = findWidget<QTableView>(m_window.get(), "identityTable");
    findWidget<QLineEdit>(m_window.get(), "filterText")->setText(QStringLiteral("830"));
    QCOMPARE(table->model()->rowCount(), 3);
    auto *status = findWidget<QComboBox>(m_window.get(), "filterStatus");
    status->setCurrentIndex(status->findData(static_cast<int>(IdentityStatus::Expired)));
    QCOMPARE(table->model()->rowCount(), 1);
    status->setCurrentIndex(0);
    findWidget<QLineEdit>(m_window.get(), "filterText")->clear();
    QCOMPARE(table->model()->rowCount(), 4);

    m_window->selectIdentity(m_subject + QStringLiteral("@default"));
    QTRY_VERIFY(!findWidget<QLabel>(m_window.get(), "detailsSerialHex")->text().isEmpty());
    screenshot(m_window.get(), QStringLiteral("main-window"));
}

void TestMainWindow::renewNow()
{
    const QString id = m_subject + QStringLiteral("@default");
    m_window->selectIdentity(id);
    IdentityTableModel *model = m_window->identityModel();
    const QString before = model->identityAt(model->rowOf(id)).serialHex();
    findWidget<QAction>(m_window.get(), "renewAction")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
        model->rowOf(id) >= 0 && model->identityAt(model->rowOf(id)).serialHex() != before, 20000);
    QCOMPARE(IdentityStore(m_home.identitiesFolder()).previousCertificates(id)->size(), 1);
}

void TestMainWindow::exportPkcs12()
{
    m_window->selectIdentity(m_subject + QStringLiteral("@default"));
    findWidget<QAction>(m_window.get(), "exportAction")->trigger();
    auto *dialog = m_window->findChild<ExportDialog *>();
    QVERIFY(dialog);
    const QPointer<ExportDialog> watched = dialog; // it deletes itself once it has exported
    auto *button = findWidget<QPushButton>(dialog, "exportButton");
    const QString path = m_dir.filePath(QStringLiteral("exported.p12"));
    findWidget<QLineEdit>(dialog, "exportPath")->setText(path);
    QVERIFY(!button->isEnabled()); // a PKCS#12 file needs a password
    findWidget<QLineEdit>(dialog, "exportPassword")->setText(QStringLiteral("pa55word"));
    findWidget<QLineEdit>(dialog, "exportPasswordRepeat")->setText(QStringLiteral("pa55word"));
    QVERIFY(button->isEnabled());
    screenshot(dialog, QStringLiteral("export-dialog"));
    button->click();
    const auto closed = [&watched] {
        const ExportDialog *current = watched.data();
        return !current || !current->isVisible();
    };
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path) && closed(), 20000);
    const QString passwordFile = test::writeFile(m_dir, QStringLiteral("p12-password"), "pa55word");
    const test::ProcessOutput info = test::openssl(
        {QStringLiteral("pkcs12"), QStringLiteral("-in"), path, QStringLiteral("-passin"),
         QStringLiteral("file:") + passwordFile, QStringLiteral("-nodes")});
    QVERIFY2(info.succeeded(), info.standardError.constData());
    QVERIFY(info.standardOutput.contains("BEGIN PRIVATE KEY"));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
}

void TestMainWindow::revokeFromTheDialog()
{
    const QString id = m_subject + QStringLiteral("@default");
    m_window->selectIdentity(id);
    findWidget<QAction>(m_window.get(), "revokeAction")->trigger();
    auto *dialog = m_window->findChild<RevokeDialog *>();
    QVERIFY(dialog);
    auto *revoke = findWidget<QPushButton>(dialog, "revokeButton");
    QVERIFY(!revoke->isEnabled()); // not confirmed yet
    auto *reason = findWidget<QComboBox>(dialog, "reasonCode");
    QCOMPARE(reason->count(), 10); // 0–6, 8–10
    reason->setCurrentIndex(reason->findData(4));
    QVERIFY(findWidget<QLabel>(dialog, "reasonExplanation")
                ->text()
                .contains(QStringLiteral("replaced")));
    findWidget<QLineEdit>(dialog, "reasonText")->setText(QStringLiteral("new laptop"));
    auto *confirm = findWidget<QCheckBox>(dialog, "confirmRevoke");
    QVERIFY(confirm->text().contains(m_subject));
    confirm->setChecked(true);
    QVERIFY(revoke->isEnabled());
    screenshot(dialog, QStringLiteral("revoke-dialog"));
    revoke->click();
    IdentityTableModel *model = m_window->identityModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->identityAt(model->rowOf(id)).isRevoked(), 20000);
    QTRY_VERIFY(!findWidget<QAction>(m_window.get(), "renewAction")->isEnabled());
}

void TestMainWindow::adminModeTogglesThePanel()
{
    auto *action = findWidget<QAction>(m_window.get(), "adminModeAction");
    auto *dock = findWidget<QWidget>(m_window.get(), "adminDock");
    QVERIFY(!dock->isVisible());
    action->trigger();
    QVERIFY(dock->isVisible());
    QVERIFY(m_settings->adminMode());
    action->trigger();
    QVERIFY(!dock->isVisible());
    QVERIFY(!m_settings->adminMode());
}

void TestMainWindow::portugueseIsThere()
{
    QCOMPARE(Languages::install(QStringLiteral("pt_BR")), QStringLiteral("pt_BR"));
    QCOMPARE(QCoreApplication::translate("certigram::MainWindow", "&New certificate…"),
             QStringLiteral("&Novo certificado…"));
    QCOMPARE(QCoreApplication::translate("certigram::MainWindow", "%n identity(ies)", nullptr, 2),
             QStringLiteral("2 identidades"));
    // A window made now speaks Portuguese.
    GuiSettings settings;
    MainWindow window(m_home, &settings);
    QCOMPARE(findWidget<QAction>(&window, "revokeAction")->text(), QStringLiteral("Re&vogar…"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
