#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

namespace certigram {

// The desktop app's preferences, in QSettings (the platform's usual place). One accessor
// pair per setting, with the defaults a new user gets.
class GuiSettings
{
public:
    GuiSettings() = default;

    // Renew certificates in the background while the app runs (default on).
    bool autoRenew() const;
    void setAutoRenew(bool on);
    // The lifetime fraction after which a certificate is renewed (default 2/3).
    double renewAt() const;
    void setRenewAt(double fraction);
    // Start hidden in the tray (default off).
    bool startMinimized() const;
    void setStartMinimized(bool on);
    // "" follows the system; else a language code such as "pt_BR" or "en".
    QString language() const;
    void setLanguage(const QString &language);
    bool adminMode() const;
    void setAdminMode(bool on);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

private:
    mutable QSettings m_settings;
};

} // namespace certigram
