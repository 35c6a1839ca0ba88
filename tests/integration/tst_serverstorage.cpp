#include "db/coderequestquotastore.h"
#include "db/database.h"
#include "db/expiredrecordcleaner.h"
#include "db/migrations.h"
#include "db/pendingcodestore.h"
#include "db/usedtokenstore.h"
#include "postgresserver.h"

#include <QAtomicInt>
#include <QFileInfo>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QtTest>

#include <functional>

#include <array>
#include <memory>
#include <stdexcept>

using namespace certigram;

// The server's storage on both back ends: SQLite (the embedded default) and a real
// PostgreSQL cluster that this test starts on loopback.
class TestServerStorage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void databaseUrls();
    void migratesOnceAndIsIdempotent_data() { backends(); }
    void migratesOnceAndIsIdempotent();
    void onePendingCodePerSubjectAndPurpose_data() { backends(); }
    void onePendingCodePerSubjectAndPurpose();
    void wrongCodesSpendAttempts_data() { backends(); }
    void wrongCodesSpendAttempts();
    void rightCodeIsConsumedOnce_data() { backends(); }
    void rightCodeIsConsumedOnce();
    void expiredCodesAreNotAcceptedAndAreCleaned_data() { backends(); }
    void expiredCodesAreNotAcceptedAndAreCleaned();
    void injectionStringsAreData_data() { backends(); }
    void injectionStringsAreData();
    void concurrentRequestsStoreOneCode_data() { backends(); }
    void concurrentRequestsStoreOneCode();
    void codeRequestQuotasHoldAcrossInstances_data() { backends(); }
    void codeRequestQuotasHoldAcrossInstances();
    void tokenIdsAreUsedOnce_data() { backends(); }
    void tokenIdsAreUsedOnce();
    void concurrentWritesFailAlone_data() { backends(); }
    void concurrentWritesFailAlone();
    void sqliteFileIsOwnerOnly();
    void sqliteLogIsCopiedInTheBackground();
    void databaseGoesRightAfterItsThreads();
    void cleanerDeletesExpiredRecords_data() { backends(); }
    void cleanerDeletesExpiredRecords();

private:
    void backends();
    PendingCode code(const QString &subject, const QByteArray &hash, int attempts = 5) const;

    certigram::test::PostgresServer m_postgres;
    QTemporaryDir m_dir;
    int m_databaseCounter = 0;
    std::unique_ptr<Database> m_database;
    QDateTime m_now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
};

namespace {

// Runs body(0 … count-1) on `count` threads at once; false when one has not finished within
// `timeoutMs` (that thread is left running rather than destroyed).
bool raceOnThreads(int count, const std::function<void(int)> &body, int timeoutMs = 120000)
{
    QList<QThread *> threads;
    for (int t = 0; t < count; ++t)
        threads << QThread::create(body, t);
    for (QThread *thread : threads)
        thread->start();
    bool finished = true;
    for (QThread *thread : threads) {
        if (thread->wait(timeoutMs))
            delete thread;
        else
            finished = false;
    }
    return finished;
}

} // namespace

void TestServerStorage::initTestCase()
{
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.errorString()));
}

void TestServerStorage::cleanupTestCase()
{
    m_postgres.stop();
}

void TestServerStorage::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

void TestServerStorage::init()
{
    // A fresh database per test function and row.
    ++m_databaseCounter;
    QString backend = QStringLiteral("sqlite");
    if (QTest::currentDataTag() && QByteArray(QTest::currentDataTag()) == "postgres")
        backend = QStringLiteral("postgres");
    if (backend == QLatin1String("sqlite")) {
        m_database = std::make_unique<Database>(DatabaseConfig::sqlite(
            m_dir.filePath(QStringLiteral("db%1/certigram.db").arg(m_databaseCounter))));
    } else {
        auto admin = DatabaseConfig::fromUrl(m_postgres.url());
        QVERIFY(admin.ok());
        {
            Database postgres(admin.value());
            auto db = postgres.connection();
            QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message()));
            QSqlQuery create(db.value());
            QVERIFY(create.exec(QStringLiteral("CREATE DATABASE test%1").arg(m_databaseCounter)));
        }
        auto config
            = DatabaseConfig::fromUrl(QStringLiteral("postgresql://certigram@127.0.0.1:%1/test%2")
                                          .arg(m_postgres.port())
                                          .arg(m_databaseCounter));
        QVERIFY(config.ok());
        m_database = std::make_unique<Database>(config.value());
    }
    auto migrated = m_database->migrate();
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message()));
}

