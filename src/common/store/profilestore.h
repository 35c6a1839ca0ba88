#pragma once

#include "core/result.h"
#include "store/caprofile.h"

#include <QList>
#include <QString>

namespace certigram {

// The holder's CA profiles, in one JSON file (owner-only, written atomically):
//   {"format": 1, "profiles": [CaProfile::toJson(), …]}  sorted by name.
// Writes read the file again and are serialized in the process, so two writers in one
// process never lose each other's profile; between processes the last writer wins.
class ProfileStore
{
public:
    explicit ProfileStore(const QString &path);
    const QString &path() const { return m_path; }

    // A missing file is no profile; a damaged one is an error naming the file.
    Result<QList<CaProfile>> list() const;
    // NotFound names the profiles there are.
    Result<CaProfile> profile(const QString &name) const;
    // `name` when given, else the only profile there is; an error that says what to do
    // when there is none, or several and no name.
    Result<CaProfile> resolve(const QString &name) const;
    // Adds the profile, or replaces the one of that name when `replace` (Conflict
    // otherwise: a second bootstrap must not silently change a pinned root).
    Result<void> save(const CaProfile &profile, bool replace);
    Result<void> remove(const QString &name);

private:
    Result<void> write(const QList<CaProfile> &profiles) const;

    QString m_path;
};

} // namespace certigram
