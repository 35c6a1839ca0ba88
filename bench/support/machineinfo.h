#pragma once

#include <QString>

namespace certigram::bench {

// The 1, 5 and 15 minute load averages ("1.22 1.70 2.01"), or "unknown". Benchmarks print
// it before and after: the machine is shared, and its load explains much of the spread.
QString loadAverage();

// Logical CPUs this process may use.
int cpuCount();

// CPU time this process has used so far (user and system, all threads), in seconds; -1
// when unknown. The difference over a run, per operation, is steadier than a rate on a
// shared machine: it does not count the time other programs took the cores.
double processCpuSeconds();

} // namespace certigram::bench
