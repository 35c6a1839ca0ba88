#pragma once

#include "app/serverconfig.h"
#include "core/result.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace certigram {

class BotTokenStore;

// The admin's server configuration: listen address, data directory, notifier (with the
// Telegram bot token, which goes to a BotTokenStore, never to the settings), limits and
// CA mode. Turns what is typed into a ServerConfig, with messages that say what to fix.
class ServerConfigForm : public QWidget
{
    Q_OBJECT

public:
    explicit ServerConfigForm(BotTokenStore *tokens, QWidget *parent = nullptr);

    // The settings live in group "admin" of `settings`.
    void load(QSettings &settings);
    void save(QSettings &settings) const;

    // A finished ServerConfig (ServerConfig::finish() has run), or what to fix. For the
    // Telegram notifier the caller sets telegramTokenFile.
    Result<ServerConfig> config() const;
    ServerConfig::NotifierKind notifier() const;
    static QString defaultDataDir();
    // The data directory as typed (separators normalised; may be empty or relative).
    QString dataDir() const;

    // Set while the server runs: its configuration cannot change under it.
    void setLocked(bool locked);

signals:
    void changed();
    void dataDirChanged(const QString &dataDir);
    // A message for the admin (token saved, or why it could not be).
    void message(const QString &text, bool isError);

private:
    void updateVisibility();
    void chooseDataDir();
    void chooseFile(QLineEdit *edit, const QString &title);
    void saveToken();
    QWidget *withBrowseButton(QLineEdit *edit, const char *buttonName, const QString &title,
                              bool directory);

    BotTokenStore *m_tokens;
    QFormLayout *m_serverForm = nullptr;
    QFormLayout *m_notifierForm = nullptr;
    QFormLayout *m_caForm = nullptr;
    QLineEdit *m_listenAddress;
    QSpinBox *m_listenPort;
    QLineEdit *m_dataDir;
    QComboBox *m_notifier;
    QLineEdit *m_botToken;
    QPushButton *m_saveToken;
    QLabel *m_tokenStatus;
    QLineEdit *m_notifyCommand;
    QSpinBox *m_maxConnections;
    QSpinBox *m_requestsPerMinute;
    QSpinBox *m_burst;
    QSpinBox *m_codeLifetime;
    QSpinBox *m_maxAttempts;
    QSpinBox *m_codeRequestsPerHour;
    QComboBox *m_caMode;
    QLineEdit *m_caNames;
    QLineEdit *m_externalUrl;
    QLineEdit *m_externalRoot;
    QLineEdit *m_provisionerName;
    QLineEdit *m_provisionerKey;
    QLineEdit *m_provisionerPassword;
    QLineEdit *m_tlsCertificate;
    QLineEdit *m_tlsKey;
    QList<QWidget *> m_externalRows;
    bool m_hasToken = false;
};

} // namespace certigram
