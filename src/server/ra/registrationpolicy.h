#pragma once

#include <QString>

#include <chrono>

namespace certigram {

// The rules of the registration authority an admin can tune.
struct RegistrationPolicy
{
    int codeDigits = 6;
    std::chrono::seconds codeLifetime{300};
    // A new code may be requested (replacing the pending one) this long after the last.
    std::chrono::seconds resendAfter{60};
    int maxAttempts = 5;
    // Code requests from one address (IPv6: one /64) in an hour: the prototype let anyone
    // flood a victim's Telegram with codes.
    double codeRequestsPerAddressPerHour = 20;
    // %1 = the code, %2 = minutes it lasts. The prototype's wording.
    QString message = QStringLiteral("Welcome! Your token is %1, it lasts only %2 minutes.");
};

} // namespace certigram
