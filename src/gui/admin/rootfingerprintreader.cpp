#include "admin/rootfingerprintreader.h"

#include "crypto/certificate.h"

#include <QDir>
#include <QFile>
#include <QtConcurrent>

namespace certigram {

QFuture<QString> RootFingerprintReader::read(const QString &dataDir)
{
    return QtConcurrent::run(&RootFingerprintReader::readNow, dataDir);
}

QString RootFingerprintReader::readNow(const QString &dataDir)
{
    if (dataDir.isEmpty())
        return QString();
    QFile file(QDir(dataDir).filePath(QStringLiteral("ca/root_ca.crt")));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    const auto certificate = Certificate::fromPem(file.read(1024 * 1024));
    return certificate ? certificate->sha256Fingerprint() : QString();
}

} // namespace certigram
