#pragma once

#include "app/serverconfig.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace certigram {

class AuditLogView;
class BotTokenStore;
class CountersTable;
class PendingCodesModel;
class RequestsChart;
class ServerConfigForm;
class ServerController;
class ServerLogCapture;

// The admin mode's panel: starts and stops the registration authority and embedded CA
// in-process, with their configuration, and shows pending codes, the audit log, counters
// and the root fingerprint holders need.
class AdminPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AdminPanel(QWidget *parent = nullptr);
    // `tokens`: where the bot token is kept (tests pass one with a file of their own).
    AdminPanel(BotTokenStore *tokens, QWidget *parent);
    ~AdminPanel() override;

    bool isServerRunning() const;
    // Stops a running server and waits for it (the app calls it before quitting).
    void stopServer();

    // Starts the server with the configuration in the form (as the Start button does).
    void startServer();
    ServerController *controller() const { return m_controller; }
    ServerConfigForm *configForm() const { return m_form; }
    BotTokenStore *botTokenStore() const { return m_tokens; }
    AuditLogView *auditLogView() const { return m_auditView; }
    PendingCodesModel *pendingCodes() const { return m_pendingModel; }
    CountersTable *counters() const { return m_counters; }
    RequestsChart *requestsChart() const { return m_chart; }
    // The message shown last (an error or a notice), for tests.
    QString messageText() const;

signals:
    void serverRunningChanged(bool running);

private:
    void build();
    void toggleServer();
    void continueStart(ServerConfig config, const QString &token, int location);
    void onStateChanged();
    void onStarted(const QUrl &url, const QString &fingerprint);
    void onStopped();
    void onRequestHandled(const QByteArray &method, const QString &route, int status,
                          qint64 elapsedMs);
    void refreshViews();
    void removeTemporaryTokenFile();
    void showMessage(const QString &text, bool isError);
    void clearMessage();
    void copyFingerprint();
    // While stopped: the fingerprint of the CA in the configured data directory, if any.
    void showStoredFingerprint();
    void appendServerMessage(const QDateTime &time, int type, const QString &category,
                             const QString &message);

    BotTokenStore *m_tokens;
    ServerController *m_controller;
    ServerLogCapture *m_logCapture;
    PendingCodesModel *m_pendingModel;
    ServerConfigForm *m_form = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_startStop = nullptr;
    QLabel *m_url = nullptr;
    QLineEdit *m_fingerprint = nullptr;
    QPushButton *m_copyFingerprint = nullptr;
    QLabel *m_message = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_pendingTable = nullptr;
    AuditLogView *m_auditView = nullptr;
    CountersTable *m_counters = nullptr;
    RequestsChart *m_chart = nullptr;
    QPlainTextEdit *m_serverMessages = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_soonRefresh = nullptr;
    QTimer *m_fingerprintDelay = nullptr;
    QFutureWatcher<QString> *m_storedFingerprint = nullptr;
    std::optional<ServerConfig> m_awaitingToken; // a start waiting for the bot token
    QString m_temporaryTokenFile;
    bool m_wasRunning = false;
};

} // namespace certigram
