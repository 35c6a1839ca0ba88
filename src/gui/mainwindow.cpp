#include "mainwindow.h"

#include "admin/adminpanel.h"
#include "client/background.h"
#include "client/renewalscheduler.h"
#include "client/renewer.h"
#include "guisettings.h"
#include "holder/enrollwizard.h"
#include "holder/exportdialog.h"
#include "holder/identitydetails.h"
#include "holder/identityfiltermodel.h"
#include "holder/identitytablemodel.h"
#include "holder/revokedialog.h"
#include "holder/settingsdialog.h"
#include "store/identitystore.h"
#include "store/privatefiles.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QUrl>

namespace certigram {

namespace {

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

RenewalPolicy policyFrom(const GuiSettings &settings)
{
    RenewalPolicy policy;
    policy.setRenewFraction(settings.renewAt());
    return policy;
}

struct ImportedFiles
{
    QStringList paths;
    SecretBytes password;
};

Result<Identity> importInto(const QString &folder, const ImportedFiles &files)
{
    IdentityStore store(folder);
    if (files.paths.size() == 1) {
        Result<QByteArray> bundle = PrivateFiles::read(files.paths.first());
        if (!bundle)
            return bundle.error();
        return store.importPkcs12(bundle.value(), files.password);
    }
    return store.importPrototypeFiles(files.paths[0], files.paths[1],
                                      IdentityStore::defaultProfile(), files.password);
}

} // namespace

MainWindow::MainWindow(const HolderHome &home, GuiSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_home(home)
    , m_settings(settings)
    , m_model(new IdentityTableModel(home, this))
    , m_filter(new IdentityFilterModel(this))
    , m_table(new QTableView(this))
    , m_details(new IdentityDetails(this))
    , m_filterText(new QLineEdit(this))
    , m_filterStatus(new QComboBox(this))
    , m_statusLabel(new QLabel(this))
    , m_adminDock(new QDockWidget(tr("Server (admin mode)"), this))
    , m_adminPanel(new AdminPanel(m_adminDock))
    , m_renewer(new Renewer(home, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Certigram"));
    setWindowIcon(icon("certigram"));
    m_model->setRenewalPolicy(policyFrom(*settings));
    m_filter->setSourceModel(m_model);

    m_table->setObjectName(QStringLiteral("identityTable"));
    m_table->setAccessibleName(tr("Identities"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(IdentityTableModel::NotAfter, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Sized from the first rows only: measuring 10,000 rows would stall the GUI thread.
    header->setResizeContentsPrecision(64);
    // A serial is 32 hex digits: shown elided, in full in the details.
    header->setSectionResizeMode(IdentityTableModel::Serial, QHeaderView::Interactive);
    header->resizeSection(IdentityTableModel::Serial, 120);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_filterText->setObjectName(QStringLiteral("filterText"));
    m_filterText->setPlaceholderText(tr("Filter by id, profile, serial…"));
    m_filterText->setAccessibleName(tr("Filter"));
    m_filterText->setClearButtonEnabled(true);
    m_filterStatus->setObjectName(QStringLiteral("filterStatus"));
    m_filterStatus->setAccessibleName(tr("Status filter"));
    m_filterStatus->addItem(tr("All"), -1);
    for (IdentityStatus status : {IdentityStatus::Valid, IdentityStatus::RenewSoon,
                                  IdentityStatus::Expired, IdentityStatus::Revoked})
        m_filterStatus->addItem(IdentityTableModel::statusText(status), static_cast<int>(status));
    connect(m_filterText, &QLineEdit::textChanged, m_filter, &IdentityFilterModel::setText);
    connect(m_filterStatus, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setStatus(m_filterStatus->currentData().toInt()); });

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({680, 520});
    setCentralWidget(splitter);

    m_adminDock->setObjectName(QStringLiteral("adminDock"));
    m_adminDock->setWidget(m_adminPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_adminDock);

    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addPermanentWidget(m_statusLabel);

    createActions();
    createMenusAndToolBar();
    createTray();

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showSelection();
    });
    connect(m_table, &QTableView::doubleClicked, this, [this] { m_details->setFocus(); });
    connect(m_model, &IdentityTableModel::reloaded, this, [this] {
        updateActions();
        updateStatusBar();
        notifyAttentionNeeded();
        showSelection();
        if (m_scheduler)
            m_scheduler->rescan();
    });

    const QByteArray geometry = settings->windowGeometry();
    if (geometry.isEmpty())
        resize(1200, 700);
    else
        restoreGeometry(geometry);
    restoreState(settings->windowState());
    m_adminAction->setChecked(settings->adminMode());
    setAdminMode(settings->adminMode());

    m_model->reload();
    startScheduler();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const auto make = [this](const char *iconName, const QString &text, const QString &name,
                             const QKeySequence &shortcut, void (MainWindow::*slot)()) {
        auto *action = new QAction(iconName ? icon(iconName) : QIcon(), text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setToolTip(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…"))
                           + (shortcut.isEmpty() ? QString()
                                                 : QStringLiteral(" (%1)").arg(
                                                     shortcut.toString(QKeySequence::NativeText))));
        if (slot)
            connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_enrollAction = make("enroll", tr("&New certificate…"), QStringLiteral("enrollAction"),
                          QKeySequence::New, &MainWindow::openEnrollWizard);
    m_renewAction = make("renew", tr("&Renew now"), QStringLiteral("renewAction"),
                         QKeySequence(Qt::CTRL | Qt::Key_R), &MainWindow::renewSelected);
    m_revokeAction
        = make("revoke", tr("Re&voke…"), QStringLiteral("revokeAction"),
               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), &MainWindow::openRevokeDialog);
    m_exportAction = make("export", tr("&Export…"), QStringLiteral("exportAction"),
                          QKeySequence(Qt::CTRL | Qt::Key_E), &MainWindow::openExportDialog);
    m_importAction = make("import", tr("&Import…"), QStringLiteral("importAction"),
                          QKeySequence(Qt::CTRL | Qt::Key_I), &MainWindow::importFiles);
    m_deleteAction = make("delete", tr("&Delete…"), QStringLiteral("deleteAction"),
                          QKeySequence::Delete, &MainWindow::deleteSelected);
    m_openFolderAction = make("folder", tr("Open &folder"), QStringLiteral("openFolderAction"),
                              QKeySequence(Qt::CTRL | Qt::Key_O), &MainWindow::openSelectedFolder);
    m_refreshAction = make("refresh", tr("Re&fresh"), QStringLiteral("refreshAction"),
                           QKeySequence::Refresh, nullptr);
    connect(m_refreshAction, &QAction::triggered, m_model, &IdentityTableModel::reload);
    m_settingsAction = make("settings", tr("&Settings…"), QStringLiteral("settingsAction"),
                            QKeySequence(Qt::CTRL | Qt::Key_Comma), &MainWindow::openSettings);
    m_adminAction = make("admin", tr("&Admin mode"), QStringLiteral("adminModeAction"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), nullptr);
    m_adminAction->setCheckable(true);
    connect(m_adminAction, &QAction::toggled, this, &MainWindow::setAdminMode);
    m_quitAction = make(nullptr, tr("&Quit"), QStringLiteral("quitAction"), QKeySequence::Quit,
                        &MainWindow::quit);
    m_findAction
        = make(nullptr, tr("&Find"), QStringLiteral("findAction"), QKeySequence::Find, nullptr);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filterText->setFocus();
        m_filterText->selectAll();
    });
    m_aboutAction
        = make(nullptr, tr("&About Certigram"), QStringLiteral("aboutAction"), {}, nullptr);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Certigram"),
                           tr("<h3>Certigram %1</h3><p>Client certificates for Telegram "
                              "identities from a step-ca style certificate authority.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    m_table->addActions(
        {m_renewAction, m_revokeAction, m_exportAction, m_openFolderAction, m_deleteAction});
}

void MainWindow::createMenusAndToolBar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_enrollAction, m_importAction});
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *certificate = menuBar()->addMenu(tr("&Certificate"));
    certificate->addActions(
        {m_renewAction, m_revokeAction, m_exportAction, m_openFolderAction, m_deleteAction});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_findAction, m_refreshAction, m_adminAction});
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_settingsAction);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions(
        {m_enrollAction, m_renewAction, m_revokeAction, m_exportAction, m_importAction});
    toolbar->addSeparator();
    toolbar->addWidget(m_filterText);
    toolbar->addWidget(m_filterStatus);
    toolbar->addSeparator();
    toolbar->addAction(m_adminAction);
}

