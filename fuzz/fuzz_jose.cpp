// JOSE (crypto/jws.h, jwk.h, jwe.h, onetimetokenverifier.h) on untrusted input: Jws::parse
// (and verify with a fixed key), Jwk::fromJson and its accessors, Jwe::decrypt /
// decryptJwk with a fixed password, and OneTimeTokenVerifier::verify with a fixed
// provisioner key, as step-ca and our CA check a client's one-time token.
#include "crypto/base64url.h"
#include "crypto/jwe.h"
#include "crypto/jwk.h"
#include "crypto/jws.h"
#include "crypto/onetimetokenverifier.h"
#include "fuzzsupport.h"

#include <QTimeZone>

using namespace certigram;

namespace {

// tests/fixtures/step-ca-0.19/provisioner_public.jwk: the key the fixture tokens are
// signed with, so the seed tokens verify and the fuzzer starts past the signature check.
const char kProvisionerJwk[] = R"({"use":"sig","kty":"EC",
"kid":"vT1g9T_mudRiKi1z9LlH8TLBomG4o8qjkpUN8NV-zw4","crv":"P-256","alg":"ES256",
"x":"orKaFFtchtuz1FeJYQ7NW9VtM1GREgJhoz68WEXczws",
"y":"_1vfL-3ASbd4TJvXAu0dtNOKkf_Oh9bFgaaWi7YWGQw"})";
// The fixture tokens' iat (token_sign.jwt), plus a little: inside their validity.
constexpr qint64 kNow = 1795878791 + 30;
// The password of the seed JWEs in fuzz/corpus/fuzz_jose (and of the fixture's
// provisioner_key.jwe).
const char kPassword[] = "5QtghMl9lo+DBEleCSekt4e6";
// PBKDF2 rounds above this are skipped: libFuzzer must not spend its time in the KDF.
constexpr double kMaximumFuzzIterations = 2000;

Jwk g_key;
OneTimeTokenVerifier *g_verifier = nullptr;

void inspect(const Jwk &jwk)
{
    fuzz::use(jwk.isPrivate());
    fuzz::use(jwk.keyType());
    fuzz::use(jwk.curve());
    fuzz::use(jwk.keyId());
    fuzz::use(jwk.toJson());
    fuzz::use(jwk.thumbprint());
    fuzz::use(jwk.publicJwk().toJson());
    fuzz::use(jwk.hasSamePublicKey(g_key));
    const Result<PublicKey> publicKey = jwk.toPublicKey();
    if (publicKey.ok())
        fuzz::use(Jws::algorithmFor(publicKey.value()).ok());
    if (jwk.isPrivate()) {
        const Result<PrivateKey> privateKey = jwk.toPrivateKey();
        if (privateKey.ok())
            fuzz::use(Jws::algorithmFor(privateKey.value()).ok());
        const Result<SecretBytes> json = jwk.toPrivateJson();
        if (json.ok()) {
            // A private JWK we wrote must read back.
            const Result<Jwk> again = Jwk::fromJson(json.value());
            if (!again.ok())
                fuzz::fail("a private JWK does not parse again after toPrivateJson",
                           again.error());
        }
    }
}

// True unless the token's protected header asks for more PBKDF2 rounds than fuzzing
// can afford (Jwe rejects a header without a numeric p2c before deriving anything).
bool cheapToDecrypt(const QByteArray &token)
{
    const QByteArray header = token.trimmed().split('.').value(0);
    const Result<QByteArray> json = Base64Url::decode(header);
    if (!json.ok())
        return true;
    const QJsonValue p2c = QJsonDocument::fromJson(json.value()).object().value(
        QLatin1String("p2c"));
    return !p2c.isDouble() || p2c.toDouble() <= kMaximumFuzzIterations;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::silenceQtMessages();
    fuzz::forbidPassphrasePrompts();
    const Result<Jwk> key = Jwk::fromJson(QByteArray(kProvisionerJwk));
    if (!key.ok())
        fuzz::fail("the fixed provisioner JWK does not parse", key.error());
    g_key = key.value();
    g_verifier = new OneTimeTokenVerifier({{QStringLiteral("admin"), g_key}},
                                          {QStringLiteral("https://127.0.0.1:9543/1.0/sign"),
                                           QStringLiteral("https://127.0.0.1:9543/1.0/revoke")});
    g_verifier->setClock(
        [] { return QDateTime::fromSecsSinceEpoch(kNow, QTimeZone::utc()); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    // Compact JWS, as a one-time token.
    const Result<ParsedJws> jws = Jws::parse(input);
    if (jws.ok()) {
        const ParsedJws &parsed = jws.value();
        fuzz::use(parsed.kid());
        fuzz::use(Jws::algorithmName(parsed.algorithm));
        const Result<PublicKey> publicKey = g_key.toPublicKey();
        if (publicKey.ok())
            fuzz::use(Jws::verify(parsed, publicKey.value()).ok());
    }
    const Result<OneTimeTokenClaims> claims = g_verifier->verify(input);
    if (claims.ok()) {
        fuzz::use(claims.value().subject);
        fuzz::use(claims.value().sans);
    } else {
        fuzz::use(claims.error().message());
    }

    // JWK, as a provisioner's key in a CA configuration or a /provisioners answer.
    const Result<Jwk> jwk = Jwk::fromJson(input);
    if (jwk.ok())
        inspect(jwk.value());

    // JWE, as an encrypted provisioner key.
    if (cheapToDecrypt(input)) {
        const SecretBytes password(kPassword, sizeof kPassword - 1);
        const Result<DecryptedJwe> jwe = Jwe::decrypt(input, password);
        if (jwe.ok()) {
            fuzz::use(jwe.value().header);
            const Result<Jwk> inner = Jwk::fromJson(jwe.value().plaintext);
            if (inner.ok())
                inspect(inner.value());
        }
    }

    // The ECDSA signature conversions Jws uses, on raw bytes.
    for (const int componentSize : {32, 48}) {
        const Result<QByteArray> raw = Jws::ecdsaDerToRaw(input, componentSize);
        if (raw.ok()) {
            const Result<QByteArray> der = Jws::ecdsaRawToDer(raw.value(), componentSize);
            if (!der.ok())
                fuzz::fail("an ECDSA signature does not convert back to DER", der.error());
        }
        fuzz::use(Jws::ecdsaRawToDer(input, componentSize).ok());
    }
    fuzz::use(Base64Url::decode(input).ok());
    return 0;
}
