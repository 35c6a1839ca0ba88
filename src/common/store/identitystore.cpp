#include "store/identitystore.h"

#include "crypto/securerandom.h"
#include "store/holderhome.h"
#include "store/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace certigram {

Q_LOGGING_CATEGORY(lcStore, "certigram.store")

namespace {

const QString kKeyFile = QStringLiteral("key.pem");
const QString kCertificateFile = QStringLiteral("certificate.pem");
const QString kMetadataFile = QStringLiteral("metadata.json");
const QString kPreviousFolder = QStringLiteral("previous");

// Serializes every write of every store in this process (see the class comment).
QMutex &writeMutex()
{
    static QMutex mutex;
    return mutex;
}

QString randomSuffix()
{
    Result<QString> hex = SecureRandom::hex(6);
    return hex ? hex.value()
               : QString::number(QDateTime::currentMSecsSinceEpoch(), 16); // name only
}

QByteArray chainPem(const Certificate &certificate, const QList<Certificate> &chain)
{
    QByteArray pem = certificate.toPem();
    for (const Certificate &link : chain)
        pem += link.toPem();
    return pem;
}

QString keyTypeLabel(const PrivateKey &key)
{
    if (const std::optional<KeyType> type = key.keyType())
        return keyTypeName(*type);
    switch (key.algorithm()) {
    case KeyAlgorithm::Rsa: return QStringLiteral("rsa-%1").arg(key.bits());
    case KeyAlgorithm::Ec: return QStringLiteral("ec-%1").arg(key.bits());
    case KeyAlgorithm::Ed25519: return QStringLiteral("ed25519");
    }
    return QStringLiteral("unknown");
}

Result<void> writeMetadata(const QString &folder, const Identity &identity)
{
    return PrivateFiles::write(
        folder + QLatin1Char('/') + kMetadataFile,
        QJsonDocument(identity.toMetadata()).toJson(QJsonDocument::Indented));
}

QStringList visibleFolders(const QString &path)
{
    QStringList names = QDir(path).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    names.erase(
        std::remove_if(names.begin(), names.end(),
                       [](const QString &name) { return name.startsWith(QLatin1Char('.')); }),
        names.end());
    return names;
}

} // namespace

QString IdentityStore::defaultProfile()
{
    return QStringLiteral("default");
}

QString IdentityStore::defaultRoot()
{
    return HolderHome().identitiesFolder();
}

IdentityStore::IdentityStore(const QString &root)
    : m_root(QDir::cleanPath(root))
{ }

Result<void> IdentityStore::checkName(const QString &name, const QString &what)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._@+-]{1,128}$"));
    if (!allowed.match(name).hasMatch() || name.startsWith(QLatin1Char('.')))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 \"%2\" cannot name a folder: use 1 to 128 of "
                                    "A-Z a-z 0-9 . _ @ + -, not starting with a dot")
                         .arg(what, name));
    return {};
}

QString IdentityStore::folderOf(const QString &profile, const QString &subject) const
{
    return m_root + QLatin1Char('/') + profile + QLatin1Char('/') + subject;
}

QString IdentityStore::keyFileOf(const Identity &identity) const
{
    return folderOf(identity.profile(), identity.subject()) + QLatin1Char('/') + kKeyFile;
}

QString IdentityStore::certificateFileOf(const Identity &identity) const
{
    return folderOf(identity.profile(), identity.subject()) + QLatin1Char('/') + kCertificateFile;
}

QStringList IdentityStore::profiles() const
{
    return visibleFolders(m_root);
}

Result<IdentityStore::Location> IdentityStore::resolve(const QString &id) const
{
    const QStringList allProfiles = profiles();
    auto holders = [&](const QString &subject) {
        QStringList found;
        if (!checkName(subject, QString()))
            return found;
        for (const QString &profile : allProfiles)
            if (QFileInfo(folderOf(profile, subject)).isDir())
                found << profile;
        return found;
    };

    QStringList found = holders(id);
    if (found.size() == 1)
        return Location{found.first(), id, folderOf(found.first(), id), false};
    if (found.size() > 1) {
        QStringList ids;
        for (const QString &profile : std::as_const(found))
            ids << id + QLatin1Char('@') + profile;
        return Error(ErrorCode::Conflict,
                     QStringLiteral("\"%1\" exists under several profiles: say which (%2)")
                         .arg(id, ids.join(QStringLiteral(", "))));
    }
    const qsizetype at = id.lastIndexOf(QLatin1Char('@'));
    if (at > 0) {
        const QString subject = id.left(at);
        const QString profile = id.mid(at + 1);
        if (checkName(subject, QString()) && checkName(profile, QString())
            && QFileInfo(folderOf(profile, subject)).isDir())
            return Location{profile, subject, folderOf(profile, subject),
                            holders(subject).size() > 1};
    }
    return Error(ErrorCode::NotFound, QStringLiteral("no identity \"%1\" in %2").arg(id, m_root));
}

