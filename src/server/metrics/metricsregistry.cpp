#include "metrics/metricsregistry.h"

#include <QMutexLocker>

#include <array>

namespace certigram {

namespace {

// Upper bounds (seconds) of the latency buckets: from a cached answer to a slow Telegram.
constexpr std::array<double, 12> kBuckets
    = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0};

QString escapeLabelValue(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('"'), QLatin1String("\\\""));
    value.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return value;
}

QString number(double value)
{
    return QString::number(value, 'g', 15);
}

QString withLabel(const QString &labels, const QString &extra)
{
    if (labels.isEmpty())
        return QLatin1Char('{') + extra + QLatin1Char('}');
    return labels.left(labels.size() - 1) + QLatin1Char(',') + extra + QLatin1Char('}');
}

} // namespace

QString MetricsRegistry::renderLabels(const Labels &labels)
{
    if (labels.isEmpty())
        return {};
    QStringList parts;
    for (const auto &[name, value] : labels)
        parts << name + QStringLiteral("=\"") + escapeLabelValue(value) + QLatin1Char('"');
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

MetricsRegistry::Family &MetricsRegistry::family(const QString &name, Kind kind)
{
    Family &family = m_families[name];
    family.kind = kind;
    return family;
}

void MetricsRegistry::describe(const QString &name, const QString &help)
{
    QMutexLocker lock(&m_mutex);
    m_families[name].help = help;
}

void MetricsRegistry::increment(const QString &name, const Labels &labels, double by)
{
    QMutexLocker lock(&m_mutex);
    family(name, Kind::Counter).values[renderLabels(labels)] += by;
}

void MetricsRegistry::setGauge(const QString &name, const Labels &labels, double value)
{
    QMutexLocker lock(&m_mutex);
    family(name, Kind::Gauge).values[renderLabels(labels)] = value;
}

void MetricsRegistry::observe(const QString &name, const Labels &labels, double seconds)
{
    QMutexLocker lock(&m_mutex);
    Histogram &histogram = family(name, Kind::Histogram).histograms[renderLabels(labels)];
    if (histogram.bucketCounts.isEmpty())
        histogram.bucketCounts.resize(static_cast<qsizetype>(kBuckets.size()));
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++histogram.bucketCounts[static_cast<qsizetype>(i)];
    }
    ++histogram.count;
    histogram.sum += seconds;
}

double MetricsRegistry::counterValue(const QString &name, const Labels &labels) const
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_families.find(name);
    if (found == m_families.end())
        return 0;
    const auto value = found->second.values.find(renderLabels(labels));
    return value == found->second.values.end() ? 0 : value->second;
}

QByteArray MetricsRegistry::render() const
{
    QMutexLocker lock(&m_mutex);
    QString out;
    for (const auto &[name, family] : m_families) {
        if (!family.help.isEmpty())
            out += QStringLiteral("# HELP %1 %2\n").arg(name, family.help);
        const char *type = family.kind == Kind::Counter ? "counter"
            : family.kind == Kind::Gauge                ? "gauge"
                                                        : "histogram";
        out += QStringLiteral("# TYPE %1 %2\n").arg(name, QLatin1String(type));
        for (const auto &[labels, value] : family.values)
            out += name + labels + QLatin1Char(' ') + number(value) + QLatin1Char('\n');
        for (const auto &[labels, histogram] : family.histograms) {
            for (size_t i = 0; i < kBuckets.size(); ++i) {
                out += name + QStringLiteral("_bucket")
                    + withLabel(labels, QStringLiteral("le=\"%1\"").arg(number(kBuckets[i])))
                    + QLatin1Char(' ')
                    + QString::number(histogram.bucketCounts[static_cast<qsizetype>(i)])
                    + QLatin1Char('\n');
            }
            out += name + QStringLiteral("_bucket")
                + withLabel(labels, QStringLiteral("le=\"+Inf\"")) + QLatin1Char(' ')
                + QString::number(histogram.count) + QLatin1Char('\n');
            out += name + QStringLiteral("_sum") + labels + QLatin1Char(' ') + number(histogram.sum)
                + QLatin1Char('\n');
            out += name + QStringLiteral("_count") + labels + QLatin1Char(' ')
                + QString::number(histogram.count) + QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

} // namespace certigram
