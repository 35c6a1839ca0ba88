#include "store/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace certigram::PrivateFiles {

Error ioError(const QString &what, const QString &path, const QString &why)
{
    return Error(ErrorCode::IoError, QStringLiteral("cannot %1 %2: %3").arg(what, path, why));
}

QString systemError()
{
    return qt_error_string(-1);
}

Result<QByteArray> read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists())
            return Error(ErrorCode::NotFound, QStringLiteral("%1 is missing").arg(path));
        return ioError(QStringLiteral("read"), path, file.errorString());
    }
    if (file.size() > kMaximumFileSize)
        return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is too large").arg(path));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return ioError(QStringLiteral("read"), path, file.errorString());
    return bytes;
}

Result<void> write(const QString &path, const char *data, qsizetype size)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(QStringLiteral("write"), path, file.errorString());
    // flush() before commit(): QSaveFile (Qt 6.4) buffers writes, and commit() does not
    // notice when that last flush fails (ENOSPC): it would rename an empty file into place.
    if (!file.setPermissions(kFilePermissions) || file.write(data, size) != size || !file.flush()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return ioError(QStringLiteral("write"), path, why);
    }
    if (!file.commit())
        return ioError(QStringLiteral("write"), path, file.errorString());
    return {};
}

Result<void> write(const QString &path, const QByteArray &bytes)
{
    return write(path, bytes.constData(), bytes.size());
}

Result<void> ensureFolder(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return {};
    if (info.exists())
        return Error(ErrorCode::IoError, QStringLiteral("%1 exists but is not a folder").arg(path));
    if (!QDir().mkpath(path))
        return ioError(QStringLiteral("create the folder"), path, systemError());
    if (!QFile::setPermissions(path, kFolderPermissions))
        return ioError(QStringLiteral("restrict the permissions of"), path, systemError());
    return {};
}

void syncFolder(const QString &folder)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(folder);
#endif
}

} // namespace certigram::PrivateFiles
