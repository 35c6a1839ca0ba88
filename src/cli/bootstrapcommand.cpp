#include "bootstrapcommand.h"

#include "client/trustbootstrap.h"
#include "store/identitystore.h"
#include "store/profilestore.h"

namespace certigram {

namespace {
const QCommandLineOption kCaUrl(QStringLiteral("ca-url"),
                                QStringLiteral("The CA (step-ca or certigram-server)."),
                                QStringLiteral("URL"));
const QCommandLineOption kRaUrl(QStringLiteral("ra-url"),
                                QStringLiteral("The registration authority (default: the CA URL)."),
                                QStringLiteral("URL"));
const QCommandLineOption kFingerprint(QStringLiteral("fingerprint"),
                                      QStringLiteral("The SHA-256 fingerprint of the CA's root, as "
                                                     "its administrator published it."),
                                      QStringLiteral("SHA256"));
const QCommandLineOption kName(QStringLiteral("name"),
                               QStringLiteral("The profile's name (default: \"default\")."),
                               QStringLiteral("NAME"));
const QCommandLineOption kReplace(QStringLiteral("replace"),
                                  QStringLiteral("Replace a profile of that name that pins "
                                                 "another root."));
} // namespace

QString BootstrapCommand::synopsis() const
{
    return QStringLiteral("--ca-url URL [--ra-url URL] --fingerprint SHA256 [--name NAME] "
                          "[--replace]");
}

QString BootstrapCommand::summary() const
{
    return QStringLiteral("Fetches the CA's root, accepts it only if its SHA-256 fingerprint is "
                          "the one given, and saves it with the URLs as a CA profile. Every "
                          "later connection trusts that root alone.");
}

void BootstrapCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({kCaUrl, kRaUrl, kFingerprint, kName, kReplace});
}

void BootstrapCommand::start(const QCommandLineParser &parser)
{
    if (!parser.isSet(kCaUrl) || !parser.isSet(kFingerprint)) {
        usageError(QStringLiteral("bootstrap needs --ca-url and --fingerprint"));
        return;
    }
    CaProfile profile;
    profile.name = parser.isSet(kName) ? parser.value(kName) : IdentityStore::defaultProfile();
    profile.caUrl = QUrl(parser.value(kCaUrl));
    profile.raUrl = QUrl(parser.isSet(kRaUrl) ? parser.value(kRaUrl) : parser.value(kCaUrl));
    for (const auto &check :
         {IdentityStore::checkName(profile.name, QStringLiteral("the profile name")),
          CaProfile::checkUrl(profile.caUrl, QStringLiteral("CA URL")),
          CaProfile::checkUrl(profile.raUrl, QStringLiteral("RA URL"))}) {
        if (!check) {
            usageError(check.error().message());
            return;
        }
    }
    if (auto fingerprint = TrustBootstrap::normalizeFingerprint(parser.value(kFingerprint));
        !fingerprint) {
        usageError(fingerprint.error().message());
        return;
    }
    const bool replace = parser.isSet(kReplace);
    auto *bootstrap = new TrustBootstrap(this);
    bootstrap->setTimeout(context().timeout);
    bootstrap->bootstrap(
        profile.caUrl, parser.value(kFingerprint), this,
        [this, profile, replace](Result<Certificate> root) mutable {
            if (!root) {
                fail(root.error());
                return;
            }
            profile.root = root.value();
            if (auto saved = ProfileStore(context().home.profilesFile()).save(profile, replace);
                !saved) {
                fail(saved.error());
                return;
            }
            succeed(QJsonObject{{QStringLiteral("profile"), profile.name},
                                {QStringLiteral("caUrl"), profile.caUrl.toString()},
                                {QStringLiteral("raUrl"), profile.raUrl.toString()},
                                {QStringLiteral("fingerprint"), profile.fingerprint()},
                                {QStringLiteral("root"), profile.root.subject()}},
                    QStringLiteral("The root %1 is trusted for the profile \"%2\".\n"
                                   "CA: %3\nRA: %4")
                        .arg(profile.root.subject(), profile.name, profile.caUrl.toString(),
                             profile.raUrl.toString()));
        });
}

} // namespace certigram
