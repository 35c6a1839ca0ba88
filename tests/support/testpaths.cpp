#include "testpaths.h"

#include <QDir>

namespace certigram::test {

QString fixturePath(const QString &relative)
{
    return QDir(QStringLiteral(CERTIGRAM_FIXTURES_DIR)).filePath(relative);
}

QString sharedPath(const QString &relative)
{
    return QDir(QStringLiteral(CERTIGRAM_SHARED_DIR)).filePath(relative);
}

} // namespace certigram::test
