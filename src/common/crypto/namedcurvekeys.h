#pragma once

#include "crypto/opensslptr.h"
#include "crypto/publickey.h"

#include <openssl/x509.h>

#include <QByteArrayView>

// EC public keys on P-256, P-384 and P-521, the curves holders use, read from and written to
// X.509 structures without OpenSSL 3.0's generic OSSL_DECODER and OSSL_ENCODER, whose set-up
// costs more than an ECDSA signature check (3.1 caches it). The CA's hot paths use them.
namespace certigram::namedcurve {

// The key a DER SubjectPublicKeyInfo holds when it is an EC key on one of those curves,
// given by name, with an uncompressed point that lies on the curve (checked as OpenSSL's
// own decoder checks it). A provider key, so signature checks use it as it is. Null for
// anything else, malformed DER included.
PublicKey fromSubjectPublicKeyInfo(QByteArrayView der);

// The SubjectPublicKeyInfo of `key`: put together directly for a key on one of those
// curves, by OpenSSL's encoder for any other. Null when OpenSSL cannot encode the key.
ossl::X509PubkeyPtr subjectPublicKeyInfo(const PublicKey &key);

} // namespace certigram::namedcurve
