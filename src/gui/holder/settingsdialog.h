#pragma once

#include "store/holderhome.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QListWidget;
class QSpinBox;

namespace certigram {

class GuiSettings;

// Preferences: automatic renewal and when, tray behaviour, language, admin mode, and the
// saved CA profiles (which can be removed).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(GuiSettings *settings, const HolderHome &home, QWidget *parent = nullptr);

    // Stores the choices (OK pressed).
    void apply();

private:
    void loadProfiles();
    void removeProfile();

    GuiSettings *m_settings;
    HolderHome m_home;
    QCheckBox *m_autoRenew;
    QSpinBox *m_renewAt;
    QCheckBox *m_startMinimized;
    QComboBox *m_language;
    QCheckBox *m_adminMode;
    QListWidget *m_profiles;
};

} // namespace certigram
