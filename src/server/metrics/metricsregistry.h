#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QPair>
#include <QString>

#include <map>

namespace certigram {

// Counters and latency histograms for GET /metrics, in Prometheus' text exposition format
// (version 0.0.4). Thread-safe: handlers on any worker thread record into it.
class MetricsRegistry
{
public:
    using Labels = QList<QPair<QString, QString>>;

    // Declares a metric's help text (optional; shown as # HELP).
    void describe(const QString &name, const QString &help);
    void increment(const QString &name, const Labels &labels = {}, double by = 1);
    // Records one observation (seconds) in a latency histogram.
    void observe(const QString &name, const Labels &labels, double seconds);
    void setGauge(const QString &name, const Labels &labels, double value);

    double counterValue(const QString &name, const Labels &labels = {}) const;

    QByteArray render() const;

private:
    enum class Kind { Counter, Gauge, Histogram };
    struct Histogram
    {
        QList<quint64> bucketCounts; // cumulative counts per upper bound
        quint64 count = 0;
        double sum = 0;
    };
    struct Family
    {
        Kind kind = Kind::Counter;
        QString help;
        std::map<QString, double> values; // by rendered label set
        std::map<QString, Histogram> histograms; // by rendered label set
    };

    static QString renderLabels(const Labels &labels);
    Family &family(const QString &name, Kind kind);

    mutable QMutex m_mutex;
    std::map<QString, Family> m_families;
};

} // namespace certigram
