#include "crypto/base64url.h"
#include "crypto/jwe.h"
#include "crypto/jwk.h"
#include "crypto/opensslptr.h"
#include "processrunner.h"
#include "testfiles.h"
#include "testpaths.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::fixturePath;
using certigram::test::readFile;
using certigram::test::runProcess;
using certigram::test::writeFile;

Q_DECLARE_METATYPE(certigram::ErrorCode)

namespace {

// RFC 7517 Appendix C: a private RSA JWK (C.1) encrypted with PBES2-HS256+A128KW and
// A128CBC-HS256 under the password of C.2 (p2c 4096), in compact serialization (C.8).
const QByteArray kRfc7517Password = "Thus from my lips, by yours, my sin is purged.";
const QByteArray kRfc7517Jwe
    = "eyJhbGciOiJQQkVTMi1IUzI1NitBMTI4S1ciLCJwMnMiOiIyV0NUY0paMVJ2ZF9DSnVKcmlwUTF3IiwicDJjIjo0MDk2"
      "LCJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiY3R5IjoiandrK2pzb24ifQ."
      "TrqXOwuNUfDV9VPTNbyGvEJ9JMjefAVn-TR1uIxR9p6hsRQh9Tk7BA."
      "Ye9j1qs22DmRSAddIh-VnA."
      "AwhB8lxrlKjFn02LGWEqg27H4Tg9fyZAbFv3p5ZicHpj64QyHC44qqlZ3JEmnZTgQowIqZJ13jbyHB8LgePiqUJ1hf6M"
      "2HPLgzw8L-mEeQ0jvDUTrE07NtOerBk8bwBQyZ6g0kQ3DEOIglfYxV8-FJvNBYwbqN1Bck6d_i7OtjSHV-8DIrp-3JcR"
      "Ie05YKy3Oi34Z_GOiAc1EK21B11c_AE11PII_wvvtRiUiG8YofQXakWd1_O98Kap-UgmyWPfreUJ3lJPnbD4Ve95owEf"
      "MGLOPflo2MnjaTDCwQokoJ_xplQ2vNPz8iguLcHBoKllyQFJL2mOWBwqhBo9Oj-O800as5mmLsvQMTflIrIEbbTMzHMB"
      "Z8EFW9fWwwFu0DWQJGkMNhmBZQ-3lvqTc-M6-gWA6D8PDhONfP2Oib2HGizwG1iEaX8GRyUpfLuljCLIe1DkGOewhKuK"
      "kZh04DKNM5Nbugf2atmU9OP0Ldx5peCUtRG1gMVl7Qup5ZXHTjgPDr5b2N731UooCGAUqHdgGhg0JVJ_ObCTdjsH4CF1"
      "SJsdUhrXvYx3HJh2Xd7CwJRzU_3Y1GxYU6-s3GFPbirfqqEipJDBTHpcoCmyrwYjYHFgnlqBZRotRrS95g8F95bRXqsa"
      "DY7UgQGwBQBwy665d0zpvTasvfXf_c0MWAl-neFaKOW_Px6g4EUDjG1GWSXV9cLStLw_0ovdApDIFLHYHePyagyHjouQ"
      "UuGiq7BsYwYrwaF06tgB8hV8omLNfMEmDPJaZUzMuHw6tBDwGkzD-tS_ub9hxrpJ4UsOWnt5rGUyoN2N_c1-TQlXxm5o"
      "to14MxnoAyBQBpwIEgSH3Y4ZhwKBhHPjSo0cdwuNdYbGPpb-YUvF-2NZzODiQ1OvWQBRHSbPWYz_xbGkgD504LRtqRwC"
      "O7CC_CyyURi1sEssPVsMJRX_U4LFEOc82TiDdqjKOjRUfKK5rqLi8nBE9soQ0DSaOoFQZiGrBrqxDsNYiAYAmxxkos-i"
      "3nX4qtByVx85sCE5U_0MqG7COxZWMOPEFrDaepUV-cOyrvoUIng8i8ljKBKxETY2BgPegKBYCxsAUcAkKamSCC9AiBxA"
      "0UOHyhTqtlvMksO7AEhNC2-YzPyx1FkhMoS4LLe6E_pFsMlmjA6P1NSge9C5G5tETYXGAn6b1xZbHtmwrPScro9LWhVm"
      "AaA7_bxYObnFUxgWtK4vzzQBjZJ36UTk4OTB-JvKWgfVWCFsaw5WCHj6Oo4jpO7d2yN7WMfAj2hTEabz9wumQ0TMhBdu"
      "Z-QON3pYObSy7TSC1vVme0NJrwF_cJRehKTFmdlXGVldPxZCplr7ZQqRQhF8JP-l4mEQVnCaWGn9ONHlemczGOS-A-ww"
      "tnmwjIB1V_vgJRf4FdpV-4hUk4-QLpu3-1lWFxrtZKcggq3tWTduRo5_QebQbUUT_VSCgsFcOmyWKoj56lbxthN19hq1"
      "XGWbLGfrrR6MWh23vk01zn8FVwi7uFwEnRYSafsnWLa1Z5TpBj9GvAdl2H9NHwzpB5NqHpZNkQ3NMDj13Fn8fzO0JB83"
      "Etbm_tnFQfcb13X3bJ15Cz-Ww1MGhvIpGGnMBT_ADp9xSIyAM9dQ1yeVXk-AIgWBUlN5uyWSGyCxp0cJwx7HxM38z0UI"
      "eBu-MytL-eqndM7LxytsVzCbjOTSVRmhYEMIzUAnS1gs7uMQAGRdgRIElTJESGMjb_4bZq9s6Ve1LKkSi0_QDsrABaLe"
      "55UY0zF4ZSfOV5PMyPtocwV_dcNPlxLgNAD1BFX_Z9kAdMZQW6fAmsfFle0zAoMe4l9pMESH0JB4sJGdCKtQXj1cXNyd"
      "DYozF7l8H00BV_Er7zd6VtIw0MxwkFCTatsv_R-GsBCH218RgVPsfYhwVuT8R4HarpzsDBufC4r8_c8fc9Z278sQ081j"
      "FjOja6L2x0N_ImzFNXU6xwO-Ska-QeuvYZ3X_L31ZOX4Llp-7QSfgDoHnOxFv1Xws-D5mDHD3zxOup2b2TppdKTZb9eW"
      "2vxUVviM8OI9atBfPKMGAOv9omA-6vv5IxUH0-lWMiHLQ_g8vnswp-Jav0c4t6URVUzujNOoNd_CBGGVnHiJTCHl88LQ"
      "xsqLHHIu4Fz-U2SGnlxGTj0-ihit2ELGRv4vO8E1BosTmf0cx3qgG0Pq0eOLBDIHsrdZ_CCAiTc0HVkMbyq1M6qEhM-q"
      "5P6y1QCIrwg."
      "0HFmhOzsQ98nNWJjIHkR7A";
// RFC 7517 Appendix C.1: the plaintext, byte for byte.
const QByteArray kRfc7517Plaintext
    = R"({"kty":"RSA","kid":"juliet@capulet.lit","use":"enc",)"
      R"("n":"t6Q8PWSi1dkJj9hTP8hNYFlvadM7DflW9mWepOJhJ66w7nyoK1gPNqFMSQRyO125Gp-TEkodhWr0iujjHVx7BcV0llS4w5ACGgPrcAd6ZcSR0-Iqom-QFcNP8Sjg086MwoqQU_LYywlAGZ21WSdS_PERyGFiNnj3QQlO8Yns5jCtLCRwLHL0Pb1fEv45AuRIuUfVcPySBWYnDyGxvjYGDSM-AqWS9zIQ2ZilgT-GqUmipg0XOC0Cc20rgLe2ymLHjpHciCKVAbY5-L32-lSeZO-Os6U15_aXrk9Gw8cPUaX1_I8sLGuSiVdt3C_Fn2PZ3Z8i744FPFGGcG1qs2Wz-Q",)"
      R"("e":"AQAB",)"
      R"("d":"GRtbIQmhOZtyszfgKdg4u_N-R_mZGU_9k7JQ_jn1DnfTuMdSNprTeaSTyWfSNkuaAwnOEbIQVy1IQbWVV25NY3ybc_IhUJtfri7bAXYEReWaCl3hdlPKXy9UvqPYGR0kIXTQRqns-dVJ7jahlI7LyckrpTmrM8dWBo4_PMaenNnPiQgO0xnuToxutRZJfJvG4Ox4ka3GORQd9CsCZ2vsUDmsXOfUENOyMqADC6p1M3h33tsurY15k9qMSpG9OX_IJAXmxzAh_tWiZOwk2K4yxH9tS3Lq1yX8C1EWmeRDkK2ahecG85-oLKQt5VEpWHKmjOi_gJSdSgqcN96X52esAQ",)"
      R"("p":"2rnSOV4hKSN8sS4CgcQHFbs08XboFDqKum3sc4h3GRxrTmQdl1ZK9uw-PIHfQP0FkxXVrx-WE-ZEbrqivH_2iCLUS7wAl6XvARt1KkIaUxPPSYB9yk31s0Q8UK96E3_OrADAYtAJs-M3JxCLfNgqh56HDnETTQhH3rCT5T3yJws",)"
      R"("q":"1u_RiFDP7LBYh3N4GXLT9OpSKYP0uQZyiaZwBtOCBNJgQxaj10RWjsZu0c6Iedis4S7B_coSKB0Kj9PaPaBzg-IySRvvcQuPamQu66riMhjVtG6TlV8CLCYKrYl52ziqK0E_ym2QnkwsUX7eYTB7LbAHRK9GqocDE5B0f808I4s",)"
      R"("dp":"KkMTWqBUefVwZ2_Dbj1pPQqyHSHjj90L5x_MOzqYAJMcLMZtbUtwKqvVDq3tbEo3ZIcohbDtt6SbfmWzggabpQxNxuBpoOOf_a_HgMXK_lhqigI4y_kqS1wY52IwjUn5rgRrJ-yYo1h41KR-vz2pYhEAeYrhttWtxVqLCRViD6c",)"
      R"("dq":"AvfS0-gRxvn0bwJoMSnFxYcK1WnuEjQFluMGfwGitQBWtfZ1Er7t1xDkbN9GQTB9yqpDoYaN06H7CFtrkxhJIBQaj6nkF5KKS3TQtQ5qCzkOkmxIe3KRbBymXxkb5qwUpX5ELD5xFc6FeiafWYY63TmmEAu_lRFCOJ3xDea-ots",)"
      R"("qi":"lSQi-w9CpyUReMErP1RsBLk7wNtOvs5EQpPqmuMvqW57NBUczScEoPwmUqqabu9V0-Py4dQ57_bapoKRu1R90bvuFnU63SHWEFglZQvJDMeAvmj4sm-Fp0oYu_neotgQ0hzbI5gry7ajdYy9-2lNx_76aBZoOUu9HCJ-UsfSOI8"})";

SecretBytes secret(const QByteArray &text)
{
    return SecretBytes(text.constData(), text.size());
}

// The step fixture's password file ends with a newline, which is not part of the password.
SecretBytes stepPassword()
{
    QByteArray text
        = readFile(fixturePath(QStringLiteral("step-ca-0.19/provisioner_password.txt")));
    if (text.endsWith('\n'))
        text.chop(1);
    return SecretBytes::take(text);
}

QJsonObject headerOf(const QByteArray &token)
{
    return QJsonDocument::fromJson(Base64Url::decode(token.split('.').first()).value()).object();
}

QByteArray part(const QByteArray &token, int index)
{
    return Base64Url::decode(token.split('.').at(index)).value();
}

// Flips one bit of the decoded part `index`.
QByteArray tamperedPart(const QByteArray &token, int index)
{
    QList<QByteArray> parts = token.split('.');
    QByteArray bytes = Base64Url::decode(parts[index]).value();
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
    parts[index] = Base64Url::encode(bytes);
    return parts.join('.');
}

QByteArray withHeader(const QByteArray &token, const QJsonObject &header)
{
    QList<QByteArray> parts = token.split('.');
    parts[0] = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact));
    return parts.join('.');
}

} // namespace

