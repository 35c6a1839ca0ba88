#pragma once

#include <QObject>
#include <QString>

namespace certigram {

// Keeps the Telegram bot token out of the settings file: in the OS keychain through
// QtKeychain when one is available, else in an owner-only file (0600). Keychain calls are
// asynchronous, so is this class: each call answers with exactly one signal (which may
// come before the call returns, when no keychain is involved: connect first).
class BotTokenStore : public QObject
{
    Q_OBJECT

public:
    enum class Location { None, Keychain, File };
    Q_ENUM(Location)

    // `fallbackFile`: where the token goes when there is no keychain (default: in the
    // app's data directory). `useKeychain` false skips the keychain altogether.
    explicit BotTokenStore(const QString &fallbackFile = QString(), bool useKeychain = true,
                           QObject *parent = nullptr);

    QString fallbackFile() const { return m_fallbackFile; }
    static QString defaultFallbackFile();
    // Whether this build can use an OS keychain at all.
    static bool keychainSupported();

    // Answers with saved(location) or failed(message).
    void save(const QString &token);
    // Answers with loaded(token, location) — an empty token and None when there is none —
    // or failed(message).
    void load();
    // Answers with removed() or failed(message).
    void remove();

signals:
    void saved(certigram::BotTokenStore::Location location);
    void loaded(const QString &token, certigram::BotTokenStore::Location location);
    void removed();
    void failed(const QString &message);

private:
    void saveToFile(const QString &token);
    void loadFromFile();
    void removeFile();

    QString m_fallbackFile;
    bool m_useKeychain;
};

} // namespace certigram
