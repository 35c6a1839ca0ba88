#pragma once

#include "core/result.h"
#include "log/auditrecord.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>
#include <QStringView>

#include <functional>
#include <optional>

namespace certigram {

// Reads audit logs written by AuditLogWriter or by the Python prototype back into records.
//
// A line is a record when it splits on " ;; " into exactly four fields: a level name
// (DEBUG … CRITICAL), a time "yyyy-MM-dd HH:mm:ss,zzz" (read as UTC; the prototype wrote
// local time without a zone, which cannot be recovered), the message and the remote
// address. Any other line is malformed: its 1-based number is reported and reading goes
// on. Since the writer leaves no ";;" inside a field, a prototype line with more fields is
// one whose message carried " ;; ", i.e. a forgery attempt. Header lines
// ("type ;; date ;; message ;; ip_address") are skipped wherever they appear, as files
// may have been concatenated. "\r\n" line ends are accepted.
//
// Message and address are returned as stored (escaped, safe to display); use
// AuditRecord::unsanitize() for the original text.
//
// Reading streams line by line: memory stays bounded by the records kept, whatever the
// file's size. A line longer than MaxLineBytes is malformed and skipped without being
// held in memory.
class AuditLogReader
{
public:
    static constexpr qint64 MaxLineBytes = 1024 * 1024;

    struct Contents
    {
        QList<AuditRecord> records;
        QList<qint64> malformedLines; // 1-based line numbers
    };

    // Decides which records to keep; all are kept without one.
    using Filter = std::function<bool(const AuditRecord &record)>;
    using RecordHandler = std::function<void(const AuditRecord &record, qint64 lineNumber)>;
    using MalformedHandler = std::function<void(qint64 lineNumber)>;

    static Result<Contents> readFile(const QString &path, const Filter &filter = {});
    static Contents readText(const QByteArray &text, const Filter &filter = {});

    // The streaming core: calls onRecord for each record and onMalformed (if given) for
    // each malformed line, from the device's current position to its end. Fails only when
    // the device does (an I/O error); what was read before is already delivered.
    static Result<void> read(QIODevice &device, const RecordHandler &onRecord,
                             const MalformedHandler &onMalformed = {});

    // One line without its line end; std::nullopt when it is not a record.
    static std::optional<AuditRecord> parseLine(QStringView line);
    static bool isHeaderLine(QStringView line);
};

} // namespace certigram
