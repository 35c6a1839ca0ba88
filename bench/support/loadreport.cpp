#include "loadreport.h"

#include "keepaliveload.h"
#include "resultswriter.h"

namespace certigram::bench {

void recordLoad(const ResultsWriter &results, const QString &key, const LoadResult &load)
{
    const LatencySummary latency = load.latency();
    results.add(key + QStringLiteral(".per_s"), load.perSecond());
    results.add(key + QStringLiteral(".p50_ms"), latency.p50, 2);
    results.add(key + QStringLiteral(".p95_ms"), latency.p95, 2);
    results.add(key + QStringLiteral(".p99_ms"), latency.p99, 2);
    results.add(key + QStringLiteral(".max_ms"), latency.max, 2);
    results.add(key + QStringLiteral(".ok"), load.succeeded, 0);
    results.add(key + QStringLiteral(".failed"), load.failed, 0);
    if (!load.error.isEmpty())
        results.add(key + QStringLiteral(".error"), load.error);
}

} // namespace certigram::bench
