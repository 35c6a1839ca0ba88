#pragma once

namespace certigram {

// When the process is about to die of a fault (POSIX: SIGSEGV, SIGBUS, SIGILL, SIGFPE or
// SIGABRT; Windows: an unhandled structured exception), writes one line naming
// `programName` and the fault to standard error, then a stack trace where the platform
// can make one, and lets the fault end the process as it would have: a core dump or the
// system's error report is still made and the exit status still names the signal.
// Without it a crash leaves nothing in the log a server's admin or a CI run keeps.
// Call once, early in main(). `programName` must outlive the process (a literal).
void installCrashReport(const char *programName);

} // namespace certigram