class TestJwe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rfc7517AppendixC();
    void rfc7517AppendixCTampered_data();
    void rfc7517AppendixCTampered();
    void stepProvisionerKey();
    void stepProvisionerKeyWrongPassword_data();
    void stepProvisionerKeyWrongPassword();
    void roundTrips_data();
    void roundTrips();
    void defaultIterations();
    void jwkRoundTrip();
    void opensslUnwrapsAndDecrypts();
    void tampered_data();
    void tampered();
    void headerRejects_data();
    void headerRejects();
    void hostileIterationCountIsRefusedQuickly();
    void structureRejects_data();
    void structureRejects();
    void encryptRejects();

private:
    QByteArray m_token;
};

void TestJwe::initTestCase()
{
    auto token = Jwe::encrypt(secret("the plaintext"), secret("correct horse"), QString(), 1000);
    QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(errorMessage(token.error())));
    m_token = token.value();
}

void TestJwe::rfc7517AppendixC()
{
    auto decrypted = Jwe::decrypt(kRfc7517Jwe, secret(kRfc7517Password));
    QVERIFY2(decrypted.ok(), decrypted.ok() ? "" : qPrintable(errorMessage(decrypted.error())));
    QCOMPARE(decrypted->plaintext.toByteArrayUnsafe(), kRfc7517Plaintext);
    const QJsonObject &header = decrypted->header;
    QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("PBES2-HS256+A128KW"));
    QCOMPARE(header.value(QLatin1String("enc")).toString(), QStringLiteral("A128CBC-HS256"));
    QCOMPARE(header.value(QLatin1String("p2c")).toInt(), 4096);
    QCOMPARE(header.value(QLatin1String("p2s")).toString(),
             QStringLiteral("2WCTcJZ1Rvd_CJuJripQ1w"));

    auto jwk = Jwe::decryptJwk(kRfc7517Jwe, secret(kRfc7517Password));
    QVERIFY2(jwk.ok(), jwk.ok() ? "" : qPrintable(errorMessage(jwk.error())));
    QVERIFY(jwk->isPrivate());
    QCOMPARE(jwk->keyType(), QStringLiteral("RSA"));
    QCOMPARE(jwk->kid(), QStringLiteral("juliet@capulet.lit"));
    QCOMPARE(jwk->use(), QStringLiteral("enc"));
    QCOMPARE(jwk->toPublicKey()->bits(), 2048);
    auto privateJson = jwk->toPrivateJson();
    QVERIFY(privateJson.ok());
    QCOMPARE(QJsonDocument::fromJson(privateJson->toByteArrayUnsafe()).object(),
             QJsonDocument::fromJson(kRfc7517Plaintext).object());

    auto wrong
        = Jwe::decrypt(kRfc7517Jwe, secret("Thus from my lips, by yours, my sin is purged!"));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code(), ErrorCode::WrongPassphrase);
}

