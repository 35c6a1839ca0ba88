#include "admin/adminpanel.h"

#include "admin/auditlogmodel.h"
#include "admin/auditlogview.h"
#include "admin/bottokenstore.h"
#include "admin/counterstable.h"
#include "admin/pendingcodesmodel.h"
#include "admin/requestschart.h"
#include "admin/rootfingerprintreader.h"
#include "admin/serverconfigform.h"
#include "admin/servercontroller.h"
#include "admin/serverlogcapture.h"
#include "crypto/secretbytes.h"
#include "crypto/secretfile.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace certigram {

namespace {

template<typename W>
W *named(W *widget, const char *objectName, const QString &accessibleName)
{
    widget->setObjectName(QLatin1String(objectName));
    widget->setAccessibleName(accessibleName);
    return widget;
}

} // namespace

AdminPanel::AdminPanel(QWidget *parent)
    : AdminPanel(nullptr, parent)
{ }

AdminPanel::AdminPanel(BotTokenStore *tokens, QWidget *parent)
    : QWidget(parent)
    , m_tokens(tokens ? tokens : new BotTokenStore(QString(), true, this))
    , m_controller(new ServerController(this))
    , m_logCapture(new ServerLogCapture(this))
    , m_pendingModel(new PendingCodesModel(this))
{
    setObjectName(QStringLiteral("adminPanel"));
    setAccessibleName(tr("Admin panel"));
    build();

    connect(m_controller, &ServerController::stateChanged, this, &AdminPanel::onStateChanged);
    connect(m_controller, &ServerController::started, this, &AdminPanel::onStarted);
    connect(m_controller, &ServerController::stopped, this, &AdminPanel::onStopped);
    connect(m_controller, &ServerController::failed, this, [this](const QString &message) {
        removeTemporaryTokenFile();
        QString reason = message.trimmed();
        if (!reason.endsWith(QLatin1Char('.')))
            reason += QLatin1Char('.');
        QString text = tr("The server could not start: %1").arg(reason);
        if (message.contains(QLatin1String("already in use")))
            text += QLatin1Char(' ')
                + tr("Another program (or another Certigram server) uses that port: choose "
                     "another port, or stop that program.");
        showMessage(text, true);
    });
    connect(m_controller, &ServerController::requestHandled, this, &AdminPanel::onRequestHandled);
    connect(m_controller, &ServerController::countersChanged, m_counters,
            &CountersTable::setRaCounters);
    connect(m_logCapture, &ServerLogCapture::messageLogged, this, &AdminPanel::appendServerMessage);
    connect(m_pendingModel, &PendingCodesModel::failed, this,
            [this](const QString &message) { showMessage(message, true); });
    connect(m_auditView, &AuditLogView::failed, this,
            [this](const QString &message) { showMessage(message, true); });
    connect(m_auditView, &AuditLogView::exported, this, [this](const QString &path) {
        showMessage(tr("The audit log entries shown were exported to %1.")
                        .arg(QDir::toNativeSeparators(path)),
                    false);
    });
    connect(m_form, &ServerConfigForm::message, this, &AdminPanel::showMessage);
    connect(m_form, &ServerConfigForm::changed, this, [this] {
        QSettings settings;
        m_form->save(settings);
    });
    connect(m_tokens, &BotTokenStore::loaded, this,
            [this](const QString &token, BotTokenStore::Location location) {
                if (!m_awaitingToken)
                    return;
                ServerConfig config = *m_awaitingToken;
                m_awaitingToken.reset();
                continueStart(config, token, static_cast<int>(location));
            });
    connect(m_tokens, &BotTokenStore::failed, this, [this](const QString &) {
        if (!m_awaitingToken)
            return; // the form shows the message
        m_awaitingToken.reset();
        onStateChanged();
    });

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(2000);
    connect(m_refreshTimer, &QTimer::timeout, this, &AdminPanel::refreshViews);
    m_soonRefresh = new QTimer(this);
    m_soonRefresh->setSingleShot(true);
    m_soonRefresh->setInterval(300);
    connect(m_soonRefresh, &QTimer::timeout, this, &AdminPanel::refreshViews);

    m_fingerprintDelay = new QTimer(this);
    m_fingerprintDelay->setSingleShot(true);
    m_fingerprintDelay->setInterval(400);
    connect(m_fingerprintDelay, &QTimer::timeout, this, &AdminPanel::showStoredFingerprint);
    m_storedFingerprint = new QFutureWatcher<QString>(this);
    connect(m_storedFingerprint, &QFutureWatcherBase::finished, this, [this] {
        if (m_controller->state() != ServerController::State::Stopped)
            return;
        m_fingerprint->setText(m_storedFingerprint->result());
        m_fingerprint->setCursorPosition(0);
    });
    connect(m_form, &ServerConfigForm::dataDirChanged, m_fingerprintDelay,
            qOverload<>(&QTimer::start));

    QSettings settings;
    m_form->load(settings);
    onStateChanged();
    showStoredFingerprint();
}