Result<Identity> IdentityStore::readMetadata(const Location &location) const
{
    const QString path = location.folder + QLatin1Char('/') + kMetadataFile;
    Result<QByteArray> bytes = PrivateFiles::read(path);
    if (!bytes)
        return bytes.error();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.value(), &parseError);
    if (!document.isObject())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is not a JSON object (%2)")
                         .arg(path,
                              parseError.error == QJsonParseError::NoError
                                  ? QStringLiteral("wrong type")
                                  : parseError.errorString()));
    Result<Identity> identity = Identity::fromMetadata(document.object());
    if (!identity)
        return identity.error().withContext(path);
    if (identity->profile() != location.profile || identity->subject() != location.subject)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 names %2 but lies in the folder of %3@%4")
                         .arg(path, identity->qualifiedId(), location.subject, location.profile));
    Identity value = std::move(identity).value();
    if (location.qualified)
        value.setId(value.qualifiedId());
    return value;
}

Result<Identity> IdentityStore::readIdentity(const Location &location) const
{
    Result<Identity> identity = readMetadata(location);
    if (!identity)
        return identity;
    const QString path = location.folder + QLatin1Char('/') + kCertificateFile;
    Result<QByteArray> pem = PrivateFiles::read(path);
    if (!pem)
        return pem.error();
    Result<QList<Certificate>> chain = Certificate::chainFromPem(pem.value());
    if (!chain)
        return chain.error().withContext(path);
    Identity value = std::move(identity).value();
    value.setCertificate(chain->first());
    value.setChain(chain->mid(1));
    return value;
}

IdentityList IdentityStore::list() const
{
    IdentityList result;
    QHash<QString, int> profilesPerSubject;
    for (const QString &profile : profiles()) {
        const QString profileFolder = m_root + QLatin1Char('/') + profile;
        if (!checkName(profile, QString())) {
            result.broken.append({profileFolder, QStringLiteral("not a valid profile name")});
            continue;
        }
        for (const QString &subject : visibleFolders(profileFolder)) {
            const Location location{profile, subject, folderOf(profile, subject), false};
            Result<Identity> identity = checkName(subject, QString())
                ? readMetadata(location)
                : Result<Identity>(
                    Error(ErrorCode::InvalidInput, QStringLiteral("not a valid subject name")));
            if (!identity) {
                qCWarning(lcStore, "skipping %s: %s", qPrintable(location.folder),
                          qPrintable(identity.error().message()));
                result.broken.append({location.folder, identity.error().message()});
                continue;
            }
            ++profilesPerSubject[subject];
            result.identities.append(std::move(identity).value());
        }
    }
    for (Identity &identity : result.identities)
        if (profilesPerSubject.value(identity.subject()) > 1)
            identity.setId(identity.qualifiedId());
    return result;
}

Result<Identity> IdentityStore::identity(const QString &id) const
{
    Result<Location> location = resolve(id);
    if (!location)
        return location.error();
    return readIdentity(location.value());
}

Result<LoadedIdentity> IdentityStore::load(const QString &id, const SecretBytes &passphrase) const
{
    Result<Location> location = resolve(id);
    if (!location)
        return location.error();
    Result<Identity> identity = readIdentity(location.value());
    if (!identity)
        return identity.error();
    const QString path = location->folder + QLatin1Char('/') + kKeyFile;
    Result<QByteArray> pem = PrivateFiles::read(path);
    if (!pem)
        return pem.error();
    QByteArray keyPem = std::move(pem).value();
    const bool encrypted = PrivateKey::isEncryptedPem(keyPem);
    Result<PrivateKey> key = PrivateKey::fromPem(keyPem, passphrase);
    SecretBytes::wipe(keyPem);
    if (!key) {
        if (key.error().code() == ErrorCode::WrongPassphrase)
            return Error(
                ErrorCode::WrongPassphrase,
                passphrase.isEmpty()
                    ? QStringLiteral("the key of %1 is encrypted: a passphrase is needed")
                          .arg(identity->id())
                    : QStringLiteral("wrong passphrase for the key of %1").arg(identity->id()));
        return key.error().withContext(path);
    }
    if (!identity->certificate().matchesPrivateKey(key.value()))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 does not belong to the certificate in %2")
                         .arg(path, location->folder + QLatin1Char('/') + kCertificateFile));
    LoadedIdentity loaded{std::move(identity).value(), std::move(key).value()};
    loaded.identity.setKeyEncrypted(encrypted);
    return loaded;
}