void TestJwe::rfc7517AppendixCTampered_data()
{
    // A128CBC-HS256 authenticates IV, ciphertext and header with its HMAC tag.
    QTest::addColumn<int>("index");
    QTest::newRow("IV") << 2;
    QTest::newRow("ciphertext") << 3;
    QTest::newRow("tag") << 4;
}

void TestJwe::rfc7517AppendixCTampered()
{
    QFETCH(int, index);
    auto decrypted = Jwe::decrypt(tamperedPart(kRfc7517Jwe, index), secret(kRfc7517Password));
    QVERIFY(!decrypted.ok());
    QCOMPARE(decrypted.error().code(), ErrorCode::VerificationFailed);
}

void TestJwe::stepProvisionerKey()
{
    // The provisioner key file `step ca init` wrote decrypts to the private JWK whose
    // public half (and RFC 7638 thumbprint as kid) step-ca put into its configuration.
    const QByteArray jwe
        = readFile(fixturePath(QStringLiteral("step-ca-0.19/provisioner_key.jwe")));
    const QJsonObject publicJwk
        = QJsonDocument::fromJson(
              readFile(fixturePath(QStringLiteral("step-ca-0.19/provisioner_public.jwk"))))
              .object();
    QVERIFY(!jwe.isEmpty() && !publicJwk.isEmpty());

    auto decrypted = Jwe::decrypt(jwe, stepPassword());
    QVERIFY2(decrypted.ok(), decrypted.ok() ? "" : qPrintable(errorMessage(decrypted.error())));
    QCOMPARE(decrypted->header.value(QLatin1String("enc")).toString(), QStringLiteral("A256GCM"));
    QCOMPARE(decrypted->header.value(QLatin1String("cty")).toString(), QStringLiteral("jwk+json"));
    QCOMPARE(decrypted->header.value(QLatin1String("p2c")).toInt(), Jwe::kStepIterations);

    auto jwk = Jwe::decryptJwk(jwe, stepPassword());
    QVERIFY2(jwk.ok(), jwk.ok() ? "" : qPrintable(errorMessage(jwk.error())));
    QVERIFY(jwk->isPrivate());
    QCOMPARE(jwk->thumbprint(), publicJwk.value(QLatin1String("kid")).toString());
    QCOMPARE(jwk->toJson(), publicJwk);
    auto configured = Jwk::fromJson(publicJwk);
    QVERIFY(configured.ok());
    QVERIFY(jwk->hasSamePublicKey(configured.value()));
}

