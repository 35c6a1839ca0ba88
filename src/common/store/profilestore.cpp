#include "store/profilestore.h"

#include "store/privatefiles.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>

#include <algorithm>

namespace certigram {

namespace {

constexpr int kFormat = 1;

QMutex &writeMutex()
{
    static QMutex mutex;
    return mutex;
}

QStringList namesOf(const QList<CaProfile> &profiles)
{
    QStringList names;
    for (const CaProfile &profile : profiles)
        names << profile.name;
    return names;
}

} // namespace

ProfileStore::ProfileStore(const QString &path)
    : m_path(path)
{ }

Result<QList<CaProfile>> ProfileStore::list() const
{
    Result<QByteArray> bytes = PrivateFiles::read(m_path);
    if (!bytes)
        return bytes.error().code() == ErrorCode::NotFound ? Result<QList<CaProfile>>({})
                                                           : bytes.error();
    const auto damaged = [this](const QString &why) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the profile file %1 is damaged (%2): run bootstrap again "
                                    "or restore it")
                         .arg(m_path, why));
    };
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return damaged(QStringLiteral("not a JSON object"));
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toInt() != kFormat)
        return damaged(QStringLiteral("unknown format"));
    QList<CaProfile> profiles;
    const QJsonArray entries = root.value(QLatin1String("profiles")).toArray();
    for (const QJsonValue &entry : entries) {
        auto profile = CaProfile::fromJson(entry.toObject());
        if (!profile)
            return damaged(profile.error().message());
        profiles << profile.value();
    }
    return profiles;
}

Result<CaProfile> ProfileStore::profile(const QString &name) const
{
    auto profiles = list();
    if (!profiles)
        return profiles.error();
    for (const CaProfile &profile : profiles.value())
        if (profile.name == name)
            return profile;
    const QStringList names = namesOf(profiles.value());
    return Error(
        ErrorCode::NotFound,
        names.isEmpty()
            ? QStringLiteral("there is no CA profile \"%1\": run bootstrap first").arg(name)
            : QStringLiteral("there is no CA profile \"%1\" (there is %2)")
                  .arg(name, names.join(QStringLiteral(", "))));
}

Result<CaProfile> ProfileStore::resolve(const QString &name) const
{
    if (!name.isEmpty())
        return profile(name);
    auto profiles = list();
    if (!profiles)
        return profiles.error();
    if (profiles->isEmpty())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("no CA profile yet: run bootstrap with the CA's URL and "
                                    "root fingerprint first"));
    if (profiles->size() > 1)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("there are several CA profiles (%1): name one with "
                                    "--profile")
                         .arg(namesOf(profiles.value()).join(QStringLiteral(", "))));
    return profiles->first();
}

Result<void> ProfileStore::save(const CaProfile &profile, bool replace)
{
    QMutexLocker lock(&writeMutex());
    auto profiles = list();
    if (!profiles)
        return profiles.error();
    QList<CaProfile> updated = profiles.value();
    const auto existing = std::find_if(updated.begin(), updated.end(),
                                       [&](const CaProfile &p) { return p.name == profile.name; });
    if (existing != updated.end()) {
        if (!replace && existing->root != profile.root)
            return Error(ErrorCode::Conflict,
                         QStringLiteral("the profile \"%1\" already pins another root (%2): "
                                        "choose another name, or replace it explicitly")
                             .arg(profile.name, existing->fingerprint()));
        *existing = profile;
    } else {
        updated << profile;
    }
    std::sort(updated.begin(), updated.end(),
              [](const CaProfile &a, const CaProfile &b) { return a.name < b.name; });
    return write(updated);
}

Result<void> ProfileStore::remove(const QString &name)
{
    QMutexLocker lock(&writeMutex());
    auto profiles = list();
    if (!profiles)
        return profiles.error();
    QList<CaProfile> updated = profiles.value();
    const auto removed = std::remove_if(updated.begin(), updated.end(),
                                        [&](const CaProfile &p) { return p.name == name; });
    if (removed == updated.end())
        return profile(name).error();
    updated.erase(removed, updated.end());
    return write(updated);
}

Result<void> ProfileStore::write(const QList<CaProfile> &profiles) const
{
    if (auto made = PrivateFiles::ensureFolder(QFileInfo(m_path).absolutePath()); !made)
        return made.error();
    QJsonArray entries;
    for (const CaProfile &profile : profiles)
        entries.append(profile.toJson());
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("profiles"), entries}};
    return PrivateFiles::write(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace certigram
