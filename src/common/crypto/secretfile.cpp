#include "crypto/secretfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

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
    const QFileDevice::Permissions exposed = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther;
    if (file.permissions() & exposed)
        return Error(ErrorCode::Forbidden,
                     QStringLiteral("%1 holds a secret but other users may read or change "
                                    "it: run chmod 600 %1")
                         .arg(path));
#endif
    if (file.size() > kMaximumSize)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is too large for a secret").arg(path));
    QByteArray content = file.readAll();
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
        || file.write(secret.data(), secret.size()) != secret.size() || !file.commit())
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace certigram
