#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace certigram {

// The file operations of the holder's stores (identities, CA profiles): small files that
// only their owner may read, each written atomically, with errors that name the file and
// the system's reason ("No space left on device", "Read-only file system").
namespace PrivateFiles {

inline constexpr QFileDevice::Permissions kFilePermissions
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
inline constexpr QFileDevice::Permissions kFolderPermissions
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
// Larger files are refused unread: nothing the stores write comes near it.
inline constexpr qint64 kMaximumFileSize = 1024 * 1024;

// IoError "cannot <what> <path>: <why>".
Error ioError(const QString &what, const QString &path, const QString &why);
// The reason of the file system call that just failed, from errno (GetLastError() on
// Windows). Call it right away.
QString systemError();

// NotFound when missing, InvalidInput when over kMaximumFileSize, IoError otherwise.
Result<QByteArray> read(const QString &path);
// Atomically (QSaveFile: temp file, fsync, rename), owner-only.
Result<void> write(const QString &path, const char *data, qsizetype size);
Result<void> write(const QString &path, const QByteArray &bytes);
// Makes sure `path` is a folder, creating it (and its parents) owner-only when missing.
Result<void> ensureFolder(const QString &path);
// Makes a rename in `folder` durable (POSIX: fsync the directory). Best effort.
void syncFolder(const QString &folder);

} // namespace PrivateFiles

} // namespace certigram
