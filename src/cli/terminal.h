#pragma once

#include "core/result.h"

#include <QString>

namespace certigram {

// The holder at a terminal, for the one thing certigram-cli asks interactively: the code
// Telegram brought. Codes are short-lived and single-use, so echoing them is fine; keys'
// passphrases only ever come from files.
class Terminal
{
public:
    // Standard input and standard error are both a terminal.
    static bool isInteractive();
    // Prints `prompt` on stderr and reads one line from standard input (trimmed);
    // an error at end of input.
    static Result<QString> ask(const QString &prompt);
    // One line from standard input (trimmed), for `--code -`.
    static Result<QString> readLine();
};

} // namespace certigram
