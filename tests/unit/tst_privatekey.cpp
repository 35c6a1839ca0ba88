#include "crypto/privatekey.h"
#include "processrunner.h"
#include "testpaths.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;
using certigram::test::runProcess;

Q_DECLARE_METATYPE(certigram::KeyType)

class TestPrivateKey : public QObject
{
    Q_OBJECT

private slots:
    void publicKeyPemNeverAsksForAPassphrase();
    void inconsistentKeyIsRefused();
    void generateEachType_data();
    void generateEachType();
    void encryptedPemRoundTrip();
    void encryptedPemNeedsTheRightPassphrase();
    void opensslReadsOurEncryptedKey();
    void readsPrototypeKeys_data();
    void readsPrototypeKeys();
    void findsTheKeyAfterCertificates();
    void rejectsGarbage();
    void keyTypeNames();
};

void TestPrivateKey::generateEachType_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<QString>("description");
    QTest::newRow("ec-p256") << KeyType::EcP256 << QStringLiteral("ECDSA P-256");
    QTest::newRow("ec-p384") << KeyType::EcP384 << QStringLiteral("ECDSA P-384");
    QTest::newRow("ed25519") << KeyType::Ed25519 << QStringLiteral("Ed25519");
    QTest::newRow("rsa-2048") << KeyType::Rsa2048 << QStringLiteral("RSA 2048");
    QTest::newRow("rsa-3072") << KeyType::Rsa3072 << QStringLiteral("RSA 3072");
    QTest::newRow("rsa-4096") << KeyType::Rsa4096 << QStringLiteral("RSA 4096");
}

void TestPrivateKey::generateEachType()
{
    QFETCH(KeyType, type);
    QFETCH(QString, description);
    auto key = PrivateKey::generate(type);
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().message()));
    QCOMPARE(key->keyType(), std::optional<KeyType>(type));
    QCOMPARE(key->publicKey().description(), description);

    // Plain PKCS#8 round trip keeps the key.
    auto pem = key->toPem();
    QVERIFY(pem.ok());
    QVERIFY(pem->toByteArrayUnsafe().startsWith("-----BEGIN PRIVATE KEY-----"));
    auto reread = PrivateKey::fromPem(pem->toByteArrayUnsafe());
    QVERIFY(reread.ok());
    QVERIFY(reread->publicKey() == key->publicKey());

    // A signature verifies with the public key, and not over other data.
    const QByteArray message("certigram");
    auto signature = key->sign(message, key->defaultDigest());
    QVERIFY(signature.ok());
    QVERIFY(key->publicKey().verify(message, signature.value(), key->defaultDigest()).ok());
    QVERIFY(!key->publicKey().verify("certigran", signature.value(), key->defaultDigest()).ok());

    // Two generated keys differ.
    auto other = PrivateKey::generate(type);
    QVERIFY(other.ok());
    QVERIFY(other->publicKey() != key->publicKey());

    // The public key survives PEM and DER.
    auto publicPem = PublicKey::fromPem(key->publicKey().toPem());
    QVERIFY(publicPem.ok());
    QVERIFY(publicPem.value() == key->publicKey());
    auto publicDer = PublicKey::fromDer(key->publicKey().toDer());
    QVERIFY(publicDer.ok());
    QVERIFY(publicDer.value() == key->publicKey());
}

void TestPrivateKey::encryptedPemRoundTrip()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    const SecretBytes passphrase = SecretBytes::fromUtf8(QStringLiteral("correct horse ✓"));
    auto pem = key->toPem(passphrase);
    QVERIFY(pem.ok());
    const QByteArray text = pem->toByteArrayUnsafe();
    QVERIFY(text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(PrivateKey::isEncryptedPem(text));
    auto reread = PrivateKey::fromPem(text, passphrase);
    QVERIFY(reread.ok());
    QVERIFY(reread->publicKey() == key->publicKey());
}