void MainWindow::createTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(icon("certigram"), this);
    m_tray->setToolTip(tr("Certigram"));
    auto *menu = new QMenu(this);
    QAction *show = menu->addAction(tr("&Show Certigram"));
    connect(show, &QAction::triggered, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    menu->addAction(m_enrollAction);
    menu->addSeparator();
    menu->addAction(m_quitAction);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger)
                    setVisible(!isVisible());
            });
    m_tray->show();
}

void MainWindow::startScheduler()
{
    delete m_scheduler;
    m_scheduler = nullptr;
    if (!m_settings->autoRenew())
        return;
    m_scheduler = new RenewalScheduler(m_home, policyFrom(*m_settings), this);
    connect(m_scheduler, &RenewalScheduler::renewed, this, [this](const Identity &identity) {
        notify(
            tr("Certificate renewed"),
            tr("%1 is valid until %2.")
                .arg(identity.id(),
                     QLocale().toString(identity.notAfter().toLocalTime(), QLocale::ShortFormat)));
        m_model->reload();
    });
    connect(m_scheduler, &RenewalScheduler::renewalFailed, this,
            [this](const QString &id, const Error &error, const QDateTime &retryAt) {
                notify(tr("Renewal failed"),
                       tr("%1: %2 (next try: %3)")
                           .arg(id, error.message(),
                                QLocale().toString(retryAt.toLocalTime(), QLocale::ShortFormat)),
                       QSystemTrayIcon::Warning);
            });
    connect(m_scheduler, &RenewalScheduler::scheduled, this, [this](const QDateTime &next) {
        m_nextRenewal = next;
        updateStatusBar();
    });
    m_scheduler->start();
}

