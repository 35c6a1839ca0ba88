#include "crypto/onetimetoken.h"

namespace certigram {

Result<QString> OneTimeToken::audience(const QUrl &caUrl, TokenPurpose purpose)
{
    if (!caUrl.isValid() || caUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0
        || caUrl.host().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the CA URL must be https://host[:port], not \"%1\"")
                         .arg(caUrl.toDisplayString().left(200)));
    if (!caUrl.userInfo().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the CA URL must not carry a user name or password"));
    QUrl url = caUrl;
    url.setScheme(QStringLiteral("https"));
    url.setPath(purpose == TokenPurpose::Sign ? QStringLiteral("/1.0/sign")
                                              : QStringLiteral("/1.0/revoke"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url.toString(QUrl::FullyEncoded);
}

} // namespace certigram
