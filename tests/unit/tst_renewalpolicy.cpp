#include "protocol/rfc3339.h"
#include "store/identity.h"
#include "store/renewalpolicy.h"
#include "testpki.h"

#include <QJsonObject>
#include <QSet>
#include <QtTest>

using namespace certigram;

namespace {

const QDateTime kNotBefore = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

Identity makeIdentity(const QString &serial, qint64 lifetimeSeconds, bool revoked = false)
{
    QJsonObject metadata{
        {QStringLiteral("format"), 1},
        {QStringLiteral("profile"), QStringLiteral("default")},
        {QStringLiteral("subject"), QStringLiteral("123456")},
        {QStringLiteral("serial"), serial},
        {QStringLiteral("notBefore"), Rfc3339::format(kNotBefore)},
        {QStringLiteral("notAfter"), Rfc3339::format(kNotBefore.addSecs(lifetimeSeconds))},
        {QStringLiteral("revoked"), revoked},
    };
    Result<Identity> identity = Identity::fromMetadata(metadata);
    Q_ASSERT(identity.ok());
    return identity.value();
}

constexpr qint64 kDay = 24 * 3600;

} // namespace

class TestRenewalPolicy : public QObject
{
    Q_OBJECT

private slots:
    void dueAtWithinBounds_data();
    void dueAtWithinBounds();
    void jitterStablePerSerialAndSpread();
    void jitterOffAndConfigurable();
    void realCertificate();
    void needsRenewal_data();
    void needsRenewal();
    void revokedNeverDue();
    void nextAttemptWithoutFailures();
    void backoffDoublesAndCaps_data();
    void backoffDoublesAndCaps();
    void backoffNeverPastExpiry();
    void status_data();
    void status();
};

void TestRenewalPolicy::dueAtWithinBounds_data()
{
    QTest::addColumn<QString>("serial");
    QTest::addColumn<qint64>("lifetime");
    const QList<qint64> lifetimes{3600, kDay, 90 * kDay, 365 * kDay};
    for (qint64 lifetime : lifetimes)
        for (const char *serial : {"01", "7F3A9C", "00AB12CD34EF56789012345678ABCDEF"})
            QTest::addRow("%llds/%s", static_cast<long long>(lifetime), serial)
                << QString::fromLatin1(serial) << lifetime;
}

void TestRenewalPolicy::dueAtWithinBounds()
{
    QFETCH(QString, serial);
    QFETCH(qint64, lifetime);
    const RenewalPolicy policy;
    const QDateTime due = policy.dueAt(makeIdentity(serial, lifetime));
    QVERIFY(due.isValid());
    const double fraction
        = static_cast<double>(kNotBefore.msecsTo(due)) / static_cast<double>(lifetime * 1000);
    QVERIFY2(fraction >= 2.0 / 3.0 - 1e-6, qPrintable(QString::number(fraction)));
    QVERIFY2(fraction < 2.0 / 3.0 + 1.0 / 20.0, qPrintable(QString::number(fraction)));
}

void TestRenewalPolicy::jitterStablePerSerialAndSpread()
{
    const RenewalPolicy policy;
    QSet<qint64> dues;
    double minimum = 1;
    double maximum = 0;
    for (int i = 0; i < 200; ++i) {
        const QString serial = QString::number(1000 + i, 16).toUpper();
        const QDateTime first = policy.dueAt(makeIdentity(serial, 90 * kDay));
        // Same serial, a new policy object ("after a restart"): same answer.
        QCOMPARE(RenewalPolicy().dueAt(makeIdentity(serial, 90 * kDay)), first);
        dues.insert(first.toMSecsSinceEpoch());
        const double unit = RenewalPolicy::jitterUnit(serial);
        QVERIFY(unit >= 0 && unit < 1);
        minimum = std::min(minimum, unit);
        maximum = std::max(maximum, unit);
    }
    // Different certificates are spread out, over most of the jitter window.
    QVERIFY2(dues.size() > 190, qPrintable(QString::number(dues.size())));
    QVERIFY(minimum < 0.05);
    QVERIFY(maximum > 0.95);
    // The serial's case does not matter (hex).
    QCOMPARE(RenewalPolicy::jitterUnit(QStringLiteral("abcdef")),
             RenewalPolicy::jitterUnit(QStringLiteral("ABCDEF")));
}