void TestServerStorage::cleanup()
{
    m_database.reset();
}

PendingCode TestServerStorage::code(const QString &subject, const QByteArray &hash,
                                    int attempts) const
{
    PendingCode pending;
    pending.subject = subject;
    pending.purpose = QStringLiteral("enroll");
    pending.codeHash = hash;
    pending.attemptsLeft = attempts;
    pending.createdAt = m_now;
    pending.expiresAt = m_now.addSecs(300);
    pending.resendAfter = m_now.addSecs(60);
    return pending;
}

void TestServerStorage::databaseUrls()
{
    auto postgres
        = DatabaseConfig::fromUrl(QStringLiteral("postgresql://ra:p%40ss@db.example:6543/certs"));
    QVERIFY(postgres.ok());
    QCOMPARE(postgres->backend(), DatabaseConfig::Backend::Postgres);
    QCOMPARE(postgres->host(), QStringLiteral("db.example"));
    QCOMPARE(postgres->port(), 6543);
    QCOMPARE(postgres->user(), QStringLiteral("ra"));
    QCOMPARE(postgres->password(), QStringLiteral("p@ss"));
    QCOMPARE(postgres->databaseName(), QStringLiteral("certs"));
    QVERIFY(!postgres->redacted().contains(QStringLiteral("ss")));

    auto sqlite = DatabaseConfig::fromUrl(QStringLiteral("sqlite:///var/lib/certigram/db.sqlite"));
    QVERIFY(sqlite.ok());
    QCOMPARE(sqlite->sqlitePath(), QStringLiteral("/var/lib/certigram/db.sqlite"));
    QVERIFY(!sqlite->sqliteSynchronousFull());
    auto durable = DatabaseConfig::fromUrl(QStringLiteral("sqlite:///srv/ca.db?synchronous=full"));
    QVERIFY(durable.ok());
    QCOMPARE(durable->sqlitePath(), QStringLiteral("/srv/ca.db"));
    QVERIFY(durable->sqliteSynchronousFull());
    QVERIFY(!DatabaseConfig::fromUrl(QStringLiteral("sqlite:///srv/ca.db?synchronous=off")).ok());

    QVERIFY(!DatabaseConfig::fromUrl(QStringLiteral("mysql://root@localhost/x")).ok());
    QVERIFY(!DatabaseConfig::fromUrl(QStringLiteral("postgresql://host-only")).ok());
    QVERIFY(!DatabaseConfig::fromUrl(QStringLiteral("sqlite:")).ok());
}

void TestServerStorage::migratesOnceAndIsIdempotent()
{
    auto version = m_database->schemaVersion();
    QVERIFY(version.ok());
    QCOMPARE(version.value(), Migrations::latestVersion());
    QVERIFY(m_database->migrate().ok());
    auto db = m_database->connection();
    QVERIFY(db.ok());
    QSqlQuery count(db.value());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")) && count.next());
    QCOMPARE(count.value(0).toInt(), Migrations::latestVersion());
}