AdminPanel::~AdminPanel()
{
    m_storedFingerprint->waitForFinished();
    stopServer();
    removeTemporaryTokenFile();
}

void AdminPanel::build()
{
    // Status bar: state, start/stop, URL.
    m_status = named(new QLabel(this), "serverStatusLabel", tr("Server status"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_startStop = named(new QPushButton(this), "startStopButton", tr("Start or stop the server"));
    m_startStop->setDefault(false);
    m_startStop->setMinimumWidth(140);
    m_url = named(new QLabel(this), "serverUrlLabel", tr("Server address"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *top = new QHBoxLayout;
    top->addWidget(m_status);
    top->addWidget(m_url, 1);
    top->addWidget(m_startStop);

    // Root fingerprint for holders.
    m_fingerprint
        = named(new QLineEdit(this), "rootFingerprintEdit", tr("CA root fingerprint (SHA-256)"));
    m_fingerprint->setReadOnly(true);
    m_fingerprint->setPlaceholderText(
        tr("No CA in this data directory yet: it is created when the server first starts"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_fingerprint->setFont(mono);
    m_copyFingerprint = named(new QPushButton(tr("&Copy"), this), "copyFingerprintButton",
                              tr("Copy the root fingerprint"));
    m_copyFingerprint->setToolTip(
        tr("Holders compare this fingerprint when they first trust this server."));
    auto *fingerprintLabel = new QLabel(tr("Root &fingerprint:"), this);
    fingerprintLabel->setBuddy(m_fingerprint);
    auto *fingerprintRow = new QHBoxLayout;
    fingerprintRow->addWidget(fingerprintLabel);
    fingerprintRow->addWidget(m_fingerprint, 1);
    fingerprintRow->addWidget(m_copyFingerprint);

    m_message = named(new QLabel(this), "adminMessageLabel", tr("Message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setVisible(false);

    // Configuration tab.
    m_form = new ServerConfigForm(m_tokens, this);
    auto *scroll = named(new QScrollArea(this), "configScrollArea", tr("Server configuration"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);

    // Pending codes tab.
    auto *pendingSort = new QSortFilterProxyModel(this);
    pendingSort->setSourceModel(m_pendingModel);
    pendingSort->setSortRole(Qt::UserRole);
    m_pendingTable = named(new QTableView(this), "pendingCodesTable", tr("Pending codes"));
    m_pendingTable->setModel(pendingSort);
    m_pendingTable->setSortingEnabled(true);
    m_pendingTable->sortByColumn(PendingCodesModel::ExpiresIn, Qt::AscendingOrder);
    m_pendingTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pendingTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pendingTable->setAlternatingRowColors(true);
    m_pendingTable->setTabKeyNavigation(false);
    m_pendingTable->verticalHeader()->hide();
    m_pendingTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto *pendingHint = new QLabel(
        tr("Codes waiting to be typed in. The codes themselves are never stored, only a keyed "
           "hash of each."),
        this);
    pendingHint->setWordWrap(true);
    auto *pendingPage = new QWidget(this);
    auto *pendingLayout = new QVBoxLayout(pendingPage);
    pendingLayout->addWidget(pendingHint);
    pendingLayout->addWidget(m_pendingTable, 1);

    // Audit log tab.
    m_auditView = new AuditLogView(this);

    // Activity tab: chart and counters.
    m_chart = new RequestsChart(this);
    m_counters = new CountersTable(this);
    auto *activity = named(new QSplitter(Qt::Horizontal, this), "activitySplitter", tr("Activity"));
    activity->addWidget(m_chart);
    activity->addWidget(m_counters);
    activity->setStretchFactor(0, 3);
    activity->setStretchFactor(1, 2);
    activity->setSizes({580, 400});
    activity->setChildrenCollapsible(false);

    // Server messages tab.
    m_serverMessages = named(new QPlainTextEdit(this), "serverMessagesView", tr("Server messages"));
    m_serverMessages->setReadOnly(true);
    m_serverMessages->setMaximumBlockCount(5000);
    m_serverMessages->setFont(mono);
    m_serverMessages->setTabChangesFocus(true);
    m_serverMessages->setPlaceholderText(
        tr("The server's own messages appear here; with the console notifier, so do the "
           "one-time codes."));

    m_tabs = named(new QTabWidget(this), "adminTabs", tr("Admin views"));
    m_tabs->addTab(scroll, tr("Confi&guration"));
    m_tabs->addTab(pendingPage, tr("&Pending codes"));
    m_tabs->addTab(m_auditView, tr("A&udit log"));
    m_tabs->addTab(activity, tr("Acti&vity"));
    m_tabs->addTab(m_serverMessages, tr("Server &messages"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(fingerprintRow);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);

    connect(m_startStop, &QPushButton::clicked, this, &AdminPanel::toggleServer);
    connect(m_copyFingerprint, &QPushButton::clicked, this, &AdminPanel::copyFingerprint);
    setTabOrder(m_startStop, m_fingerprint);
    setTabOrder(m_fingerprint, m_copyFingerprint);
    setTabOrder(m_copyFingerprint, m_tabs);
}

QString AdminPanel::messageText() const
{
    return m_message->isVisible() || !m_message->text().isEmpty() ? m_message->text() : QString();
}

bool AdminPanel::isServerRunning() const
{
    return m_controller->isRunning();
}

void AdminPanel::stopServer()
{
    m_awaitingToken.reset();
    m_controller->stopAndWait();
}

void AdminPanel::toggleServer()
{
    if (m_controller->state() == ServerController::State::Running)
        m_controller->stop();
    else if (m_controller->state() == ServerController::State::Stopped)
        startServer();
}

void AdminPanel::startServer()
{
    if (m_controller->state() != ServerController::State::Stopped || m_awaitingToken)
        return;
    clearMessage();
    auto config = m_form->config();
    if (!config) {
        showMessage(config.error().message(), true);
        m_tabs->setCurrentIndex(0);
        return;
    }
    QSettings settings;
    m_form->save(settings);
    if (config->notifier != ServerConfig::NotifierKind::Telegram) {
        continueStart(config.value(), QString(), static_cast<int>(BotTokenStore::Location::None));
        return;
    }
    m_awaitingToken = config.value();
    onStateChanged();
    m_tokens->load(); // continues in continueStart()
}

void AdminPanel::continueStart(ServerConfig config, const QString &token, int location)
{
    if (config.notifier == ServerConfig::NotifierKind::Telegram) {
        const auto where = static_cast<BotTokenStore::Location>(location);
        if (token.isEmpty()) {
            showMessage(tr("No Telegram bot token is saved: type it in the configuration and "
                           "save it, or choose the console notifier."),
                        true);
            onStateChanged();
            return;
        }
        if (where == BotTokenStore::Location::File) {
            config.telegramTokenFile = m_tokens->fallbackFile();
        } else {
            // The server reads the token from an owner-only file: one lives in the
            // (owner-only) data directory just while the server starts.
            if (!QDir().mkpath(config.dataDir)) {
                showMessage(tr("Cannot create the data directory %1.")
                                .arg(QDir::toNativeSeparators(config.dataDir)),
                            true);
                onStateChanged();
                return;
            }
            QFile::setPermissions(config.dataDir,
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            m_temporaryTokenFile = QDir(config.dataDir).filePath(QStringLiteral(".bot-token"));
            if (auto written
                = SecretFile::write(m_temporaryTokenFile, SecretBytes::fromUtf8(token));
                !written) {
                showMessage(tr("Cannot hand the bot token to the server: %1")
                                .arg(written.error().message()),
                            true);
                removeTemporaryTokenFile();
                onStateChanged();
                return;
            }
            config.telegramTokenFile = m_temporaryTokenFile;
        }
    }
    showMessage(tr("Starting the server… The first start creates the CA's keys, which can "
                   "take a moment."),
                false);
    m_controller->start(config);
}

void AdminPanel::onStateChanged()
{
    const auto state = m_controller->state();
    const bool running = state == ServerController::State::Running;
    switch (state) {
    case ServerController::State::Stopped:
        m_status->setText(m_awaitingToken ? tr("Reading the bot token…") : tr("Stopped"));
        m_startStop->setText(tr("&Start server"));
        m_startStop->setAccessibleName(tr("Start the server"));
        break;
    case ServerController::State::Starting:
        m_status->setText(tr("Starting…"));
        m_startStop->setText(tr("&Start server"));
        break;
    case ServerController::State::Running:
        m_status->setText(tr("Running"));
        m_startStop->setText(tr("&Stop server"));
        m_startStop->setAccessibleName(tr("Stop the server"));
        break;
    case ServerController::State::Stopping:
        m_status->setText(tr("Stopping…"));
        m_startStop->setText(tr("&Stop server"));
        break;
    }
    m_startStop->setEnabled((state == ServerController::State::Stopped && !m_awaitingToken)
                            || running);
    m_form->setLocked(state != ServerController::State::Stopped || m_awaitingToken);
    m_form->setToolTip(state == ServerController::State::Stopped
                           ? QString()
                           : tr("Stop the server to change its configuration."));
    if (running != m_wasRunning) {
        m_wasRunning = running;
        emit serverRunningChanged(running);
    }
}

void AdminPanel::onStarted(const QUrl &url, const QString &fingerprint)
{
    removeTemporaryTokenFile();
    const ServerConfig &config = m_controller->config();
    m_url->setText(url.toString());
    m_fingerprint->setText(fingerprint);
    m_fingerprint->setCursorPosition(0);
    showMessage(tr("The server is running at %1. Holders check the root fingerprint when "
                   "they first connect.")
                    .arg(url.toString()),
                false);
    m_counters->clearCounters();
    m_chart->clear();
    m_pendingModel->setDatabase(config.database);
    m_auditView->model()->setPath(config.auditLogPath);
    m_auditView->model()->refresh();
    m_refreshTimer->start();
}

void AdminPanel::onStopped()
{
    m_refreshTimer->stop();
    m_soonRefresh->stop();
    m_pendingModel->setDatabase(std::nullopt);
    m_auditView->model()->refresh(); // the log stays readable after the stop
    m_url->clear();
    showMessage(tr("The server has stopped."), false);
    showStoredFingerprint();
}

void AdminPanel::onRequestHandled(const QByteArray &, const QString &, int status, qint64 elapsedMs)
{
    m_counters->addRequest(status, elapsedMs);
    m_chart->addRequest();
    if (!m_soonRefresh->isActive())
        m_soonRefresh->start();
}

void AdminPanel::refreshViews()
{
    if (m_controller->isRunning())
        m_pendingModel->refresh();
    m_auditView->model()->refresh();
}

void AdminPanel::removeTemporaryTokenFile()
{
    if (m_temporaryTokenFile.isEmpty())
        return;
    QFile::remove(m_temporaryTokenFile);
    m_temporaryTokenFile.clear();
}

void AdminPanel::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setProperty("error", isError);
    m_message->setStyleSheet(
        isError ? QStringLiteral("QLabel { background: #fdecea; color: #7a1d12; "
                                 "border: 1px solid #f1aea5; border-radius: 4px; padding: 6px; }")
                : QStringLiteral("QLabel { background: #e8f1fb; color: #0d3c61; "
                                 "border: 1px solid #a9cbef; border-radius: 4px; padding: 6px; }"));
    m_message->setAccessibleDescription(text);
    m_message->setVisible(!text.isEmpty());
    if (!text.isEmpty()) { // screen readers announce it
        QAccessibleEvent event(m_message, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
}

void AdminPanel::clearMessage()
{
    m_message->clear();
    m_message->setVisible(false);
}

void AdminPanel::copyFingerprint()
{
    if (m_fingerprint->text().isEmpty()) {
        showMessage(tr("There is no fingerprint to copy yet: start the server first."), true);
        return;
    }
    QApplication::clipboard()->setText(m_fingerprint->text());
    showMessage(tr("The root fingerprint was copied to the clipboard."), false);
}

void AdminPanel::showStoredFingerprint()
{
    if (m_controller->state() != ServerController::State::Stopped)
        return;
    if (m_storedFingerprint->isRunning()) {
        m_fingerprintDelay->start(); // once this read is back
        return;
    }
    const QString dir = m_form->dataDir();
    if (dir.isEmpty() || QDir::isRelativePath(dir)) {
        m_fingerprint->clear();
        return;
    }
    m_storedFingerprint->setFuture(RootFingerprintReader::read(dir));
}

void AdminPanel::appendServerMessage(const QDateTime &time, int type, const QString &category,
                                     const QString &message)
{
    QString level;
    switch (static_cast<QtMsgType>(type)) {
    case QtWarningMsg: level = tr("warning"); break;
    case QtCriticalMsg:
    case QtFatalMsg: level = tr("error"); break;
    default: break;
    }
    QString line = time.toString(QStringLiteral("HH:mm:ss")) + QLatin1String("  ");
    if (!level.isEmpty())
        line += level + QLatin1String(": ");
    line += message;
    Q_UNUSED(category)
    m_serverMessages->appendPlainText(line);
}

} // namespace certigram
