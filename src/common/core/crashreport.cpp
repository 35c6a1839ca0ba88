#include "core/crashreport.h"

#include <QtGlobal>

#include <cstring>

#ifdef Q_OS_UNIX
#include <csignal>
#include <unistd.h>
#if __has_include(<execinfo.h>)
#include <execinfo.h> // glibc and macOS
#define CERTIGRAM_HAVE_BACKTRACE 1
#endif
#elif defined(Q_OS_WIN)
#include <windows.h>

#include <io.h>
#endif

// AddressSanitizer reports faults itself, better than we can: leave its handlers alone.
#if defined(__SANITIZE_ADDRESS__)
#define CERTIGRAM_UNDER_ASAN true
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CERTIGRAM_UNDER_ASAN true
#endif
#endif
#ifndef CERTIGRAM_UNDER_ASAN
#define CERTIGRAM_UNDER_ASAN false
#endif

namespace certigram {

namespace {

const char *g_programName = "certigram";

// Only async-signal-safe calls from here on: write(2), no allocation, no stdio.
void writeText(const char *text)
{
#ifdef Q_OS_WIN
    [[maybe_unused]] const auto written
        = ::_write(2, text, static_cast<unsigned int>(std::strlen(text)));
#else
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, text, std::strlen(text));
#endif
}

void writeNumber(unsigned long long value, int base)
{
    char digits[24];
    int at = sizeof digits - 1;
    digits[at] = '\0';
    do {
        digits[--at] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value > 0 && at > 0);
    writeText(digits + at);
}

#ifdef Q_OS_UNIX
constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

const char *signalName(int signal)
{
    switch (signal) {
    case SIGSEGV: return "SIGSEGV, invalid memory access";
    case SIGBUS: return "SIGBUS, bus error";
    case SIGILL: return "SIGILL, illegal instruction";
    case SIGFPE: return "SIGFPE, arithmetic fault";
    case SIGABRT: return "SIGABRT, aborted";
    default: return "unexpected";
    }
}

void onFatalSignal(int signal)
{
    writeText(g_programName);
    writeText(": crashed: signal ");
    writeNumber(static_cast<unsigned>(signal), 10);
    writeText(" (");
    writeText(signalName(signal));
    writeText(")\n");
#ifdef CERTIGRAM_HAVE_BACKTRACE
    void *frames[64];
    const int depth = ::backtrace(frames, 64);
    writeText("stack trace (innermost first; addr2line -Cfie FILE +OFFSET names a frame):\n");
    ::backtrace_symbols_fd(frames, depth, STDERR_FILENO);
#endif
    // SA_RESETHAND put the default action back; SA_NODEFER lets it act at once.
    ::raise(signal);
}
#elif defined(Q_OS_WIN)
LONG WINAPI onUnhandledException(EXCEPTION_POINTERS *exception)
{
    writeText(g_programName);
    writeText(": crashed: exception 0x");
    writeNumber(exception->ExceptionRecord->ExceptionCode, 16);
    writeText(" at address 0x");
    writeNumber(reinterpret_cast<quintptr>(exception->ExceptionRecord->ExceptionAddress), 16);
    writeText("\n");
    return EXCEPTION_CONTINUE_SEARCH; // Windows Error Reporting goes on as usual
}
#endif

} // namespace

void installCrashReport(const char *programName)
{
    g_programName = programName;
    if (CERTIGRAM_UNDER_ASAN)
        return;
#if defined(Q_OS_UNIX)
#ifdef CERTIGRAM_HAVE_BACKTRACE
    // The first backtrace() loads the unwinder, which allocates: do it now, not in the
    // handler.
    void *frame[1];
    ::backtrace(frame, 1);
#endif
    struct sigaction action = {};
    action.sa_handler = onFatalSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (const int signal : kFatalSignals)
        sigaction(signal, &action, nullptr);
#elif defined(Q_OS_WIN)
    SetUnhandledExceptionFilter(onUnhandledException);
#endif
}

} // namespace certigram