void TestRenewalPolicy::jitterOffAndConfigurable()
{
    RenewalPolicy policy;
    policy.setJitterFraction(0);
    const Identity identity = makeIdentity(QStringLiteral("42"), 90 * kDay);
    QCOMPARE(policy.dueAt(identity), kNotBefore.addSecs(60 * kDay));
    policy.setRenewFraction(0.5);
    QCOMPARE(policy.dueAt(identity), kNotBefore.addSecs(45 * kDay));
    policy.setJitterFraction(0.1);
    const QDateTime due = policy.dueAt(identity);
    QVERIFY(due >= kNotBefore.addSecs(45 * kDay));
    QVERIFY(due < kNotBefore.addSecs(45 * kDay + 9 * kDay));
    // Out-of-range settings are clamped, never past expiry − margin.
    policy.setRenewFraction(5).setJitterFraction(5);
    QVERIFY(policy.dueAt(identity) <= identity.notAfter().addSecs(-policy.expiryMarginSeconds()));
}

void TestRenewalPolicy::realCertificate()
{
    const test::TestPki pki;
    const test::TestPki::Identity issued = pki.issue(QStringLiteral("555"), {}, 24 * 3600);
    Identity identity;
    identity.setCertificate(issued.certificate);
    const RenewalPolicy policy;
    const QDateTime due = policy.dueAt(identity);
    const qint64 lifetime = issued.certificate.notBefore().secsTo(issued.certificate.notAfter());
    const qint64 offset = issued.certificate.notBefore().secsTo(due);
    QVERIFY(offset >= lifetime * 2 / 3 - 1);
    QVERIFY(offset <= lifetime * 2 / 3 + lifetime / 20 + 1);
    QVERIFY(!policy.needsRenewal(identity, QDateTime::currentDateTimeUtc()));
    QVERIFY(policy.needsRenewal(identity, due));
}

void TestRenewalPolicy::needsRenewal_data()
{
    QTest::addColumn<qint64>("offsetFromDue"); // seconds relative to dueAt
    QTest::addColumn<bool>("due");
    QTest::newRow("a day before") << -kDay << false;
    QTest::newRow("a second before") << qint64(-1) << false;
    QTest::newRow("at due time") << qint64(0) << true;
    QTest::newRow("past due") << kDay << true;
    QTest::newRow("expired") << 100 * kDay << true;
}

void TestRenewalPolicy::needsRenewal()
{
    QFETCH(qint64, offsetFromDue);
    QFETCH(bool, due);
    const RenewalPolicy policy;
    const Identity identity = makeIdentity(QStringLiteral("BEEF"), 30 * kDay);
    const QDateTime dueAt = policy.dueAt(identity);
    QCOMPARE(policy.needsRenewal(identity, dueAt.addSecs(offsetFromDue)), due);
}

void TestRenewalPolicy::revokedNeverDue()
{
    const RenewalPolicy policy;
    const Identity revoked = makeIdentity(QStringLiteral("BEEF"), 30 * kDay, true);
    QVERIFY(!policy.dueAt(revoked).isValid());
    for (qint64 days : {0, 25, 29, 31, 400})
        QVERIFY(!policy.needsRenewal(revoked, kNotBefore.addSecs(days * kDay)));
    QVERIFY(!policy.nextAttempt(revoked, kNotBefore, 0).isValid());
    QVERIFY(!policy.nextAttempt(revoked, kNotBefore.addSecs(29 * kDay), 3).isValid());
    QVERIFY(!policy.needsRenewal(Identity(), kNotBefore)); // no dates: never
}

