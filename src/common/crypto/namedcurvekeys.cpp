#include "crypto/namedcurvekeys.h"

#include "crypto/derencoding.h"
#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>

#include <array>
#include <iterator>

namespace certigram::namedcurve {

namespace {

struct Curve
{
    int nid;
    const char *name;
    qsizetype fieldBytes; // of a coordinate
};
constexpr Curve kCurves[] = {{NID_X9_62_prime256v1, SN_X9_62_prime256v1, 32},
                             {NID_secp384r1, SN_secp384r1, 48},
                             {NID_secp521r1, SN_secp521r1, 66}};

// Keys that hold a curve's parameters only, one per curve, made once: a copy is much
// cheaper than setting a curve up by name.
EVP_PKEY *makeParameters(const Curve &curve)
{
    EVP_PKEY *parameters = nullptr;
    ossl::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    OSSL_PARAM fields[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                            const_cast<char *>(curve.name), 0),
                           OSSL_PARAM_construct_end()};
    if (!context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &parameters, EVP_PKEY_KEY_PARAMETERS, fields) != 1)
        parameters = nullptr;
    ossl::clearErrors();
    return parameters;
}

EVP_PKEY *curveParameters(int nid)
{
    // For the whole process; never changed after they are made, so threads share them.
    static const auto all = [] {
        std::array<ossl::EvpPkeyPtr, std::size(kCurves)> made;
        for (size_t i = 0; i < made.size(); ++i)
            made[i].reset(makeParameters(kCurves[i]));
        return made;
    }();
    for (size_t i = 0; i < std::size(kCurves); ++i) {
        if (kCurves[i].nid == nid)
            return all[i].get();
    }
    return nullptr;
}

// The curve whose OBJECT IDENTIFIER is `encoded` (DER, tag included), or null.
const Curve *curveWithIdentifier(QByteArrayView encoded)
{
    static const auto identifiers = [] {
        std::array<QByteArray, std::size(kCurves)> made;
        for (size_t i = 0; i < made.size(); ++i)
            made[i] = der::objectIdentifier(kCurves[i].nid);
        return made;
    }();
    for (size_t i = 0; i < std::size(kCurves); ++i) {
        if (identifiers[i] == encoded)
            return &kCurves[i];
    }
    return nullptr;
}

// The NIST curve of an EC key (those with parameter keys above), or NID_undef.
int curveOf(const PublicKey &key)
{
    const QString curve = key.curveName(); // "P-256"…, or another curve's own name
    return curve.isEmpty() ? NID_undef : EC_curve_nist2nid(qPrintable(curve));
}

} // namespace

PublicKey fromSubjectPublicKeyInfo(QByteArrayView der)
{
    // SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve }, BIT STRING { 0, point } }
    const auto parts = der::splitSubjectPublicKeyInfo(der);
    if (!parts)
        return {};
    der::Reader algorithmFields(parts->algorithm.content);
    const auto type = algorithmFields.next(der::ObjectIdentifier);
    const auto curveIdentifier = algorithmFields.next(der::ObjectIdentifier);
    static const QByteArray ecPublicKey = der::objectIdentifier(NID_X9_62_id_ecPublicKey);
    if (!type || !curveIdentifier || !algorithmFields.finished() || type->encoded != ecPublicKey)
        return {};
    const Curve *curve = curveWithIdentifier(curveIdentifier->encoded);
    // No unused bits (the BIT STRING's first byte), then an uncompressed point of the
    // curve's size: the form X.509 and Go use. Compressed and hybrid points are not read.
    if (!curve || parts->bits.size() != 2 + 2 * curve->fieldBytes || parts->bits.at(0) != 0
        || parts->bits.at(1) != 0x04)
        return {};
    const QByteArrayView point = parts->bits.sliced(1);
    EVP_PKEY *parameters = curveParameters(curve->nid);
    ossl::EvpPkeyPtr key(parameters ? EVP_PKEY_dup(parameters) : nullptr);
    if (!key
        || EVP_PKEY_set1_encoded_public_key(key.get(),
                                            reinterpret_cast<const unsigned char *>(point.data()),
                                            static_cast<size_t>(point.size()))
            != 1) {
        ossl::clearErrors();
        return {};
    }
    return PublicKey::adopt(key.release());
}

ossl::X509PubkeyPtr subjectPublicKeyInfo(const PublicKey &key)
{
    ossl::X509PubkeyPtr info;
    const int curve = curveOf(key);
    if (curve == NID_undef) {
        X509_PUBKEY *encoded = nullptr;
        if (X509_PUBKEY_set(&encoded, key.native()) == 1)
            info.reset(encoded);
        ossl::clearErrors();
        return info;
    }
    // id-ecPublicKey with the curve's OID as parameters, and the point (RFC 5480 §2). One
    // query into a buffer that fits P-521's uncompressed point: get1_encoded_public_key()
    // would encode the point twice, once only to learn its size.
    unsigned char encoded[1 + 2 * 66];
    size_t length = 0;
    unsigned char *point
        = EVP_PKEY_get_octet_string_param(key.native(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, encoded,
                                          sizeof encoded, &length)
            == 1
        ? static_cast<unsigned char *>(OPENSSL_memdup(encoded, length))
        : nullptr;
    info.reset(point ? X509_PUBKEY_new() : nullptr);
    if (!info
        || X509_PUBKEY_set0_param(info.get(), OBJ_nid2obj(NID_X9_62_id_ecPublicKey), V_ASN1_OBJECT,
                                  OBJ_nid2obj(curve), point, static_cast<int>(length))
            != 1) {
        OPENSSL_free(point);
        info.reset();
    }
    ossl::clearErrors();
    return info;
}

} // namespace certigram::namedcurve
