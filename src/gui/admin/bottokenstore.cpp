#include "admin/bottokenstore.h"

#include "crypto/secretbytes.h"
#include "crypto/secretfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#ifdef CERTIGRAM_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace certigram {

namespace {

#ifdef CERTIGRAM_HAVE_KEYCHAIN
const QString kService = QStringLiteral("Certigram");
const QString kKey = QStringLiteral("telegram-bot-token");

// Errors after which the owner-only file takes over: there is no usable keychain.
bool keychainUnavailable(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError || error == QKeychain::AccessDenied;
}
#endif

} // namespace

BotTokenStore::BotTokenStore(const QString &fallbackFile, bool useKeychain, QObject *parent)
    : QObject(parent)
    , m_fallbackFile(fallbackFile.isEmpty() ? defaultFallbackFile() : fallbackFile)
    , m_useKeychain(useKeychain && keychainSupported())
{ }

QString BotTokenStore::defaultFallbackFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/admin/telegram-bot-token");
}

bool BotTokenStore::keychainSupported()
{
#ifdef CERTIGRAM_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

void BotTokenStore::save(const QString &token)
{
    const QString trimmed = token.trimmed();
    if (trimmed.isEmpty()) {
        emit failed(tr("The bot token is empty."));
        return;
    }
#ifdef CERTIGRAM_HAVE_KEYCHAIN
    if (m_useKeychain) {
        auto *job = new QKeychain::WritePasswordJob(kService, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(kKey);
        job->setTextData(trimmed);
        connect(job, &QKeychain::Job::finished, this, [this, trimmed](QKeychain::Job *done) {
            if (done->error() == QKeychain::NoError) {
                QFile::remove(m_fallbackFile); // one place only
                emit saved(Location::Keychain);
            } else if (keychainUnavailable(done->error())) {
                saveToFile(trimmed);
            } else {
                emit failed(tr("The system keychain refused to store the bot token: %1")
                                .arg(done->errorString()));
            }
        });
        job->start();
        return;
    }
#endif
    saveToFile(trimmed);
}

void BotTokenStore::load()
{
#ifdef CERTIGRAM_HAVE_KEYCHAIN
    if (m_useKeychain) {
        auto *job = new QKeychain::ReadPasswordJob(kService, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(kKey);
        connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
            auto *read = static_cast<QKeychain::ReadPasswordJob *>(done);
            if (done->error() == QKeychain::NoError && !read->textData().isEmpty())
                emit loaded(read->textData(), Location::Keychain);
            else if (done->error() == QKeychain::NoError
                     || done->error() == QKeychain::EntryNotFound
                     || keychainUnavailable(done->error()))
                loadFromFile(); // nothing in the keychain: perhaps stored before without one
            else
                emit failed(tr("The system keychain refused to give the bot token: %1")
                                .arg(done->errorString()));
        });
        job->start();
        return;
    }
#endif
    loadFromFile();
}

void BotTokenStore::remove()
{
#ifdef CERTIGRAM_HAVE_KEYCHAIN
    if (m_useKeychain) {
        auto *job = new QKeychain::DeletePasswordJob(kService, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(kKey);
        connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *) {
            // Whatever the keychain said, the file goes too.
            removeFile();
        });
        job->start();
        return;
    }
#endif
    removeFile();
}

void BotTokenStore::saveToFile(const QString &token)
{
    if (!QDir().mkpath(QFileInfo(m_fallbackFile).absolutePath())) {
        emit failed(tr("Cannot create the folder for the bot token file %1.")
                        .arg(QDir::toNativeSeparators(m_fallbackFile)));
        return;
    }
    const auto written = SecretFile::write(m_fallbackFile, SecretBytes::fromUtf8(token));
    if (!written) {
        emit failed(tr("Cannot save the bot token to %1: %2")
                        .arg(QDir::toNativeSeparators(m_fallbackFile), written.error().message()));
        return;
    }
    emit saved(Location::File);
}

void BotTokenStore::loadFromFile()
{
    if (!QFileInfo::exists(m_fallbackFile)) {
        emit loaded(QString(), Location::None);
        return;
    }
    const auto secret = SecretFile::read(m_fallbackFile);
    if (!secret) {
        emit failed(tr("Cannot read the bot token from %1: %2")
                        .arg(QDir::toNativeSeparators(m_fallbackFile), secret.error().message()));
        return;
    }
    QByteArray bytes = secret->toByteArrayUnsafe();
    const QString token = QString::fromUtf8(bytes).trimmed();
    SecretBytes::wipe(bytes);
    emit loaded(token, token.isEmpty() ? Location::None : Location::File);
}

void BotTokenStore::removeFile()
{
    if (QFileInfo::exists(m_fallbackFile) && !QFile::remove(m_fallbackFile)) {
        emit failed(tr("Cannot delete the bot token file %1.")
                        .arg(QDir::toNativeSeparators(m_fallbackFile)));
        return;
    }
    emit removed();
}

} // namespace certigram
