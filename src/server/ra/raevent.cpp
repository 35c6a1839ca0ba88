#include "ra/raevent.h"

#include <QList>

namespace certigram {

RaEventInfo raEventInfo(RaEvent event)
{
    switch (event) {
    case RaEvent::CodeSent:
        return {"certigram_ra_codes_sent_total", "One-time codes delivered to Telegram users.",
                false};
    case RaEvent::MultipleRequests:
        return {"certigram_ra_multiple_code_requests_total",
                "Code requests refused while a code was pending.", true};
    case RaEvent::InvalidNumber:
        return {"certigram_ra_invalid_numbers_total",
                "Requests with an invalid Telegram id or body.", true};
    case RaEvent::RateLimited:
        return {"certigram_ra_rate_limited_total",
                "Code requests refused by the per-address limit.", true};
    case RaEvent::DeliveryFailed:
        return {"certigram_ra_delivery_failures_total", "Codes the notifier could not deliver.",
                true};
    case RaEvent::WrongCode:
        return {"certigram_ra_wrong_codes_total", "Wrong codes typed (each costs an attempt).",
                true};
    case RaEvent::AttemptsExhausted:
        return {"certigram_ra_attempts_exhausted_total",
                "Codes burned after the last wrong attempt.", true};
    case RaEvent::NoPendingCode:
        return {"certigram_ra_no_pending_code_total", "Codes typed when none was pending.", true};
    case RaEvent::TokenIssued:
        return {"certigram_ra_tokens_issued_total", "Sign tokens issued for a right code.", false};
    case RaEvent::RevokeTokenIssued:
        return {"certigram_ra_revoke_tokens_issued_total", "Revoke tokens issued.", false};
    case RaEvent::RevokeTokenRefused:
        return {"certigram_ra_revoke_tokens_refused_total",
                "Revoke tokens refused for lack of proof.", true};
    }
    Q_UNREACHABLE();
}

QList<RaEvent> allRaEvents()
{
    return {RaEvent::CodeSent,          RaEvent::MultipleRequests,  RaEvent::InvalidNumber,
            RaEvent::RateLimited,       RaEvent::DeliveryFailed,    RaEvent::WrongCode,
            RaEvent::AttemptsExhausted, RaEvent::NoPendingCode,     RaEvent::TokenIssued,
            RaEvent::RevokeTokenIssued, RaEvent::RevokeTokenRefused};
}

} // namespace certigram