void TestPrivateKey::encryptedPemNeedsTheRightPassphrase()
{
    auto key = PrivateKey::generate(KeyType::Ed25519);
    QVERIFY(key.ok());
    auto pem = key->toPem(SecretBytes::fromUtf8(QStringLiteral("right")));
    QVERIFY(pem.ok());
    auto withoutPassphrase = PrivateKey::fromPem(pem->toByteArrayUnsafe());
    QVERIFY(!withoutPassphrase.ok());
    QCOMPARE(withoutPassphrase.error().code(), ErrorCode::WrongPassphrase);
    auto wrong = PrivateKey::fromPem(pem->toByteArrayUnsafe(),
                                     SecretBytes::fromUtf8(QStringLiteral("wrong")));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code(), ErrorCode::WrongPassphrase);
}

void TestPrivateKey::opensslReadsOurEncryptedKey()
{
    QTemporaryDir dir;
    auto key = PrivateKey::generate(KeyType::Rsa2048);
    QVERIFY(key.ok());
    auto pem = key->toPem(SecretBytes::fromUtf8(QStringLiteral("s3cret")));
    QVERIFY(pem.ok());
    QFile file(dir.filePath(QStringLiteral("key.pem")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(pem->toByteArrayUnsafe());
    file.close();

    // The scheme really is scrypt + AES-256-CBC.
    auto parsed = runProcess(QStringLiteral("openssl"),
                             {QStringLiteral("asn1parse"), QStringLiteral("-in"), file.fileName()});
    QVERIFY(parsed.succeeded());
    QVERIFY(parsed.standardOutput.contains(":scrypt"));
    QVERIFY(parsed.standardOutput.contains("aes-256-cbc"));

    // openssl decrypts it (passphrase on stdin, never in argv) to the same public key.
    auto decrypted = runProcess(QStringLiteral("openssl"),
                                {QStringLiteral("pkey"), QStringLiteral("-in"), file.fileName(),
                                 QStringLiteral("-passin"), QStringLiteral("stdin"),
                                 QStringLiteral("-pubout")},
                                "s3cret\n");
    QVERIFY2(decrypted.succeeded(), decrypted.standardError.constData());
    QCOMPARE(decrypted.standardOutput, key->publicKey().toPem());
}

void TestPrivateKey::readsPrototypeKeys_data()
{
    QTest::addColumn<QStringList>("opensslArguments");
    QTest::addColumn<QByteArray>("pemHeader");
    QTest::addColumn<KeyType>("type");
    QTest::newRow("traditional RSA 4096")
        << QStringList{QStringLiteral("genrsa"), QStringLiteral("-traditional"),
                       QStringLiteral("4096")}
        << QByteArray("-----BEGIN RSA PRIVATE KEY-----") << KeyType::Rsa4096;
    QTest::newRow("SEC1 EC P-384")
        << QStringList{QStringLiteral("ecparam"), QStringLiteral("-name"),
                       QStringLiteral("secp384r1"), QStringLiteral("-genkey"),
                       QStringLiteral("-noout")}
        << QByteArray("-----BEGIN EC PRIVATE KEY-----") << KeyType::EcP384;
    QTest::newRow("PKCS#8 Ed25519")
        << QStringList{QStringLiteral("genpkey"), QStringLiteral("-algorithm"),
                       QStringLiteral("ed25519")}
        << QByteArray("-----BEGIN PRIVATE KEY-----") << KeyType::Ed25519;
}

void TestPrivateKey::readsPrototypeKeys()
{
    QFETCH(QStringList, opensslArguments);
    QFETCH(QByteArray, pemHeader);
    QFETCH(KeyType, type);
    auto generated = runProcess(QStringLiteral("openssl"), opensslArguments);
    QVERIFY2(generated.succeeded(), generated.standardError.constData());
    QVERIFY(generated.standardOutput.startsWith(pemHeader));
    auto key = PrivateKey::fromPem(generated.standardOutput);
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().message()));
    QCOMPARE(key->keyType(), std::optional<KeyType>(type));

    // The public key openssl derives is the one we derive.
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("key.pem")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(generated.standardOutput);
    file.close();
    auto publicKey = runProcess(QStringLiteral("openssl"),
                                {QStringLiteral("pkey"), QStringLiteral("-in"), file.fileName(),
                                 QStringLiteral("-pubout")});
    QVERIFY(publicKey.succeeded());
    QCOMPARE(publicKey.standardOutput, key->publicKey().toPem());
}

