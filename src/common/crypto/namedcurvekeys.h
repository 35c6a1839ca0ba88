#pragma once

#include "crypto/opensslptr.h"
#include "crypto/publickey.h"

#include <openssl/x509.h>

// EC public keys on P-256, P-384 and P-521, the curves holders use, read from and written to
// X.509 structures without OpenSSL 3.0's generic OSSL_DECODER and OSSL_ENCODER, whose set-up
// costs more than an ECDSA signature check (3.1 caches it). The CA's hot paths use them.
namespace certigram::namedcurve {

// The key `spki` holds when it is an EC key on one of those curves, given by name, with its
// point checked to lie on the curve as OpenSSL's own decoder checks it. A provider key, so
// signature checks use it as it is. Null for anything else.
PublicKey fromSubjectPublicKeyInfo(const X509_PUBKEY *spki);

// The SubjectPublicKeyInfo of `key`: put together directly for a key on one of those
// curves, by OpenSSL's encoder for any other. Null when OpenSSL cannot encode the key.
ossl::X509PubkeyPtr subjectPublicKeyInfo(const PublicKey &key);

} // namespace certigram::namedcurve
