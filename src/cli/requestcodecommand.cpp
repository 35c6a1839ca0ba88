#include "requestcodecommand.h"

#include "client/raclient.h"
#include "store/profilestore.h"

namespace certigram {

namespace {
const QCommandLineOption kSubject(QStringLiteral("subject"),
                                  QStringLiteral("The Telegram user id."), QStringLiteral("ID"));
const QCommandLineOption kPurpose(QStringLiteral("purpose"),
                                  QStringLiteral("enroll (default) or revoke."),
                                  QStringLiteral("PURPOSE"));
const QCommandLineOption kProfile(QStringLiteral("profile"),
                                  QStringLiteral("The CA profile (needed when there are several)."),
                                  QStringLiteral("NAME"));
} // namespace

QString RequestCodeCommand::synopsis() const
{
    return QStringLiteral("--subject ID [--purpose enroll|revoke] [--profile NAME]");
}

QString RequestCodeCommand::summary() const
{
    return QStringLiteral("Asks the registration authority to send a one-time code to the "
                          "Telegram user, for enroll --code or revoke --lost-key --code.");
}

void RequestCodeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({kSubject, kPurpose, kProfile});
}

void RequestCodeCommand::start(const QCommandLineParser &parser)
{
    if (!parser.isSet(kSubject)) {
        usageError(QStringLiteral("request-code needs --subject"));
        return;
    }
    auto purpose = codePurposeFromName(parser.isSet(kPurpose) ? parser.value(kPurpose)
                                                              : QStringLiteral("enroll"));
    if (!purpose) {
        usageError(QStringLiteral("--purpose must be enroll or revoke"));
        return;
    }
    auto profile = ProfileStore(context().home.profilesFile()).resolve(parser.value(kProfile));
    if (!profile) {
        fail(profile.error());
        return;
    }
    const QString subject = parser.value(kSubject);
    auto *ra = new RaClient(profile->raUrl, profile->root, this);
    ra->setTimeout(context().timeout);
    ra->requestCode(subject, purpose.value(), this, [this, subject](Result<CodeResponse> sent) {
        if (!sent) {
            fail(sent.error());
            return;
        }
        QJsonObject json = sent->toJson();
        json.insert(QStringLiteral("subject"), subject);
        succeed(json,
                QStringLiteral("A code is on its way to Telegram user %1. It is valid until "
                               "%2; a new one can be requested after %3.")
                    .arg(subject, CliOutput::time(sent->expiresAt),
                         CliOutput::time(sent->resendAfter)));
    });
}

} // namespace certigram
