#include "core/terminationsignals.h"

#include <QCoreApplication>
#include <QPointer>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#else
#include <windows.h>
#endif

namespace certigram {

namespace {

QPointer<TerminationSignals> g_instance;

#ifdef Q_OS_UNIX
// A signal handler may only do async-signal-safe things: write one byte to a socket whose
// other end the event loop watches (the self-pipe trick).
int g_signalSockets[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalSockets[0], &byte, sizeof byte);
}
#else
BOOL WINAPI onConsoleEvent(DWORD type)
{
    if (type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT || type == CTRL_CLOSE_EVENT
        || type == CTRL_SHUTDOWN_EVENT) {
        if (g_instance)
            QMetaObject::invokeMethod(g_instance, &TerminationSignals::terminationRequested,
                                      Qt::QueuedConnection);
        return TRUE;
    }
    return FALSE;
}
#endif

} // namespace

TerminationSignals::TerminationSignals(QObject *parent)
    : QObject(parent)
{
    Q_ASSERT(!g_instance);
    g_instance = this;
#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalSockets) == 0) {
        auto *notifier = new QSocketNotifier(g_signalSockets[1], QSocketNotifier::Read, this);
        connect(notifier, &QSocketNotifier::activated, this, [this] {
            char byte = 0;
            [[maybe_unused]] const auto read = ::read(g_signalSockets[1], &byte, sizeof byte);
            emit terminationRequested();
        });
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &action, nullptr);
        sigaction(SIGINT, &action, nullptr);
    }
#else
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
#endif
}

TerminationSignals::~TerminationSignals()
{
#ifdef Q_OS_UNIX
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    ::close(g_signalSockets[0]);
    ::close(g_signalSockets[1]);
    g_signalSockets[0] = g_signalSockets[1] = -1;
#else
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
#endif
    g_instance = nullptr;
}

} // namespace certigram