void TestServerStorage::onePendingCodePerSubjectAndPurpose()
{
    PendingCodeStore store(*m_database);
    QVERIFY(store.insert(code(QStringLiteral("123456789"), "hash-1"), m_now).ok());

    PendingCode existing;
    auto second = store.insert(code(QStringLiteral("123456789"), "hash-2"), m_now, &existing);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code(), ErrorCode::Conflict);
    QCOMPARE(existing.codeHash, QByteArray("hash-1"));
    QCOMPARE(existing.expiresAt, m_now.addSecs(300));

    // Another purpose or another subject is independent.
    PendingCode revoke = code(QStringLiteral("123456789"), "hash-3");
    revoke.purpose = QStringLiteral("revoke");
    QVERIFY(store.insert(revoke, m_now).ok());
    QVERIFY(store.insert(code(QStringLiteral("987654321"), "hash-4"), m_now).ok());

    // Past the resend time, a new request replaces the pending code.
    PendingCode resent = code(QStringLiteral("987654321"), "hash-resent");
    QVERIFY(store.insert(resent, m_now.addSecs(61)).ok());
    auto replaced
        = store.check(QStringLiteral("987654321"), QStringLiteral("enroll"), m_now.addSecs(62),
                      [](const QByteArray &hash) { return hash == "hash-resent"; });
    QCOMPARE(replaced->outcome, CodeCheck::Outcome::Accepted);

    // Released (delivery failed): the subject may ask again at once.
    QVERIFY(store.release(QStringLiteral("123456789"), QStringLiteral("enroll")).ok());
    QVERIFY(store.insert(code(QStringLiteral("123456789"), "hash-5"), m_now).ok());
}

void TestServerStorage::wrongCodesSpendAttempts()
{
    PendingCodeStore store(*m_database);
    QVERIFY(store.insert(code(QStringLiteral("42"), "right", 3), m_now).ok());
    const auto wrong = [](const QByteArray &) { return false; };
    auto first = store.check(QStringLiteral("42"), QStringLiteral("enroll"), m_now, wrong);
    QVERIFY(first.ok());
    QCOMPARE(first->outcome, CodeCheck::Outcome::WrongCode);
    QCOMPARE(first->attemptsLeft, 2);
    auto second = store.check(QStringLiteral("42"), QStringLiteral("enroll"), m_now, wrong);
    QCOMPARE(second->outcome, CodeCheck::Outcome::WrongCode);
    QCOMPARE(second->attemptsLeft, 1);
    auto third = store.check(QStringLiteral("42"), QStringLiteral("enroll"), m_now, wrong);
    QCOMPARE(third->outcome, CodeCheck::Outcome::Exhausted);
    // Burned: even the right code is refused now.
    auto after = store.check(QStringLiteral("42"), QStringLiteral("enroll"), m_now,
                             [](const QByteArray &hash) { return hash == "right"; });
    QCOMPARE(after->outcome, CodeCheck::Outcome::NoCode);
}

void TestServerStorage::rightCodeIsConsumedOnce()
{
    PendingCodeStore store(*m_database);
    QVERIFY(store.insert(code(QStringLiteral("42"), "right"), m_now).ok());
    const auto right = [](const QByteArray &hash) { return hash == "right"; };
    auto first = store.check(QStringLiteral("42"), QStringLiteral("enroll"), m_now, right);
    QVERIFY(first.ok());
    QCOMPARE(first->outcome, CodeCheck::Outcome::Accepted);
    auto again = store.check(QStringLiteral("42"), QStringLiteral("enroll"), m_now, right);
    QCOMPARE(again->outcome, CodeCheck::Outcome::NoCode);
    // The purpose must match too.
    QVERIFY(store.insert(code(QStringLiteral("43"), "right"), m_now).ok());
    auto otherPurpose = store.check(QStringLiteral("43"), QStringLiteral("revoke"), m_now, right);
    QCOMPARE(otherPurpose->outcome, CodeCheck::Outcome::NoCode);
}

