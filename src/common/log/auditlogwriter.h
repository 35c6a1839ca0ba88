#pragma once

#include "core/result.h"
#include "log/auditrecord.h"

#include <QByteArray>
#include <QFile>
#include <QMutex>
#include <QString>

namespace certigram {

// Appends audit records to a file in the prototype's format, one line per record:
//   type ;; date ;; message ;; ip_address                       (header, new files only)
//   INFO ;; 2024-05-01 12:00:00,123 ;; Token sent ;; 203.0.113.7
// Times are UTC. Message and remote address are sanitized (AuditRecord::sanitize), so a
// record is always exactly one line of four fields.
//
// Thread-safe: write() may be called from any thread. Each line goes to the file in one
// unbuffered write(2) on a descriptor opened with O_APPEND, so lines from threads of this
// process and from other processes appending to the same local file never interleave. No
// fsync per line: an audit line lost in a power cut is a smaller harm than a server
// bounded by disk latency. Failures (full disk, file removed from a read-only mount…)
// come back as Error(IoError) and never crash the caller.
class AuditLogWriter
{
public:
    AuditLogWriter();
    ~AuditLogWriter();
    AuditLogWriter(const AuditLogWriter &) = delete;
    AuditLogWriter &operator=(const AuditLogWriter &) = delete;

    // Opens `path` for appending (closing any file open before). A new file is created
    // owner read/write only (0600 on POSIX; the umask can only narrow it); an existing
    // file keeps its permissions, which are the administrator's to choose. A new or empty
    // file gets the header line (two processes creating the same file at the same instant
    // may both write it; the reader skips header lines wherever they are); a file whose last
    // line was cut short (a crash mid-write) gets a newline first, so the next record starts
    // a line of its own.
    Result<void> open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const;

    Result<void> write(const AuditRecord &record);
    // A record stamped with the current UTC time.
    Result<void> write(AuditLevel level, const QString &message, const QString &remoteAddress);

    // "type ;; date ;; message ;; ip_address\n"
    static QByteArray headerLine();
    // The UTF-8 line for a record, '\n' included, fields sanitized. Fails for a record
    // whose timestamp is invalid or outside the years 1–9999 (it would not fit the format).
    static Result<QByteArray> formatLine(const AuditRecord &record);

private:
    Result<void> writeLocked(const QByteArray &bytes);

    mutable QMutex m_mutex;
    QFile m_file;
    // A write failed after part of a line reached the file: the next line starts with a
    // newline so that it is not glued to the fragment.
    bool m_partialLine = false;
};

} // namespace certigram