void TestJwe::stepProvisionerKeyWrongPassword_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::newRow("another password") << QByteArray("5QtghMl9lo+DBEleCSekt4e7");
    QTest::newRow("with the file's newline") << QByteArray("5QtghMl9lo+DBEleCSekt4e6\n");
    QTest::newRow("empty") << QByteArray();
}

void TestJwe::stepProvisionerKeyWrongPassword()
{
    QFETCH(QByteArray, password);
    const QByteArray jwe
        = readFile(fixturePath(QStringLiteral("step-ca-0.19/provisioner_key.jwe")));
    auto jwk = Jwe::decryptJwk(jwe, secret(password));
    QVERIFY(!jwk.ok());
    QCOMPARE(jwk.error().code(), ErrorCode::WrongPassphrase);
}

void TestJwe::roundTrips_data()
{
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<int>("iterations");
    QTest::newRow("text") << QByteArray("hello, step") << QString() << 1000;
    QTest::newRow("jwk content type")
        << QByteArray(R"({"kty":"EC"})") << QStringLiteral("jwk+json") << 4096;
    QTest::newRow("empty") << QByteArray() << QString() << 1000;
    QTest::newRow("100 KiB binary") << QByteArray(100 * 1024, '\xa5') << QString() << 1000;
}

void TestJwe::roundTrips()
{
    QFETCH(QByteArray, plaintext);
    QFETCH(QString, contentType);
    QFETCH(int, iterations);
    const SecretBytes password = SecretBytes::fromUtf8(QStringLiteral("pässwörd ✓"));
    auto token = Jwe::encrypt(secret(plaintext), password, contentType, iterations);
    QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(errorMessage(token.error())));
    QCOMPARE(token->count('.'), 4);

    const QJsonObject header = headerOf(token.value());
    QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("PBES2-HS256+A128KW"));
    QCOMPARE(header.value(QLatin1String("enc")).toString(), QStringLiteral("A256GCM"));
    QCOMPARE(header.value(QLatin1String("p2c")).toInt(), iterations);
    QCOMPARE(Base64Url::decode(header.value(QLatin1String("p2s")).toString().toLatin1())->size(),
             16);
    QCOMPARE(header.contains(QLatin1String("cty")), !contentType.isEmpty());
    QCOMPARE(header.value(QLatin1String("cty")).toString(), contentType);
    QCOMPARE(part(token.value(), 1).size(), 40); // wrapped 32-byte CEK
    QCOMPARE(part(token.value(), 2).size(), 12); // IV
    QCOMPARE(part(token.value(), 3).size(), plaintext.size());
    QCOMPARE(part(token.value(), 4).size(), 16); // tag

    auto decrypted = Jwe::decrypt(token.value(), password);
    QVERIFY2(decrypted.ok(), decrypted.ok() ? "" : qPrintable(errorMessage(decrypted.error())));
    QCOMPARE(decrypted->plaintext.toByteArrayUnsafe(), plaintext);
    QCOMPARE(decrypted->header, header);

    // Fresh salt, IV and CEK every time.
    auto again = Jwe::encrypt(secret(plaintext), password, contentType, iterations);
    QVERIFY(again.ok());
    for (int index = 0; index < 5; ++index) {
        if (index == 3 && plaintext.isEmpty())
            continue;
        QVERIFY(token->split('.').at(index) != again->split('.').at(index));
    }
}

