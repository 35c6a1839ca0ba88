#include "log/auditlogreader.h"

#include <QBuffer>
#include <QFile>
#include <QTimeZone>

namespace certigram {

namespace {

const QLatin1String separator(" ;; ");

// `count` ASCII digits at `pos` as a number, or -1.
int digitsAt(QStringView text, qsizetype pos, qsizetype count)
{
    int value = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// "yyyy-MM-dd HH:mm:ss,zzz" as UTC, strictly (QDateTime::fromString is lenient about
// widths).
QDateTime parseTimestamp(QStringView text)
{
    if (text.size() != 23 || text[4] != u'-' || text[7] != u'-' || text[10] != u' '
        || text[13] != u':' || text[16] != u':' || text[19] != u',') {
        return QDateTime();
    }
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    const int millis = digitsAt(text, 20, 3);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0)
        return QDateTime();
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, millis);
    if (!date.isValid() || !time.isValid())
        return QDateTime();
    return QDateTime(date, time, QTimeZone::utc());
}

// Reads and drops the rest of an over-long line; false on an I/O error.
bool skipRestOfLine(QIODevice &device, char *buffer, qint64 capacity)
{
    while (true) {
        const qint64 n = device.readLine(buffer, capacity);
        if (n <= 0)
            return n == 0 || device.atEnd();
        if (buffer[n - 1] == '\n')
            return true;
    }
}

} // namespace

bool AuditLogReader::isHeaderLine(QStringView line)
{
    return line == u"type ;; date ;; message ;; ip_address";
}

std::optional<AuditRecord> AuditLogReader::parseLine(QStringView line)
{
    // Exactly three separators, found left to right.
    qsizetype bounds[4] = {0, 0, 0, 0};
    qsizetype from = 0;
    for (int i = 0; i < 3; ++i) {
        const qsizetype at = line.indexOf(separator, from);
        if (at < 0)
            return std::nullopt;
        bounds[i] = at;
        from = at + separator.size();
    }
    bounds[3] = from;
    if (line.indexOf(separator, from) >= 0)
        return std::nullopt;

    const QStringView levelText = line.first(bounds[0]);
    const qsizetype timeStart = bounds[0] + separator.size();
    const QStringView timeText = line.sliced(timeStart, bounds[1] - timeStart);
    const qsizetype messageStart = bounds[1] + separator.size();
    const QStringView message = line.sliced(messageStart, bounds[2] - messageStart);
    const QStringView address = line.sliced(bounds[3]);

    const std::optional<AuditLevel> level = AuditRecord::levelFromName(levelText);
    if (!level)
        return std::nullopt;
    const QDateTime timestamp = parseTimestamp(timeText);
    if (!timestamp.isValid())
        return std::nullopt;
    return AuditRecord{*level, timestamp, message.toString(), address.toString()};
}

Result<void> AuditLogReader::read(QIODevice &device, const RecordHandler &onRecord,
                                  const MalformedHandler &onMalformed)
{
    // readLine() stores at most capacity - 1 bytes and a terminating NUL.
    const qint64 capacity = MaxLineBytes + 2;
    QByteArray buffer(capacity, Qt::Uninitialized);
    qint64 lineNumber = 0;
    const auto malformed = [&](qint64 number) {
        if (onMalformed)
            onMalformed(number);
    };
    const auto ioError = [&device] {
        return Error(ErrorCode::IoError,
                     QStringLiteral("reading the audit log failed: %1").arg(device.errorString()));
    };

    while (true) {
        // readLine() gives -1 both at the end and on an error; atEnd() tells them apart.
        const qint64 n = device.readLine(buffer.data(), capacity);
        if (n < 0 && !device.atEnd())
            return ioError();
        if (n <= 0)
            break;
        ++lineNumber;
        qint64 length = n;
        const bool complete = buffer[length - 1] == '\n';
        if (!complete && length == capacity - 1) {
            malformed(lineNumber);
            if (!skipRestOfLine(device, buffer.data(), capacity))
                return ioError();
            continue;
        }
        if (complete)
            --length;
        if (length > 0 && buffer[length - 1] == '\r')
            --length;

        const QString line = QString::fromUtf8(buffer.constData(), length);
        if (isHeaderLine(line))
            continue;
        if (std::optional<AuditRecord> record = parseLine(line))
            onRecord(*record, lineNumber);
        else
            malformed(lineNumber);
    }
    return {};
}

Result<AuditLogReader::Contents> AuditLogReader::readFile(const QString &path, const Filter &filter)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(
            ErrorCode::IoError,
            QStringLiteral("cannot open the audit log %1: %2").arg(path, file.errorString()));
    }
    Contents contents;
    Result<void> done = read(
        file,
        [&](const AuditRecord &record, qint64) {
            if (!filter || filter(record))
                contents.records.append(record);
        },
        [&](qint64 lineNumber) { contents.malformedLines.append(lineNumber); });
    if (!done)
        return done.error().withContext(path);
    return contents;
}

AuditLogReader::Contents AuditLogReader::readText(const QByteArray &text, const Filter &filter)
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    Contents contents;
    // Reading memory cannot fail.
    static_cast<void>(read(
        buffer,
        [&](const AuditRecord &record, qint64) {
            if (!filter || filter(record))
                contents.records.append(record);
        },
        [&](qint64 lineNumber) { contents.malformedLines.append(lineNumber); }));
    return contents;
}

} // namespace certigram
