#include "log/auditlogreader.h"
#include "log/auditlogwriter.h"
#include "log/auditrecord.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <thread>
#include <vector>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace certigram;
using namespace Qt::StringLiterals;

namespace {

const QDateTime realTime(QDate(2024, 5, 1), QTime(12, 34, 56, 789), QTimeZone::utc());
const QString realAddress = u"203.0.113.7"_s;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

bool canCreateFileIn(const QString &directory)
{
    QFile probe(directory + u"/probe"_s);
    if (!probe.open(QIODevice::WriteOnly))
        return false;
    probe.close();
    probe.remove();
    return true;
}

// Injection attempts: each must stay one record of one line.
QList<QPair<const char *, QString>> injections()
{
    return {
        {"separator", u"a ;; b"_s},
        {"bare separator", u";;"_s},
        {"triple semicolon", u"x;;;y"_s},
        {"LF", u"a\nb"_s},
        {"CR", u"a\rb"_s},
        {"CRLF", u"a\r\nb"_s},
        {"ANSI escape", u"\x1b[31mred\x1b[0m"_s},
        {"line separator", u"a\u2028b"_s},
        {"paragraph separator", u"a\u2029b"_s},
        {"NUL", u"a\u0000b"_s},
        {"NEL", u"a\u0085b"_s},
        {"vertical tab and form feed", u"a\u000b\u000cb"_s},
        {"DEL", u"a\u007fb"_s},
        {"right-to-left override", u"user\u202egnp.exe"_s},
        {"isolates", u"\u2066a\u2069\u2067b\u2069"_s},
        {"backslash escapes", u"\\x0a and \\\\ and \\u2028"_s},
        {"lone surrogate", QString(QChar(0xd800)) + u"x"_s},
        {"forged line",
         u"x ;; 2020-01-01 00:00:00,000 ;; forged ;; 1.2.3.4\nINFO ;; 2020-01-01 00:00:00,000 ;; "
         u"Token sent ;; 1.2.3.4"_s},
        {"forged header", u"\ntype ;; date ;; message ;; ip_address\n"_s},
        {"trailing separator", u"x ;;"_s},
        {"leading separator", u";; x"_s},
        {"spaces", u"  padded  "_s},
        {"empty", QString()},
        {"emoji and accents", u"h\u00e9llo \U0001F600"_s},
    };
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private slots:
    void levelNames();
    void formatLineIsThePrototypeFormat();
    void formatLineRefusesInvalidTimes();
    void sanitizeEscapes_data();
    void sanitizeEscapes();
    void injectionStaysOneRecord_data();
    void injectionStaysOneRecord();
    void headerWrittenOnce();
    void emptyFileGetsHeader();
    void cutShortLastLineIsRepaired();
    void newFileIsOwnerOnly();
    void readerReportsMalformedLines();
    void readerSkipsOverlongLines();
    void readerParsesPrototypeLines();
    void readerFilters();
    void readerStreamsFromDevice();
    void concurrentWritersDoNotInterleave_data();
    void concurrentWritersDoNotInterleave();
    void readOnlyDirectoryGivesError();
    void fullDiskGivesError();
    void writeWhenClosedGivesError();
    void missingFileGivesError();
};

void TestAuditLog::levelNames()
{
    const QList<QPair<AuditLevel, QString>> names = {
        {AuditLevel::Debug, u"DEBUG"_s},       {AuditLevel::Info, u"INFO"_s},
        {AuditLevel::Warning, u"WARNING"_s},   {AuditLevel::Error, u"ERROR"_s},
        {AuditLevel::Critical, u"CRITICAL"_s},
    };
    for (const auto &[level, name] : names) {
        QCOMPARE(AuditRecord::levelName(level), name);
        QCOMPARE(AuditRecord::levelFromName(name), std::optional<AuditLevel>(level));
    }
    QVERIFY(!AuditRecord::levelFromName(u"info").has_value());
    QVERIFY(!AuditRecord::levelFromName(u"WARN").has_value());
    QVERIFY(!AuditRecord::levelFromName(u"type").has_value());
}

void TestAuditLog::formatLineIsThePrototypeFormat()
{
    auto line = AuditLogWriter::formatLine(
        AuditRecord{AuditLevel::Info, realTime, u"Token sent"_s, realAddress});
    QVERIFY(line.ok());
    QCOMPARE(*line, QByteArray("INFO ;; 2024-05-01 12:34:56,789 ;; Token sent ;; 203.0.113.7\n"));
    QCOMPARE(AuditLogWriter::headerLine(), QByteArray("type ;; date ;; message ;; ip_address\n"));

    // Written in UTC whatever zone the time came in.
    const QDateTime berlin(QDate(2024, 5, 1), QTime(14, 34, 56, 789), QTimeZone(7200));
    auto converted
        = AuditLogWriter::formatLine(AuditRecord{AuditLevel::Warning, berlin, u"m"_s, u"::1"_s});
    QVERIFY(converted.ok());
    QCOMPARE(*converted, QByteArray("WARNING ;; 2024-05-01 12:34:56,789 ;; m ;; ::1\n"));
}

void TestAuditLog::formatLineRefusesInvalidTimes()
{
    QVERIFY(!AuditLogWriter::formatLine(AuditRecord{AuditLevel::Info, QDateTime(), u"m"_s, u"a"_s})
                 .ok());
    const QDateTime farFuture(QDate(10000, 1, 1), QTime(0, 0), QTimeZone::utc());
    auto refused
        = AuditLogWriter::formatLine(AuditRecord{AuditLevel::Info, farFuture, u"m"_s, u"a"_s});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code(), ErrorCode::InvalidInput);
}

