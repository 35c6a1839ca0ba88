#pragma once

#include <QString>

namespace certigram {

// The holder's folder, shared by the desktop app and certigram-cli so that both see the
// same profiles and identities:
//   <home>/profiles.json   ProfileStore
//   <home>/identities/     IdentityStore
// The default is QStandardPaths::AppDataLocation of the application "certigram".
class HolderHome
{
public:
    explicit HolderHome(const QString &path = defaultPath());

    static QString defaultPath();

    const QString &path() const { return m_path; }
    QString profilesFile() const;
    QString identitiesFolder() const;

private:
    QString m_path;
};

} // namespace certigram
