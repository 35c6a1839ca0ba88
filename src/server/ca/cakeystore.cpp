#include "ca/cakeystore.h"

#include "ca/calogging.h"
#include "crypto/certificatebuilder.h"
#include "crypto/chainverifier.h"
#include "crypto/jwe.h"
#include "crypto/jwk.h"
#include "crypto/securerandom.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace certigram {

namespace {

// Key and certificate files are small; anything larger is not ours.
constexpr qint64 kMaximumFileSize = 1024 * 1024;
// A staging folder this old belongs to a creation that crashed, not to one in progress.
constexpr qint64 kStaleStagingSeconds = 3600;

const QFile::Permissions kOwnerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;
const QFile::Permissions kOwnerOnlyFolder = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
const QFile::Permissions kPublicFile
    = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;

QString fileName(const char *name)
{
    return QString::fromLatin1(name);
}

QString stagingPrefix(const QString &directory)
{
    return QLatin1Char('.') + QFileInfo(directory).fileName() + QStringLiteral(".creating-");
}

// Writes all of `data` to `path` through QSaveFile: either the complete new file is there
// afterwards, or nothing is. Secret files are made owner-only before a byte is written.
Result<void> writeFile(const QString &path, const char *data, qsizetype size, bool secret)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
#ifdef Q_OS_UNIX
    if (secret && ::fchmod(file.handle(), S_IRUSR | S_IWUSR) != 0) {
        file.cancelWriting();
        return Error(ErrorCode::IoError, QStringLiteral("cannot make %1 owner-only").arg(path));
    }
#endif
    // flush() before commit(): Qt 6.4's QSaveFile can commit an empty file on a full disk.
    if (file.write(data, size) != size || !file.flush() || !file.commit())
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (!QFile::setPermissions(path, secret ? kOwnerOnlyFile : kPublicFile))
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot set the permissions of %1").arg(path));
    return {};
}

Result<void> writeFile(const QString &path, const QByteArray &data, bool secret)
{
    return writeFile(path, data.constData(), data.size(), secret);
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaximumFileSize)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is too large to be a key or certificate").arg(path));
    QByteArray contents = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return contents;
}

// Makes the rename of a folder durable: POSIX only promises that once its parent is synced.
void syncFolder(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(path);
#endif
}

void warnIfNotOwnerOnly(const QString &path)
{
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
        | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    if (QFile::permissions(path) & others)
        qCWarning(lcCa).noquote()
            << QStringLiteral("the CA key file %1 is open to other users than its owner: "
                              "chmod 600 it")
                   .arg(path);
}

// Creations that crashed leave their staging folder behind, possibly with unencrypted keys.
void removeStaleStaging(const QString &directory)
{
    const QFileInfo info(directory);
    QDir parent = info.absoluteDir();
    if (!parent.exists())
        return;
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-kStaleStagingSeconds);
    const QFileInfoList leftovers
        = parent.entryInfoList({stagingPrefix(directory) + QLatin1Char('*')},
                               QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &leftover : leftovers) {
        if (leftover.lastModified().toUTC() > cutoff)
            continue; // perhaps another process creating the CA right now
        qCWarning(lcCa).noquote()
            << QStringLiteral("removing %1, left behind by a CA creation that did not finish")
                   .arg(leftover.absoluteFilePath());
        QDir(leftover.absoluteFilePath()).removeRecursively();
    }
}

Result<PrivateKey> loadKey(const QString &path, const SecretBytes &password)
{
    auto pem = readFile(path);
    if (!pem)
        return pem.error();
    const bool encrypted = PrivateKey::isEncryptedPem(pem.value());
    if (encrypted && password.isEmpty()) {
        SecretBytes::wipe(pem.value());
        return Error(ErrorCode::WrongPassphrase,
                     QStringLiteral("%1 is encrypted: the CA needs its password file").arg(path));
    }
    auto key = PrivateKey::fromPem(pem.value(), encrypted ? password : SecretBytes());
    SecretBytes::wipe(pem.value());
    if (!key) {
        if (key.error().code() == ErrorCode::WrongPassphrase)
            return Error(ErrorCode::WrongPassphrase,
                         QStringLiteral("wrong password for %1").arg(path));
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 is not a usable private key: %2").arg(path, key.error().message()));
    }
    if (!encrypted && !password.isEmpty())
        qCWarning(lcCa).noquote()
            << QStringLiteral("%1 is not encrypted although the CA has a password; it stays "
                              "as it is")
                   .arg(path);
    warnIfNotOwnerOnly(path);
    return key;
}

