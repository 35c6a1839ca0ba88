#include "ra/provisionerkeyloader.h"

#include "crypto/privatekey.h"
#include "crypto/secretfile.h"

#include <QFile>

namespace certigram {

Result<ProvisionerKey> ProvisionerKeyLoader::load(const QString &provisionerName,
                                                  const QString &keyFile,
                                                  const QString &passwordFile)
{
    // The key file is a secret too: the same owner-only rule as password files.
    auto content = SecretFile::read(keyFile);
    if (!content)
        return content.error();
    SecretBytes password;
    if (!passwordFile.isEmpty()) {
        auto read = SecretFile::read(passwordFile);
        if (!read)
            return read.error();
        password = read.value();
    }
    const QByteArray head
        = QByteArray(content->data(), std::min<qsizetype>(content->size(), 16)).trimmed();

    Result<ProvisionerKey> key = Error(ErrorCode::InvalidInput, QString());
    if (head.startsWith("-----BEGIN")) {
        QByteArray pem = content->toByteArrayUnsafe();
        key = ProvisionerKey::fromPem(provisionerName, pem, password);
        SecretBytes::wipe(pem);
    } else if (head.startsWith('{')) {
        key = ProvisionerKey::fromJwkJson(provisionerName, content.value());
    } else {
        if (password.isEmpty())
            return Error(
                ErrorCode::WrongPassphrase,
                QStringLiteral("%1 is an encrypted key: give its password file").arg(keyFile));
        QByteArray jwe = content->toByteArrayUnsafe().trimmed();
        key = ProvisionerKey::fromEncryptedJwk(provisionerName, jwe, password);
    }
    if (!key)
        return key.error().withContext(QStringLiteral("provisioner key %1").arg(keyFile));
    return key;
}

} // namespace certigram
