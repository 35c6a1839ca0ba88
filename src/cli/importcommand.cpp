#include "importcommand.h"

#include "store/identitystore.h"
#include "store/privatefiles.h"

namespace certigram {

namespace {
const QCommandLineOption kProfile(QStringLiteral("profile"),
                                  QStringLiteral("The CA profile to file it under (default: "
                                                 "\"default\"); renewal needs a profile of that "
                                                 "name."),
                                  QStringLiteral("NAME"));
const QCommandLineOption kPasswordFile(QStringLiteral("password-file"),
                                       QStringLiteral("The PKCS#12 file's password."),
                                       QStringLiteral("FILE"));
const QCommandLineOption kKeyPassphraseFile(QStringLiteral("key-passphrase-file"),
                                            QStringLiteral("Opens an encrypted PEM key being "
                                                           "imported."),
                                            QStringLiteral("FILE"));
const QCommandLineOption kPassphraseFile(QStringLiteral("passphrase-file"),
                                         QStringLiteral("Encrypt the stored key with this "
                                                        "passphrase."),
                                         QStringLiteral("FILE"));

bool isPem(const QByteArray &bytes)
{
    return bytes.contains("-----BEGIN ");
}
} // namespace

QString ImportCommand::synopsis() const
{
    return QStringLiteral("(FILE.p12 --password-file FILE | CERT.pem KEY.pem) [--profile NAME] "
                          "[--key-passphrase-file FILE] [--passphrase-file FILE]");
}

QString ImportCommand::summary() const
{
    return QStringLiteral("Imports an identity: a PKCS#12 file, or a certificate file (with its "
                          "chain) and a key file in either order, such as the prototype's "
                          "<id>_crt.pem and <id>.pem.");
}

void ImportCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("FILES"),
                                 QStringLiteral("One PKCS#12 file, or two PEM files."));
    parser.addOptions({kProfile, kPasswordFile, kKeyPassphraseFile, kPassphraseFile});
}

void ImportCommand::start(const QCommandLineParser &parser)
{
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || files.size() > 2) {
        usageError(QStringLiteral("import needs one PKCS#12 file or two PEM files"));
        return;
    }
    QList<QByteArray> contents;
    for (const QString &file : files) {
        auto bytes = PrivateFiles::read(file);
        if (!bytes) {
            fail(bytes.error());
            return;
        }
        contents << bytes.value();
    }
    auto password = secretFromOption(parser, kPasswordFile);
    auto keyPassphrase = secretFromOption(parser, kKeyPassphraseFile);
    auto passphrase = secretFromOption(parser, kPassphraseFile);
    for (const auto *secret : {&password, &keyPassphrase, &passphrase})
        if (!*secret) {
            fail(secret->error());
            return;
        }
    const QString profile
        = parser.isSet(kProfile) ? parser.value(kProfile) : IdentityStore::defaultProfile();
    IdentityStore store(context().home.identitiesFolder());
    Result<Identity> imported = Error(ErrorCode::Internal, QString());
    if (files.size() == 1) {
        if (isPem(contents.first())) {
            usageError(QStringLiteral("%1 is PEM: give the certificate and the key file")
                           .arg(files.first()));
            return;
        }
        imported
            = store.importPkcs12(contents.first(), password.value(), profile, passphrase.value());
    } else {
        if (!isPem(contents[0]) || !isPem(contents[1])) {
            usageError(QStringLiteral("two files must be a PEM certificate and a PEM key"));
            return;
        }
        imported = store.importPrototypeFiles(files[0], files[1], profile, keyPassphrase.value(),
                                              passphrase.value());
    }
    if (!imported) {
        fail(imported.error());
        return;
    }
    succeed(CliOutput::identityJson(imported.value(), RenewalPolicy().dueAt(imported.value())),
            QStringLiteral("Imported %1: serial %2, valid until %3.")
                .arg(imported->id(), imported->serialHex(), CliOutput::time(imported->notAfter())));
}

} // namespace certigram
