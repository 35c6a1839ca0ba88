#include "latencysummary.h"

#include <algorithm>
#include <cmath>

namespace certigram::bench {

namespace {

// `sorted` ascending and not empty.
double nearestRank(const std::vector<double> &sorted, double fraction)
{
    const auto size = static_cast<double>(sorted.size());
    const auto rank = static_cast<long long>(std::ceil(fraction * size));
    const auto index
        = std::clamp<long long>(rank - 1, 0, static_cast<long long>(sorted.size()) - 1);
    return sorted[static_cast<size_t>(index)];
}

} // namespace

double percentile(std::vector<double> samples, double fraction)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    return nearestRank(samples, fraction);
}

LatencySummary LatencySummary::of(std::vector<double> samplesMs)
{
    LatencySummary summary;
    if (samplesMs.empty())
        return summary;
    // Sorted once for all four figures (a run may hold a few hundred thousand samples).
    std::sort(samplesMs.begin(), samplesMs.end());
    summary.count = static_cast<int>(samplesMs.size());
    summary.p50 = nearestRank(samplesMs, 0.50);
    summary.p95 = nearestRank(samplesMs, 0.95);
    summary.p99 = nearestRank(samplesMs, 0.99);
    summary.max = samplesMs.back();
    return summary;
}

} // namespace certigram::bench