void TestJwe::defaultIterations()
{
    QCOMPARE(Jwe::kDefaultIterations, 600000);
    QCOMPARE(Jwe::kStepIterations, 100000);
    auto token = Jwe::encrypt(secret("x"), secret("password"));
    QVERIFY(token.ok());
    QCOMPARE(headerOf(token.value()).value(QLatin1String("p2c")).toInt(), 600000);
    QVERIFY(Jwe::decrypt(token.value(), secret("password")).ok());
}

void TestJwe::jwkRoundTrip()
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(key.ok());
    auto jwk = Jwk::fromPrivateKey(key.value());
    QVERIFY(jwk.ok());
    auto token = Jwe::encryptJwk(jwk.value(), secret("provisioner password"), Jwe::kStepIterations);
    QVERIFY(token.ok());
    QCOMPARE(headerOf(token.value()).value(QLatin1String("cty")).toString(),
             QStringLiteral("jwk+json"));
    auto reread = Jwe::decryptJwk(token.value(), secret("provisioner password"));
    QVERIFY2(reread.ok(), reread.ok() ? "" : qPrintable(errorMessage(reread.error())));
    QVERIFY(reread->isPrivate());
    QCOMPARE(reread->toPrivateJson().value(), jwk->toPrivateJson().value());

    // A public JWK has nothing to protect; other content types are not JWKs.
    QVERIFY(!Jwe::encryptJwk(jwk->publicJwk(), secret("x"), 1000).ok());
    auto other = Jwe::encrypt(jwk->toPrivateJson().value(), secret("x"),
                              QStringLiteral("text/plain"), 1000);
    QVERIFY(other.ok());
    QCOMPARE(Jwe::decryptJwk(other.value(), secret("x")).error().code(), ErrorCode::InvalidInput);
}

