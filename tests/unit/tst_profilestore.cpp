#include "store/caprofile.h"
#include "store/profilestore.h"
#include "testfiles.h"
#include "testpki.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;
using certigram::test::TestPki;

#define VERIFY_OK(result) \
    QVERIFY2((result).ok(), (result).ok() ? "" : qPrintable((result).error().message()))

// The holder's CA profiles: one owner-only JSON file, written atomically.
class TestProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void missingFileIsNoProfile();
    void saveListAndFind();
    void resolveNeedsANameWhenThereAreSeveral();
    void anotherRootIsNotReplacedSilently();
    void removeDeletesOnlyThatProfile();
    void damagedFileIsAClearError();
    void badProfilesAreRefused_data();
    void badProfilesAreRefused();

private:
    CaProfile profile(const QString &name, const TestPki &pki) const
    {
        const QUrl url(QStringLiteral("https://ca.example.org:9000"));
        return CaProfile{name, url, QUrl(QStringLiteral("https://ra.example.org")), pki.root()};
    }

    QTemporaryDir m_dir;
    TestPki m_pki{QStringLiteral("Profile Test Root")};
    TestPki m_otherPki{QStringLiteral("Another Root")};
};

void TestProfileStore::missingFileIsNoProfile()
{
    ProfileStore store(m_dir.filePath(QStringLiteral("none/profiles.json")));
    auto profiles = store.list();
    VERIFY_OK(profiles);
    QVERIFY(profiles->isEmpty());
    auto resolved = store.resolve(QString());
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().code(), ErrorCode::NotFound);
    QVERIFY(resolved.error().message().contains(QStringLiteral("bootstrap")));
}

void TestProfileStore::saveListAndFind()
{
    const QString path = m_dir.filePath(QStringLiteral("a/profiles.json"));
    ProfileStore store(path);
    VERIFY_OK(store.save(profile(QStringLiteral("work"), m_pki), false));
    QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    auto found = store.profile(QStringLiteral("work"));
    VERIFY_OK(found);
    QCOMPARE(found->root, m_pki.root());
    QCOMPARE(found->fingerprint(), m_pki.root().sha256Fingerprint());
    QCOMPARE(found->raUrl, QUrl(QStringLiteral("https://ra.example.org")));
    auto resolved = store.resolve(QString());
    VERIFY_OK(resolved);
    QCOMPARE(resolved->name, QStringLiteral("work"));
    // Saving the same root again is fine (bootstrap run twice).
    VERIFY_OK(store.save(profile(QStringLiteral("work"), m_pki), false));
    QCOMPARE(store.list()->size(), 1);
    auto missing = store.profile(QStringLiteral("home"));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message().contains(QStringLiteral("work")));
}

void TestProfileStore::resolveNeedsANameWhenThereAreSeveral()
{
    ProfileStore store(m_dir.filePath(QStringLiteral("b/profiles.json")));
    VERIFY_OK(store.save(profile(QStringLiteral("work"), m_pki), false));
    VERIFY_OK(store.save(profile(QStringLiteral("home"), m_otherPki), false));
    auto names = store.list();
    VERIFY_OK(names);
    QCOMPARE(names->first().name, QStringLiteral("home")); // sorted
    auto ambiguous = store.resolve(QString());
    QVERIFY(!ambiguous.ok());
    QVERIFY(ambiguous.error().message().contains(QStringLiteral("--profile")));
    auto named = store.resolve(QStringLiteral("home"));
    VERIFY_OK(named);
    QCOMPARE(named->root, m_otherPki.root());
}

void TestProfileStore::anotherRootIsNotReplacedSilently()
{
    ProfileStore store(m_dir.filePath(QStringLiteral("c/profiles.json")));
    VERIFY_OK(store.save(profile(QStringLiteral("work"), m_pki), false));
    auto refused = store.save(profile(QStringLiteral("work"), m_otherPki), false);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code(), ErrorCode::Conflict);
    QCOMPARE(store.profile(QStringLiteral("work"))->root, m_pki.root());
    VERIFY_OK(store.save(profile(QStringLiteral("work"), m_otherPki), true));
    QCOMPARE(store.profile(QStringLiteral("work"))->root, m_otherPki.root());
}

void TestProfileStore::removeDeletesOnlyThatProfile()
{
    ProfileStore store(m_dir.filePath(QStringLiteral("d/profiles.json")));
    VERIFY_OK(store.save(profile(QStringLiteral("work"), m_pki), false));
    VERIFY_OK(store.save(profile(QStringLiteral("home"), m_pki), false));
    VERIFY_OK(store.remove(QStringLiteral("work")));
    QCOMPARE(store.list()->size(), 1);
    QCOMPARE(store.remove(QStringLiteral("work")).error().code(), ErrorCode::NotFound);
}

void TestProfileStore::damagedFileIsAClearError()
{
    const QString path = test::writeFile(m_dir, QStringLiteral("damaged.json"),
                                         "{\"format\": 1, \"profiles\": [{");
    ProfileStore store(path);
    auto listed = store.list();
    QVERIFY(!listed.ok());
    QVERIFY(listed.error().message().contains(path));
    // And a write does not replace what it could not read.
    QVERIFY(!store.save(profile(QStringLiteral("work"), m_pki), false).ok());
    QCOMPARE(test::readFile(path), QByteArray("{\"format\": 1, \"profiles\": [{"));
}

void TestProfileStore::badProfilesAreRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("name with a slash") << "name" << QJsonValue(QStringLiteral("a/b"));
    QTest::newRow("name starting with a dot") << "name" << QJsonValue(QStringLiteral(".x"));
    QTest::newRow("ftp CA URL") << "caUrl" << QJsonValue(QStringLiteral("ftp://ca.example.org"));
    QTest::newRow("relative RA URL") << "raUrl" << QJsonValue(QStringLiteral("/api"));
    QTest::newRow("root not PEM") << "root" << QJsonValue(QStringLiteral("hello"));
    QTest::newRow("name missing") << "name" << QJsonValue(QJsonValue::Undefined);
}

void TestProfileStore::badProfilesAreRefused()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QJsonObject json = profile(QStringLiteral("work"), m_pki).toJson();
    QVERIFY(CaProfile::fromJson(json).ok());
    if (value.isUndefined())
        json.remove(field);
    else
        json.insert(field, value);
    auto parsed = CaProfile::fromJson(json);
    QVERIFY(!parsed.ok());
    qInfo().noquote() << parsed.error().message();
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