void TestServerStorage::expiredCodesAreNotAcceptedAndAreCleaned()
{
    PendingCodeStore store(*m_database);
    QVERIFY(store.insert(code(QStringLiteral("1"), "right"), m_now).ok());
    QVERIFY(store.insert(code(QStringLiteral("2"), "right"), m_now).ok());
    PendingCode later = code(QStringLiteral("3"), "right");
    later.expiresAt = m_now.addSecs(900);
    QVERIFY(store.insert(later, m_now).ok());

    const QDateTime afterExpiry = m_now.addSecs(301);
    auto expired = store.check(QStringLiteral("1"), QStringLiteral("enroll"), afterExpiry,
                               [](const QByteArray &) { return true; });
    QCOMPARE(expired->outcome, CodeCheck::Outcome::NoCode);

    // An expired code does not block a new request.
    PendingCode fresh = code(QStringLiteral("1"), "new");
    fresh.expiresAt = afterExpiry.addSecs(300);
    QVERIFY(store.insert(fresh, afterExpiry).ok());

    auto pending = store.pending(afterExpiry);
    QVERIFY(pending.ok());
    QStringList subjects;
    for (const PendingCode &each : pending.value())
        subjects << each.subject;
    QVERIFY(subjects.contains(QStringLiteral("1")));
    QVERIFY(subjects.contains(QStringLiteral("3")));
    QVERIFY(!subjects.contains(QStringLiteral("2")));

    auto deleted = store.deleteExpired(afterExpiry);
    QVERIFY(deleted.ok());
    QCOMPARE(deleted.value(), 1); // subject 2; subject 1's old code was replaced already
    auto none = store.deleteExpired(afterExpiry);
    QCOMPARE(none.value(), 0);
}

void TestServerStorage::injectionStringsAreData()
{
    PendingCodeStore store(*m_database);
    const QStringList hostile
        = {QStringLiteral("1'; DROP TABLE pending_codes; --"), QStringLiteral("1\" OR \"1\"=\"1"),
           QStringLiteral("1 ;; forged\nline"), QStringLiteral("\\x00'||'")};
    for (const QString &subject : hostile)
        QVERIFY(store.insert(code(subject, "h"), m_now).ok());
    auto pending = store.pending(m_now);
    QVERIFY(pending.ok());
    QCOMPARE(pending->size(), hostile.size());
    QStringList stored;
    for (const PendingCode &each : pending.value())
        stored << each.subject;
    for (const QString &subject : hostile)
        QVERIFY(stored.contains(subject));
}

void TestServerStorage::concurrentRequestsStoreOneCode()
{
    // 8 threads, each with its own connection, race to store a code for one subject.
    QAtomicInt stored;
    QAtomicInt conflicts;
    QAtomicInt failures;
    QVERIFY(raceOnThreads(8, [&](int t) {
        PendingCodeStore store(*m_database);
        for (int i = 0; i < 10; ++i) {
            auto result
                = store.insert(code(QStringLiteral("777"), QByteArray::number(t * 100 + i)), m_now);
            if (result.ok())
                stored.ref();
            else if (result.error().code() == ErrorCode::Conflict)
                conflicts.ref();
            else
                failures.ref();
        }
    }));
    QCOMPARE(failures.loadRelaxed(), 0);
    QCOMPARE(stored.loadRelaxed(), 1);
    QCOMPARE(conflicts.loadRelaxed(), 79);
}

