#include "store/caprofile.h"

#include "protocol/jsonfields.h"
#include "store/identitystore.h"

namespace certigram {

QJsonObject CaProfile::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("caUrl"), caUrl.toString()},
        {QStringLiteral("raUrl"), raUrl.toString()},
        {QStringLiteral("root"), QString::fromLatin1(root.toPem())},
    };
}

Result<void> CaProfile::checkUrl(const QUrl &url, const QString &what)
{
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the %1 \"%2\" is not an http or https URL such as "
                                    "https://ca.example.org:8443")
                         .arg(what, url.toString().left(200)));
    return {};
}

Result<CaProfile> CaProfile::fromJson(const QJsonObject &json)
{
    const JsonFields fields(json);
    auto name = fields.requiredString(QLatin1String("name"));
    auto caUrl = fields.requiredString(QLatin1String("caUrl"));
    auto raUrl = fields.requiredString(QLatin1String("raUrl"));
    auto rootPem = fields.requiredString(QLatin1String("root"));
    for (const Result<QString> *field : {&name, &caUrl, &raUrl, &rootPem})
        if (!*field)
            return field->error();

    CaProfile profile;
    profile.name = name.value();
    if (auto checked = IdentityStore::checkName(profile.name, QStringLiteral("profile name"));
        !checked)
        return checked.error();
    profile.caUrl = QUrl(caUrl.value());
    profile.raUrl = QUrl(raUrl.value());
    if (auto checked = checkUrl(profile.caUrl, QStringLiteral("CA URL")); !checked)
        return checked.error();
    if (auto checked = checkUrl(profile.raUrl, QStringLiteral("RA URL")); !checked)
        return checked.error();
    auto root = Certificate::fromPem(rootPem->toLatin1());
    if (!root)
        return root.error().withContext(QStringLiteral("the root of profile %1").arg(profile.name));
    profile.root = root.value();
    return profile;
}

} // namespace certigram
