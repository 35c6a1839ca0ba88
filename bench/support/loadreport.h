#pragma once

#include <QString>

namespace certigram::bench {

class ResultsWriter;
struct LoadResult;

// The figures of one load under `key`: per_s, p50_ms, p95_ms, p99_ms, max_ms, ok, failed.
void recordLoad(const ResultsWriter &results, const QString &key, const LoadResult &load);

} // namespace certigram::bench
