#include "log/auditlogwriter.h"

#include <QMutexLocker>

namespace certigram {

namespace {

const QLatin1String separator(" ;; ");

// Whether the file's last byte is a newline. When it cannot be read (a write-only log),
// assume it is: the newline repair is a courtesy, not a condition for writing.
bool endsWithNewline(const QString &path, qint64 size)
{
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly) || !probe.seek(size - 1))
        return true;
    char last = 0;
    return !probe.getChar(&last) || last == '\n';
}

} // namespace

AuditLogWriter::AuditLogWriter() = default;

AuditLogWriter::~AuditLogWriter()
{
    close();
}

QByteArray AuditLogWriter::headerLine()
{
    return QByteArrayLiteral("type ;; date ;; message ;; ip_address\n");
}

Result<QByteArray> AuditLogWriter::formatLine(const AuditRecord &record)
{
    if (!record.timestamp.isValid())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the audit record has no valid time"));
    const QDateTime utc = record.timestamp.toUTC();
    const int year = utc.date().year();
    if (year < 1 || year > 9999) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the audit record's year %1 is outside 1-9999").arg(year));
    }
    const QString line = AuditRecord::levelName(record.level) + separator
        + utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz")) + separator
        + AuditRecord::sanitize(record.message) + separator
        + AuditRecord::sanitize(record.remoteAddress) + QLatin1Char('\n');
    return line.toUtf8();
}

Result<void> AuditLogWriter::open(const QString &path)
{
    QMutexLocker locker(&m_mutex);
    if (m_file.isOpen())
        m_file.close();
    m_partialLine = false;
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return Error(
            ErrorCode::IoError,
            QStringLiteral("cannot open the audit log %1: %2").arg(path, m_file.errorString()));
    }

    const qint64 size = m_file.size();
    QByteArray prefix;
    if (size == 0)
        prefix = headerLine();
    else if (!endsWithNewline(path, size))
        prefix = QByteArrayLiteral("\n");
    if (!prefix.isEmpty()) {
        Result<void> written = writeLocked(prefix);
        if (!written) {
            m_file.close();
            return written.error();
        }
    }
    return {};
}

void AuditLogWriter::close()
{
    QMutexLocker locker(&m_mutex);
    m_file.close();
}

bool AuditLogWriter::isOpen() const
{
    QMutexLocker locker(&m_mutex);
    return m_file.isOpen();
}

QString AuditLogWriter::path() const
{
    QMutexLocker locker(&m_mutex);
    return m_file.fileName();
}

Result<void> AuditLogWriter::write(const AuditRecord &record)
{
    // Formatting needs no lock; only the file does.
    auto line = formatLine(record);
    if (!line)
        return line.error();
    QMutexLocker locker(&m_mutex);
    if (!m_file.isOpen())
        return Error(ErrorCode::IoError, QStringLiteral("the audit log is not open"));
    return writeLocked(*line);
}

Result<void> AuditLogWriter::write(AuditLevel level, const QString &message,
                                   const QString &remoteAddress)
{
    return write(AuditRecord{level, QDateTime::currentDateTimeUtc(), message, remoteAddress});
}

Result<void> AuditLogWriter::writeLocked(const QByteArray &bytes)
{
    // Unbuffered: QFile hands the whole line to one write(2) (retried only on a partial
    // write), so a line is never split around another writer's.
    const QByteArray data = m_partialLine ? QByteArrayLiteral("\n") + bytes : bytes;
    m_file.unsetError();
    const qint64 written = m_file.write(data);
    if (written != data.size()) {
        m_partialLine = m_partialLine || written > 0;
        return Error(ErrorCode::IoError,
                     QStringLiteral("writing the audit log %1 failed: %2")
                         .arg(m_file.fileName(), m_file.errorString()));
    }
    m_partialLine = false;
    return {};
}

} // namespace certigram