QString MainWindow::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString()
                          : rows.first().data(IdentityTableModel::IdentityIdRole).toString();
}

const Identity *MainWindow::selected() const
{
    const int row = m_model->rowOf(selectedId());
    return row < 0 ? nullptr : &m_model->identityAt(row);
}

void MainWindow::selectIdentity(const QString &qualifiedId)
{
    const int row = m_model->rowOf(qualifiedId);
    if (row < 0)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (index.isValid())
        m_table->selectRow(index.row());
}

void MainWindow::updateActions()
{
    const Identity *identity = selected();
    const bool revoked = identity && identity->isRevoked();
    m_renewAction->setEnabled(identity && !revoked);
    m_revokeAction->setEnabled(identity && !revoked);
    m_exportAction->setEnabled(identity != nullptr);
    m_deleteAction->setEnabled(identity != nullptr);
    m_openFolderAction->setEnabled(identity != nullptr);
}

void MainWindow::updateStatusBar()
{
    const int total = m_model->rowCount();
    QStringList parts{tr("%n identity(ies)", nullptr, total)};
    for (IdentityStatus status :
         {IdentityStatus::RenewSoon, IdentityStatus::Expired, IdentityStatus::Revoked})
        if (const int count = m_model->countWithStatus(status))
            parts << QStringLiteral("%1 %2").arg(count).arg(
                IdentityTableModel::statusText(status).toLower());
    if (!m_model->broken().isEmpty())
        parts << tr("%n identity folder(s) unreadable", nullptr,
                    static_cast<int>(m_model->broken().size()));
    if (!m_settings->autoRenew())
        parts << tr("automatic renewal off");
    else if (m_nextRenewal.isValid())
        parts << tr("next renewal %1")
                     .arg(QLocale().toString(m_nextRenewal.toLocalTime(), QLocale::ShortFormat));
    m_statusLabel->setText(parts.join(QStringLiteral(" · ")));
}

