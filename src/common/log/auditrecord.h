#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>

namespace certigram {

// Severity of an audit event, written with Python logging's level names so the file reads
// like the prototype's.
enum class AuditLevel { Debug, Info, Warning, Error, Critical };

// One line of the audit log: `LEVEL ;; yyyy-MM-dd HH:mm:ss,zzz ;; message ;; remote address`.
//
// The message and the remote address carry user-controlled text (a "number" from a
// request body, a forwarded address), so before they reach the file they are escaped by
// sanitize(): a line can never be forged and a column never added. The escaping is
// readable and reversible (unsanitize()):
//   \          → \\                      (so every escape below is unambiguous)
//   ;;         → ;\x3b                   (each ';' right after a ';': no ";;" remains)
//   C0, DEL, C1 controls (CR, LF, NUL, ESC, NEL, …) → \xNN
//   U+2028, U+2029, bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//   U+2066–U+2069) and unpaired surrogates → \uXXXX
// Everything else, other languages' text included, is kept as it is.
struct AuditRecord
{
    AuditLevel level = AuditLevel::Info;
    QDateTime timestamp; // UTC; written to the millisecond
    QString message;
    QString remoteAddress;

    // "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL".
    static QString levelName(AuditLevel level);
    static std::optional<AuditLevel> levelFromName(QStringView name);

    static QString sanitize(QStringView text);
    // The exact inverse of sanitize() on its output. Text that was never sanitized (a
    // prototype's line) is returned with only well-formed escapes decoded.
    static QString unsanitize(QStringView text);

    // A copy with message and remote address sanitized.
    AuditRecord sanitized() const;

    friend bool operator==(const AuditRecord &a, const AuditRecord &b)
    {
        return a.level == b.level && a.timestamp == b.timestamp && a.message == b.message
            && a.remoteAddress == b.remoteAddress;
    }
    friend bool operator!=(const AuditRecord &a, const AuditRecord &b) { return !(a == b); }
};

} // namespace certigram
