#include "machineinfo.h"

#include <QFile>
#include <QThread>

namespace certigram::bench {

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

int cpuCount()
{
    return QThread::idealThreadCount();
}

} // namespace certigram::bench
