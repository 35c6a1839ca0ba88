#pragma once

#include "core/error.h"

namespace certigram {

// certigram-cli's exit codes: stable, documented in `certigram-cli --help` and
// docs/cli.md, so that scripts can tell "try later" from "fix something".
enum class ExitCode {
    Success = 0, // done; for needs-renewal: renewal is due
    NotDue = 1, // needs-renewal only: not due yet (or revoked: never)
    Usage = 2, // bad or missing arguments
    InvalidInput = 3, // a file, key, passphrase, certificate or answer that cannot be used
    NotFound = 4, // no such identity or CA profile
    Network = 5, // server unreachable, TLS refused, timed out
    Refused = 6, // the server said no: wrong or expired code, revoked, not allowed
    RateLimited = 7, // too many requests: try again after the time the message names
    Conflict = 8, // already exists, already revoked, a code is already pending
    Io = 9, // cannot read or write a file: read-only, disk full, permissions
    Internal = 10, // a bug: please report it
};

ExitCode exitCodeFor(const Error &error);
// The table of codes for --help.
QString exitCodeHelp();

} // namespace certigram
