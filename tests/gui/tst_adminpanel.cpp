#include "admin/adminpanel.h"
#include "admin/auditlogfilter.h"
#include "admin/auditlogmodel.h"
#include "admin/auditlogview.h"
#include "admin/bottokenstore.h"
#include "admin/counterstable.h"
#include "admin/csvexporter.h"
#include "admin/pendingcodesmodel.h"
#include "admin/requestschart.h"
#include "admin/servercontroller.h"

#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;

// The admin panel end to end, driven through its widgets (found by objectName): configure,
// start the in-process server, request a code over HTTPS, and watch it in the live views.
class TestAdminPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void configurationErrorsAreShown();
    void runsTheServerAndShowsWhatItDoes();
    void externalCaNeedsItsFiles();
    void startsWithTheSavedBotToken();
    void worksFromTheKeyboard();
    void botTokenRoundTripsThroughOwnerOnlyFile();
    void everyWidgetHasAnAccessibleName();

private:
    template<typename W>
    W *widget(QWidget &root, const char *name)
    {
        W *found = root.findChild<W *>(QLatin1String(name));
        if (!found)
            qWarning("no widget %s", name);
        return found;
    }
    static quint16 freePort();
    void configure(AdminPanel &panel, const QString &dataDir, quint16 port);

    QTemporaryDir m_dir;
};

void TestAdminPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CertigramTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_adminpanel"));
    QSettings settings;
    settings.remove(QStringLiteral("admin"));
}

quint16 TestAdminPanel::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void TestAdminPanel::configure(AdminPanel &panel, const QString &dataDir, quint16 port)
{
    auto *dataDirEdit = widget<QLineEdit>(panel, "dataDirEdit");
    auto *address = widget<QLineEdit>(panel, "listenAddressEdit");
    auto *portSpin = widget<QSpinBox>(panel, "listenPortSpin");
    auto *notifier = widget<QComboBox>(panel, "notifierCombo");
    auto *names = widget<QLineEdit>(panel, "caNamesEdit");
    QVERIFY(dataDirEdit && address && portSpin && notifier && names);
    dataDirEdit->setText(dataDir);
    address->setText(QStringLiteral("127.0.0.1"));
    portSpin->setValue(port);
    notifier->setCurrentIndex(
        notifier->findData(static_cast<int>(ServerConfig::NotifierKind::Console)));
    names->setText(QStringLiteral("localhost, 127.0.0.1"));
}

void TestAdminPanel::configurationErrorsAreShown()
{
    BotTokenStore tokens(m_dir.filePath(QStringLiteral("errors-token")), false);
    AdminPanel panel(&tokens, nullptr);
    configure(panel, QStringLiteral("relative/dir"), freePort());
    auto *start = widget<QPushButton>(panel, "startStopButton");
    QVERIFY(start);
    start->click();
    QVERIFY(!panel.isServerRunning());
    QVERIFY(panel.messageText().contains(QStringLiteral("full path")));

    configure(panel, m_dir.filePath(QStringLiteral("errors")), freePort());
    widget<QLineEdit>(panel, "listenAddressEdit")->setText(QStringLiteral("not an address"));
    start->click();
    QVERIFY(panel.messageText().contains(QStringLiteral("not an IP address")));

    // Telegram without a token: says what to do instead of failing later.
    widget<QLineEdit>(panel, "listenAddressEdit")->setText(QStringLiteral("127.0.0.1"));
    auto *notifier = widget<QComboBox>(panel, "notifierCombo");
    notifier->setCurrentIndex(
        notifier->findData(static_cast<int>(ServerConfig::NotifierKind::Telegram)));
    start->click();
    QVERIFY(panel.messageText().contains(QStringLiteral("bot")));
    QVERIFY(!panel.isServerRunning());

    // A port already taken: the failure comes back from the server's thread as a message,
    // and the form is usable again.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    configure(panel, m_dir.filePath(QStringLiteral("errors")), squatter.serverPort());
    start->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel.messageText().contains(QStringLiteral("could not start")),
                             60000);
    qInfo() << "port in use:" << panel.messageText();
    QTRY_COMPARE(panel.controller()->state(), ServerController::State::Stopped);
    QVERIFY(!panel.isServerRunning());
    QVERIFY(widget<QLineEdit>(panel, "dataDirEdit")->isEnabled());
    QVERIFY(start->isEnabled());
}

