#pragma once

#include "core/result.h"
#include "crypto/certificate.h"
#include "crypto/pkcs12bundle.h"
#include "crypto/privatekey.h"
#include "crypto/secretbytes.h"
#include "store/identity.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace certigram {

// A folder list() could not read, and why: shown to the user, never fatal for the list.
struct BrokenIdentity
{
    QString path;
    QString message;
};

struct IdentityList
{
    QList<Identity> identities; // sorted by profile, then subject
    QList<BrokenIdentity> broken;
};

// An identity with its private key, as load() hands it out.
struct LoadedIdentity
{
    Identity identity;
    PrivateKey key;
};

// What exportPem() wrote.
struct PemExport
{
    QString keyPath;
    QString certificatePath;
};

// The holder's identities on disk. Layout under root():
//
//   <profile>/<subject>/key.pem            PKCS#8, optionally passphrase-encrypted, 0600
//   <profile>/<subject>/certificate.pem    leaf, then chain, 0600
//   <profile>/<subject>/metadata.json      see Identity::toMetadata(), 0600
//   <profile>/<subject>/previous/<UTC time>-<serial>.pem   certificates replaced by renewals
//
// Folders are 0700 (POSIX; elsewhere the user's data folder's own ACLs apply). Names
// starting with '.' are the store's own working folders and are never listed.
//
// Atomicity: every file is written through QSaveFile (a temp file renamed over the old
// one). A new identity is assembled in a ".staging-…" sibling folder and renamed into
// place, so a crash leaves either no identity or a whole one; a leftover staging folder is
// ignored. remove() first renames the folder to a ".removing-…" one, so a half-deleted
// identity never shows up either.
//
// Threads: an IdentityStore holds only its root path; reads (list, identity, load) take
// no lock and see each file either before or after a write, never half of it. Writes
// (save, replaceCertificate, markRevoked, remove, imports) are serialized by one mutex in
// the process, so a worker thread may renew while the GUI lists. Between processes (the
// CLI beside the GUI) there is no lock: each file stays whole, the last writer wins.
//
// Every file operation is blocking and small; the crypto in load() with a passphrase
// (scrypt) and in the PKCS#12 functions takes up to a second: run them off the UI thread.
class IdentityStore
{
public:
    // How many replaced certificates previous/ keeps.
    static constexpr int kPreviousKept = 5;

    // The profile of identities imported without one named.
    static QString defaultProfile();
    // HolderHome().identitiesFolder().
    static QString defaultRoot();

    explicit IdentityStore(const QString &root = defaultRoot());
    const QString &root() const { return m_root; }

    // Reads only the metadata files. A missing root is an empty store.
    IdentityList list() const;

    // Resolves an id ("subject", or "subject@profile" when the subject lives under several
    // profiles): NotFound, or Conflict naming the candidates when ambiguous.
    // Returns the identity with its certificate and chain (read from certificate.pem,
    // which wins over the dates in metadata.json), without the key.
    Result<Identity> identity(const QString &id) const;
    // The same plus the key. An encrypted key needs `passphrase` (WrongPassphrase when
    // absent or wrong); a key that does not match the certificate is InvalidInput.
    Result<LoadedIdentity> load(const QString &id, const SecretBytes &passphrase = {}) const;
    // The folder of an identity (existing or not), and its key and certificate files, for
    // programs that read them in place (a web server, `renew --daemon --exec`).
    QString folderOf(const QString &profile, const QString &subject) const;
    QString keyFileOf(const Identity &identity) const;
    QString certificateFileOf(const Identity &identity) const;
    // The certificates previous/ holds for `id`, oldest first.
    Result<QStringList> previousCertificates(const QString &id) const;

    // Stores a new identity: subject = the certificate's common name. Conflict when it
    // exists; InvalidInput when the key does not match the certificate or a name is not
    // usable as a folder name ([A-Za-z0-9._@+-], not starting with '.', at most 128).
    // A non-empty `passphrase` encrypts the key (scrypt + AES-256-CBC).
    Result<Identity> save(const QString &profile, const PrivateKey &key,
                          const Certificate &certificate, const QList<Certificate> &chain,
                          const SecretBytes &passphrase = {});
    // Renewal: the current certificate goes to previous/ (the last kPreviousKept are
    // kept), the new one (which must be for the same public key) replaces it; the key is
    // not touched. Conflict for a revoked identity.
    Result<Identity> replaceCertificate(const QString &id, const Certificate &certificate,
                                        const QList<Certificate> &chain,
                                        const QDateTime &now = QDateTime::currentDateTimeUtc());
    Result<Identity> markRevoked(const QString &id,
                                 const QDateTime &when = QDateTime::currentDateTimeUtc());
    // Deletes the identity's folder, key included.
    Result<void> remove(const QString &id);

    // The prototype's pair, in either order: `<id>_crt.pem` (certificate, then the CA) and
    // `<id>.pem` (a traditional "RSA PRIVATE KEY" / "EC PRIVATE KEY", or PKCS#8); the file
    // with a private key block is the key. The key must belong to the certificate.
    // `keyPassphrase` opens the source key, `passphrase` protects the stored one.
    Result<Identity> importPrototypeFiles(const QString &firstPath, const QString &secondPath,
                                          const QString &profile = defaultProfile(),
                                          const SecretBytes &keyPassphrase = {},
                                          const SecretBytes &passphrase = {});
    Result<Identity> importPkcs12(const QByteArray &data, const SecretBytes &password,
                                  const QString &profile = defaultProfile(),
                                  const SecretBytes &passphrase = {});

    // Writes `<dir>/<subject>.pem` (the key, PKCS#8, 0600, encrypted when
    // `exportPassphrase` is given) and `<dir>/<subject>_crt.pem` (leaf + chain) — the
    // prototype's names, so its scripts keep working. Refuses to overwrite (Conflict).
    Result<PemExport> exportPem(const QString &id, const QString &dir,
                                const SecretBytes &passphrase = {},
                                const SecretBytes &exportPassphrase = {}) const;
    Result<Pkcs12Export> exportPkcs12(const QString &id, const SecretBytes &password,
                                      Pkcs12Format format = Pkcs12Format::Modern,
                                      const SecretBytes &passphrase = {}) const;

    // InvalidInput unless `name` can be a profile or subject folder name.
    static Result<void> checkName(const QString &name, const QString &what);

private:
    struct Location
    {
        QString profile;
        QString subject;
        QString folder;
        bool qualified = false; // the subject exists under several profiles
    };
    Result<Location> resolve(const QString &id) const;
    QStringList profiles() const;
    Result<Identity> readMetadata(const Location &location) const;
    Result<Identity> readIdentity(const Location &location) const;
    Result<Identity> saveLocked(const QString &profile, const PrivateKey &key,
                                const Certificate &certificate, const QList<Certificate> &chain,
                                const SecretBytes &passphrase);

    QString m_root;
};

} // namespace certigram
