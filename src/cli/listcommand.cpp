#include "listcommand.h"

#include "store/identitystore.h"

#include <QJsonArray>

namespace certigram {

namespace {
const QCommandLineOption kProfile(QStringLiteral("profile"),
                                  QStringLiteral("Only the identities of this CA profile."),
                                  QStringLiteral("NAME"));

// Left-aligned columns, two spaces apart.
QString table(const QList<QStringList> &rows)
{
    QList<int> widths;
    for (const QStringList &row : rows)
        for (int i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], static_cast<int>(row[i].size()));
        }
    QStringList lines;
    for (const QStringList &row : rows) {
        QString line;
        for (int i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

QString ListCommand::synopsis() const
{
    return QStringLiteral("[--profile NAME]");
}

QString ListCommand::summary() const
{
    return QStringLiteral("Lists the identities: subject, profile, serial, expiry, days left and "
                          "status (valid, renew-soon, expired, revoked).");
}

void ListCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(kProfile);
}

void ListCommand::start(const QCommandLineParser &parser)
{
    const IdentityList list = IdentityStore(context().home.identitiesFolder()).list();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const RenewalPolicy policy;
    QJsonArray entries;
    QList<QStringList> rows{{QStringLiteral("ID"), QStringLiteral("PROFILE"),
                             QStringLiteral("SERIAL"), QStringLiteral("NOT AFTER"),
                             QStringLiteral("DAYS LEFT"), QStringLiteral("STATUS")}};
    for (const Identity &identity : list.identities) {
        if (parser.isSet(kProfile) && identity.profile() != parser.value(kProfile))
            continue;
        entries.append(CliOutput::identityJson(identity, policy.dueAt(identity), now));
        rows << QStringList{identity.id(),
                            identity.profile(),
                            identity.serialHex(),
                            CliOutput::time(identity.notAfter()),
                            QString::number(identity.daysLeft(now)),
                            Identity::statusName(identity.status(now))};
    }
    QJsonArray broken;
    for (const BrokenIdentity &entry : list.broken) {
        broken.append(QJsonObject{{QStringLiteral("path"), entry.path},
                                  {QStringLiteral("message"), entry.message}});
        if (!output().isJson())
            output().warning(
                QStringLiteral("%1 cannot be read: %2").arg(entry.path, entry.message));
    }
    succeed(QJsonObject{{QStringLiteral("identities"), entries},
                        {QStringLiteral("unreadable"), broken}},
            entries.isEmpty() ? QStringLiteral("No identities yet: enroll or import one.")
                              : table(rows));
}

} // namespace certigram
