#include "resultswriter.h"

#include <QFile>

#include <cstdio>

namespace certigram::bench {

ResultsWriter::ResultsWriter(QString path, QString prefix)
    : m_path(std::move(path))
    , m_prefix(std::move(prefix))
{ }

QCommandLineOption ResultsWriter::option()
{
    return QCommandLineOption(QStringLiteral("results"),
                              QStringLiteral("Also append the figures as key=value lines to FILE."),
                              QStringLiteral("FILE"));
}

void ResultsWriter::add(const QString &key, double value, int decimals) const
{
    append(key, QString::number(value, 'f', decimals));
}

void ResultsWriter::add(const QString &key, const QString &text) const
{
    // One line per figure: a value never spans lines.
    QString flat = text;
    flat.replace(QLatin1Char('\n'), QLatin1Char(' '));
    append(key, flat);
}

void ResultsWriter::append(const QString &key, const QString &value) const
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(m_path),
                     qPrintable(file.errorString()));
        return;
    }
    file.write((m_prefix + QLatin1Char('.') + key + QLatin1Char('=') + value + QLatin1Char('\n'))
                   .toUtf8());
}

} // namespace certigram::bench