void MainWindow::showSelection()
{
    const QString id = selectedId();
    if (id.isEmpty()) {
        m_details->showMessage(m_model->rowCount() == 0
                                   ? tr("No certificates yet. Click “New certificate” to get one "
                                        "with your Telegram account, or import one.")
                                   : tr("Select an identity to see its certificate."));
        return;
    }
    runInBackground(
        this,
        [folder = m_home.identitiesFolder(), id] { return IdentityStore(folder).identity(id); },
        [this, id](Result<Identity> identity) {
            if (selectedId() != id)
                return; // the selection moved on meanwhile
            if (identity)
                m_details->showIdentity(identity.value());
            else
                m_details->showMessage(identity.error().message());
        });
}

void MainWindow::notify(const QString &title, const QString &message,
                        QSystemTrayIcon::MessageIcon iconKind)
{
    statusBar()->showMessage(title + QStringLiteral(": ") + message, 15000);
    if (m_tray && m_tray->supportsMessages())
        m_tray->showMessage(title, message, iconKind);
}

void MainWindow::notifyAttentionNeeded()
{
    // Once per identity and state in a session: a tray that nags every minute gets ignored.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Identity &identity = m_model->identityAt(row);
        const auto status
            = static_cast<IdentityStatus>(m_model->index(row, IdentityTableModel::Status)
                                              .data(IdentityTableModel::StatusRole)
                                              .toInt());
        // Automatic renewal takes care of unprotected keys; say so only when it cannot.
        const bool renewsItself = m_settings->autoRenew() && !identity.isKeyEncrypted();
        if (status == IdentityStatus::Expired
            && !m_notified.contains(QStringLiteral("expired:") + identity.qualifiedId())) {
            m_notified.insert(QStringLiteral("expired:") + identity.qualifiedId());
            notify(tr("Certificate expired"),
                   tr("%1 has expired. Enrol again to get a new certificate.").arg(identity.id()),
                   QSystemTrayIcon::Warning);
        } else if (status == IdentityStatus::RenewSoon && !renewsItself
                   && !m_notified.contains(QStringLiteral("soon:") + identity.qualifiedId())) {
            m_notified.insert(QStringLiteral("soon:") + identity.qualifiedId());
            notify(tr("Renew soon"),
                   tr("%1 expires in %n day(s): renew it now.", nullptr,
                      static_cast<int>(identity.daysLeft()))
                       .arg(identity.id()));
        }
    }
}

void MainWindow::showError(const QString &title, const QString &message)
{
    statusBar()->showMessage(message, 15000);
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::askPassphrase(const Identity &identity, bool *ok)
{
    return QInputDialog::getText(this, tr("Passphrase"),
                                 tr("The key of %1 is protected. Passphrase:").arg(identity.id()),
                                 QLineEdit::Password, QString(), ok);
}

void MainWindow::openEnrollWizard()
{
    auto *wizard = new EnrollWizard(m_home, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &EnrollWizard::enrolled, this, [this](const Identity &identity) {
        connect(
            m_model, &IdentityTableModel::reloaded, this,
            [this, id = identity.qualifiedId()] { selectIdentity(id); }, Qt::SingleShotConnection);
        m_model->reload();
        notify(tr("Certificate issued"), tr("%1 is ready.").arg(identity.id()));
    });
    wizard->open();
}

void MainWindow::renewSelected()
{
    const Identity *identity = selected();
    if (!identity)
        return;
    SecretBytes passphrase;
    if (identity->isKeyEncrypted()) {
        bool ok = false;
        const QString text = askPassphrase(*identity, &ok);
        if (!ok)
            return;
        passphrase = SecretBytes::fromUtf8(text);
    }
    const QString id = identity->qualifiedId();
    m_renewAction->setEnabled(false);
    statusBar()->showMessage(tr("Renewing %1…").arg(identity->id()));
    m_renewer->renew(id, passphrase, [this, id](Result<Identity> renewed) {
        updateActions();
        if (!renewed) {
            showError(tr("Renewal failed"), renewed.error().message());
            return;
        }
        notify(
            tr("Certificate renewed"),
            tr("%1 is valid until %2.")
                .arg(renewed->id(),
                     QLocale().toString(renewed->notAfter().toLocalTime(), QLocale::ShortFormat)));
        m_model->reload();
    });
}

void MainWindow::openRevokeDialog()
{
    const Identity *identity = selected();
    if (!identity)
        return;
    auto *dialog = new RevokeDialog(m_home, *identity, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RevokeDialog::revoked, this, [this](const Identity &revoked) {
        notify(tr("Certificate revoked"), tr("%1 is revoked.").arg(revoked.id()));
        m_model->reload();
    });
    dialog->open();
}

void MainWindow::openExportDialog()
{
    const Identity *identity = selected();
    if (!identity)
        return;
    auto *dialog = new ExportDialog(m_home, *identity, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        statusBar()->showMessage(tr("Exported to %1").arg(dialog->writtenTo()), 15000);
    });
    dialog->open();
}

