#pragma once

#include "core/result.h"
#include "crypto/certificate.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace certigram {

// Where a holder gets certificates: a CA (step-ca or Certigram's embedded one), the
// registration authority in front of it, and the CA's root as pinned by trust bootstrap.
// A value type; ProfileStore keeps them.
struct CaProfile
{
    // Also the identity store's folder for the profile's identities, so it follows
    // IdentityStore::checkName()'s rules.
    QString name;
    QUrl caUrl;
    QUrl raUrl;
    Certificate root; // its SHA-256 fingerprint is the one bootstrap was given

    QString fingerprint() const { return root.sha256Fingerprint(); }

    // {"name","caUrl","raUrl","root": PEM}; fromJson() checks every field, the name's
    // rules, and the URLs (absolute http or https).
    QJsonObject toJson() const;
    static Result<CaProfile> fromJson(const QJsonObject &json);
    // InvalidInput unless `url` is an absolute http(s) URL; `what` names it in the message.
    static Result<void> checkUrl(const QUrl &url, const QString &what);
};

} // namespace certigram
