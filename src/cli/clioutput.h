#pragma once

#include "core/error.h"
#include "store/identity.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace certigram {

// Everything certigram-cli prints goes through here. Text mode: results on stdout,
// progress and errors on stderr. JSON mode (--json): exactly one JSON object per result
// or error on stdout, one line each (also the daemon's events), for scripts; progress is
// not printed. The field names are a stable interface (docs/cli.md).
class CliOutput
{
public:
    explicit CliOutput(bool json);
    bool isJson() const { return m_json; }

    // A result: `json` in JSON mode, `text` (may be multi-line) otherwise.
    void result(const QJsonObject &json, const QString &text) const;
    // Progress for people; silent in JSON mode.
    void progress(const QString &text) const;
    // A warning that does not fail the command: stderr in both modes.
    void warning(const QString &text) const;
    // {"error":{"code","reason","message","exitCode"}} or "certigram-cli: message".
    void error(const Error &error, int exitCode) const;

    // An identity as `list`, `show` and the results of enroll/renew/revoke describe it.
    static QJsonObject identityJson(const Identity &identity, const QDateTime &dueAt,
                                    const QDateTime &now = QDateTime::currentDateTimeUtc());
    // For people: "2026-11-28 18:00:00 UTC", "-" when invalid.
    static QString time(const QDateTime &time);
    // For JSON: RFC 3339 UTC, null when invalid.
    static QJsonValue jsonTime(const QDateTime &time);

private:
    bool m_json;
};

} // namespace certigram