void TestAuditLog::sanitizeEscapes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"Token sent to 123"_s << u"Token sent to 123"_s;
    QTest::newRow("single semicolons kept") << u"a; b ;c"_s << u"a; b ;c"_s;
    QTest::newRow(";;") << u"a;;b"_s << u"a;\\x3bb"_s;
    QTest::newRow(";;;") << u";;;"_s << u";\\x3b\\x3b"_s;
    QTest::newRow("separator") << u"a ;; b"_s << u"a ;\\x3b b"_s;
    QTest::newRow("LF") << u"\n"_s << u"\\x0a"_s;
    QTest::newRow("CR") << u"\r"_s << u"\\x0d"_s;
    QTest::newRow("CRLF") << u"\r\n"_s << u"\\x0d\\x0a"_s;
    QTest::newRow("NUL") << QString(QChar(0)) << u"\\x00"_s;
    QTest::newRow("ESC") << u"\x1b[31m"_s << u"\\x1b[31m"_s;
    QTest::newRow("tab") << u"\t"_s << u"\\x09"_s;
    QTest::newRow("DEL") << u"\u007f"_s << u"\\x7f"_s;
    QTest::newRow("NEL (C1)") << u"\u0085"_s << u"\\x85"_s;
    QTest::newRow("U+2028") << u"\u2028"_s << u"\\u2028"_s;
    QTest::newRow("U+2029") << u"\u2029"_s << u"\\u2029"_s;
    QTest::newRow("RLO") << u"\u202e"_s << u"\\u202e"_s;
    QTest::newRow("LRM") << u"\u200e"_s << u"\\u200e"_s;
    QTest::newRow("ALM") << u"\u061c"_s << u"\\u061c"_s;
    QTest::newRow("FSI") << u"\u2068"_s << u"\\u2068"_s;
    QTest::newRow("backslash") << u"\\"_s << u"\\\\"_s;
    QTest::newRow("escape look-alike") << u"\\x0a"_s << u"\\\\x0a"_s;
    QTest::newRow("lone high surrogate") << QString(QChar(0xd83d)) << u"\\ud83d"_s;
    QTest::newRow("lone low surrogate") << QString(QChar(0xde00)) << u"\\ude00"_s;
    QTest::newRow("emoji kept") << u"\U0001F600"_s << u"\U0001F600"_s;
    QTest::newRow("accents kept") << u"h\u00e9llo"_s << u"h\u00e9llo"_s;
    QTest::newRow("Cyrillic kept")
        << u"\u043f\u0440\u0438\u0432\u0435\u0442"_s << u"\u043f\u0440\u0438\u0432\u0435\u0442"_s;
}

