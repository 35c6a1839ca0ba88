#pragma once

#include "notify/notifier.h"

#include <QHash>
#include <QMutex>

#include <list>
#include <utility>

namespace certigram {

// For development and tests only: "sends" a message by writing "code for <subject>:
// <message>" to the log (category certigram.server.notify, info level) and keeps the last
// message per subject in memory, so a test or a local demo can read the code. Never use
// it in production: the codes end up in the server log.
//
// Thread-safe; send() never fails for a non-empty subject and never blocks for long.
class ConsoleNotifier final : public Notifier
{
public:
    // Remembers the last message of up to `keptSubjects` subjects; past that, the subject
    // notified least recently is forgotten first, so memory stays bounded under load.
    explicit ConsoleNotifier(int keptSubjects = 10000);

    QString name() const override;
    Result<void> send(const QString &subject, const QString &message) override;

    // The last message sent to `subject`, or an empty string if there is none (or it has
    // been forgotten).
    QString lastMessage(const QString &subject) const;

private:
    using Entry = std::pair<QString, QString>; // subject, message

    const int m_capacity;
    mutable QMutex m_mutex;
    std::list<Entry> m_recent; // least recently notified first
    QHash<QString, std::list<Entry>::iterator> m_bySubject;
};

} // namespace certigram
