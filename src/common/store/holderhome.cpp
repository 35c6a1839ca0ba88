#include "store/holderhome.h"

#include <QDir>
#include <QStandardPaths>

namespace certigram {

HolderHome::HolderHome(const QString &path)
    : m_path(QDir::cleanPath(QDir(path).absolutePath()))
{ }

QString HolderHome::defaultPath()
{
    // Not AppDataLocation itself: it depends on the application and organisation names
    // of whichever program asks, and the CLI and the app must agree.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/certigram");
}

QString HolderHome::profilesFile() const
{
    return m_path + QStringLiteral("/profiles.json");
}

QString HolderHome::identitiesFolder() const
{
    return m_path + QStringLiteral("/identities");
}

} // namespace certigram