Result<QStringList> IdentityStore::previousCertificates(const QString &id) const
{
    Result<Location> location = resolve(id);
    if (!location)
        return location.error();
    const QDir previous(location->folder + QLatin1Char('/') + kPreviousFolder);
    QStringList paths;
    for (const QString &name :
         previous.entryList({QStringLiteral("*.pem")}, QDir::Files, QDir::Name))
        paths << previous.filePath(name);
    return paths;
}

Result<Identity> IdentityStore::save(const QString &profile, const PrivateKey &key,
                                     const Certificate &certificate,
                                     const QList<Certificate> &chain, const SecretBytes &passphrase)
{
    QMutexLocker locker(&writeMutex());
    return saveLocked(profile, key, certificate, chain, passphrase);
}

Result<Identity> IdentityStore::saveLocked(const QString &profile, const PrivateKey &key,
                                           const Certificate &certificate,
                                           const QList<Certificate> &chain,
                                           const SecretBytes &passphrase)
{
    if (key.isNull() || certificate.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("a key and a certificate are needed"));
    if (Result<void> checked = checkName(profile, QStringLiteral("profile")); !checked)
        return checked.error();
    const QString subject = certificate.commonName();
    if (Result<void> checked = checkName(subject, QStringLiteral("subject")); !checked)
        return checked.error();
    if (!certificate.matchesPrivateKey(key))
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("the key does not belong to the certificate of %1").arg(subject));

    const QString profileFolder = m_root + QLatin1Char('/') + profile;
    const QString folder = folderOf(profile, subject);
    if (QFileInfo::exists(folder))
        return Error(ErrorCode::Conflict,
                     QStringLiteral("%1@%2 already exists (%3)").arg(subject, profile, folder));
    if (Result<void> made = PrivateFiles::ensureFolder(m_root); !made)
        return made.error();
    if (Result<void> made = PrivateFiles::ensureFolder(profileFolder); !made)
        return made.error();

    Result<SecretBytes> keyPem = key.toPem(passphrase);
    if (!keyPem)
        return keyPem.error();

    Identity identity;
    identity.setProfile(profile);
    identity.setSubject(subject);
    identity.setKeyType(keyTypeLabel(key));
    identity.setKeyEncrypted(!passphrase.isEmpty());
    identity.setCertificate(certificate);
    identity.setChain(chain);
    identity.setCreated(QDateTime::currentDateTimeUtc());

    // Build the whole identity in a hidden sibling, then rename it into place.
    const QString staging = profileFolder + QStringLiteral("/.staging-") + subject
        + QLatin1Char('-') + randomSuffix();
    if (!QDir().mkdir(staging, PrivateFiles::kFolderPermissions))
        return PrivateFiles::ioError(QStringLiteral("create the folder"), staging,
                                     PrivateFiles::systemError())
            .withContext(QStringLiteral("saving %1@%2").arg(subject, profile));
    auto fail = [&](const Error &error) {
        QDir(staging).removeRecursively();
        return error.withContext(QStringLiteral("saving %1@%2").arg(subject, profile));
    };
    if (Result<void> w = PrivateFiles::write(staging + QLatin1Char('/') + kKeyFile, keyPem->data(),
                                             keyPem->size());
        !w)
        return fail(w.error());
    if (Result<void> w = PrivateFiles::write(staging + QLatin1Char('/') + kCertificateFile,
                                             chainPem(certificate, chain));
        !w)
        return fail(w.error());
    if (Result<void> w = writeMetadata(staging, identity); !w)
        return fail(w.error());
    PrivateFiles::syncFolder(staging);
    // QDir::rename never replaces an existing target.
    if (!QDir().rename(staging, folder)) {
        const QString why = PrivateFiles::systemError();
        return fail(
            PrivateFiles::ioError(QStringLiteral("move the new identity into"), folder,
                                  QFileInfo::exists(folder) ? QStringLiteral("it exists") : why));
    }
    PrivateFiles::syncFolder(profileFolder);
    // Named as a person must now type it: qualified once the subject has several profiles.
    if (Result<Location> location = resolve(identity.qualifiedId());
        location && location->qualified)
        identity.setId(identity.qualifiedId());
    return identity;
}