void TestAdminPanel::runsTheServerAndShowsWhatItDoes()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("server"));
    const quint16 port = freePort();
    QVERIFY(port != 0);
    BotTokenStore tokens(m_dir.filePath(QStringLiteral("panel-token")), false);
    AdminPanel panel(&tokens, nullptr);
    panel.resize(1000, 700);
    panel.show();
    configure(panel, dataDir, port);

    QSignalSpy running(&panel, &AdminPanel::serverRunningChanged);
    auto *start = widget<QPushButton>(panel, "startStopButton");
    QVERIFY(start);
    start->click();
    // The click returns at once: the server (and the CA keys) start on its own thread, and
    // the state only moves on when its answer reaches this thread's event loop.
    QCOMPARE(panel.controller()->state(), ServerController::State::Starting);
    QVERIFY(!start->isEnabled());
    QVERIFY(!widget<QLineEdit>(panel, "dataDirEdit")->isEnabled());
    QTRY_VERIFY2_WITH_TIMEOUT(panel.isServerRunning(), qPrintable(panel.messageText()), 120000);
    QCOMPARE(running.size(), 1);
    QCOMPARE(running.first().first().toBool(), true);

    // The fingerprint shown is the root's in <dataDir>/ca.
    const QList<QSslCertificate> roots
        = QSslCertificate::fromPath(dataDir + QStringLiteral("/ca/root_ca.crt"));
    QCOMPARE(roots.size(), 1);
    const QString expected = QString::fromLatin1(
        QCryptographicHash::hash(roots.first().toDer(), QCryptographicHash::Sha256).toHex());
    auto *fingerprint = widget<QLineEdit>(panel, "rootFingerprintEdit");
    QVERIFY(fingerprint);
    QCOMPARE(fingerprint->text().remove(QLatin1Char(':')).toLower(), expected);
    QVERIFY(widget<QLabel>(panel, "serverUrlLabel")->text().contains(QString::number(port)));

    // A holder asks for a code, trusting only our root.
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("https://localhost:%1/api/v1/codes").arg(port)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(roots);
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = network.post(
        request,
        QJsonDocument(QJsonObject{{QStringLiteral("subject"), QStringLiteral("123456")},
                                  {QStringLiteral("purpose"), QStringLiteral("enroll")}})
            .toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(30000));
    const QByteArray body = reply->readAll();
    QVERIFY2(reply->error() == QNetworkReply::NoError,
             qPrintable(reply->errorString() + QLatin1Char(' ') + QString::fromUtf8(body)));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
    reply->deleteLater();

    // The pending code appears.
    auto *pending = widget<QTableView>(panel, "pendingCodesTable");
    QVERIFY(pending);
    QTRY_COMPARE_WITH_TIMEOUT(pending->model()->rowCount(), 1, 10000);
    QCOMPARE(pending->model()->index(0, PendingCodesModel::Subject).data().toString(),
             QStringLiteral("123456"));
    QCOMPARE(pending->model()->index(0, PendingCodesModel::Purpose).data().toString(),
             QStringLiteral("enroll"));
    QCOMPARE(pending->model()->index(0, PendingCodesModel::AttemptsLeft).data().toInt(), 5);
    QVERIFY(pending->model()
                ->index(0, PendingCodesModel::ExpiresIn)
                .data()
                .toString()
                .contains(QStringLiteral("min")));

    // So does its audit-log line.
    auto *audit = widget<QTableView>(panel, "auditTable");
    QVERIFY(audit);
    const auto auditHas = [audit](const QString &text) {
        for (int row = 0; row < audit->model()->rowCount(); ++row) {
            if (audit->model()->index(row, AuditLogModel::Message).data().toString().contains(text))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(auditHas(QStringLiteral("registration 123456 got a enroll code")),
                             10000);
    QVERIFY(audit->model()
                ->index(0, AuditLogModel::RemoteAddress)
                .data()
                .toString()
                .contains(QStringLiteral("127.0.0.1")));

    // Filters: by text, then by level.
    auto *text = widget<QLineEdit>(panel, "auditTextFilter");
    QVERIFY(text);
    text->setText(QStringLiteral("no such entry"));
    QCOMPARE(audit->model()->rowCount(), 0);
    text->setText(QStringLiteral("GOT A ENROLL"));
    QCOMPARE(audit->model()->rowCount(), 1);
    auto *level = widget<QComboBox>(panel, "auditLevelFilter");
    level->setCurrentIndex(level->findData(static_cast<int>(AuditLevel::Error)));
    QCOMPARE(audit->model()->rowCount(), 0); // the code was sent: an INFO line
    level->setCurrentIndex(0);
    auto *address = widget<QLineEdit>(panel, "auditAddressFilter");
    address->setText(QStringLiteral("10.9.8.7"));
    QCOMPARE(audit->model()->rowCount(), 0);
    address->setText(QStringLiteral("127.0.0"));
    QCOMPARE(audit->model()->rowCount(), 1);
    auto *period = widget<QComboBox>(panel, "auditPeriodFilter");
    period->setCurrentIndex(1); // last 15 minutes
    QCOMPARE(audit->model()->rowCount(), 1);

    // CSV export of what is shown.
    const QString csvPath = m_dir.filePath(QStringLiteral("audit.csv"));
    QVERIFY(panel.auditLogView()->exportCsv(csvPath));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), QStringLiteral("Time,Level,Message,Remote address"));
    QVERIFY2(lines.at(1).contains(QStringLiteral(",Info,registration 123456 got a enroll code,")),
             qPrintable(lines.at(1)));
    text->clear();
    address->clear();
    period->setCurrentIndex(0);
    // Log lines carry text from anyone: no spreadsheet formulas, proper quoting.
    QCOMPARE(CsvExporter::escapeCell(QStringLiteral("=HYPERLINK(\"x\")")),
             QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\""));
    QCOMPARE(CsvExporter::escapeCell(QStringLiteral("-1")), QStringLiteral("'-1"));
    QCOMPARE(CsvExporter::escapeCell(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(CsvExporter::escapeCell(QStringLiteral("line\nbreak")),
             QStringLiteral("\"line\nbreak\""));

    // Counters and chart.
    QTRY_VERIFY_WITH_TIMEOUT(panel.counters()->value(QStringLiteral("requests")) >= 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(
        panel.counters()->value(QStringLiteral("certigram_ra_codes_sent_total")), 1.0, 5000);
    QVERIFY(panel.counters()->value(QStringLiteral("ok")) >= 1);
    QVERIFY(panel.requestsChart()->totalInWindow() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            qreal sum = 0;
            for (const QPointF &point : panel.requestsChart()->series()->points())
                sum += point.y();
            return sum >= 1;
        }(),
        5000);

    // With the console notifier the code shows in the server messages.
    auto *messages = panel.findChild<QPlainTextEdit *>(QStringLiteral("serverMessagesView"));
    QVERIFY(messages);
    QTRY_VERIFY(messages->toPlainText().contains(QStringLiteral("code for 123456: Welcome!")));

    // A little more traffic: more codes, a repeated request and an invalid id (an ERROR
    // line), so the views have something to show.
    for (const auto &[subject, expectedStatus] :
         {std::pair{QStringLiteral("777000"), 202}, std::pair{QStringLiteral("424242"), 202},
          std::pair{QStringLiteral("123456"), 409}, std::pair{QStringLiteral("not-an-id"), 400}}) {
        QNetworkReply *more = network.post(
            request,
            QJsonDocument(QJsonObject{{QStringLiteral("subject"), subject},
                                      {QStringLiteral("purpose"), QStringLiteral("enroll")}})
                .toJson(QJsonDocument::Compact));
        QSignalSpy done(more, &QNetworkReply::finished);
        QVERIFY(done.wait(30000));
        QCOMPARE(more->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), expectedStatus);
        more->deleteLater();
    }
    QTRY_COMPARE_WITH_TIMEOUT(pending->model()->rowCount(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(panel.counters()->value(QStringLiteral("requests")), 5.0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(panel.counters()->value(QStringLiteral("clientErrors")), 2.0, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(audit->model()->rowCount() >= 5, 10000);
    level->setCurrentIndex(level->findData(static_cast<int>(AuditLevel::Error)));
    QCOMPARE(audit->model()->rowCount(), 2); // the repeated request and the invalid id
    level->setCurrentIndex(0);

    if (const QString dir = qEnvironmentVariable("CERTIGRAM_SCREENSHOT_DIR"); !dir.isEmpty()) {
        auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("adminTabs"));
        tabs->setCurrentIndex(2); // the audit log: the most telling view
        QTest::qWait(600);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel.grab().save(QDir(dir).filePath(QStringLiteral("admin-panel.png"))));
        if (qEnvironmentVariableIsSet("CERTIGRAM_SCREENSHOT_ALL_TABS")) {
            for (int tab = 0; tab < tabs->count(); ++tab) {
                tabs->setCurrentIndex(tab);
                QTest::qWait(400);
                QVERIFY(panel.grab().save(
                    QDir(dir).filePath(QStringLiteral("admin-panel-tab%1.png").arg(tab))));
            }
        }
    }

    // Stop from the panel.
    QVERIFY(widget<QLineEdit>(panel, "dataDirEdit")->isEnabled() == false); // locked meanwhile
    start->click();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isServerRunning()
                                 && panel.controller()->state() == ServerController::State::Stopped,
                             30000);
    QCOMPARE(running.size(), 2);
    QCOMPARE(running.last().first().toBool(), false);
    QVERIFY(widget<QLineEdit>(panel, "dataDirEdit")->isEnabled());
    QTRY_COMPARE(pending->model()->rowCount(), 0);

    // Holders can still be given the fingerprint: it is read from the data directory.
    QTRY_COMPARE(fingerprint->text(), expected);

    // The configuration was kept for next time.
    {
        BotTokenStore otherTokens(m_dir.filePath(QStringLiteral("other-token")), false);
        AdminPanel next(&otherTokens, nullptr);
        QCOMPARE(widget<QLineEdit>(next, "dataDirEdit")->text(), QDir::toNativeSeparators(dataDir));
        QCOMPARE(widget<QSpinBox>(next, "listenPortSpin")->value(), port);
        QTRY_COMPARE(widget<QLineEdit>(next, "rootFingerprintEdit")->text(), expected);
    }
    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("admin/dataDir")).toString(), dataDir);
    QCOMPARE(settings.value(QStringLiteral("admin/listenPort")).toInt(), port);
    QCOMPARE(settings.value(QStringLiteral("admin/notifier")).toString(),
             QStringLiteral("console"));

    // Start again (keys exist now), then stopServer() as the app does when quitting.
    start->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel.isServerRunning(), 60000);
    QCOMPARE(fingerprint->text(), expected); // same CA
    panel.stopServer();
    QVERIFY(!panel.isServerRunning());
}