void TestJwe::opensslUnwrapsAndDecrypts()
{
    // An independent reading of a JWE we wrote: `openssl kdf` derives the key-wrap key
    // with RFC 7518's salt, `openssl enc -id-aes128-wrap` unwraps the CEK, and plain
    // OpenSSL AES-256-GCM (AAD = the encoded header) opens the ciphertext.
    const QByteArray plaintext("read by openssl");
    auto token = Jwe::encrypt(secret(plaintext), secret("test password"), QString(), 1000);
    QVERIFY(token.ok());
    const QList<QByteArray> parts = token->split('.');
    const QByteArray salt = QByteArray("PBES2-HS256+A128KW") + '\0'
        + Base64Url::decode(
              headerOf(token.value()).value(QLatin1String("p2s")).toString().toLatin1())
              .value();

    auto kdf = runProcess(
        QStringLiteral("openssl"),
        {QStringLiteral("kdf"), QStringLiteral("-keylen"), QStringLiteral("16"),
         QStringLiteral("-kdfopt"), QStringLiteral("digest:SHA256"), QStringLiteral("-kdfopt"),
         QStringLiteral("pass:test password"), QStringLiteral("-kdfopt"),
         QStringLiteral("hexsalt:") + QString::fromLatin1(salt.toHex()), QStringLiteral("-kdfopt"),
         QStringLiteral("iter:1000"), QStringLiteral("PBKDF2")});
    QVERIFY2(kdf.succeeded(), kdf.standardError.constData());
    const QString kek = QString::fromLatin1(kdf.standardOutput.trimmed()).remove(QLatin1Char(':'));
    QCOMPARE(kek.size(), 32);

    QTemporaryDir dir;
    const QString wrapped = writeFile(dir, QStringLiteral("wrapped.bin"), part(token.value(), 1));
    auto unwrapped = runProcess(QStringLiteral("openssl"),
                                {QStringLiteral("enc"), QStringLiteral("-d"),
                                 QStringLiteral("-id-aes128-wrap"), QStringLiteral("-K"), kek,
                                 QStringLiteral("-iv"), QStringLiteral("A6A6A6A6A6A6A6A6"),
                                 QStringLiteral("-in"), wrapped});
    QVERIFY2(unwrapped.succeeded(), unwrapped.standardError.constData());
    const QByteArray cek = unwrapped.standardOutput;
    QCOMPARE(cek.size(), 32);

    const QByteArray iv = part(token.value(), 2);
    const QByteArray ciphertext = part(token.value(), 3);
    QByteArray tag = part(token.value(), 4);
    ossl::EvpCipherCtxPtr context(EVP_CIPHER_CTX_new());
    QByteArray opened(ciphertext.size() + 16, '\0');
    int length = 0;
    int finalLength = 0;
    int aadLength = 0;
    QVERIFY(EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr,
                               reinterpret_cast<const unsigned char *>(cek.constData()),
                               reinterpret_cast<const unsigned char *>(iv.constData()))
            == 1);
    QVERIFY(EVP_DecryptUpdate(context.get(), nullptr, &aadLength,
                              reinterpret_cast<const unsigned char *>(parts[0].constData()),
                              static_cast<int>(parts[0].size()))
            == 1);
    QVERIFY(EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char *>(opened.data()),
                              &length,
                              reinterpret_cast<const unsigned char *>(ciphertext.constData()),
                              static_cast<int>(ciphertext.size()))
            == 1);
    QVERIFY(EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()) == 1);
    QVERIFY(EVP_DecryptFinal_ex(context.get(),
                                reinterpret_cast<unsigned char *>(opened.data()) + length,
                                &finalLength)
            == 1);
    opened.resize(length + finalLength);
    QCOMPARE(opened, plaintext);
}

