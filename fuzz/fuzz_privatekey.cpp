// Private keys (crypto/privatekey.h): PrivateKey::fromPem without a passphrase and, when
// the key derivation is cheap, with a fixed one; then the accessors, a signature and the
// PEM round trip. Encrypted PKCS#8 whose PBKDF2 rounds or scrypt cost would dominate an
// iteration is not decrypted (the KDF parameters come from the input).
#include "crypto/privatekey.h"
#include "fuzzsupport.h"

#include <openssl/bio.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace certigram;

CERTIGRAM_FUZZ_INIT

namespace {

// The passphrase of the encrypted seeds in fuzz/corpus/fuzz_privatekey.
const char kPassphrase[] = "fuzzing";
constexpr long kMaximumPbkdf2Rounds = 2048;
constexpr uint64_t kMaximumScryptWork = 128 * 8 * 1; // N·r·p: 128 KiB of scrypt memory

bool cheapPbes2(const X509_ALGOR *algorithm)
{
    const ASN1_OBJECT *oid = nullptr;
    int type = 0;
    const void *value = nullptr;
    X509_ALGOR_get0(&oid, &type, &value, algorithm);
    if (type != V_ASN1_SEQUENCE)
        return true; // OpenSSL refuses it before deriving anything
    const ASN1_STRING *sequence = static_cast<const ASN1_STRING *>(value);
    const unsigned char *p = ASN1_STRING_get0_data(sequence);
    const int nid = OBJ_obj2nid(oid);
    if (nid == NID_pbes2) {
        PBE2PARAM *pbe2 = d2i_PBE2PARAM(nullptr, &p, ASN1_STRING_length(sequence));
        if (!pbe2)
            return true;
        bool cheap = true;
        const ASN1_TYPE *parameter = pbe2->keyfunc->parameter;
        if (parameter && parameter->type == V_ASN1_SEQUENCE) {
            const unsigned char *q = parameter->value.sequence->data;
            const long length = parameter->value.sequence->length;
            switch (OBJ_obj2nid(pbe2->keyfunc->algorithm)) {
            case NID_id_pbkdf2:
                if (PBKDF2PARAM *kdf = d2i_PBKDF2PARAM(nullptr, &q, length)) {
                    const long rounds = ASN1_INTEGER_get(kdf->iter);
                    cheap = rounds >= 0 && rounds <= kMaximumPbkdf2Rounds;
                    PBKDF2PARAM_free(kdf);
                }
                break;
            case NID_id_scrypt:
                if (SCRYPT_PARAMS *kdf = d2i_SCRYPT_PARAMS(nullptr, &q, length)) {
                    uint64_t n = 0, r = 0, par = 0;
                    cheap = ASN1_INTEGER_get_uint64(&n, kdf->costParameter)
                        && ASN1_INTEGER_get_uint64(&r, kdf->blockSize)
                        && ASN1_INTEGER_get_uint64(&par, kdf->parallelizationParameter)
                        && n <= kMaximumScryptWork && r <= kMaximumScryptWork
                        && par <= kMaximumScryptWork && n * r * par <= kMaximumScryptWork;
                    SCRYPT_PARAMS_free(kdf);
                }
                break;
            default:
                break;
            }
        }
        PBE2PARAM_free(pbe2);
        return cheap;
    }
    // PKCS#5 v1.5 / PKCS#12 PBE: a salt and a round count.
    PBEPARAM *pbe = d2i_PBEPARAM(nullptr, &p, ASN1_STRING_length(sequence));
    if (!pbe)
        return true;
    const long rounds = ASN1_INTEGER_get(pbe->iter);
    PBEPARAM_free(pbe);
    return rounds >= 0 && rounds <= kMaximumPbkdf2Rounds;
}

// True when trying the passphrase costs little: no PKCS#8 encryption (legacy PEM
// encryption derives its key with one MD5 round), or a single PKCS#8 block whose KDF
// parameters are small.
bool cheapToDecrypt(const QByteArray &pem)
{
    if (!pem.contains("ENCRYPTED PRIVATE KEY"))
        return true;
    if (pem.count("-----BEGIN") != 1)
        return false;
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    if (!bio)
        return false;
    // A refusing callback: the block may carry legacy "Proc-Type: 4,ENCRYPTED" headers.
    X509_SIG *sig = PEM_read_bio_PKCS8(
        bio, nullptr, [](char *, int, int, void *) { return -1; }, nullptr);
    BIO_free(bio);
    if (!sig)
        return true;
    const X509_ALGOR *algorithm = nullptr;
    const ASN1_OCTET_STRING *digest = nullptr;
    X509_SIG_get0(sig, &algorithm, &digest);
    const bool cheap = cheapPbes2(algorithm);
    X509_SIG_free(sig);
    return cheap;
}

void inspect(const PrivateKey &key)
{
    if (key.isNull())
        return;
    const PublicKey publicKey = key.publicKey();
    fuzz::use(publicKey.description());
    fuzz::use(key.algorithm());
    fuzz::use(key.bits());
    fuzz::use(key.keyType());
    const DigestAlgorithm digest = key.defaultDigest();
    // RSA keys larger than anything we issue make signing the slow part: skip those.
    if (key.bits() <= 4096) {
        const Result<QByteArray> signature = key.sign(QByteArrayLiteral("fuzz"), digest);
        if (signature.ok() && !publicKey.isNull()) {
            const Result<void> verified
                = publicKey.verify(QByteArrayLiteral("fuzz"), signature.value(), digest);
            // PrivateKey::fromPem refuses a key whose public half is not its own (a
            // pairwise check), so a loaded key's own signature must verify.
            if (!verified.ok() && key.keyType().has_value())
                fuzz::fail("a key's own signature does not verify", verified.error());
        }
    }
    const Result<SecretBytes> pem = key.toPem();
    if (pem.ok()) {
        const Result<PrivateKey> again = PrivateKey::fromPem(pem.value().toByteArrayUnsafe());
        if (!again.ok())
            fuzz::fail("a key's own PEM does not parse again", again.error());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    fuzz::use(PrivateKey::isEncryptedPem(input));
    const Result<PrivateKey> plain = PrivateKey::fromPem(input);
    if (plain.ok())
        inspect(plain.value());

    if (PrivateKey::isEncryptedPem(input) && cheapToDecrypt(input)) {
        const SecretBytes passphrase(kPassphrase, sizeof kPassphrase - 1);
        const Result<PrivateKey> decrypted = PrivateKey::fromPem(input, passphrase);
        if (decrypted.ok())
            inspect(decrypted.value());
    }
    fuzz::use(PublicKey::fromPem(input).ok());
    fuzz::use(PublicKey::fromDer(input).ok());
    return 0;
}