void TestAdminPanel::externalCaNeedsItsFiles()
{
    BotTokenStore tokens(m_dir.filePath(QStringLiteral("external-token")), false);
    AdminPanel panel(&tokens, nullptr);
    configure(panel, m_dir.filePath(QStringLiteral("external")), freePort());
    auto *mode = widget<QComboBox>(panel, "caModeCombo");
    mode->setCurrentIndex(mode->findData(static_cast<int>(ServerConfig::CaMode::External)));
    auto *start = widget<QPushButton>(panel, "startStopButton");
    start->click();
    QVERIFY(panel.messageText().contains(QStringLiteral("https address")));
    widget<QLineEdit>(panel, "externalCaUrlEdit")
        ->setText(QStringLiteral("https://ca.example.org:9000"));
    start->click();
    QVERIFY2(panel.messageText().contains(QStringLiteral("root certificate")),
             qPrintable(panel.messageText()));
    widget<QLineEdit>(panel, "externalCaRootEdit")
        ->setText(m_dir.filePath(QStringLiteral("missing-root.crt")));
    start->click();
    QVERIFY2(panel.messageText().contains(QStringLiteral("does not exist")),
             qPrintable(panel.messageText()));
    QVERIFY(!panel.isServerRunning());
    mode->setCurrentIndex(mode->findData(static_cast<int>(ServerConfig::CaMode::Embedded)));
}

