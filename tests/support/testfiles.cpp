#include "testfiles.h"

#include <QFile>

namespace certigram::test {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}

QString errorMessage(const Error &error)
{
    return Error::codeName(error.code()) + QStringLiteral(": ") + error.message();
}

ProcessOutput openssl(const QStringList &arguments, const QByteArray &input)
{
    return runProcess(QStringLiteral("openssl"), arguments, input);
}

} // namespace certigram::test
