#pragma once

#include "core/result.h"

#include <QLoggingCategory>
#include <QString>

namespace certigram {

// "certigram.server.notify": shared by every notifier in this folder.
Q_DECLARE_LOGGING_CATEGORY(lcNotify)

// How the registration authority reaches a user: it hands a subject (a Telegram user id)
// and a text meant for that person (the one-time code) to a Notifier.
//
// Contract for implementations:
// - send() is called from the RA's worker-pool threads, many at once, and must be
//   thread-safe. It is never called on an event-loop thread the RA cares about, so it
//   may block: it returns only once the message has been delivered or has failed.
// - send() is bounded by the notifier's timeout; a slow or silent transport fails with
//   NetworkError instead of holding a worker for ever.
// - Errors, and what the RA answers for them:
//     NetworkError  the transport is unreachable, timed out, failed (5xx) or answered
//                   something we cannot understand (the RA answers 502 and releases the
//                   pending code so the user can retry);
//     InvalidInput  the recipient does not exist for the transport (Telegram: "chat not
//                   found", the user never started the bot);
//     Forbidden     the recipient refuses messages (Telegram: the user blocked the bot);
//     RateLimited   the transport asks us to slow down; the message says for how long.
// - Error messages are for people (admins and users). They never contain secrets such as
//   the bot token.
// - Destroying a notifier while other threads are inside send() is allowed only where the
//   implementation says so (TelegramNotifier); the RA stops calling it first.
class Notifier
{
public:
    Notifier() = default;
    virtual ~Notifier();
    Notifier(const Notifier &) = delete;
    Notifier &operator=(const Notifier &) = delete;

    // A short lower-case name for logs and configuration ("telegram", "console", …).
    virtual QString name() const = 0;

    // Delivers `message` to `subject`; see the contract above.
    virtual Result<void> send(const QString &subject, const QString &message) = 0;
};

} // namespace certigram