void TestRenewalPolicy::nextAttemptWithoutFailures()
{
    const RenewalPolicy policy;
    const Identity identity = makeIdentity(QStringLiteral("C0FFEE"), 30 * kDay);
    const QDateTime due = policy.dueAt(identity);
    QCOMPARE(policy.nextAttempt(identity, kNotBefore, 0), due);
    // Past due: immediately.
    const QDateTime late = due.addSecs(3600);
    QCOMPARE(policy.nextAttempt(identity, late, 0), late);
}

void TestRenewalPolicy::backoffDoublesAndCaps_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("backoff");
    const QList<qint64> expected{60, 120, 240, 480, 960, 1920, 3600, 3600};
    for (int i = 0; i < expected.size(); ++i)
        QTest::addRow("%d failures", i + 1) << i + 1 << expected.at(i);
    QTest::newRow("1000 failures (no overflow)") << 1000 << qint64(3600);
}

void TestRenewalPolicy::backoffDoublesAndCaps()
{
    QFETCH(int, failures);
    QFETCH(qint64, backoff);
    const RenewalPolicy policy;
    QCOMPARE(policy.backoffSeconds(failures), backoff);
    const Identity identity = makeIdentity(QStringLiteral("C0FFEE"), 30 * kDay);
    const QDateTime now = policy.dueAt(identity).addSecs(10);
    QCOMPARE(policy.nextAttempt(identity, now, failures), now.addSecs(backoff));
}

void TestRenewalPolicy::backoffNeverPastExpiry()
{
    RenewalPolicy policy;
    policy.setExpiryMarginSeconds(120);
    const Identity identity = makeIdentity(QStringLiteral("C0FFEE"), 30 * kDay);
    const QDateTime lastChance = identity.notAfter().addSecs(-120);
    // Five minutes before expiry, a 16-minute backoff is pulled in to the last chance.
    const QDateTime now = identity.notAfter().addSecs(-300);
    QCOMPARE(policy.nextAttempt(identity, now, 5), lastChance);
    // A short backoff that ends before it is kept.
    QCOMPARE(policy.nextAttempt(identity, now, 1), now.addSecs(60));
    // Once the last chance has passed, plain backoff (the status says Expired).
    const QDateTime after = identity.notAfter().addSecs(10);
    QCOMPARE(policy.nextAttempt(identity, after, 2), after.addSecs(120));
    // Configurable backoff.
    policy.setInitialBackoffSeconds(10).setMaximumBackoffSeconds(50);
    QCOMPARE(policy.backoffSeconds(1), qint64(10));
    QCOMPARE(policy.backoffSeconds(3), qint64(40));
    QCOMPARE(policy.backoffSeconds(4), qint64(50));
}

void TestRenewalPolicy::status_data()
{
    QTest::addColumn<qint64>("at"); // days after notBefore, 30-day lifetime
    QTest::addColumn<bool>("revoked");
    QTest::addColumn<QString>("status");
    QTest::newRow("fresh") << qint64(1) << false << QStringLiteral("valid");
    QTest::newRow("two thirds") << qint64(20) << false << QStringLiteral("renew-soon");
    QTest::newRow("expired") << qint64(31) << false << QStringLiteral("expired");
    QTest::newRow("revoked") << qint64(1) << true << QStringLiteral("revoked");
    QTest::newRow("revoked and expired") << qint64(40) << true << QStringLiteral("revoked");
}

void TestRenewalPolicy::status()
{
    QFETCH(qint64, at);
    QFETCH(bool, revoked);
    QFETCH(QString, status);
    const Identity identity = makeIdentity(QStringLiteral("01"), 30 * kDay, revoked);
    QCOMPARE(Identity::statusName(identity.status(kNotBefore.addSecs(at * kDay))), status);
}

QTEST_GUILESS_MAIN(TestRenewalPolicy)
#include "tst_renewalpolicy.moc"
