#pragma once

#include <vector>

namespace certigram::bench {

// Nearest-rank percentile of `samples` (any unit), 0 < fraction <= 1; 0 for no samples.
double percentile(std::vector<double> samples, double fraction);

// What every benchmark reports about a set of latencies (ms).
struct LatencySummary
{
    int count = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;

    static LatencySummary of(std::vector<double> samplesMs);
};

} // namespace certigram::bench