void TestAuditLog::sanitizeEscapes()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString sanitized = AuditRecord::sanitize(input);
    QCOMPARE(sanitized, expected);
    QVERIFY(!sanitized.contains(u";;"_s));
    for (const QChar c : sanitized)
        QVERIFY(c.unicode() >= 0x20 && c.unicode() != 0x7f);
    QCOMPARE(AuditRecord::unsanitize(sanitized), input);
}

void TestAuditLog::injectionStaysOneRecord_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<bool>("inAddress");
    for (const auto &[label, payload] : injections()) {
        QTest::addRow("message: %s", label) << payload << false;
        QTest::addRow("address: %s", label) << payload << true;
    }
}

void TestAuditLog::injectionStaysOneRecord()
{
    QFETCH(QString, payload);
    QFETCH(bool, inAddress);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"audit.log"_s);

    const AuditRecord written{AuditLevel::Warning, realTime,
                              inAddress ? u"Invalid number"_s : u"Invalid number "_s + payload,
                              inAddress ? payload : realAddress};
    AuditLogWriter writer;
    QVERIFY(writer.open(path).ok());
    QVERIFY(writer.write(written).ok());
    writer.close();

    const QByteArray bytes = readAll(path);
    QCOMPARE(bytes.count('\n'), 2); // the header and the record
    QVERIFY(!bytes.contains('\r'));
    QCOMPARE(bytes.count(";;"), 6); // three separators on each line

    auto contents = AuditLogReader::readFile(path);
    QVERIFY(contents.ok());
    QCOMPARE(contents->malformedLines, QList<qint64>());
    QCOMPARE(contents->records.size(), 1);
    const AuditRecord &read = contents->records.first();
    QCOMPARE(read.level, AuditLevel::Warning);
    QCOMPARE(read.timestamp, realTime);
    QCOMPARE(read, written.sanitized());
    QCOMPARE(AuditRecord::unsanitize(read.message), written.message);
    QCOMPARE(AuditRecord::unsanitize(read.remoteAddress), written.remoteAddress);
    if (!inAddress)
        QCOMPARE(read.remoteAddress, realAddress);
}

void TestAuditLog::headerWrittenOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"audit.log"_s);
    {
        AuditLogWriter writer;
        QVERIFY(writer.open(path).ok());
        QCOMPARE(writer.path(), path);
        QVERIFY(writer.write(AuditLevel::Info, u"first"_s, realAddress).ok());
    }
    {
        AuditLogWriter writer;
        QVERIFY(writer.open(path).ok());
        QVERIFY(writer.write(AuditLevel::Info, u"second"_s, realAddress).ok());
        // Reopening the same writer appends too.
        QVERIFY(writer.open(path).ok());
        QVERIFY(writer.write(AuditLevel::Info, u"third"_s, realAddress).ok());
    }
    const QList<QByteArray> lines = readAll(path).split('\n');
    QCOMPARE(lines.size(), 5); // header, three records, and the empty rest after the last '\n'
    QCOMPARE(lines.first() + '\n', AuditLogWriter::headerLine());
    QCOMPARE(lines.count(lines.first()), 1);
    QVERIFY(lines.last().isEmpty());

    auto contents = AuditLogReader::readFile(path);
    QVERIFY(contents.ok());
    QCOMPARE(contents->records.size(), 3);
    QCOMPARE(contents->records.at(0).message, u"first"_s);
    QCOMPARE(contents->records.at(2).message, u"third"_s);
    // write(level, …) stamps the current time.
    QVERIFY(qAbs(contents->records.at(0).timestamp.secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

void TestAuditLog::emptyFileGetsHeader()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"audit.log"_s);
    QFile empty(path);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();

    AuditLogWriter writer;
    QVERIFY(writer.open(path).ok());
    QVERIFY(writer.write(AuditRecord{AuditLevel::Info, realTime, u"m"_s, realAddress}).ok());
    writer.close();
    QVERIFY(readAll(path).startsWith(AuditLogWriter::headerLine()));
}