void TestServerStorage::codeRequestQuotasHoldAcrossInstances()
{
    // Two servers' Database instances on one database, 8 threads each, 5 requests an hour
    // from one address: of 160 attempts at the same moment, 5 are allowed.
    Database other(m_database->config());
    const double perHour = 5;
    const QString address = QStringLiteral("192.0.2.7");
    QAtomicInt allowed;
    QAtomicInt refused;
    QAtomicInt failures;
    QVERIFY(raceOnThreads(16, [&](int t) {
        CodeRequestQuotaStore store(t % 2 ? other : *m_database, perHour);
        for (int i = 0; i < 10; ++i) {
            auto wait = store.acquire(address, m_now);
            if (!wait)
                failures.ref();
            else if (wait.value() == 0)
                allowed.ref();
            else
                refused.ref();
        }
    }));
    QCOMPARE(failures.loadRelaxed(), 0);
    QCOMPARE(allowed.loadRelaxed(), 5);
    QCOMPARE(refused.loadRelaxed(), 155);

    // Refused with the time until the next request: 5 an hour is one per 720 s.
    CodeRequestQuotaStore store(*m_database, perHour);
    auto wait = store.acquire(address, m_now.addSecs(60));
    QVERIFY(wait.ok());
    QCOMPARE(wait.value(), 660);
    QCOMPARE(store.acquire(QStringLiteral("192.0.2.8"), m_now).valueOr(-1), 0); // its own
    QCOMPARE(store.acquire(address, m_now.addSecs(720)).valueOr(-1), 0);
    QCOMPARE(store.acquire(address, m_now.addSecs(721)).valueOr(-1), 719);
    // A server whose clock is behind refills nothing (and takes nothing away).
    QCOMPARE(store.acquire(address, m_now.addSecs(-3600)).valueOr(-1), 720);

    // Once quiet for as long as an empty bucket takes to fill, an address is forgotten.
    auto forgotten = store.deleteRefilled(m_now.addSecs(3600));
    QVERIFY(forgotten.ok());
    QCOMPARE(forgotten.value(), 1); // 192.0.2.8, untouched since m_now
    forgotten = store.deleteRefilled(m_now.addSecs(720 + 3600));
    QVERIFY(forgotten.ok());
    QCOMPARE(forgotten.value(), 1);
    QCOMPARE(store.acquire(address, m_now.addSecs(720 + 3600)).valueOr(-1), 0); // a full bucket
}

void TestServerStorage::tokenIdsAreUsedOnce()
{
    UsedTokenStore store(*m_database);
    const QString jti = QStringLiteral("a").repeated(64);
    auto first = store.markUsed(jti, m_now.addSecs(300), m_now);
    QVERIFY(first.ok());
    QVERIFY(first.value());
    auto replay = store.markUsed(jti, m_now.addSecs(300), m_now);
    QVERIFY(replay.ok());
    QVERIFY(!replay.value());

    // Racing threads: exactly one use wins.
    QAtomicInt wins;
    QVERIFY(raceOnThreads(6, [&](int) {
        UsedTokenStore racing(*m_database);
        auto used = racing.markUsed(QStringLiteral("race"), m_now.addSecs(300), m_now);
        if (used.ok() && used.value())
            wins.ref();
    }));
    QCOMPARE(wins.loadRelaxed(), 1);

    auto deleted = store.deleteExpired(m_now.addSecs(301));
    QVERIFY(deleted.ok());
    QCOMPARE(deleted.value(), 2);
}