void TestAdminPanel::startsWithTheSavedBotToken()
{
    // The token typed in the panel goes to the store (here its owner-only file) and from
    // there to the Telegram notifier; it never reaches the settings.
    const QString tokenFile = m_dir.filePath(QStringLiteral("telegram/bot-token"));
    BotTokenStore tokens(tokenFile, false);
    AdminPanel panel(&tokens, nullptr);
    configure(panel, m_dir.filePath(QStringLiteral("telegram-server")), freePort());
    auto *notifier = widget<QComboBox>(panel, "notifierCombo");
    notifier->setCurrentIndex(
        notifier->findData(static_cast<int>(ServerConfig::NotifierKind::Telegram)));
    auto *token = widget<QLineEdit>(panel, "botTokenEdit");
    QVERIFY(token && token->isVisibleTo(&panel));
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    token->setText(QStringLiteral("not a token"));
    widget<QPushButton>(panel, "saveBotTokenButton")->click();
    QVERIFY(panel.messageText().contains(QStringLiteral("does not look like a bot token")));
    QVERIFY(!QFile::exists(tokenFile));

    const QString secret = QStringLiteral("123456789:AAEfakeTokenForTheTestsOnly_0123456789");
    token->setText(secret);
    widget<QPushButton>(panel, "saveBotTokenButton")->click();
    QTRY_VERIFY(QFile::exists(tokenFile));
    QVERIFY(token->text().isEmpty());
    QVERIFY(widget<QLabel>(panel, "botTokenStatusLabel")->text().contains(QStringLiteral("saved")));

    widget<QPushButton>(panel, "startStopButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(panel.isServerRunning(), qPrintable(panel.messageText()), 60000);
    QCOMPARE(panel.controller()->config().notifier, ServerConfig::NotifierKind::Telegram);
    QCOMPARE(panel.controller()->config().telegramTokenFile, tokenFile);
    panel.stopServer();

    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("admin/notifier")).toString(),
             QStringLiteral("telegram"));
    QVERIFY(settings.value(QStringLiteral("admin/hasBotToken")).toBool());
    for (const QString &key : settings.allKeys())
        QVERIFY(!settings.value(key).toString().contains(QStringLiteral("AAEfake")));
    // Leave the console notifier for the next test.
    notifier->setCurrentIndex(
        notifier->findData(static_cast<int>(ServerConfig::NotifierKind::Console)));
    settings.remove(QStringLiteral("admin/hasBotToken"));
}

