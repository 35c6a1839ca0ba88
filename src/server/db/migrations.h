#pragma once

#include "core/result.h"

#include <QSqlDatabase>

namespace certigram {

// The numbered schema migrations. Each runs once, in order, inside the caller's write
// transaction; the version table records what ran. Times are stored as BIGINT
// milliseconds since the epoch (UTC) so SQLite and PostgreSQL share one schema.
class Migrations
{
public:
    static int latestVersion();
    static Result<int> currentVersion(QSqlDatabase &db);
    // Applies every migration newer than the database's version. On PostgreSQL it first
    // takes a transaction-scoped advisory lock so concurrent servers migrate one at a time.
    static Result<void> apply(QSqlDatabase &db, bool postgres);
};

} // namespace certigram
