#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

#include <type_traits>
#include <utility>

namespace certigram {

// Runs `work` (key generation, scrypt, file I/O) on the global thread pool and hands its
// result to `done` on `context`'s thread; when `context` is destroyed first, the result is
// dropped and `done` never runs. Call it from `context`'s thread. Keeps such work off the
// UI thread and the event loop of the CLI.
//
// A QFutureWatcher owned by `context` rather than QFuture::then(context, …): in Qt 6.4 a
// continuation whose context is destroyed before the work ends asserts (qfuture_impl.h),
// which a window closed during a slow export would hit.
// The same on `pool` instead of the global one.
template<typename Work, typename Done>
void runInBackground(QObject *context, QThreadPool *pool, Work work, Done done)
{
    using ResultType = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<ResultType>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

template<typename Work, typename Done>
void runInBackground(QObject *context, Work work, Done done)
{
    runInBackground(context, QThreadPool::globalInstance(), std::move(work), std::move(done));
}

} // namespace certigram
