#pragma once

// RAII owners for OpenSSL objects. Internal to the crypto module and to code that must
// talk to OpenSSL directly (TLS set-up, tests); everything else uses the value classes.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "crypto/keytype.h"

#include <QByteArray>

#include <memory>

namespace certigram::ossl {

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *object) const { Free(object); }
};

template<typename T, void (*Free)(T *)>
using Owner = std::unique_ptr<T, Deleter<T, Free>>;

using BioPtr = Owner<BIO, BIO_free_all>;
using BignumPtr = Owner<BIGNUM, BN_clear_free>;
using EvpPkeyPtr = Owner<EVP_PKEY, EVP_PKEY_free>;
using EvpPkeyCtxPtr = Owner<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EvpMdCtxPtr = Owner<EVP_MD_CTX, EVP_MD_CTX_free>;
using EvpCipherCtxPtr = Owner<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using X509Ptr = Owner<X509, X509_free>;
using X509ReqPtr = Owner<X509_REQ, X509_REQ_free>;
using X509StorePtr = Owner<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = Owner<X509_STORE_CTX, X509_STORE_CTX_free>;
using X509ExtensionPtr = Owner<X509_EXTENSION, X509_EXTENSION_free>;
using X509PubkeyPtr = Owner<X509_PUBKEY, X509_PUBKEY_free>;
using GeneralNamesPtr = Owner<GENERAL_NAMES, GENERAL_NAMES_free>;
using Asn1IntegerPtr = Owner<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1TimePtr = Owner<ASN1_TIME, ASN1_TIME_free>;
using Pkcs12Ptr = Owner<PKCS12, PKCS12_free>;

// OpenSSL strings (BN_bn2dec, X509_NAME_oneline, …) are released with OPENSSL_free.
struct OpenSslStringDeleter
{
    void operator()(char *text) const { OPENSSL_free(text); }
};
using OpenSslString = std::unique_ptr<char, OpenSslStringDeleter>;

// A read-only memory BIO over bytes that outlive it.
BioPtr readBio(const QByteArray &bytes);
// An empty growable memory BIO.
BioPtr memoryBio();
// Everything written into a memory BIO.
QByteArray bioContents(BIO *bio);

// PEM text of an OpenSSL object through its PEM_write_bio_* function; empty on failure.
template<typename T>
QByteArray encodePem(const T *object, int (*write)(BIO *, const T *))
{
    BioPtr bio = memoryBio();
    if (!object || write(bio.get(), object) != 1) {
        ERR_clear_error();
        return {};
    }
    return bioContents(bio.get());
}

// DER bytes of an OpenSSL object through its i2d_* function; empty on failure.
template<typename T>
QByteArray encodeDer(const T *object, int (*encode)(const T *, unsigned char **))
{
    unsigned char *der = nullptr;
    const int length = object ? encode(object, &der) : -1;
    if (length <= 0) {
        ERR_clear_error();
        return {};
    }
    QByteArray result(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return result;
}

// The OpenSSL digest for a DigestAlgorithm; nullptr for None (Ed25519).
const EVP_MD *digest(DigestAlgorithm algorithm);

} // namespace certigram::ossl
