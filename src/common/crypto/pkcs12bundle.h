#pragma once

#include "core/result.h"
#include "crypto/certificate.h"
#include "crypto/privatekey.h"
#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace certigram {

// How a PKCS#12 file is protected.
// - Modern: key and certificates under AES-256-CBC with PBKDF2-HMAC-SHA256, MAC with
//   HMAC-SHA-256; 600 000 iterations for all three (why: see pkcs12bundle.cpp). What
//   `openssl pkcs12 -export` writes by default since OpenSSL 3, with more iterations.
// - Legacy: pbeWithSHA1And3-KeyTripleDES-CBC for the key, pbeWithSHA1And40BitRC2-CBC for
//   the certificates, SHA-1 MAC, 2048 iterations (`openssl pkcs12 -export -legacy`): weak,
//   only for older importers (keychains, MDM and embedded tools) that refuse Modern.
enum class Pkcs12Format { Modern, Legacy };

// What exportBundle() produced.
struct Pkcs12Export
{
    QByteArray data;
    // For people: the algorithms protecting the file.
    QString protection;
    // Legacy only: OpenSSL's legacy provider (RC2) could not be loaded, so the
    // certificates are under 3DES like the key. Not an error: every importer that reads
    // a 3DES key bag reads 3DES certificate bags too; a front end may mention it.
    bool certificatesUseTripleDes = false;
};

// What importBundle() found.
struct Pkcs12Contents
{
    PrivateKey key;
    // The certificate for `key`.
    Certificate certificate;
    // The other certificates, in file order (usually intermediates, then the root).
    QList<Certificate> chain;
    // The certificate's friendlyName, else the key's; empty when neither has one.
    QString friendlyName;
};

// PKCS#12 (.p12/.pfx) files: a key, its certificate and the chain, under one password.
// At Modern's iteration count each call spends about half a second deriving keys: run
// them off the UI thread.
class Pkcs12Bundle
{
public:
    // `chain`: certificates to include after `certificate` (intermediates, optionally the
    // root). The password must not be empty (a PKCS#12 file that looks protected but is not
    // is a trap) and must not contain NUL. `friendlyName` (UTF-8 allowed) is what
    // importers show; empty: none. The key must match the certificate.
    static Result<Pkcs12Export> exportBundle(const PrivateKey &key, const Certificate &certificate,
                                             const QList<Certificate> &chain,
                                             const SecretBytes &password,
                                             const QString &friendlyName = {},
                                             Pkcs12Format format = Pkcs12Format::Modern);

    // Reads a file in either format (and what other tools write, RC2 included; OpenSSL's
    // legacy provider is loaded on demand). WrongPassphrase when the MAC does not verify
    // with `password` (or, in a file without a MAC, when decryption fails); InvalidInput
    // when the data is not PKCS#12 or holds no key or no certificate for it; Unsupported
    // when it needs an algorithm OpenSSL cannot provide.
    static Result<Pkcs12Contents> importBundle(const QByteArray &data, const SecretBytes &password);
};

} // namespace certigram