Result<Certificate> loadCertificate(const QString &path)
{
    auto pem = readFile(path);
    if (!pem)
        return pem.error();
    auto certificate = Certificate::fromPem(pem.value());
    if (!certificate)
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 is not a certificate: %2").arg(path, certificate.error().message()));
    return certificate;
}

Result<ProvisionerKey> loadProvisioner(const QString &path, bool encrypted, const QString &name,
                                       const SecretBytes &password)
{
    auto contents = readFile(path);
    if (!contents)
        return contents.error();
    Result<ProvisionerKey> key = Error(ErrorCode::Internal, QString());
    if (encrypted) {
        if (password.isEmpty()) {
            return Error(
                ErrorCode::WrongPassphrase,
                QStringLiteral("%1 is encrypted: the CA needs its password file").arg(path));
        }
        key = ProvisionerKey::fromEncryptedJwk(name, contents.value().trimmed(), password);
    } else {
        key = ProvisionerKey::fromJwkJson(name, SecretBytes::take(contents.value()));
    }
    if (!key) {
        if (key.error().code() == ErrorCode::WrongPassphrase)
            return Error(ErrorCode::WrongPassphrase,
                         QStringLiteral("wrong password for %1").arg(path));
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is not a usable provisioner key: %2")
                         .arg(path, key.error().message()));
    }
    warnIfNotOwnerOnly(path);
    return key;
}

QString describeKeyType(KeyType type)
{
    return keyTypeDisplayName(type);
}

} // namespace

QList<KeyType> CaKeyStore::supportedKeyTypes()
{
    return {KeyType::EcP256, KeyType::EcP384, KeyType::Rsa3072, KeyType::Rsa4096};
}

QString CaKeyStore::filePath(const char *name) const
{
    return QDir(m_directory).filePath(fileName(name));
}

Result<CaKeyStore> CaKeyStore::open(const Options &options)
{
    if (options.directory.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the CA needs a directory"));
    if (!supportedKeyTypes().contains(options.keyType))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a CA key cannot be %1 (choose ECDSA P-256, P-384 or RSA)")
                         .arg(describeKeyType(options.keyType)));
    if (options.provisionerName.trimmed().isEmpty() || options.name.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the CA and its provisioner need names"));
    if (options.validityYears < 1 || options.validityYears > 50)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("CA certificates must be valid for 1 to 50 years"));

    const QString directory = QFileInfo(options.directory).absoluteFilePath();
    removeStaleStaging(directory);

    const QStringList required = {
        fileName(kRootCertificateFile),
        fileName(kRootKeyFile),
        fileName(kIntermediateCertificateFile),
        fileName(kIntermediateKeyFile),
    };
    const QStringList provisionerFiles
        = {fileName(kEncryptedProvisionerFile), fileName(kPlainProvisionerFile)};

    if (const QFileInfo info(directory); info.exists() && !info.isDir())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is not a directory").arg(directory));
    const QDir dir(directory);
    const QStringList entries = dir.exists()
        ? dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)
        : QStringList();

    QStringList found;
    QStringList missing;
    for (const QString &name : required)
        (entries.contains(name) ? found : missing).append(name);
    QStringList provisioners;
    for (const QString &name : provisionerFiles) {
        if (entries.contains(name))
            provisioners.append(name);
    }
    found += provisioners;

    if (found.isEmpty()) {
        if (!entries.isEmpty())
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("%1 holds no CA but is not empty (%2): give the CA a "
                                        "directory of its own")
                             .arg(directory, entries.mid(0, 5).join(QStringLiteral(", "))));
        auto created = create(options, directory);
        if (!created) {
            if (created.error().code() != ErrorCode::Conflict)
                return created.error();
            // Another process created the CA at the same moment: use theirs.
            qCInfo(lcCa).noquote()
                << QStringLiteral("the CA in %1 was created concurrently; loading it")
                       .arg(directory);
            return load(options, directory);
        }
        auto loaded = load(options, directory);
        if (!loaded)
            return loaded.error().withContext(QStringLiteral("checking the new CA"));
        loaded.value().m_created = true;
        qCInfo(lcCa).noquote() << QStringLiteral(
                                      "created a new CA in %1; root fingerprint (SHA-256): %2")
                                      .arg(directory, loaded->rootFingerprint());
        return loaded;
    }

    if (provisioners.isEmpty())
        missing.append(
            QStringLiteral("%1 or %2").arg(provisionerFiles.at(0), provisionerFiles.at(1)));
    if (!missing.isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 holds only part of a CA: %2 missing (found %3). Restore "
                                    "the missing files from a backup, or move the directory "
                                    "aside to create a new CA, which every holder must then "
                                    "trust anew")
                         .arg(directory, missing.join(QStringLiteral(", ")),
                              found.join(QStringLiteral(", "))));
    if (provisioners.size() > 1)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 holds both %2 and %3: keep only the provisioner key "
                                    "the RA uses")
                         .arg(directory, provisionerFiles.at(0), provisionerFiles.at(1)));
    return load(options, directory);
}

