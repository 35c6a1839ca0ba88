#pragma once

#include "client/clienttransport.h"
#include "protocol/ramessages.h"
#include "store/caprofile.h"

#include <QObject>
#include <QString>

#include <optional>

namespace certigram {

class CliOutput;

// The code for `subject`: `given` (the --code value; "-" reads a line of standard input),
// or, when none was given and a person is at the terminal, asks the RA to send one over
// Telegram (a code already on its way is fine) and asks for it. Without either: a usage
// error naming request-code.
void obtainCode(const std::optional<QString> &given, const CaProfile &profile,
                const QString &subject, CodePurpose purpose, const CliOutput &output,
                std::chrono::milliseconds timeout, QObject *context, ClientCallback<QString> done);

} // namespace certigram
