#include "profilescommand.h"

#include "store/profilestore.h"

#include <QJsonArray>

namespace certigram {

QString ProfilesCommand::summary() const
{
    return QStringLiteral("Lists the CA profiles saved by bootstrap.");
}

void ProfilesCommand::start(const QCommandLineParser &)
{
    auto profiles = ProfileStore(context().home.profilesFile()).list();
    if (!profiles) {
        fail(profiles.error());
        return;
    }
    QJsonArray entries;
    QStringList lines;
    for (const CaProfile &profile : profiles.value()) {
        entries.append(QJsonObject{{QStringLiteral("name"), profile.name},
                                   {QStringLiteral("caUrl"), profile.caUrl.toString()},
                                   {QStringLiteral("raUrl"), profile.raUrl.toString()},
                                   {QStringLiteral("fingerprint"), profile.fingerprint()}});
        lines << QStringLiteral("%1\n  CA: %2\n  RA: %3\n  root SHA-256: %4")
                     .arg(profile.name, profile.caUrl.toString(), profile.raUrl.toString(),
                          profile.fingerprint());
    }
    if (lines.isEmpty())
        lines << QStringLiteral("No CA profile yet: run bootstrap.");
    succeed(QJsonObject{{QStringLiteral("profiles"), entries}}, lines.join(QLatin1Char('\n')));
}

} // namespace certigram
