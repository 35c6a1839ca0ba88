#include "enrollcommand.h"

#include "client/enroller.h"
#include "codeprompt.h"
#include "protocol/timeduration.h"
#include "store/identitystore.h"
#include "store/profilestore.h"

#include <QFileInfo>

namespace certigram {

namespace {
const QCommandLineOption kSubject(QStringLiteral("subject"),
                                  QStringLiteral("The Telegram user id."), QStringLiteral("ID"));
const QCommandLineOption kCode(QStringLiteral("code"),
                               QStringLiteral("The code Telegram brought (\"-\": read it from "
                                              "standard input). Without it, at a terminal, a "
                                              "code is requested and asked for."),
                               QStringLiteral("CODE"));
const QCommandLineOption kKeyType(QStringLiteral("key-type"),
                                  QStringLiteral("ec-p256 (default), ec-p384, ed25519, rsa-2048, "
                                                 "rsa-3072 or rsa-4096."),
                                  QStringLiteral("TYPE"));
const QCommandLineOption kPassphraseFile(QStringLiteral("passphrase-file"),
                                         QStringLiteral("Encrypt the private key with the "
                                                        "passphrase in this file (owner-only)."),
                                         QStringLiteral("FILE"));
const QCommandLineOption kProfile(QStringLiteral("profile"),
                                  QStringLiteral("The CA profile (needed when there are several)."),
                                  QStringLiteral("NAME"));
const QCommandLineOption kNotAfter(QStringLiteral("not-after"),
                                   QStringLiteral("Ask for a shorter lifetime: a duration "
                                                  "(\"8h\") or an RFC 3339 time."),
                                   QStringLiteral("TIME"));

QString stepText(EnrollmentStep step, KeyType keyType)
{
    switch (step) {
    case EnrollmentStep::ExchangingCode: return QStringLiteral("Checking the code…");
    case EnrollmentStep::GeneratingKey:
        return QStringLiteral("Generating the %1 key…").arg(keyTypeDisplayName(keyType));
    case EnrollmentStep::Signing: return QStringLiteral("Asking the CA for the certificate…");
    case EnrollmentStep::Saving: return QStringLiteral("Saving the identity…");
    }
    return QString();
}
} // namespace

QString EnrollCommand::synopsis() const
{
    return QStringLiteral("--subject ID [--code CODE] [--key-type TYPE] [--passphrase-file FILE] "
                          "[--profile NAME] [--not-after TIME]");
}

QString EnrollCommand::summary() const
{
    return QStringLiteral("Exchanges a Telegram code for a one-time token, generates a key pair "
                          "and gets a certificate for it from the CA. The key never leaves "
                          "this machine.");
}

void EnrollCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({kSubject, kCode, kKeyType, kPassphraseFile, kProfile, kNotAfter});
}

void EnrollCommand::start(const QCommandLineParser &parser)
{
    if (!parser.isSet(kSubject)) {
        usageError(QStringLiteral("enroll needs --subject"));
        return;
    }
    EnrollmentRequest request;
    request.subject = parser.value(kSubject);
    if (auto checked = IdentityStore::checkName(request.subject, QStringLiteral("the subject"));
        !checked) {
        usageError(checked.error().message());
        return;
    }
    if (parser.isSet(kKeyType)) {
        auto type = parseKeyType(parser.value(kKeyType));
        if (!type) {
            usageError(type.error().message());
            return;
        }
        request.keyType = type.value();
    }
    if (parser.isSet(kNotAfter)) {
        auto notAfter = TimeDuration::parse(parser.value(kNotAfter));
        if (!notAfter || !notAfter->isSet()) {
            usageError(QStringLiteral("--not-after must be a duration such as 8h or an RFC 3339 "
                                      "time"));
            return;
        }
        request.notAfter = notAfter->resolve(QDateTime::currentDateTimeUtc());
    }
    auto passphrase = secretFromOption(parser, kPassphraseFile);
    if (!passphrase) {
        fail(passphrase.error());
        return;
    }
    request.passphrase = passphrase.value();
    auto profile = ProfileStore(context().home.profilesFile()).resolve(parser.value(kProfile));
    if (!profile) {
        fail(profile.error());
        return;
    }
    // Refuse before the code is spent: the store would refuse at the very end.
    const IdentityStore store(context().home.identitiesFolder());
    if (QFileInfo(store.folderOf(profile->name, request.subject)).exists()) {
        fail(Error(ErrorCode::Conflict,
                   QStringLiteral("%1 is already enrolled with the profile \"%2\": renew it, "
                                  "or revoke it first")
                       .arg(request.subject, profile->name)));
        return;
    }

    const std::optional<QString> given
        = parser.isSet(kCode) ? std::optional<QString>(parser.value(kCode)) : std::nullopt;
    const CaProfile chosen = profile.value();
    obtainCode(given, chosen, request.subject, CodePurpose::Enroll, output(), context().timeout,
               this, [this, request, chosen](Result<QString> code) mutable {
                   if (!code) {
                       fail(code.error());
                       return;
                   }
                   request.code = code.value();
                   auto *enroller = new Enroller(chosen, context().home.identitiesFolder(), this);
                   enroller->setTimeout(context().timeout);
                   connect(enroller, &Enroller::stepChanged, this,
                           [this, type = request.keyType](EnrollmentStep step) {
                               output().progress(stepText(step, type));
                           });
                   enroller->enroll(request, [this](Result<Identity> identity) {
                       if (!identity) {
                           fail(identity.error());
                           return;
                       }
                       const Identity &enrolled = identity.value();
                       succeed(CliOutput::identityJson(enrolled, RenewalPolicy().dueAt(enrolled)),
                               QStringLiteral("Enrolled %1: serial %2, valid until %3.")
                                   .arg(enrolled.id(), enrolled.serialHex(),
                                        CliOutput::time(enrolled.notAfter())));
                   });
               });
}

} // namespace certigram