void MainWindow::importFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import a certificate"), QString(),
        tr("PKCS#12 or PEM files (*.p12 *.pfx *.pem *.crt *.key);;All files (*)"));
    if (paths.isEmpty())
        return;
    if (paths.size() > 2) {
        showError(tr("Import"), tr("Choose one PKCS#12 file, or a certificate and its key."));
        return;
    }
    ImportedFiles files{paths, {}};
    bool ok = true;
    const QString password = QInputDialog::getText(
        this, tr("Import"),
        paths.size() == 1 ? tr("Password of the PKCS#12 file:")
                          : tr("Passphrase of the key (leave empty if it has none):"),
        QLineEdit::Password, QString(), &ok);
    if (!ok)
        return;
    files.password = SecretBytes::fromUtf8(password);
    statusBar()->showMessage(tr("Importing…"));
    runInBackground(
        this, [folder = m_home.identitiesFolder(), files] { return importInto(folder, files); },
        [this](Result<Identity> imported) {
            if (!imported) {
                showError(tr("Import failed"), imported.error().message());
                return;
            }
            notify(tr("Imported"), tr("%1 was imported.").arg(imported->id()));
            m_model->reload();
        });
}

void MainWindow::deleteSelected()
{
    const Identity *identity = selected();
    if (!identity)
        return;
    QString warning = tr("Delete %1 and its private key from this computer?").arg(identity->id());
    if (!identity->isRevoked() && identity->status() != IdentityStatus::Expired)
        warning += QLatin1Char(' ')
            + tr("The certificate is still valid: export it first if you need it elsewhere, or "
                 "revoke it if it must not be used again.");
    if (QMessageBox::warning(this, tr("Delete identity"), warning,
                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    runInBackground(
        this,
        [folder = m_home.identitiesFolder(), id = identity->qualifiedId()] {
            return IdentityStore(folder).remove(id);
        },
        [this](Result<void> removed) {
            if (!removed)
                showError(tr("Delete failed"), removed.error().message());
            m_model->reload();
        });
}

void MainWindow::openSelectedFolder()
{
    if (const Identity *identity = selected())
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(IdentityStore(m_home.identitiesFolder())
                                    .folderOf(identity->profile(), identity->subject())));
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, m_home, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->setRenewalPolicy(policyFrom(*m_settings));
    m_adminAction->setChecked(m_settings->adminMode());
    startScheduler();
    updateStatusBar();
}

void MainWindow::setAdminMode(bool on)
{
    m_adminAction->setChecked(on); // when called directly, not from the action
    m_settings->setAdminMode(on);
    m_adminDock->setVisible(on);
}

void MainWindow::quit()
{
    m_quitting = true;
    close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    // With a tray, closing the window keeps renewing in the background; Quit really quits.
    if (m_tray && !m_quitting && m_settings->autoRenew()) {
        hide();
        notify(tr("Certigram keeps running"),
               tr("Certificates are renewed in the background. Quit from the tray menu."));
        event->ignore();
        return;
    }
    m_adminPanel->stopServer();
    event->accept();
    QApplication::quit();
}

} // namespace certigram