void TestAdminPanel::worksFromTheKeyboard()
{
    BotTokenStore tokens(m_dir.filePath(QStringLiteral("keyboard-token")), false);
    AdminPanel panel(&tokens, nullptr);
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *start = widget<QPushButton>(panel, "startStopButton");
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("adminTabs"));
    QVERIFY(start && tabs);

    // The tab order: the fingerprint and its copy button, the tabs, then the configuration.
    QStringList order;
    for (QWidget *next = start->nextInFocusChain(); next && next != start && order.size() < 12;
         next = next->nextInFocusChain()) {
        if ((next->focusPolicy() & Qt::TabFocus) && next->isVisibleTo(&panel) && next->isEnabled()
            && next->window() == &panel && !next->focusProxy()
            && !qobject_cast<QAbstractSpinBox *>(next->parentWidget()))
            order << next->objectName();
    }
    qInfo() << "tab order:" << order;
    QCOMPARE(
        order.mid(0, 4),
        QStringList({QStringLiteral("rootFingerprintEdit"), QStringLiteral("copyFingerprintButton"),
                     QStringLiteral("qt_tabwidget_tabbar"), QStringLiteral("listenAddressEdit")}));
    // Every labelled field can be reached with its label's Alt+letter.
    const auto labels = panel.findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->text().contains(QLatin1Char('&')) && label->textFormat() != Qt::PlainText)
            QVERIFY2(label->buddy(), qPrintable(label->text()));
    }
    for (int tab = 0; tab < tabs->count(); ++tab)
        QVERIFY2(tabs->tabText(tab).contains(QLatin1Char('&')), qPrintable(tabs->tabText(tab)));

    // With the window active (not under a bare X server without a window manager), the
    // keys themselves.
    panel.activateWindow();
    QApplication::setActiveWindow(&panel);
    if (!QTest::qWaitForWindowActive(&panel, 2000)) {
        qInfo("the window cannot be activated here: key presses not tried");
        return;
    }
    start->setFocus();
    QTRY_VERIFY(start->hasFocus());
    QTest::keyClick(start, Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("rootFingerprintEdit"));
    QTest::keyClick(&panel, Qt::Key_U, Qt::AltModifier);
    QTRY_COMPARE(tabs->currentIndex(), 2);
    QTest::keyClick(&panel, Qt::Key_G, Qt::AltModifier);
    QTRY_COMPARE(tabs->currentIndex(), 0);
    QTest::keyClick(&panel, Qt::Key_D, Qt::AltModifier);
    QTRY_VERIFY(widget<QLineEdit>(panel, "dataDirEdit")->hasFocus());
}

