#pragma once

#include <QString>

namespace certigram {

// What the registration authority records: each event is one audit-log line and one
// Prometheus counter (the prototype's log-counting cron job, built in).
enum class RaEvent {
    CodeSent,
    MultipleRequests,
    InvalidNumber,
    RateLimited,
    DeliveryFailed,
    WrongCode,
    AttemptsExhausted,
    NoPendingCode,
    TokenIssued,
    RevokeTokenIssued,
    RevokeTokenRefused,
};

struct RaEventInfo
{
    const char *metric; // counter name
    const char *help;
    bool problem; // logged as ERROR (else INFO), as the prototype did
};

RaEventInfo raEventInfo(RaEvent event);
QList<RaEvent> allRaEvents();

} // namespace certigram
