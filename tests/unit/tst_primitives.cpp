#include "core/result.h"
#include "crypto/base64url.h"
#include "crypto/secretbytes.h"
#include "crypto/securerandom.h"

#include <QSet>
#include <QtTest>

using namespace certigram;

class TestPrimitives : public QObject
{
    Q_OBJECT

private slots:
    void resultHoldsValueOrError();
    void randomBytesDiffer();
    void randomHexHasRequestedLength();
    void digitsAreUniformEnough();
    void digitsRejectsBadLengths();
    void base64UrlRoundTrip_data();
    void base64UrlRoundTrip();
    void base64UrlRejects_data();
    void base64UrlRejects();
    void secretBytesWipesAndCompares();
};

void TestPrimitives::resultHoldsValueOrError()
{
    Result<int> good(42);
    QVERIFY(good.ok());
    QCOMPARE(good.value(), 42);
    Result<int> bad(Error(ErrorCode::InvalidInput, QStringLiteral("nope")));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code(), ErrorCode::InvalidInput);
    QCOMPARE(bad.valueOr(7), 7);
    QCOMPARE(bad.error().withContext(QStringLiteral("reading")).message(),
             QStringLiteral("reading: nope"));
    Result<void> done;
    QVERIFY(done.ok());
}

void TestPrimitives::randomBytesDiffer()
{
    auto first = SecureRandom::bytes(32);
    auto second = SecureRandom::bytes(32);
    QVERIFY(first && second);
    QCOMPARE(first->size(), 32);
    QVERIFY(first.value() != second.value());
}

void TestPrimitives::randomHexHasRequestedLength()
{
    auto jti = SecureRandom::hex(32);
    QVERIFY(jti.ok());
    QCOMPARE(jti->size(), 64);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(jti.value()).hasMatch());
}

void TestPrimitives::digitsAreUniformEnough()
{
    // 20,000 one-digit draws: each digit should appear ~2,000 times. A biased or constant
    // generator lands far outside [1,700, 2,300] (over 7 standard deviations).
    QList<int> counts(10, 0);
    for (int i = 0; i < 20000; ++i) {
        auto digit = SecureRandom::digits(1);
        QVERIFY(digit.ok());
        ++counts[digit->toInt()];
    }
    for (int count : counts)
        QVERIFY2(count > 1700 && count < 2300, qPrintable(QString::number(count)));

    QSet<QString> codes;
    for (int i = 0; i < 100; ++i) {
        auto code = SecureRandom::digits(6);
        QVERIFY(code.ok());
        QCOMPARE(code->size(), 6);
        codes.insert(code.value());
    }
    QVERIFY(codes.size() > 95);
}

void TestPrimitives::digitsRejectsBadLengths()
{
    QVERIFY(!SecureRandom::digits(0).ok());
    QVERIFY(!SecureRandom::digits(19).ok());
    QVERIFY(!SecureRandom::below(0).ok());
}

void TestPrimitives::base64UrlRoundTrip_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("one") << QByteArray("f") << QByteArray("Zg");
    QTest::newRow("two") << QByteArray("fo") << QByteArray("Zm8");
    QTest::newRow("three") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("url alphabet") << QByteArray::fromHex("fbff") << QByteArray("-_8");
}

void TestPrimitives::base64UrlRoundTrip()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, encoded);
    QCOMPARE(Base64Url::encode(raw), encoded);
    auto decoded = Base64Url::decode(encoded);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), raw);
}

void TestPrimitives::base64UrlRejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("padding") << QByteArray("Zg==");
    QTest::newRow("plus") << QByteArray("+/8");
    QTest::newRow("space") << QByteArray("Zm 9v");
    QTest::newRow("length 1 mod 4") << QByteArray("Zm9vY");
    QTest::newRow("non-canonical bits") << QByteArray("Zh");
}

void TestPrimitives::base64UrlRejects()
{
    QFETCH(QByteArray, text);
    QVERIFY(!Base64Url::decode(text).ok());
}

void TestPrimitives::secretBytesWipesAndCompares()
{
    QByteArray source("hunter2");
    source.detach();
    SecretBytes secret = SecretBytes::take(source);
    QVERIFY(source.isEmpty());
    QCOMPARE(secret.size(), 7);
    QVERIFY(secret == SecretBytes::fromUtf8(QStringLiteral("hunter2")));
    QVERIFY(secret != SecretBytes::fromUtf8(QStringLiteral("hunter3")));
    SecretBytes moved = std::move(secret);
    QVERIFY(secret.isEmpty());
    QCOMPARE(moved.toByteArrayUnsafe(), QByteArray("hunter2"));
    moved.resize(3);
    QCOMPARE(moved.toByteArrayUnsafe(), QByteArray("hun"));
    moved.clear();
    QVERIFY(moved.isEmpty());
}

QTEST_GUILESS_MAIN(TestPrimitives)
#include "tst_primitives.moc"
