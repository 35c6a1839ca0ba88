#pragma once

#include "store/holderhome.h"
#include "store/identity.h"

#include <QMainWindow>
#include <QSet>
#include <QSystemTrayIcon>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QTableView;

namespace certigram {

class AdminPanel;
class GuiSettings;
class IdentityDetails;
class IdentityFilterModel;
class IdentityTableModel;
class RenewalScheduler;
class Renewer;

// The certificate manager: the identities table with its filter, the details of the
// selected one, the actions on it (enrol, renew, revoke, export, import, delete), automatic
// renewal with tray notifications, and the admin panel in a dock when admin mode is on.
// Everything slow (store reads, crypto, network) runs off the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const HolderHome &home, GuiSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    IdentityTableModel *identityModel() const { return m_model; }
    IdentityDetails *details() const { return m_details; }
    AdminPanel *adminPanel() const { return m_adminPanel; }
    // The identity selected in the table (qualified id), or "".
    QString selectedId() const;
    void selectIdentity(const QString &qualifiedId);

public slots:
    void openEnrollWizard();
    void renewSelected();
    void openRevokeDialog();
    void openExportDialog();
    void importFiles();
    void deleteSelected();
    void openSelectedFolder();
    void openSettings();
    void setAdminMode(bool on);
    void quit();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void createTray();
    void startScheduler();
    void updateActions();
    void updateStatusBar();
    void showSelection();
    void notify(const QString &title, const QString &message,
                QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information);
    void showError(const QString &title, const QString &message);
    // Tray notifications for identities that expired or are due and will not renew by
    // themselves.
    void notifyAttentionNeeded();
    // The selected identity's metadata, from the model.
    const Identity *selected() const;
    QString askPassphrase(const Identity &identity, bool *ok);

    HolderHome m_home;
    GuiSettings *m_settings;
    IdentityTableModel *m_model;
    IdentityFilterModel *m_filter;
    QTableView *m_table;
    IdentityDetails *m_details;
    QLineEdit *m_filterText;
    QComboBox *m_filterStatus;
    QLabel *m_statusLabel;
    QDockWidget *m_adminDock;
    AdminPanel *m_adminPanel;
    RenewalScheduler *m_scheduler = nullptr;
    Renewer *m_renewer;
    QSystemTrayIcon *m_tray = nullptr;
    QDateTime m_nextRenewal;
    QSet<QString> m_notified; // "<state>:<qualified id>" already notified this session
    bool m_quitting = false;

    QAction *m_enrollAction;
    QAction *m_renewAction;
    QAction *m_revokeAction;
    QAction *m_exportAction;
    QAction *m_importAction;
    QAction *m_deleteAction;
    QAction *m_openFolderAction;
    QAction *m_refreshAction;
    QAction *m_settingsAction;
    QAction *m_adminAction;
    QAction *m_quitAction;
    QAction *m_findAction;
    QAction *m_aboutAction;
};

} // namespace certigram
