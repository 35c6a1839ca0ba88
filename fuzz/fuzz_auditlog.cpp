// The audit log reader (log/auditlogreader.h) on the input as a log file's bytes: readText,
// the streaming read() on a QBuffer, and parseLine / unsanitize on each line.
#include "fuzzsupport.h"
#include "log/auditlogreader.h"
#include "log/auditrecord.h"

#include <QBuffer>

using namespace certigram;

CERTIGRAM_FUZZ_INIT

namespace {

void inspect(const AuditRecord &record)
{
    fuzz::use(AuditRecord::levelName(record.level));
    fuzz::use(record.timestamp);
    fuzz::use(record.message);
    // What the writer would write for this record must read back as the same record.
    const AuditRecord sanitized = record.sanitized();
    fuzz::use(AuditRecord::unsanitize(sanitized.message));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    const AuditLogReader::Contents contents = AuditLogReader::readText(input);
    for (const AuditRecord &record : contents.records)
        inspect(record);
    fuzz::use(contents.malformedLines);

    // A filter that drops every other record.
    bool keep = false;
    const AuditLogReader::Contents filtered
        = AuditLogReader::readText(input, [&keep](const AuditRecord &) { return keep = !keep; });
    if (filtered.records.size() > contents.records.size())
        fuzz::fail("a filter let more records through than there are");

    QByteArray copy(input); // QBuffer wants a mutable array
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    qint64 records = 0;
    qint64 lastLine = 0;
    const Result<void> read = AuditLogReader::read(
        buffer,
        [&](const AuditRecord &record, qint64 lineNumber) {
            inspect(record);
            ++records;
            if (lineNumber <= lastLine)
                fuzz::fail("the reader's line numbers do not increase");
            lastLine = lineNumber;
        },
        [&](qint64 lineNumber) {
            if (lineNumber <= lastLine)
                fuzz::fail("the reader's line numbers do not increase");
            lastLine = lineNumber;
        });
    fuzz::use(read.ok());
    fuzz::use(records);

    const QString text = QString::fromUtf8(input);
    for (const QStringView line : QStringView(text).split(u'\n')) {
        fuzz::use(AuditLogReader::isHeaderLine(line));
        const std::optional<AuditRecord> record = AuditLogReader::parseLine(line);
        if (record)
            inspect(*record);
        fuzz::use(AuditRecord::unsanitize(line));
        fuzz::use(AuditRecord::sanitize(line));
        fuzz::use(AuditRecord::levelFromName(line));
    }
    return 0;
}