void TestPrivateKey::findsTheKeyAfterCertificates()
{
    // `openssl pkcs12 -noenc` prints certificates before the key.
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto pem = key->toPem();
    QVERIFY(pem.ok());
    QFile certificate(certigram::test::fixturePath(QStringLiteral("step-ca-0.19/root_ca.crt")));
    QVERIFY(certificate.open(QIODevice::ReadOnly));
    const QByteArray bundle = "Bag Attributes\n" + certificate.readAll() + pem->toByteArrayUnsafe();
    auto reread = PrivateKey::fromPem(bundle);
    QVERIFY2(reread.ok(), qPrintable(reread.ok() ? QString() : reread.error().message()));
    QVERIFY(reread->publicKey() == key->publicKey());
}

void TestPrivateKey::rejectsGarbage()
{
    auto garbage
        = PrivateKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    QVERIFY(!garbage.ok());
    QCOMPARE(garbage.error().code(), ErrorCode::InvalidInput);
    QVERIFY(!PrivateKey::fromPem(QByteArray()).ok());
    QVERIFY(!PublicKey::fromPem("not a key").ok());
}

void TestPrivateKey::keyTypeNames()
{
    for (KeyType type : allKeyTypes()) {
        auto parsed = parseKeyType(keyTypeName(type));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value(), type);
    }
    auto unknown = parseKeyType(QStringLiteral("dsa-1024"));
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().message().contains(QStringLiteral("ec-p256")));
}

// fuzz_privatekey found it: OpenSSL prompted on the terminal for these.
void TestPrivateKey::publicKeyPemNeverAsksForAPassphrase()
{
    const QByteArray encryptedHeader("-----BEGIN PUBLIC KEY-----\n"
                                     "Proc-Type: 4,ENCRYPTED\n"
                                     "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                                     "AAAA\n"
                                     "-----END PUBLIC KEY-----\n");
    auto parsed = PublicKey::fromPem(encryptedHeader);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code(), ErrorCode::InvalidInput);

    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto encrypted = key->toPem(SecretBytes::fromUtf8(QStringLiteral("secret")));
    QVERIFY(encrypted.ok());
    QVERIFY(!PublicKey::fromPem(encrypted->toByteArrayUnsafe()).ok());
}

// Found by fuzz_privatekey: a P-384 key whose stored public half belongs to another key.
void TestPrivateKey::inconsistentKeyIsRefused()
{
    const QByteArray pem("-----BEGIN PRIVATE KEY-----\n"
                         "MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAncfFurCYXJdCwOFfR\n"
                         "QB3JdU5pLPdXIvebQ2cc/V2ysSb+26Y/NLijDINA6exsQQGhZANiAARkOcdVR7zp\n"
                         "FmlC5AOs18ELuxtdJJtZ0l5PSmwaf3HMxVs4PhFt91dW6EttpABjb1S8lq8EuhR/\n"
                         "sflgM3GC+V+HFBDYfP/e19buVTLLbURWeSYmgtrL/zAYvJFpwIGwkSY=\n"
                         "-----END PRIVATE KEY-----\n");
    auto key = PrivateKey::fromPem(pem);
    QVERIFY(!key.ok());
    QCOMPARE(key.error().code(), ErrorCode::InvalidInput);
    QVERIFY(key.error().message().contains(QStringLiteral("inconsistent")));
}

QTEST_GUILESS_MAIN(TestPrivateKey)
#include "tst_privatekey.moc"