void TestServerStorage::concurrentWritesFailAlone()
{
    // One write holds the database while six more start: on SQLite those six queue and run
    // as one batch (one transaction, one savepoint each) on the thread of whichever comes
    // first. Each must still commit or roll back alone, and its caller get its own outcome.
    UsedTokenStore tokens(*m_database);
    QSemaphore holding;
    bool heldWritten = false;
    QThread *holder = QThread::create([&] {
        auto held = m_database->write([&](QSqlDatabase &) -> Result<void> {
            holding.release();
            QThread::msleep(300);
            return tokens.markUsedInTransaction(QStringLiteral("held"), m_now.addSecs(300), m_now)
                       .ok()
                ? Result<void>()
                : Error(ErrorCode::IoError, QStringLiteral("held write failed"));
        });
        heldWritten = held.ok();
    });
    holder->start();
    QVERIFY(holding.tryAcquire(1, 10000));

    QAtomicInt ranElsewhere;
    QList<QThread *> writers;
    std::array<bool, 6> succeeded{};
    std::array<ErrorCode, 6> errors{};
    for (int i = 0; i < 6; ++i) {
        writers << QThread::create([&, i] {
            QThread *caller = QThread::currentThread();
            auto written = m_database->write([&](QSqlDatabase &) -> Result<void> {
                if (QThread::currentThread() != caller)
                    ranElsewhere.ref();
                auto used = tokens.markUsedInTransaction(QStringLiteral("write-%1").arg(i),
                                                         m_now.addSecs(300), m_now);
                if (!used || !used.value())
                    return Error(ErrorCode::IoError, QStringLiteral("insert failed"));
                // Odd writes fail after their insert (the last by throwing): it must be
                // undone, and only it.
                if (i == 5)
                    throw std::runtime_error("write 5 threw");
                if (i % 2 == 1)
                    return Error(ErrorCode::Conflict, QStringLiteral("write %1 refused").arg(i));
                return {};
            });
            succeeded[i] = written.ok();
            if (!written.ok())
                errors[i] = written.error().code();
        });
        writers.last()->start();
    }
    for (QThread *thread : std::as_const(writers)) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QVERIFY(holder->wait(60000));
    delete holder;
    QVERIFY(heldWritten);

    for (int i = 0; i < 6; ++i) {
        QCOMPARE(succeeded[i], i % 2 == 0);
        if (i % 2 == 1)
            QCOMPARE(errors[i], i == 5 ? ErrorCode::Internal : ErrorCode::Conflict);
        // A token id already used is refused (false); one whose write was undone is free.
        auto reuse = tokens.markUsed(QStringLiteral("write-%1").arg(i), m_now.addSecs(300), m_now);
        QVERIFY(reuse.ok());
        QCOMPARE(reuse.value(), i % 2 == 1);
    }
    auto heldAgain = tokens.markUsed(QStringLiteral("held"), m_now.addSecs(300), m_now);
    QVERIFY(heldAgain.ok());
    QVERIFY(!heldAgain.value());
    // SQLite's queued writes ran in batches on other threads; PostgreSQL's each on its own.
    if (m_database->isPostgres())
        QCOMPARE(ranElsewhere.loadRelaxed(), 0);
    else
        QVERIFY(ranElsewhere.loadRelaxed() >= 1);
}

void TestServerStorage::sqliteFileIsOwnerOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("perm/certigram.db"));
    Database database(DatabaseConfig::sqlite(path));
    QVERIFY(database.migrate().ok());
    QCOMPARE(QFileInfo(path).permissions()
                 & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
             QFile::Permissions());
}

void TestServerStorage::sqliteLogIsCopiedInTheBackground()
{
    // Fewer commits than fill SQLite's log to its own checkpoint (1,000 pages), more than
    // the WalCheckpointer waits for: only its thread can move pages into the file, and this
    // thread's connection stays open meanwhile (closing the last one would checkpoint too).
    const QString path = m_dir.filePath(QStringLiteral("wal/certigram.db"));
    Database database(DatabaseConfig::sqlite(path));
    QVERIFY(database.migrate().ok());
    const qint64 before = QFileInfo(path).size();
    UsedTokenStore tokens(database);
    for (int i = 0; i < 64; ++i) {
        const auto used
            = tokens.markUsed(QStringLiteral("jti-%1").arg(i), m_now.addSecs(300), m_now);
        QVERIFY(used.ok() && used.value());
    }
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > before, 10000);
    QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal"))); // copied, not closed
}

void TestServerStorage::databaseGoesRightAfterItsThreads()
{
    // A pool's threads destroy their connection handles (thread_local) at their very end,
    // after QThread::wait() has returned: ~QThreadPool, then ~Database at once, as a server
    // shuts down, must not close a connection while its own thread finalizes its statements
    // (that raced: a double free in SQLite, seen in bench_ca_sign's teardown).
    for (int round = 0; round < 200; ++round) {
        const QString path = m_dir.filePath(QStringLiteral("teardown/%1.db").arg(round));
        auto database = std::make_unique<Database>(DatabaseConfig::sqlite(path));
        QVERIFY(database->migrate().ok());
        UsedTokenStore tokens(*database);
        PendingCodeStore codes(*database);
        auto pool = std::make_unique<QThreadPool>();
        pool->setMaxThreadCount(16);
        QAtomicInt stored;
        for (int i = 0; i < 16; ++i) {
            pool->start([&, i] {
                // Several statements each, prepared on the thread's own connection.
                const QString jti = QStringLiteral("jti-%1-%2").arg(round).arg(i);
                if (tokens.markUsed(jti, m_now.addSecs(300), m_now).valueOr(false)
                    && codes.insert(code(jti, "h"), m_now).ok() && codes.pending(m_now).ok()
                    && codes.release(jti, QStringLiteral("enroll")).ok())
                    stored.fetchAndAddRelaxed(1);
            });
        }
        pool.reset(); // waits for the threads, whose handles may still be going
        database.reset();
        QCOMPARE(stored.loadRelaxed(), 16);
    }
}

