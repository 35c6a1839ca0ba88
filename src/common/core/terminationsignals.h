#pragma once

#include <QObject>

namespace certigram {

// Turns SIGTERM and SIGINT (POSIX) or Ctrl+C / console close (Windows) into a Qt signal on
// the main thread, so long-running programs stop cleanly: certigram-server closes its
// listeners and drains its workers, `certigram-cli renew --daemon` finishes the file it is
// writing. One instance per process.
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