void TestJwe::tampered_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<ErrorCode>("code");
    // The wrapped key fails RFC 3394's integrity check, indistinguishable from a wrong
    // password; the rest fails GCM's tag.
    QTest::newRow("encrypted key") << 1 << ErrorCode::WrongPassphrase;
    QTest::newRow("IV") << 2 << ErrorCode::VerificationFailed;
    QTest::newRow("ciphertext") << 3 << ErrorCode::VerificationFailed;
    QTest::newRow("tag") << 4 << ErrorCode::VerificationFailed;
}

void TestJwe::tampered()
{
    QFETCH(int, index);
    QFETCH(ErrorCode, code);
    QVERIFY(Jwe::decrypt(m_token, secret("correct horse")).ok());
    auto decrypted = Jwe::decrypt(tamperedPart(m_token, index), secret("correct horse"));
    QVERIFY(!decrypted.ok());
    QCOMPARE(Error::codeName(decrypted.error().code()), Error::codeName(code));
}

void TestJwe::headerRejects_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<ErrorCode>("code");
    const auto change = [](const char *member, const QJsonValue &value) {
        QJsonObject object;
        object.insert(QLatin1String(member), value);
        return object;
    };
    // Same key and salt, other bytes in the AAD: GCM notices.
    QTest::newRow("extra member") << change("kid", QStringLiteral("x")) << QStringList()
                                  << ErrorCode::VerificationFailed;
    // Another salt or count derives another key-wrap key.
    QTest::newRow("other p2s") << change("p2s", QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA"))
                               << QStringList() << ErrorCode::WrongPassphrase;
    QTest::newRow("other p2c") << change("p2c", 1001) << QStringList()
                               << ErrorCode::WrongPassphrase;
    QTest::newRow("p2c 999") << change("p2c", 999) << QStringList() << ErrorCode::InvalidInput;
    QTest::newRow("p2c 10000001") << change("p2c", 10000001) << QStringList()
                                  << ErrorCode::InvalidInput;
    QTest::newRow("p2c negative") << change("p2c", -4096) << QStringList()
                                  << ErrorCode::InvalidInput;
    QTest::newRow("p2c fractional")
        << change("p2c", 4096.5) << QStringList() << ErrorCode::InvalidInput;
    QTest::newRow("p2c a string") << change("p2c", QStringLiteral("4096")) << QStringList()
                                  << ErrorCode::InvalidInput;
    QTest::newRow("p2c missing") << QJsonObject() << QStringList{QStringLiteral("p2c")}
                                 << ErrorCode::InvalidInput;
    QTest::newRow("p2s missing") << QJsonObject() << QStringList{QStringLiteral("p2s")}
                                 << ErrorCode::InvalidInput;
    QTest::newRow("p2s 4 bytes") << change("p2s", QStringLiteral("AAAAAA")) << QStringList()
                                 << ErrorCode::InvalidInput;
    QTest::newRow("p2s not base64url")
        << change("p2s", QStringLiteral("AAAA+AAA")) << QStringList() << ErrorCode::InvalidInput;
    QTest::newRow("alg missing") << QJsonObject() << QStringList{QStringLiteral("alg")}
                                 << ErrorCode::InvalidInput;
    QTest::newRow("alg dir") << change("alg", QStringLiteral("dir")) << QStringList()
                             << ErrorCode::Unsupported;
    QTest::newRow("alg PBES2-HS512+A256KW") << change("alg", QStringLiteral("PBES2-HS512+A256KW"))
                                            << QStringList() << ErrorCode::Unsupported;
    QTest::newRow("enc A128GCM") << change("enc", QStringLiteral("A128GCM")) << QStringList()
                                 << ErrorCode::Unsupported;
    QTest::newRow("zip") << change("zip", QStringLiteral("DEF")) << QStringList()
                         << ErrorCode::Unsupported;
    QTest::newRow("crit") << change("crit", QJsonArray{QStringLiteral("p2c")}) << QStringList()
                          << ErrorCode::Unsupported;
}