Result<Identity> IdentityStore::replaceCertificate(const QString &id,
                                                   const Certificate &certificate,
                                                   const QList<Certificate> &chain,
                                                   const QDateTime &now)
{
    QMutexLocker locker(&writeMutex());
    Result<Location> location = resolve(id);
    if (!location)
        return location.error();
    Result<Identity> current = readIdentity(location.value());
    if (!current)
        return current.error();
    if (current->isRevoked())
        return Error(
            ErrorCode::Conflict,
            QStringLiteral("%1 is revoked: it cannot be renewed, enrol again").arg(current->id()));
    if (certificate.isNull() || !(certificate.publicKey() == current->certificate().publicKey()))
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("the new certificate is not for the key of %1").arg(current->id()));

    const QString folder = location->folder;
    const QString certificatePath = folder + QLatin1Char('/') + kCertificateFile;
    Result<QByteArray> oldPem = PrivateFiles::read(certificatePath);
    if (!oldPem)
        return oldPem.error();
    const QString previousFolder = folder + QLatin1Char('/') + kPreviousFolder;
    const bool madePrevious = !QFileInfo(previousFolder).isDir();
    if (Result<void> made = PrivateFiles::ensureFolder(previousFolder); !made)
        return made.error();
    // On failure, leave the folder as it was: no stray copy, no new empty previous/.
    auto undoPrevious = [&](const QString &copy) {
        if (!copy.isEmpty())
            QFile::remove(copy);
        if (madePrevious)
            QDir().rmdir(previousFolder);
    };
    const QString stamp = now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
    const QString previousPath = previousFolder + QLatin1Char('/') + stamp + QLatin1Char('-')
        + current->serialHex() + QStringLiteral(".pem");
    if (Result<void> w = PrivateFiles::write(previousPath, oldPem.value()); !w) {
        undoPrevious(QString());
        return w.error();
    }

    if (Result<void> w = PrivateFiles::write(certificatePath, chainPem(certificate, chain)); !w) {
        undoPrevious(previousPath);
        return w.error();
    }
    Identity renewed = std::move(current).value();
    renewed.setCertificate(certificate);
    renewed.setChain(chain);
    renewed.setRenewed(now.toUTC());
    if (Result<void> w = writeMetadata(folder, renewed); !w) {
        // Put the old certificate back so that files and metadata agree again.
        if (!PrivateFiles::write(certificatePath, oldPem.value()))
            qCWarning(lcStore, "%s holds the new certificate but metadata.json the old one",
                      qPrintable(folder));
        else
            undoPrevious(previousPath);
        return w.error();
    }

    QStringList old
        = QDir(previousFolder).entryList({QStringLiteral("*.pem")}, QDir::Files, QDir::Name);
    while (old.size() > kPreviousKept)
        QFile::remove(previousFolder + QLatin1Char('/') + old.takeFirst());
    return renewed;
}

Result<Identity> IdentityStore::markRevoked(const QString &id, const QDateTime &when)
{
    QMutexLocker locker(&writeMutex());
    Result<Location> location = resolve(id);
    if (!location)
        return location.error();
    Result<Identity> identity = readMetadata(location.value());
    if (!identity)
        return identity.error();
    Identity revoked = std::move(identity).value();
    revoked.setRevoked(true, when);
    if (Result<void> w = writeMetadata(location->folder, revoked); !w)
        return w.error();
    return revoked;
}

Result<void> IdentityStore::remove(const QString &id)
{
    QMutexLocker locker(&writeMutex());
    Result<Location> location = resolve(id);
    if (!location)
        return location.error();
    // Out of sight first, so a half-deleted identity is never listed.
    const QString doomed = m_root + QLatin1Char('/') + location->profile
        + QStringLiteral("/.removing-") + location->subject + QLatin1Char('-') + randomSuffix();
    if (!QDir().rename(location->folder, doomed))
        return PrivateFiles::ioError(QStringLiteral("remove"), location->folder,
                                     PrivateFiles::systemError());
    if (!QDir(doomed).removeRecursively())
        return PrivateFiles::ioError(
            QStringLiteral("delete"), doomed,
            QStringLiteral("some files remain; delete the folder by hand"));
    return {};
}

