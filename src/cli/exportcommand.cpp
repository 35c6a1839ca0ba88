#include "exportcommand.h"

#include "store/identitystore.h"
#include "store/privatefiles.h"

#include <QFileInfo>

namespace certigram {

namespace {
const QCommandLineOption kP12(QStringLiteral("p12"),
                              QStringLiteral("Write a PKCS#12 file (key, certificate, chain)."),
                              QStringLiteral("FILE"));
const QCommandLineOption kPem(QStringLiteral("pem"),
                              QStringLiteral("Write <subject>.pem (key) and <subject>_crt.pem "
                                             "(certificate and chain) into this folder."),
                              QStringLiteral("DIR"));
const QCommandLineOption kLegacy(QStringLiteral("legacy"),
                                 QStringLiteral("PKCS#12 with 3DES/RC2 for old importers "
                                                "(Windows 7, old Java, macOS before 10.15)."));
const QCommandLineOption kPasswordFile(QStringLiteral("password-file"),
                                       QStringLiteral("The PKCS#12 password (required with "
                                                      "--p12); with --pem, encrypts the "
                                                      "exported key."),
                                       QStringLiteral("FILE"));
const QCommandLineOption kPassphraseFile(QStringLiteral("passphrase-file"),
                                         QStringLiteral("Opens a passphrase-protected key."),
                                         QStringLiteral("FILE"));
} // namespace

QString ExportCommand::synopsis() const
{
    return QStringLiteral("ID (--p12 FILE [--legacy] --password-file FILE | --pem DIR "
                          "[--password-file FILE]) [--passphrase-file FILE]");
}

QString ExportCommand::summary() const
{
    return QStringLiteral("Exports the key with its certificate and chain, as PKCS#12 or as the "
                          "prototype's PEM pair. Files are written owner-only and never "
                          "overwritten.");
}

void ExportCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The subject, or SUBJECT@PROFILE."));
    parser.addOptions({kP12, kPem, kLegacy, kPasswordFile, kPassphraseFile});
}

void ExportCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        usageError(QStringLiteral("export needs exactly one ID"));
        return;
    }
    if (parser.isSet(kP12) == parser.isSet(kPem)) {
        usageError(QStringLiteral("export needs one of --p12 FILE or --pem DIR"));
        return;
    }
    if (parser.isSet(kP12) && !parser.isSet(kPasswordFile)) {
        usageError(QStringLiteral("a PKCS#12 file needs a password: give --password-file"));
        return;
    }
    auto password = secretFromOption(parser, kPasswordFile);
    auto passphrase = secretFromOption(parser, kPassphraseFile);
    for (const auto *secret : {&password, &passphrase})
        if (!*secret) {
            fail(secret->error());
            return;
        }
    const IdentityStore store(context().home.identitiesFolder());
    const QString id = parser.positionalArguments().first();

    if (parser.isSet(kPem)) {
        auto written
            = store.exportPem(id, parser.value(kPem), passphrase.value(), password.value());
        if (!written) {
            fail(written.error());
            return;
        }
        succeed(QJsonObject{{QStringLiteral("keyFile"), written->keyPath},
                            {QStringLiteral("certificateFile"), written->certificatePath}},
                QStringLiteral("Wrote %1 and %2.").arg(written->keyPath, written->certificatePath));
        return;
    }
    const QString path = parser.value(kP12);
    if (QFileInfo::exists(path)) {
        fail(Error(ErrorCode::Conflict,
                   QStringLiteral("%1 exists already: choose another name").arg(path)));
        return;
    }
    auto bundle = store.exportPkcs12(
        id, password.value(), parser.isSet(kLegacy) ? Pkcs12Format::Legacy : Pkcs12Format::Modern,
        passphrase.value());
    if (!bundle) {
        fail(bundle.error());
        return;
    }
    if (auto written = PrivateFiles::write(path, bundle->data); !written) {
        fail(written.error());
        return;
    }
    succeed(QJsonObject{{QStringLiteral("file"), path},
                        {QStringLiteral("protection"), bundle->protection}},
            QStringLiteral("Wrote %1 (%2).").arg(path, bundle->protection));
}

} // namespace certigram
