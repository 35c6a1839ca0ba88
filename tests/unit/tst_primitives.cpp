#include "core/result.h"
#include "crypto/base64url.h"
#include "crypto/derencoding.h"
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
    void derReaderSplitsElements();
    void derReaderRefusesWhatIsNotDer_data();
    void derReaderRefusesWhatIsNotDer();
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

void TestPrimitives::derReaderSplitsElements()
{
    // INTEGER 5, then a SEQUENCE of 200 bytes (long form, one length byte), then NULL.
    const QByteArray content(200, 'x');
    const QByteArray bytes
        = QByteArray::fromHex("020105") + der::sequence(content) + QByteArray::fromHex("0500");
    der::Reader reader(bytes);
    const auto integer = reader.next(der::Integer);
    QVERIFY(integer);
    QCOMPARE(integer->content.toByteArray(), QByteArray("\x05"));
    QCOMPARE(integer->encoded.toByteArray(), QByteArray::fromHex("020105"));
    QVERIFY(!reader.finished());
    const auto sequence = reader.next(der::Sequence);
    QVERIFY(sequence);
    QCOMPARE(sequence->content.toByteArray(), content);
    QCOMPARE(sequence->encoded.size(), 3 + 200);
    const auto null = reader.next();
    QVERIFY(null);
    QCOMPARE(null->tag, 0x05);
    QVERIFY(null->content.isEmpty());
    QVERIFY(reader.finished());
    QVERIFY(!reader.next()); // nothing left

    // A wrong tag fails the reader for good.
    der::Reader wrongTag(bytes);
    QVERIFY(!wrongTag.next(der::Sequence));
    QVERIFY(!wrongTag.next(der::Integer));
    QVERIFY(!wrongTag.finished());
}

void TestPrimitives::derReaderRefusesWhatIsNotDer_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("tag only") << QByteArray::fromHex("30");
    QTest::newRow("content cut short") << QByteArray::fromHex("300301");
    QTest::newRow("long-form length cut short") << QByteArray::fromHex("3082");
    QTest::newRow("indefinite length (BER)") << QByteArray::fromHex("30800201050000");
    QTest::newRow("long form below 128") << QByteArray::fromHex("30810100");
    QTest::newRow("length with a leading zero") << QByteArray::fromHex("3082000100");
    QTest::newRow("five length bytes") << QByteArray::fromHex("3085000000000100");
    QTest::newRow("tag number 31 or more") << QByteArray::fromHex("1f2200");
}

void TestPrimitives::derReaderRefusesWhatIsNotDer()
{
    QFETCH(QByteArray, bytes);
    der::Reader reader(bytes);
    QVERIFY(!reader.next());
    QVERIFY(!reader.finished());
}

QTEST_GUILESS_MAIN(TestPrimitives)
#include "tst_primitives.moc"
