#include "crypto/namedcurvekeys.h"

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
};
constexpr Curve kCurves[] = {{NID_X9_62_prime256v1, SN_X9_62_prime256v1},
                             {NID_secp384r1, SN_secp384r1},
                             {NID_secp521r1, SN_secp521r1}};

// Keys that hold a curve's parameters only, one per curve, made once: a copy is much
// cheaper than setting a curve up by name. Provider keys for reading, "legacy" keys for
// X509_set_pubkey, which encodes only those directly.
enum class Kind { Provider, Legacy };

EVP_PKEY *makeParameters(const Curve &curve, Kind kind)
{
    EVP_PKEY *parameters = nullptr;
    if (kind == Kind::Provider) {
        ossl::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
        OSSL_PARAM fields[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                                const_cast<char *>(curve.name), 0),
                               OSSL_PARAM_construct_end()};
        if (!context || EVP_PKEY_fromdata_init(context.get()) != 1
            || EVP_PKEY_fromdata(context.get(), &parameters, EVP_PKEY_KEY_PARAMETERS, fields) != 1)
            parameters = nullptr;
    } else {
        unsigned char *der = nullptr; // ECParameters (RFC 5480): the namedCurve OID
        const int length = i2d_ASN1_OBJECT(OBJ_nid2obj(curve.nid), &der);
        const unsigned char *cursor = der;
        parameters = length > 0 ? d2i_KeyParams(EVP_PKEY_EC, nullptr, &cursor, length) : nullptr;
        OPENSSL_free(der);
    }
    ossl::clearErrors();
    return parameters;
}

EVP_PKEY *curveParameters(int nid, Kind kind)
{
    // For the whole process; never changed after they are made, so threads share them.
    static const auto makeAll = [](Kind madeAs) {
        std::array<ossl::EvpPkeyPtr, std::size(kCurves)> made;
        for (size_t i = 0; i < made.size(); ++i)
            made[i].reset(makeParameters(kCurves[i], madeAs));
        return made;
    };
    static const auto provider = makeAll(Kind::Provider);
    static const auto legacy = makeAll(Kind::Legacy);
    for (size_t i = 0; i < std::size(kCurves); ++i) {
        if (kCurves[i].nid == nid)
            return (kind == Kind::Provider ? provider : legacy)[i].get();
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

PublicKey fromSubjectPublicKeyInfo(const X509_PUBKEY *spki)
{
    const unsigned char *point = nullptr;
    int pointLength = 0;
    X509_ALGOR *algorithm = nullptr;
    if (!spki || X509_PUBKEY_get0_param(nullptr, &point, &pointLength, &algorithm, spki) != 1)
        return {};
    const ASN1_OBJECT *type = nullptr;
    int parameterType = V_ASN1_UNDEF;
    const void *parameter = nullptr;
    X509_ALGOR_get0(&type, &parameterType, &parameter, algorithm);
    if (OBJ_obj2nid(type) != NID_X9_62_id_ecPublicKey || parameterType != V_ASN1_OBJECT)
        return {};
    EVP_PKEY *parameters
        = curveParameters(OBJ_obj2nid(static_cast<const ASN1_OBJECT *>(parameter)), Kind::Provider);
    ossl::EvpPkeyPtr key(parameters ? EVP_PKEY_dup(parameters) : nullptr);
    if (!key
        || EVP_PKEY_set1_encoded_public_key(key.get(), point, static_cast<size_t>(pointLength))
            != 1) {
        ossl::clearErrors();
        return {};
    }
    return PublicKey::adopt(key.release());
}

bool setCertificateKey(X509 *certificate, const PublicKey &key)
{
    // A provider key would go through an OSSL_ENCODER and then an OSSL_DECODER, so the
    // certificate gets a legacy copy of it, which X509_set_pubkey encodes itself.
    const EVP_PKEY *parameters = curveParameters(curveOf(key), Kind::Legacy);
    if (!parameters)
        return X509_set_pubkey(certificate, key.native()) == 1;
    unsigned char *encoded = nullptr;
    const size_t length = EVP_PKEY_get1_encoded_public_key(key.native(), &encoded);
    ossl::EvpPkeyPtr legacy(length > 0 ? EVP_PKEY_new() : nullptr);
    EVP_PKEY *target = legacy.get();
    const unsigned char *cursor = encoded;
    const bool made = legacy && EVP_PKEY_copy_parameters(target, parameters) == 1
        && d2i_PublicKey(EVP_PKEY_EC, &target, &cursor, static_cast<long>(length));
    OPENSSL_free(encoded);
    ossl::clearErrors();
    return X509_set_pubkey(certificate, made ? legacy.get() : key.native()) == 1;
}

} // namespace certigram::namedcurve