void TestAuditLog::cutShortLastLineIsRepaired()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"audit.log"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("INFO ;; 2024-05-01 12:00:00,000 ;; cut sh"); // a crash mid-line
    file.close();

    AuditLogWriter writer;
    QVERIFY(writer.open(path).ok());
    QVERIFY(writer.write(AuditRecord{AuditLevel::Error, realTime, u"after"_s, realAddress}).ok());
    writer.close();

    auto contents = AuditLogReader::readFile(path);
    QVERIFY(contents.ok());
    QCOMPARE(contents->malformedLines, QList<qint64>({1}));
    QCOMPARE(contents->records.size(), 1);
    QCOMPARE(contents->records.first().message, u"after"_s);
    QVERIFY(!readAll(path).startsWith("type")); // an existing file gets no header
}

void TestAuditLog::newFileIsOwnerOnly()
{
#ifdef Q_OS_UNIX
    QTemporaryDir dir;
    const QString path = dir.filePath(u"audit.log"_s);
    AuditLogWriter writer;
    QVERIFY(writer.open(path).ok());
    struct stat info
    { };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));

    // An existing file keeps the mode its administrator gave it.
    writer.close();
    QVERIFY(QFile::setPermissions(
        path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    QVERIFY(writer.open(path).ok());
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0640));
#else
    QSKIP("POSIX permissions only");
#endif
}

void TestAuditLog::readerReportsMalformedLines()
{
    const QByteArray text = "type ;; date ;; message ;; ip_address\n" // 1 header
                            "INFO ;; 2024-05-01 12:00:00,000 ;; good ;; 1.2.3.4\n" // 2
                            "garbage\n" // 3
                            "INFO ;; 2024-05-01 12:00:00,000 ;; a ;; b ;; c\n" // 4 five fields
                            "TRACE ;; 2024-05-01 12:00:00,000 ;; level ;; 1.2.3.4\n" // 5
                            "info ;; 2024-05-01 12:00:00,000 ;; lower ;; 1.2.3.4\n" // 6
                            "INFO ;; 2024-13-01 12:00:00,000 ;; month ;; 1.2.3.4\n" // 7
                            "INFO ;; 2024-05-01 12:00:00 ;; no millis ;; 1.2.3.4\n" // 8
                            "INFO ;; 2024-05-01T12:00:00,000 ;; T ;; 1.2.3.4\n" // 9
                            "\n" // 10 empty
                            "ERROR ;; 2024-05-01 12:00:01,500 ;; windows ;; 5.6.7.8\r\n" // 11
                            "INFO ;; 2024-05-01 12:00:00,000 ;; three fields\n" // 12
                            "INFO;;2024-05-01 12:00:00,000;;tight;;1.2.3.4\n" // 13
                            "type ;; date ;; message ;; ip_address\n" // 14 header again
                            "CRITICAL ;; 2024-05-01 12:00:02,000 ;;  ;; \n" // 15 empty fields
                            "WARNING ;; 2024-05-01 12:00:03,000 ;; no newline at end ;; ::1";
    const AuditLogReader::Contents contents = AuditLogReader::readText(text);
    QCOMPARE(contents.malformedLines, QList<qint64>({3, 4, 5, 6, 7, 8, 9, 10, 12, 13}));
    QCOMPARE(contents.records.size(), 4);
    QCOMPARE(contents.records.at(0).message, u"good"_s);
    QCOMPARE(contents.records.at(1).level, AuditLevel::Error);
    QCOMPARE(contents.records.at(1).remoteAddress, u"5.6.7.8"_s);
    QCOMPARE(contents.records.at(1).timestamp,
             QDateTime(QDate(2024, 5, 1), QTime(12, 0, 1, 500), QTimeZone::utc()));
    QCOMPARE(contents.records.at(2).level, AuditLevel::Critical);
    QVERIFY(contents.records.at(2).message.isEmpty());
    QVERIFY(contents.records.at(2).remoteAddress.isEmpty());
    QCOMPARE(contents.records.at(3).remoteAddress, u"::1"_s);
}