Result<CaKeyStore> CaKeyStore::load(const Options &options, const QString &directory)
{
    CaKeyStore store;
    store.m_directory = directory;

    auto root = loadCertificate(store.filePath(kRootCertificateFile));
    if (!root)
        return root.error();
    auto intermediate = loadCertificate(store.filePath(kIntermediateCertificateFile));
    if (!intermediate)
        return intermediate.error();
    auto rootKey = loadKey(store.filePath(kRootKeyFile), options.password);
    if (!rootKey)
        return rootKey.error();
    auto intermediateKey = loadKey(store.filePath(kIntermediateKeyFile), options.password);
    if (!intermediateKey)
        return intermediateKey.error();

    if (!root->isSelfSigned() || !root->isCertificateAuthority())
        return Error(ErrorCode::VerificationFailed,
                     QStringLiteral("%1 is not a self-signed CA certificate")
                         .arg(store.filePath(kRootCertificateFile)));
    if (!root->matchesPrivateKey(rootKey.value()))
        return Error(ErrorCode::VerificationFailed,
                     QStringLiteral("%1 is not the key of %2")
                         .arg(store.filePath(kRootKeyFile), store.filePath(kRootCertificateFile)));
    if (!intermediate->isCertificateAuthority())
        return Error(ErrorCode::VerificationFailed,
                     QStringLiteral("%1 is not a CA certificate")
                         .arg(store.filePath(kIntermediateCertificateFile)));
    if (!intermediate->matchesPrivateKey(intermediateKey.value()))
        return Error(ErrorCode::VerificationFailed,
                     QStringLiteral("%1 is not the key of %2")
                         .arg(store.filePath(kIntermediateKeyFile),
                              store.filePath(kIntermediateCertificateFile)));
    if (auto chained = ChainVerifier(root.value()).verify(intermediate.value()); !chained)
        return Error(ErrorCode::VerificationFailed,
                     QStringLiteral("%1 does not chain to %2: %3")
                         .arg(store.filePath(kIntermediateCertificateFile),
                              store.filePath(kRootCertificateFile), chained.error().message()));

    const bool encryptedProvisioner = QFileInfo::exists(store.filePath(kEncryptedProvisionerFile));
    auto provisioner = loadProvisioner(
        store.filePath(encryptedProvisioner ? kEncryptedProvisionerFile : kPlainProvisionerFile),
        encryptedProvisioner, options.provisionerName, options.password);
    if (!provisioner)
        return provisioner.error();

    if (const auto type = rootKey->keyType(); type && *type != options.keyType)
        qCDebug(lcCa).noquote()
            << QStringLiteral("the existing CA keeps its %1 keys; the configured key type only "
                              "applies to a new CA")
                   .arg(describeKeyType(*type));

    store.m_root = root.value();
    store.m_rootKey = rootKey.value();
    store.m_intermediate = intermediate.value();
    store.m_intermediateKey = intermediateKey.value();
    store.m_provisionerKey = provisioner.value();
    return store;
}

