#pragma once

#include <QObject>

namespace certigram {

// Turns SIGTERM and SIGINT (POSIX) or Ctrl+C / console close (Windows) into a Qt signal on
// the main thread, so certigram-server stops cleanly: listeners closed, workers drained,
// database connections closed. One instance per process.
class TerminationSignals : public QObject
{
    Q_OBJECT

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

signals:
    void terminationRequested();
};

} // namespace certigram