Result<Identity> IdentityStore::importPrototypeFiles(const QString &firstPath,
                                                     const QString &secondPath,
                                                     const QString &profile,
                                                     const SecretBytes &keyPassphrase,
                                                     const SecretBytes &passphrase)
{
    Result<QByteArray> first = PrivateFiles::read(firstPath);
    if (!first)
        return first.error();
    Result<QByteArray> second = PrivateFiles::read(secondPath);
    if (!second)
        return second.error();
    // The key file is the one with a private key block; the other holds the certificates.
    const bool firstIsKey = first->contains("PRIVATE KEY-----");
    const QString &certificatePath = firstIsKey ? secondPath : firstPath;
    const QString &keyPath = firstIsKey ? firstPath : secondPath;
    QByteArray keyPem = firstIsKey ? std::move(first).value() : std::move(second).value();
    const QByteArray certificatePem = firstIsKey ? second.value() : first.value();

    Result<QList<Certificate>> chain = Certificate::chainFromPem(certificatePem);
    if (!chain) {
        SecretBytes::wipe(keyPem);
        return chain.error().withContext(certificatePath);
    }
    Result<PrivateKey> key = PrivateKey::fromPem(keyPem, keyPassphrase);
    SecretBytes::wipe(keyPem);
    if (!key)
        return key.error().withContext(keyPath);
    if (!chain->first().matchesPrivateKey(key.value()))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the key in %1 does not belong to the certificate in %2")
                         .arg(keyPath, certificatePath));
    return save(profile, key.value(), chain->first(), chain->mid(1), passphrase);
}

Result<Identity> IdentityStore::importPkcs12(const QByteArray &data, const SecretBytes &password,
                                             const QString &profile, const SecretBytes &passphrase)
{
    Result<Pkcs12Contents> contents = Pkcs12Bundle::importBundle(data, password);
    if (!contents)
        return contents.error();
    return save(profile, contents->key, contents->certificate, contents->chain, passphrase);
}

Result<PemExport> IdentityStore::exportPem(const QString &id, const QString &dir,
                                           const SecretBytes &passphrase,
                                           const SecretBytes &exportPassphrase) const
{
    Result<LoadedIdentity> loaded = load(id, passphrase);
    if (!loaded)
        return loaded.error();
    const Identity &identity = loaded->identity;
    if (!QFileInfo(dir).isDir() && !QDir().mkpath(dir))
        return PrivateFiles::ioError(QStringLiteral("create the folder"), dir,
                                     PrivateFiles::systemError());
    const PemExport paths{QDir(dir).filePath(identity.subject() + QStringLiteral(".pem")),
                          QDir(dir).filePath(identity.subject() + QStringLiteral("_crt.pem"))};
    for (const QString &path : {paths.keyPath, paths.certificatePath})
        if (QFileInfo::exists(path))
            return Error(ErrorCode::Conflict,
                         QStringLiteral("%1 exists: not overwriting it").arg(path));
    Result<SecretBytes> keyPem = loaded->key.toPem(exportPassphrase);
    if (!keyPem)
        return keyPem.error();
    if (Result<void> w = PrivateFiles::write(paths.keyPath, keyPem->data(), keyPem->size()); !w)
        return w.error();
    if (Result<void> w = PrivateFiles::write(paths.certificatePath,
                                             chainPem(identity.certificate(), identity.chain()));
        !w) {
        QFile::remove(paths.keyPath);
        return w.error();
    }
    return paths;
}

Result<Pkcs12Export> IdentityStore::exportPkcs12(const QString &id, const SecretBytes &password,
                                                 Pkcs12Format format,
                                                 const SecretBytes &passphrase) const
{
    Result<LoadedIdentity> loaded = load(id, passphrase);
    if (!loaded)
        return loaded.error();
    return Pkcs12Bundle::exportBundle(loaded->key, loaded->identity.certificate(),
                                      loaded->identity.chain(), password,
                                      loaded->identity.subject(), format);
}

} // namespace certigram