void TestAdminPanel::botTokenRoundTripsThroughOwnerOnlyFile()
{
    const QString token = QStringLiteral("123456789:AAEfakeTokenForTheTestsOnly_0123456789");
    for (const bool useKeychain : {true, false}) {
        const QString path = m_dir.filePath(useKeychain ? QStringLiteral("keychain/bot-token")
                                                        : QStringLiteral("file/bot-token"));
        BotTokenStore store(path, useKeychain);
        QSignalSpy saved(&store, &BotTokenStore::saved);
        QSignalSpy loaded(&store, &BotTokenStore::loaded);
        QSignalSpy failed(&store, &BotTokenStore::failed);
        store.save(token);
        QTRY_VERIFY_WITH_TIMEOUT(saved.size() + failed.size() == 1, 30000);
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        const auto location = saved.first().first().value<BotTokenStore::Location>();
        qInfo() << "keychain allowed:" << useKeychain << "stored in:" << location;
        if (location == BotTokenStore::Location::Keychain) {
            // A real keychain answered: the file must not exist then.
            QVERIFY(useKeychain);
            QVERIFY(!QFile::exists(path));
        } else {
            QCOMPARE(location, BotTokenStore::Location::File);
            QVERIFY(QFile::exists(path));
            QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser),
                     QFile::Permissions(QFile::ReadOwner | QFile::WriteOwner));
        }

        store.load();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() == 1, 30000);
        QVERIFY(failed.isEmpty());
        QCOMPARE(loaded.first().at(0).toString(), token);
        QCOMPARE(loaded.first().at(1).value<BotTokenStore::Location>(), location);

        QSignalSpy removed(&store, &BotTokenStore::removed);
        store.remove();
        QTRY_VERIFY_WITH_TIMEOUT(removed.size() + failed.size() == 1, 30000);
        QVERIFY(failed.isEmpty());
        QVERIFY(!QFile::exists(path));
        loaded.clear();
        store.load();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() == 1, 30000);
        QVERIFY(loaded.first().at(0).toString().isEmpty());
    }

    // A token file others may read is refused on reading, with the fix in the message.
    const QString loose = m_dir.filePath(QStringLiteral("loose-token"));
    {
        QFile file(loose);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(token.toUtf8());
    }
    QFile::setPermissions(loose, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    BotTokenStore looseStore(loose, false);
    QSignalSpy failed(&looseStore, &BotTokenStore::failed);
    looseStore.load();
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("chmod")));
}

void TestAdminPanel::everyWidgetHasAnAccessibleName()
{
    BotTokenStore tokens(m_dir.filePath(QStringLiteral("a11y-token")), false);
    AdminPanel panel(&tokens, nullptr);
    const auto widgets = panel.findChildren<QWidget *>();
    for (QWidget *child : widgets) {
        const bool interactive = child->focusPolicy() != Qt::NoFocus
            && (qobject_cast<QAbstractButton *>(child) || qobject_cast<QLineEdit *>(child)
                || qobject_cast<QComboBox *>(child) || qobject_cast<QAbstractSpinBox *>(child)
                || qobject_cast<QAbstractItemView *>(child));
        if (!interactive || child->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (qobject_cast<QLineEdit *>(child) && qobject_cast<QAbstractSpinBox *>(child->parent()))
            continue; // a spin box's own editor
        if (qobject_cast<QAbstractButton *>(child) && qobject_cast<QTabBar *>(child->parent()))
            continue; // a tab bar's scroll buttons
        QVERIFY2(!child->objectName().isEmpty(),
                 qPrintable(QStringLiteral("%1 without objectName")
                                .arg(QString::fromLatin1(child->metaObject()->className()))));
        QVERIFY2(!child->accessibleName().isEmpty(), qPrintable(child->objectName()));
    }
}

int main(int argc, char *argv[])
{
    // Offscreen unless a display was given (the suite driver runs it under xvfb).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    application.setAttribute(Qt::AA_Use96Dpi, true);
    QTEST_SET_MAIN_SOURCE_PATH
    TestAdminPanel test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_adminpanel.moc"