void TestServerStorage::cleanerDeletesExpiredRecords()
{
    // Real time here: the cleaner asks the clock, as the prototype's cron job did.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    PendingCodeStore codes(*m_database);
    UsedTokenStore tokens(*m_database);
    for (int i = 0; i < 600; ++i) { // more than one batch of 500
        PendingCode expired = code(QString::number(100000 + i), "h");
        expired.createdAt = now.addSecs(-600);
        expired.expiresAt = now.addSecs(-300);
        expired.resendAfter = now.addSecs(-540);
        QVERIFY(codes.insert(expired, now.addSecs(-600)).ok());
    }
    PendingCode live = code(QStringLiteral("42"), "h");
    live.expiresAt = now.addSecs(300);
    QVERIFY(codes.insert(live, now).ok());
    QVERIFY(tokens.markUsed(QStringLiteral("old").repeated(12), now.addSecs(-1), now.addSecs(-301))
                .ok());
    QVERIFY(tokens.markUsed(QStringLiteral("new").repeated(12), now.addSecs(300), now).ok());

    CodeRequestQuotaStore quotas(*m_database, 20); // full again an hour after the last use
    QCOMPARE(quotas.acquire(QStringLiteral("198.51.100.1"), now.addSecs(-3601)).valueOr(-1), 0);
    QCOMPARE(quotas.acquire(QStringLiteral("198.51.100.2"), now.addSecs(-3500)).valueOr(-1), 0);

    ExpiredRecordCleaner cleaner(codes, tokens, quotas, std::chrono::hours(1));
    QSignalSpy cleaned(&cleaner, &ExpiredRecordCleaner::cleaned);
    cleaner.runNow();
    cleaner.runNow(); // a second call while one runs is ignored
    QVERIFY(cleaned.wait(30000));
    QCOMPARE(cleaned.first().at(0).toInt(), 600);
    QCOMPARE(cleaned.first().at(1).toInt(), 1);
    {
        auto db = m_database->connection();
        QVERIFY(db.ok());
        QSqlQuery left(db.value());
        QVERIFY(left.exec(QStringLiteral("SELECT address FROM code_request_quotas")));
        QVERIFY(left.next());
        QCOMPARE(left.value(0).toString(), QStringLiteral("198.51.100.2"));
        QVERIFY(!left.next());
    }
    QTest::qWait(100);
    QCOMPARE(cleaned.size(), 1);
    auto pending = codes.pending(now);
    QVERIFY(pending.ok());
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->first().subject, QStringLiteral("42"));

    // stop() ends a run between two batches: of four batches' worth, not all go.
    for (int i = 0; i < 2000; ++i) {
        PendingCode expired = code(QString::number(200000 + i), "h");
        expired.createdAt = now.addSecs(-600);
        expired.expiresAt = now.addSecs(-300);
        expired.resendAfter = now.addSecs(-540);
        QVERIFY(codes.insert(expired, now.addSecs(-600)).ok());
    }
    cleaned.clear();
    cleaner.runNow();
    cleaner.stop();
    QVERIFY(cleaned.wait(30000));
    QVERIFY2(cleaned.first().at(0).toInt() < 2000, qPrintable(cleaned.first().at(0).toString()));
    cleaner.runNow(); // and the next run finishes the job
    QVERIFY(cleaned.wait(30000));
    QCOMPARE(cleaned.first().at(0).toInt() + cleaned.last().at(0).toInt(), 2000);
}

QTEST_GUILESS_MAIN(TestServerStorage)
#include "tst_serverstorage.moc"