void TestJwe::headerRejects()
{
    QFETCH(QJsonObject, changes);
    QFETCH(QStringList, removed);
    QFETCH(ErrorCode, code);
    QJsonObject header = headerOf(m_token);
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it)
        header.insert(it.key(), it.value());
    for (const QString &member : removed)
        header.remove(member);
    auto decrypted = Jwe::decrypt(withHeader(m_token, header), secret("correct horse"));
    QVERIFY(!decrypted.ok());
    QVERIFY2(decrypted.error().code() == code, qPrintable(errorMessage(decrypted.error())));
}

void TestJwe::hostileIterationCountIsRefusedQuickly()
{
    QJsonObject header = headerOf(m_token);
    header.insert(QStringLiteral("p2c"), 2147483647);
    QElapsedTimer timer;
    timer.start();
    auto decrypted = Jwe::decrypt(withHeader(m_token, header), secret("correct horse"));
    QVERIFY(!decrypted.ok());
    QCOMPARE(decrypted.error().code(), ErrorCode::InvalidInput);
    QVERIFY(decrypted.error().message().contains(QStringLiteral("p2c")));
    QVERIFY(timer.elapsed() < 1000);
}

void TestJwe::structureRejects_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("four parts") << QByteArray("a.b.c.d");
    QTest::newRow("six parts") << QByteArray("a.b.c.d.e.f");
    QTest::newRow("header not base64url") << QByteArray("!!.b.c.d.e");
    QTest::newRow("header not JSON")
        << QByteArray(Base64Url::encode("nope") + ".AAAA.AAAA.AAAA.AAAA");
    QTest::newRow("header an array")
        << QByteArray(Base64Url::encode("[]") + ".AAAA.AAAA.AAAA.AAAA");
    QTest::newRow("too long") << QByteArray(2 * 1024 * 1024, 'A');
}

void TestJwe::structureRejects()
{
    QFETCH(QByteArray, token);
    auto decrypted = Jwe::decrypt(token, secret("password"));
    QVERIFY(!decrypted.ok());
    QCOMPARE(decrypted.error().code(), ErrorCode::InvalidInput);

    // Parts of the wrong length in an otherwise good token.
    QList<QByteArray> parts = m_token.split('.');
    for (int index : {1, 2, 4}) {
        QList<QByteArray> shortened = parts;
        shortened[index] = Base64Url::encode(part(m_token, index).left(8));
        auto result = Jwe::decrypt(shortened.join('.'), secret("correct horse"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::InvalidInput);
    }
}

void TestJwe::encryptRejects()
{
    QCOMPARE(Jwe::encrypt(secret("x"), SecretBytes(), QString(), 1000).error().code(),
             ErrorCode::InvalidInput);
    QCOMPARE(Jwe::encrypt(secret("x"), secret("p"), QString(), 999).error().code(),
             ErrorCode::InvalidInput);
    QCOMPARE(Jwe::encrypt(secret("x"), secret("p"), QString(), 10000001).error().code(),
             ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestJwe)
#include "tst_jwe.moc"
