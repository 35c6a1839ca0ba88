#pragma once

#include <QCommandLineOption>
#include <QString>

namespace certigram::bench {

// Machine-readable figures for bench/run-all.sh: one `key=value` line per figure, appended
// to a file (so several benchmarks can share one), each key prefixed with the benchmark's
// name ("ra.sqlite.c10.codes.per_s=1234.5"). Lines are written as they come, so a
// benchmark that fails half-way still leaves what it measured. Without a path it does
// nothing: the printed prose stays the benchmark's main output.
class ResultsWriter
{
public:
    ResultsWriter(QString path, QString prefix);

    // `--results FILE`, the same in every benchmark.
    static QCommandLineOption option();

    void add(const QString &key, double value, int decimals = 1) const;
    void add(const QString &key, const QString &text) const;

private:
    void append(const QString &key, const QString &value) const;

    QString m_path;
    QString m_prefix;
};

} // namespace certigram::bench
