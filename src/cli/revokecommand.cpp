#include "revokecommand.h"

#include "client/revoker.h"
#include "codeprompt.h"
#include "protocol/stepcamessages.h"
#include "store/identitystore.h"
#include "store/profilestore.h"

namespace certigram {

namespace {
const QCommandLineOption kReasonCode(QStringLiteral("reason-code"),
                                     QStringLiteral("RFC 5280 reason: 0 unspecified, 1 key "
                                                    "compromise, 3 affiliation changed, 4 "
                                                    "superseded, 5 cessation of operation, … "
                                                    "(0–10 except 7; default 0)."),
                                     QStringLiteral("N"));
const QCommandLineOption kReason(QStringLiteral("reason"),
                                 QStringLiteral("Why, in words; the CA records it."),
                                 QStringLiteral("TEXT"));
const QCommandLineOption kLostKey(QStringLiteral("lost-key"),
                                  QStringLiteral("The key is lost: prove ownership with a "
                                                 "Telegram code instead of the key."));
const QCommandLineOption kCode(QStringLiteral("code"),
                               QStringLiteral("With --lost-key: a code requested with "
                                              "request-code --purpose revoke (\"-\": read it "
                                              "from standard input)."),
                               QStringLiteral("CODE"));
const QCommandLineOption kPassphraseFile(QStringLiteral("passphrase-file"),
                                         QStringLiteral("Opens a passphrase-protected key."),
                                         QStringLiteral("FILE"));
} // namespace

QString RevokeCommand::synopsis() const
{
    return QStringLiteral("ID [--reason-code N] [--reason TEXT] [--lost-key [--code CODE]] "
                          "[--passphrase-file FILE]");
}

QString RevokeCommand::summary() const
{
    return QStringLiteral("Revokes the identity's certificate at the CA (it will no longer be "
                          "renewed or accepted where the CRL is checked). The identity stays in "
                          "the store, marked revoked.");
}

void RevokeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The subject, or SUBJECT@PROFILE."));
    parser.addOptions({kReasonCode, kReason, kLostKey, kCode, kPassphraseFile});
}

void RevokeCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        usageError(QStringLiteral("revoke needs exactly one ID"));
        return;
    }
    if (parser.isSet(kCode) && !parser.isSet(kLostKey)) {
        usageError(QStringLiteral("--code goes with --lost-key"));
        return;
    }
    RevocationRequest request;
    request.id = parser.positionalArguments().first();
    request.reason = parser.value(kReason);
    if (parser.isSet(kReasonCode)) {
        bool ok = false;
        request.reasonCode = parser.value(kReasonCode).toInt(&ok);
        if (!ok || !RevokeRequest::isAssignedReasonCode(request.reasonCode)) {
            usageError(QStringLiteral("--reason-code must be 0 to 10, except 7"));
            return;
        }
    }
    auto passphrase = secretFromOption(parser, kPassphraseFile);
    if (!passphrase) {
        fail(passphrase.error());
        return;
    }
    request.passphrase = passphrase.value();

    const auto revoke = [this](const RevocationRequest &ready) {
        auto *revoker = new Revoker(context().home, this);
        revoker->setTimeout(context().timeout);
        revoker->revoke(ready, [this](Result<Identity> revoked) {
            if (!revoked) {
                fail(revoked.error());
                return;
            }
            succeed(
                CliOutput::identityJson(revoked.value(), QDateTime()),
                QStringLiteral("Revoked %1 (serial %2).").arg(revoked->id(), revoked->serialHex()));
        });
    };
    if (!parser.isSet(kLostKey)) {
        revoke(request);
        return;
    }
    // The code goes to the identity's subject, through its profile's RA.
    auto identity = IdentityStore(context().home.identitiesFolder()).identity(request.id);
    if (!identity) {
        fail(identity.error());
        return;
    }
    auto profile = ProfileStore(context().home.profilesFile()).profile(identity->profile());
    if (!profile) {
        fail(profile.error());
        return;
    }
    const std::optional<QString> given
        = parser.isSet(kCode) ? std::optional<QString>(parser.value(kCode)) : std::nullopt;
    obtainCode(given, profile.value(), identity->subject(), CodePurpose::Revoke, output(),
               context().timeout, this, [this, request, revoke](Result<QString> code) mutable {
                   if (!code) {
                       fail(code.error());
                       return;
                   }
                   request.code = code.value();
                   revoke(request);
               });
}

} // namespace certigram
