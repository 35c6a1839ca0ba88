#include "crypto/secretfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace certigram {

namespace {
constexpr qint64 kMaximumSize = 64 * 1024;
}

Result<SecretBytes> SecretFile::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
#ifdef Q_OS_UNIX
    // Checked on the open file, so it is the file we read, not one swapped in meanwhile.
    struct stat info = {};
    if (::fstat(file.handle(), &info) != 0)
        return Error(ErrorCode::IoError, QStringLiteral("cannot inspect %1").arg(path));
    if (!S_ISREG(info.st_mode))
        return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is not a regular file").arg(path));
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 holds a secret but is open to group or others (mode %2): make it "
                           "readable by its owner only: chmod 600 %1")
                .arg(path)
                .arg(info.st_mode & 0777, 3, 8, QLatin1Char('0')));
#endif
    QByteArray content = file.read(kMaximumSize + 1);
    if (content.size() > kMaximumSize) {
        SecretBytes::wipe(content);
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is too large for a secret").arg(path));
    }
    if (content.endsWith('\n'))
        content.chop(content.endsWith("\r\n") ? 2 : 1);
    SecretBytes secret = SecretBytes::take(content);
    if (secret.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is empty").arg(path));
    return secret;
}

Result<void> SecretFile::write(const QString &path, const SecretBytes &secret)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot create the folder of %1").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(secret.data(), secret.size()) != secret.size()
        // Qt 6.4's QSaveFile can commit an empty file on a full disk when the buffered
        // write fails late: flush and check before the rename.
        || !file.flush() || !file.commit())
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace certigram