void TestAuditLog::readerSkipsOverlongLines()
{
    QByteArray text = "INFO ;; 2024-05-01 12:00:00,000 ;; before ;; 1.2.3.4\n";
    text += "INFO ;; 2024-05-01 12:00:00,000 ;; "
        + QByteArray(3 * AuditLogReader::MaxLineBytes, 'x') + " ;; 1.2.3.4\n";
    text += "INFO ;; 2024-05-01 12:00:00,000 ;; after ;; 1.2.3.4\n";
    // Exactly at the limit is still a line.
    const QByteArray prefix = "INFO ;; 2024-05-01 12:00:00,000 ;; ";
    const QByteArray suffix = " ;; 1.2.3.4";
    text += prefix + QByteArray(AuditLogReader::MaxLineBytes - prefix.size() - suffix.size(), 'y')
        + suffix + '\n';
    const AuditLogReader::Contents contents = AuditLogReader::readText(text);
    QCOMPARE(contents.malformedLines, QList<qint64>({2}));
    QCOMPARE(contents.records.size(), 3);
    QCOMPARE(contents.records.at(1).message, u"after"_s);
    QCOMPARE(contents.records.at(2).message.size(),
             AuditLogReader::MaxLineBytes - prefix.size() - suffix.size());
}

void TestAuditLog::readerParsesPrototypeLines()
{
    // As the Python prototype wrote them (logging format "%(levelname)s ;; %(asctime)s ;;
    // %(message)s", messages ending in " ;; <address>"), including a line forged through
    // its unescaped "number": the forgery shows up as malformed, not as a record.
    const QByteArray text = "type ;; date ;; message ;; ip_address\n"
                            "INFO ;; 2023-03-14 10:22:01,123 ;; Token sent ;; 192.168.1.10\n"
                            "WARNING ;; 2023-03-14 10:22:05,001 ;; Error, multiple token requests "
                            ";; 192.168.1.10\n"
                            "WARNING ;; 2023-03-14 10:22:09,999 ;; Error, invalid number 1 ;; "
                            "2020-01-01 00:00:00,000 ;; forged ;; 10.0.0.1\n";
    const AuditLogReader::Contents contents = AuditLogReader::readText(text);
    QCOMPARE(contents.records.size(), 2);
    QCOMPARE(contents.records.at(1).message, u"Error, multiple token requests"_s);
    QCOMPARE(contents.malformedLines, QList<qint64>({4}));
}

void TestAuditLog::readerFilters()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"audit.log"_s);
    AuditLogWriter writer;
    QVERIFY(writer.open(path).ok());
    for (int i = 0; i < 100; ++i) {
        const AuditLevel level = i % 10 == 0 ? AuditLevel::Warning : AuditLevel::Info;
        QVERIFY(
            writer.write(AuditRecord{level, realTime.addSecs(i), u"event %1"_s.arg(i), realAddress})
                .ok());
    }
    writer.close();
    auto warnings = AuditLogReader::readFile(
        path, [](const AuditRecord &record) { return record.level >= AuditLevel::Warning; });
    QVERIFY(warnings.ok());
    QCOMPARE(warnings->records.size(), 10);
    QCOMPARE(warnings->records.at(3).message, u"event 30"_s);
    QCOMPARE(warnings->records.at(3).timestamp, realTime.addSecs(30));
}

void TestAuditLog::readerStreamsFromDevice()
{
    QByteArray text = AuditLogWriter::headerLine();
    for (int i = 0; i < 20000; ++i) {
        auto line = AuditLogWriter::formatLine(
            AuditRecord{AuditLevel::Info, realTime, u"n%1"_s.arg(i), realAddress});
        QVERIFY(line.ok());
        text += *line;
    }
    QBuffer device(&text);
    QVERIFY(device.open(QIODevice::ReadOnly));
    qint64 count = 0;
    qint64 lastLine = 0;
    auto done = AuditLogReader::read(device, [&](const AuditRecord &record, qint64 lineNumber) {
        QCOMPARE(record.message, u"n%1"_s.arg(count));
        ++count;
        lastLine = lineNumber;
    });
    QVERIFY(done.ok());
    QCOMPARE(count, 20000);
    QCOMPARE(lastLine, 20001);
}

void TestAuditLog::concurrentWritersDoNotInterleave_data()
{
    QTest::addColumn<bool>("sharedWriter");
    QTest::newRow("one writer, four threads") << true;
    QTest::newRow("a writer per thread (as separate processes)") << false;
}