Result<void> CaKeyStore::create(const Options &options, const QString &directory)
{
    const QFileInfo target(directory);
    const QString parentPath = target.absolutePath();
    if (!QDir().mkpath(parentPath))
        return Error(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(parentPath));
    auto suffix = SecureRandom::hex(8);
    if (!suffix)
        return suffix.error();
    const QString staging = QDir(parentPath).filePath(stagingPrefix(directory) + suffix.value());
    if (!QDir().mkdir(staging) || !QFile::setPermissions(staging, kOwnerOnlyFolder))
        return Error(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(staging));

    // Everything below happens in the staging folder; on any failure it goes away whole.
    auto fail = [&staging](const Error &error) -> Result<void> {
        QDir(staging).removeRecursively();
        return error;
    };
    const QDir stagingDir(staging);

    auto rootKey = PrivateKey::generate(options.keyType);
    if (!rootKey)
        return fail(rootKey.error());
    auto intermediateKey = PrivateKey::generate(options.keyType);
    if (!intermediateKey)
        return fail(intermediateKey.error());
    // The provisioner signs tokens: ES256, as `step ca provisioner add` makes them.
    auto provisionerKey = PrivateKey::generate(KeyType::EcP256);
    if (!provisionerKey)
        return fail(provisionerKey.error());

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime notBefore = now.addSecs(-60);
    const QDateTime notAfter = now.addYears(options.validityYears);
    const QString name = options.name.trimmed();
    auto root = CertificateBuilder()
                    .setSubject(name + QStringLiteral(" Root CA"), name)
                    .setSubjectPublicKey(rootKey->publicKey())
                    .setValidity(notBefore, notAfter)
                    .setCertificateAuthority(true, 1)
                    .selfSigned(rootKey.value());
    if (!root)
        return fail(root.error());
    auto intermediate = CertificateBuilder()
                            .setSubject(name + QStringLiteral(" Intermediate CA"), name)
                            .setSubjectPublicKey(intermediateKey->publicKey())
                            .setValidity(notBefore, notAfter)
                            .setCertificateAuthority(true, 0)
                            .signedBy(root.value(), rootKey.value());
    if (!intermediate)
        return fail(intermediate.error());

    for (const auto &[file, key] : {std::pair{kRootKeyFile, &rootKey.value()},
                                    std::pair{kIntermediateKeyFile, &intermediateKey.value()}}) {
        auto pem = key->toPem(options.password);
        if (!pem)
            return fail(pem.error());
        if (auto written
            = writeFile(stagingDir.filePath(fileName(file)), pem->data(), pem->size(), true);
            !written)
            return fail(written.error());
    }
    if (auto written
        = writeFile(stagingDir.filePath(fileName(kRootCertificateFile)), root->toPem(), false);
        !written)
        return fail(written.error());
    if (auto written = writeFile(stagingDir.filePath(fileName(kIntermediateCertificateFile)),
                                 intermediate->toPem(), false);
        !written)
        return fail(written.error());

    auto jwk = Jwk::fromPrivateKey(provisionerKey.value());
    if (!jwk)
        return fail(jwk.error());
    // What `step crypto jwk create` writes: kid = RFC 7638 thumbprint, alg, use "sig".
    jwk.value().setKid(jwk->thumbprint());
    jwk.value().setAlg(QStringLiteral("ES256"));
    jwk.value().setUse(QStringLiteral("sig"));
    if (!options.password.isEmpty()) {
        auto jwe = Jwe::encryptJwk(jwk.value(), options.password);
        if (!jwe)
            return fail(jwe.error());
        if (auto written = writeFile(stagingDir.filePath(fileName(kEncryptedProvisionerFile)),
                                     jwe.value(), true);
            !written)
            return fail(written.error());
    } else {
        auto json = jwk->toPrivateJson();
        if (!json)
            return fail(json.error());
        if (auto written = writeFile(stagingDir.filePath(fileName(kPlainProvisionerFile)),
                                     json->data(), json->size(), true);
            !written)
            return fail(written.error());
    }
    syncFolder(staging);

    // An empty target (made by an installer, say) is replaced; a non-empty one means another
    // process got there first. Qt renames without replacing an existing target.
    if (target.exists() && !QDir().rmdir(directory))
        return fail(
            Error(ErrorCode::Conflict,
                  QStringLiteral("%1 was filled while the CA was being created").arg(directory)));
    if (!QDir().rename(staging, directory))
        return fail(Error(QFileInfo::exists(directory) ? ErrorCode::Conflict : ErrorCode::IoError,
                          QStringLiteral("cannot move the new CA into %1").arg(directory)));
    syncFolder(parentPath);
    return {};
}

} // namespace certigram
