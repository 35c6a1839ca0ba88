#pragma once

#include <QObject>
#include <QtConcurrent>

#include <utility>

namespace certigram {

// Runs `work` (key generation, scrypt, file I/O) on the global thread pool and hands its
// result to `done` on `context`'s thread; `done` is dropped when `context` is destroyed
// first. Keeps such work off the UI thread and the event loop of the CLI.
template<typename Work, typename Done>
void runInBackground(QObject *context, Work work, Done done)
{
    QtConcurrent::run(std::move(work)).then(context, std::move(done));
}

} // namespace certigram
