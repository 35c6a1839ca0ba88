#include "crypto/pkcs12bundle.h"

#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"

#include <QStringDecoder>

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/provider.h>

#include <algorithm>
#include <atomic>

namespace certigram {

namespace {

// Modern: 600 000 iterations, OWASP's current figure for PBKDF2-HMAC-SHA256. The key bag,
// the certificate bag and the MAC key are each derived from the password; an attacker
// guesses against the cheapest of the three, so the MAC (PKCS#12 KDF over SHA-256) gets
// the same count — a MAC at OpenSSL's default 2048 would make the other 600 000 moot.
// Each derivation takes roughly 0.1–0.3 s on a current CPU; a file is written or read
// rarely, and never on the UI thread.
constexpr int kModernIterations = 600000;
// Legacy: the count old Windows and macOS importers wrote and expect.
constexpr int kLegacyIterations = 2048;

void freeBorrowedStack(STACK_OF(X509) * certificates)
{
    sk_X509_free(certificates);
}
using BorrowedStackPtr = ossl::Owner<STACK_OF(X509), freeBorrowedStack>;

std::atomic<bool> legacyProviderAttempted{false};

// Loads OpenSSL's legacy provider (RC2) into the default library context, once per
// process and only when a legacy file needs it, since it makes weak algorithms available
// to the whole process. The default provider is loaded with it: once any provider is
// loaded explicitly, OpenSSL stops loading the default one implicitly. Both stay loaded
// until exit, as unloading while another thread may fetch from them is unsafe.
// Returns whether RC2 can now be used.
bool loadLegacyProvider()
{
    static const bool rc2Available = [] {
        OSSL_PROVIDER *defaultProvider = OSSL_PROVIDER_load(nullptr, "default");
        OSSL_PROVIDER *legacyProvider = OSSL_PROVIDER_load(nullptr, "legacy");
        EVP_CIPHER *rc2 = EVP_CIPHER_fetch(nullptr, "RC2-40-CBC", nullptr);
        const bool available = defaultProvider && legacyProvider && rc2;
        EVP_CIPHER_free(rc2);
        ossl::clearErrors();
        legacyProviderAttempted = true;
        return available;
    }();
    return rc2Available;
}

// The PKCS#12 C API takes NUL-terminated passwords.
Result<SecretBytes> terminated(const SecretBytes &password)
{
    if (std::find(password.data(), password.data() + password.size(), '\0')
        != password.data() + password.size())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the password must not contain a NUL character"));
    SecretBytes copy = password;
    copy.resize(password.size() + 1);
    return copy;
}

// A copy without OpenSSL's auxiliary data: a certificate read from another PKCS#12 file
// carries that file's friendlyName and localKeyID, which PKCS12_create would copy into
// the new file and so tie the certificate to the wrong key.
Result<Certificate> plainCopy(const Certificate &certificate)
{
    return Certificate::fromDer(certificate.toDer());
}

// A password as the PKCS#12 functions take it: NULL, or text with a length (-1: strlen).
struct Password
{
    const char *text;
    int length;
};

// What the bags of a PKCS#12 file hold, in file order.
struct BagContents
{
    ossl::EvpPkeyPtr key;
    QString keyName;
    QList<Certificate> certificates;
    QStringList names; // each certificate's friendlyName
};

void freeSafes(STACK_OF(PKCS7) * safes)
{
    sk_PKCS7_pop_free(safes, PKCS7_free);
}
using SafesPtr = ossl::Owner<STACK_OF(PKCS7), freeSafes>;

void freeBags(STACK_OF(PKCS12_SAFEBAG) * bags)
{
    sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
}
using BagsPtr = ossl::Owner<STACK_OF(PKCS12_SAFEBAG), freeBags>;
// Frees (and, by OpenSSL's ASN.1 callback, wipes) decrypted key info.
using KeyInfoPtr = ossl::Owner<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>;

// Decoded here, not by PKCS12_get_friendlyname(): the OpenSSL 3.0.19 of Debian 12
// (3.0.19-1~deb12u2) returns nothing for a BMPString with a character above U+07FF unless
// it ends in a NUL, which PKCS12_create() does not write, so "Alice’s key ✓" was lost.
QString friendlyNameOf(const PKCS12_SAFEBAG *bag)
{
    const ASN1_TYPE *attribute = PKCS12_SAFEBAG_get0_attr(bag, NID_friendlyName);
    if (!attribute)
        return {};
    if (attribute->type == V_ASN1_BMPSTRING) { // UTF-16BE, as PKCS#12 specifies
        const ASN1_BMPSTRING *bmp = attribute->value.bmpstring;
        QStringDecoder utf16(QStringConverter::Utf16BE);
        QString name = utf16(QByteArrayView(bmp->data, bmp->length));
        while (name.endsWith(QChar(u'\0'))) // a terminator some writers add
            name.chop(1);
        return name;
    }
    if (attribute->type == V_ASN1_UTF8STRING) { // not standard, but seen
        const ASN1_UTF8STRING *utf8 = attribute->value.utf8string;
        return QString::fromUtf8(reinterpret_cast<const char *>(utf8->data), utf8->length);
    }
    return {};
}

// Collects the key and the certificates of `bags`, decrypting a shrouded key and
// descending into nested safe contents. The first key wins, as in PKCS12_parse; CRL and
// secret bags are not ours to read.
bool collect(const STACK_OF(PKCS12_SAFEBAG) * bags, const Password &password, BagContents &contents)
{
    for (int i = 0; i < sk_PKCS12_SAFEBAG_num(bags); ++i) {
        PKCS12_SAFEBAG *bag = sk_PKCS12_SAFEBAG_value(bags, i);
        switch (PKCS12_SAFEBAG_get_nid(bag)) {
        case NID_keyBag:
        case NID_pkcs8ShroudedKeyBag: {
            if (contents.key)
                break;
            KeyInfoPtr decrypted;
            const PKCS8_PRIV_KEY_INFO *info = nullptr;
            if (PKCS12_SAFEBAG_get_nid(bag) == NID_keyBag) {
                info = PKCS12_SAFEBAG_get0_p8inf(bag);
            } else {
                decrypted.reset(PKCS12_decrypt_skey(bag, password.text, password.length));
                info = decrypted.get();
            }
            contents.key.reset(info ? EVP_PKCS82PKEY(info) : nullptr);
            if (!contents.key)
                return false;
            contents.keyName = friendlyNameOf(bag);
            break;
        }
        case NID_certBag: {
            if (PKCS12_SAFEBAG_get_bag_nid(bag) != NID_x509Certificate)
                break; // SDSI certificates
            X509 *certificate = PKCS12_SAFEBAG_get1_cert(bag);
            if (!certificate)
                return false;
            contents.certificates << Certificate::adopt(certificate);
            contents.names << friendlyNameOf(bag);
            break;
        }
        case NID_safeContentsBag:
            if (!collect(PKCS12_SAFEBAG_get0_safes(bag), password, contents))
                return false;
            break;
        default: break;
        }
    }
    return true;
}

// Opens every safe of `bundle` (plain or password-encrypted; public-key-encrypted safes
// are skipped, as PKCS12_parse does) and collects their bags.
bool unpack(PKCS12 *bundle, const Password &password, BagContents &contents)
{
    ossl::clearErrors();
    SafesPtr safes(PKCS12_unpack_authsafes(bundle));
    if (!safes)
        return false;
    for (int i = 0; i < sk_PKCS7_num(safes.get()); ++i) {
        PKCS7 *safe = sk_PKCS7_value(safes.get(), i);
        BagsPtr bags;
        if (PKCS7_type_is_data(safe))
            bags.reset(PKCS12_unpack_p7data(safe));
        else if (PKCS7_type_is_encrypted(safe))
            bags.reset(PKCS12_unpack_p7encdata(safe, password.text, password.length));
        else
            continue;
        if (!bags || !collect(bags.get(), password, contents))
            return false;
    }
    return true;
}

// Whether the last failure was a missing algorithm (RC2 without the legacy provider)
// rather than a wrong key or damaged data.
bool queueSaysUnsupported()
{
    const auto unsupported = [](unsigned long code) {
        const int reason = ERR_GET_REASON(code);
        return reason == ERR_R_UNSUPPORTED
            || (ERR_GET_LIB(code) == ERR_LIB_EVP
                && (reason == EVP_R_UNSUPPORTED_ALGORITHM || reason == EVP_R_UNKNOWN_CIPHER
                    || reason == EVP_R_UNKNOWN_PBE_ALGORITHM));
    };
    return unsupported(ERR_peek_error()) || unsupported(ERR_peek_last_error());
}

} // namespace

Result<Pkcs12Export> Pkcs12Bundle::exportBundle(const PrivateKey &key,
                                                const Certificate &certificate,
                                                const QList<Certificate> &chain,
                                                const SecretBytes &password,
                                                const QString &friendlyName, Pkcs12Format format)
{
    if (key.isNull() || certificate.isNull())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a PKCS#12 file needs a key and a certificate"));
    if (password.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("a PKCS#12 file needs a password"));
    if (!certificate.matchesPrivateKey(key))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the private key does not belong to the certificate"));
    auto pass = terminated(password);
    if (!pass)
        return pass.error();

    auto leaf = plainCopy(certificate);
    if (!leaf)
        return leaf.error();
    QList<Certificate> others;
    BorrowedStackPtr stack(sk_X509_new_null());
    if (!stack)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot create a stack"));
    for (const Certificate &member : chain) {
        auto copy = plainCopy(member);
        if (!copy)
            return copy.error().withContext(QStringLiteral("chain certificate"));
        others << copy.value();
        if (sk_X509_push(stack.get(), others.last().native()) <= 0)
            return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot create a stack"));
    }

    Pkcs12Export result;
    int keyCipher = NID_aes_256_cbc;
    int certificateCipher = NID_aes_256_cbc;
    int iterations = kModernIterations;
    const EVP_MD *macDigest = EVP_sha256();
    if (format == Pkcs12Format::Modern) {
        result.protection
            = QStringLiteral(
                  "AES-256-CBC with PBKDF2-HMAC-SHA256 for key and certificates, HMAC-SHA-256 MAC, "
                  "%1 iterations")
                  .arg(iterations);
    } else {
        keyCipher = NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
        iterations = kLegacyIterations;
        macDigest = EVP_sha1();
        result.certificatesUseTripleDes = !loadLegacyProvider();
        certificateCipher = result.certificatesUseTripleDes ? NID_pbe_WithSHA1And3_Key_TripleDES_CBC
                                                            : NID_pbe_WithSHA1And40BitRC2_CBC;
        result.protection
            = QStringLiteral("%1 for the key, %2 for the certificates, SHA-1 MAC, %3 iterations")
                  .arg(QString::fromLatin1(OBJ_nid2ln(keyCipher)),
                       QString::fromLatin1(OBJ_nid2ln(certificateCipher)))
                  .arg(iterations);
    }

    const QByteArray name = friendlyName.toUtf8();
    // mac_iter -1: no MAC here; PKCS12_set_mac below sets it with the digest we want.
    ossl::Pkcs12Ptr bundle(PKCS12_create(
        pass.value().data(), name.isEmpty() ? nullptr : name.constData(), key.native(),
        leaf.value().native(), stack.get(), keyCipher, certificateCipher, iterations, -1, 0));
    if (!bundle)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot create the PKCS#12 file"));
    if (PKCS12_set_mac(bundle.get(), pass.value().data(), -1, nullptr, 0, iterations, macDigest)
        != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot add the PKCS#12 MAC"));

    unsigned char *der = nullptr;
    const int length = i2d_PKCS12(bundle.get(), &der);
    if (length <= 0)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot encode the PKCS#12 file"));
    result.data = QByteArray(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return result;
}

Result<Pkcs12Contents> Pkcs12Bundle::importBundle(const QByteArray &data,
                                                  const SecretBytes &password)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(data.constData());
    const unsigned char *cursor = begin;
    ossl::Pkcs12Ptr bundle(d2i_PKCS12(nullptr, &cursor, static_cast<long>(data.size())));
    if (!bundle || cursor != begin + data.size())
        return ossl::error(ErrorCode::InvalidInput, QStringLiteral("not a PKCS#12 file"));
    auto pass = terminated(password);
    if (!pass)
        return pass.error();

    // The passwords to decrypt with. PKCS#12 tells no password (NULL) from an empty one
    // (""), which derive different keys; for "" try both, as OpenSSL does.
    QList<Password> candidates;
    if (password.isEmpty())
        candidates = {{nullptr, 0}, {"", 0}};
    else
        candidates = {{pass.value().data(), -1}};

    // Check the MAC first: only a MAC that fails to verify says "wrong password" for sure.
    const bool hasMac = PKCS12_mac_present(bundle.get()) == 1;
    if (hasMac) {
        ossl::clearErrors();
        const auto verified
            = std::find_if(candidates.cbegin(), candidates.cend(), [&](const Password &candidate) {
                  return PKCS12_verify_mac(bundle.get(), candidate.text, candidate.length) == 1;
              });
        if (verified == candidates.cend()) {
            // A mismatch leaves the queue empty; anything queued means the MAC could not
            // even be computed (an unknown digest, say).
            if (ERR_peek_error() != 0)
                return ossl::error(ErrorCode::Unsupported,
                                   QStringLiteral("cannot check the PKCS#12 file's MAC"));
            return Error(ErrorCode::WrongPassphrase,
                         QStringLiteral("wrong password for the PKCS#12 file"));
        }
        candidates = {*verified};
    }

    // Not PKCS12_parse(): OpenSSL 3.0's refuses files without a MAC whenever a password is
    // given, and would derive the (costly) MAC key a second time.
    BagContents contents;
    bool unpacked = false;
    for (const Password &candidate : candidates) {
        contents = {};
        unpacked = unpack(bundle.get(), candidate, contents);
        // RC2-encrypted bags (what most tools wrote before OpenSSL 3) need the legacy
        // provider, loaded on first need.
        if (!unpacked && queueSaysUnsupported() && !legacyProviderAttempted
            && loadLegacyProvider()) {
            contents = {};
            unpacked = unpack(bundle.get(), candidate, contents);
        }
        if (unpacked)
            break;
    }
    if (!unpacked) {
        if (queueSaysUnsupported())
            return ossl::error(ErrorCode::Unsupported,
                               QStringLiteral("the PKCS#12 file uses an unsupported algorithm"));
        if (!hasMac) {
            ossl::clearErrors();
            return Error(ErrorCode::WrongPassphrase,
                         QStringLiteral("cannot decrypt the PKCS#12 file: wrong password or "
                                        "damaged file"));
        }
        return ossl::error(ErrorCode::InvalidInput, QStringLiteral("cannot read the PKCS#12 file"));
    }

    if (!contents.key)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the PKCS#12 file holds no private key"));
    const int keyType = EVP_PKEY_get_base_id(contents.key.get());
    if (keyType != EVP_PKEY_RSA && keyType != EVP_PKEY_EC && keyType != EVP_PKEY_ED25519)
        return Error(
            ErrorCode::Unsupported,
            QStringLiteral("unsupported private key algorithm (RSA, ECDSA and Ed25519 are)"));

    Pkcs12Contents result;
    result.key = PrivateKey::adopt(contents.key.release());
    // The certificate is the one for the key; the others keep their order.
    for (qsizetype i = 0; i < contents.certificates.size(); ++i) {
        const Certificate &certificate = contents.certificates.at(i);
        if (result.certificate.isNull() && certificate.matchesPrivateKey(result.key)) {
            result.certificate = certificate;
            result.friendlyName = contents.names.at(i);
        } else {
            result.chain << certificate;
        }
    }
    if (result.certificate.isNull())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the PKCS#12 file holds no certificate for its key"));
    if (result.friendlyName.isEmpty())
        result.friendlyName = contents.keyName;
    return result;
}

} // namespace certigram
