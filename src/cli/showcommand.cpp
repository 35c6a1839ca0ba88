#include "showcommand.h"

#include "store/identitystore.h"

#include <QJsonArray>

namespace certigram {

QString ShowCommand::synopsis() const
{
    return QStringLiteral("ID");
}

QString ShowCommand::summary() const
{
    return QStringLiteral("Shows an identity: names, serial, validity, fingerprint, key usage, "
                          "chain and where its files are.");
}

void ShowCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The subject, or SUBJECT@PROFILE."));
}

void ShowCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        usageError(QStringLiteral("show needs exactly one ID"));
        return;
    }
    const IdentityStore store(context().home.identitiesFolder());
    auto found = store.identity(parser.positionalArguments().first());
    if (!found) {
        fail(found.error());
        return;
    }
    const Identity &identity = found.value();
    const Certificate &certificate = identity.certificate();
    const QDateTime dueAt = RenewalPolicy().dueAt(identity);
    const QStringList previous = store.previousCertificates(identity.qualifiedId()).valueOr({});
    QStringList chain;
    for (const Certificate &link : identity.chain())
        chain << link.subject();

    QJsonObject json = CliOutput::identityJson(identity, dueAt);
    json.insert(QStringLiteral("serialDecimal"), certificate.serialDecimal());
    json.insert(QStringLiteral("issuer"), certificate.issuer());
    json.insert(QStringLiteral("subjectAltNames"),
                QJsonArray::fromStringList(certificate.subjectAltNames().all()));
    json.insert(QStringLiteral("keyUsage"), QJsonArray::fromStringList(certificate.keyUsage()));
    json.insert(QStringLiteral("extendedKeyUsage"),
                QJsonArray::fromStringList(certificate.extendedKeyUsage()));
    json.insert(QStringLiteral("chain"), QJsonArray::fromStringList(chain));
    json.insert(QStringLiteral("certificateFile"), store.certificateFileOf(identity));
    json.insert(QStringLiteral("keyFile"), store.keyFileOf(identity));
    json.insert(QStringLiteral("previousCertificates"), QJsonArray::fromStringList(previous));

    const QString text
        = QStringLiteral("ID:                 %1\n"
                         "Profile:            %2\n"
                         "Status:             %3 (%4 days left)\n"
                         "Subject:            %5\n"
                         "Names:              %6\n"
                         "Serial:             %7 (%8)\n"
                         "Valid:              %9 to %10\n"
                         "Renewal due:        %11\n"
                         "Issuer:             %12\n"
                         "SHA-256:            %13\n"
                         "Key:                %14%15\n"
                         "Key usage:          %16; %17\n"
                         "Certificate file:   %18\n"
                         "Key file:           %19\n"
                         "Previous:           %20 certificate(s)")
              .arg(identity.id(), identity.profile(), Identity::statusName(identity.status()),
                   QString::number(identity.daysLeft()), certificate.subject(),
                   certificate.subjectAltNames().all().join(QStringLiteral(", ")),
                   Certificate::colonSeparatedHex(identity.serialHex()),
                   certificate.serialDecimal(), CliOutput::time(identity.notBefore()))
              .arg(CliOutput::time(identity.notAfter()), CliOutput::time(dueAt),
                   certificate.issuer(),
                   Certificate::colonSeparatedHex(identity.sha256Fingerprint()), identity.keyType(),
                   identity.isKeyEncrypted() ? QStringLiteral(", passphrase-protected") : QString(),
                   certificate.keyUsage().join(QStringLiteral(", ")),
                   certificate.extendedKeyUsage().join(QStringLiteral(", ")),
                   store.certificateFileOf(identity))
              .arg(store.keyFileOf(identity))
              .arg(previous.size());
    succeed(json, text);
}

} // namespace certigram