void TestAuditLog::concurrentWritersDoNotInterleave()
{
    QFETCH(bool, sharedWriter);
    constexpr int threads = 4;
    constexpr int perThread = 1000;
    QTemporaryDir dir;
    const QString path = dir.filePath(u"audit.log"_s);

    std::vector<std::unique_ptr<AuditLogWriter>> writers;
    for (int t = 0; t < (sharedWriter ? 1 : threads); ++t) {
        writers.push_back(std::make_unique<AuditLogWriter>());
        QVERIFY(writers.back()->open(path).ok());
    }
    QAtomicInt failures = 0;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        AuditLogWriter *writer = writers.at(sharedWriter ? 0 : t).get();
        workers.emplace_back([writer, t, &failures] {
            // Long, multi-byte messages make a torn write likely if writes were not atomic.
            const QString padding(200, QChar(0x00e9));
            for (int i = 0; i < perThread; ++i) {
                const QString message = u"thread %1 record %2 ;; %3"_s.arg(t).arg(i).arg(padding);
                if (!writer->write(AuditLevel::Info, message, u"10.0.0.%1"_s.arg(t)).ok())
                    failures.fetchAndAddRelaxed(1);
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    writers.clear();
    QCOMPARE(failures.loadRelaxed(), 0);

    auto contents = AuditLogReader::readFile(path);
    QVERIFY(contents.ok());
    QCOMPARE(contents->malformedLines, QList<qint64>());
    QCOMPARE(contents->records.size(), threads * perThread);
    QSet<QString> seen;
    for (const AuditRecord &record : contents->records) {
        const QString message = AuditRecord::unsanitize(record.message);
        QVERIFY(message.endsWith(QString(200, QChar(0x00e9))));
        seen.insert(message.section(u" ;; "_s, 0, 0));
    }
    QCOMPARE(seen.size(), threads * perThread);
    // Header, then one line per record: no extra headers from the writers racing at start.
    QCOMPARE(readAll(path).count('\n'), threads * perThread + 1);
}

void TestAuditLog::readOnlyDirectoryGivesError()
{
    QTemporaryDir dir;
    const QString readOnly = dir.filePath(u"read-only"_s);
    QVERIFY(QDir().mkdir(readOnly));
    QVERIFY(QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    QString path = readOnly + u"/audit.log"_s;
    // Mode bits do not stop a privileged user (root in a container): use a directory the
    // kernel never lets anyone create files in instead.
    if (canCreateFileIn(readOnly)) {
        if (!QFileInfo(u"/proc/self"_s).exists())
            QSKIP("running privileged and no /proc: no read-only directory to try");
        path = u"/proc/certigram-audit.log"_s;
    }

    AuditLogWriter writer;
    auto opened = writer.open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code(), ErrorCode::IoError);
    QVERIFY2(opened.error().message().contains(path), qPrintable(opened.error().message()));
    QVERIFY(!writer.isOpen());
    auto written = writer.write(AuditLevel::Info, u"m"_s, realAddress);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code(), ErrorCode::IoError);
    QVERIFY(QFile::setPermissions(
        readOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

void TestAuditLog::fullDiskGivesError()
{
    // /dev/full answers every write with ENOSPC.
    if (!QFileInfo::exists(u"/dev/full"_s))
        QSKIP("no /dev/full on this system");
    AuditLogWriter writer;
    auto opened = writer.open(u"/dev/full"_s);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code(), ErrorCode::IoError);
    QVERIFY2(opened.error().message().contains(u"/dev/full"_s),
             qPrintable(opened.error().message()));
    QVERIFY(!writer.isOpen());
}

void TestAuditLog::writeWhenClosedGivesError()
{
    AuditLogWriter writer;
    QVERIFY(!writer.isOpen());
    QVERIFY(!writer.write(AuditLevel::Info, u"m"_s, realAddress).ok());
    QTemporaryDir dir;
    QVERIFY(writer.open(dir.filePath(u"audit.log"_s)).ok());
    writer.close();
    QVERIFY(!writer.write(AuditLevel::Info, u"m"_s, realAddress).ok());
}

void TestAuditLog::missingFileGivesError()
{
    QTemporaryDir dir;
    auto contents = AuditLogReader::readFile(dir.filePath(u"none.log"_s));
    QVERIFY(!contents.ok());
    QCOMPARE(contents.error().code(), ErrorCode::IoError);
    // A directory is not a log either.
    AuditLogWriter writer;
    QVERIFY(!writer.open(dir.path()).ok());
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
