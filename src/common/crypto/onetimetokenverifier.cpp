#include "crypto/onetimetokenverifier.h"

#include "crypto/jws.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cmath>

namespace certigram {

namespace {

// The last second of year 9999: anything later is not a date a token can mean.
constexpr double kLatestNumericDate = 253402300799.0;

Error refused(const QString &why)
{
    return Error(ErrorCode::Unauthorized, why);
}

// A NumericDate claim (RFC 7519 §2): seconds since the epoch; fractions are dropped.
Result<qint64> numericDate(const QJsonObject &claims, const char *name)
{
    const QJsonValue value = claims.value(QLatin1String(name));
    if (value.isUndefined())
        return refused(QStringLiteral("token has no \"%1\" claim").arg(QLatin1String(name)));
    const double seconds = value.toDouble(-1);
    if (!value.isDouble() || !std::isfinite(seconds) || seconds < 0 || seconds > kLatestNumericDate)
        return refused(
            QStringLiteral("token claim \"%1\" is not a valid date").arg(QLatin1String(name)));
    return static_cast<qint64>(std::floor(seconds));
}

QString formatTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

OneTimeTokenVerifier::OneTimeTokenVerifier(const QList<TokenProvisioner> &provisioners,
                                           const QStringList &audiences)
{
    for (const TokenProvisioner &provisioner : provisioners) {
        auto key = provisioner.key.toPublicKey();
        if (!key || provisioner.name.isEmpty())
            continue; // an unusable entry can never match; nothing to authorize with it
        m_provisioners.append(
            {provisioner.name, provisioner.key.keyId(), provisioner.key.alg(), key.value()});
    }
    for (const QString &audience : audiences) {
        if (auto parsed = parseAudience(audience))
            m_audiences.append(*parsed);
    }
}

std::optional<OneTimeTokenVerifier::Audience> OneTimeTokenVerifier::parseAudience(
    const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.scheme().isEmpty() || parsed.host().isEmpty()
        || !parsed.userInfo().isEmpty() || parsed.hasQuery() || parsed.hasFragment())
        return std::nullopt;
    return Audience{parsed.scheme().toLower(), parsed.host().toLower(), parsed.path()};
}

bool OneTimeTokenVerifier::acceptsAudience(const QString &audience) const
{
    const auto parsed = parseAudience(audience);
    if (!parsed)
        return false;
    for (const Audience &accepted : m_audiences) {
        if (accepted.scheme == parsed->scheme && accepted.host == parsed->host
            && accepted.path == parsed->path)
            return true;
    }
    return false;
}

Result<OneTimeTokenClaims> OneTimeTokenVerifier::verify(const QByteArray &token) const
{
    auto jws = Jws::parse(token);
    if (!jws)
        return refused(QStringLiteral("malformed token: %1").arg(jws.error().message()));
    const ParsedJws &parsed = jws.value();

    const QJsonValue typ = parsed.header.value(QLatin1String("typ"));
    if (!typ.isUndefined()
        && typ.toString().compare(QLatin1String("JWT"), Qt::CaseInsensitive) != 0)
        return refused(QStringLiteral("token type is not JWT"));
    const QJsonValue kidValue = parsed.header.value(QLatin1String("kid"));
    if (!kidValue.isString() || kidValue.toString().isEmpty())
        return refused(QStringLiteral("token header has no kid"));
    const QString kid = kidValue.toString();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(parsed.payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return refused(QStringLiteral("token payload is not a JSON object"));
    const QJsonObject claims = document.object();
    const QJsonValue issuer = claims.value(QLatin1String("iss"));
    if (!issuer.isString() || issuer.toString().isEmpty())
        return refused(QStringLiteral("token has no issuer"));

    // The provisioner: kid and iss must both name it.
    const Provisioner *provisioner = nullptr;
    bool kidKnown = false;
    for (const Provisioner &candidate : m_provisioners) {
        if (candidate.kid != kid)
            continue;
        kidKnown = true;
        if (candidate.name == issuer.toString()) {
            provisioner = &candidate;
            break;
        }
    }
    if (!kidKnown)
        return refused(QStringLiteral("no provisioner has key id \"%1\"").arg(kid.left(80)));
    if (!provisioner)
        return refused(QStringLiteral("token issuer \"%1\" is not the provisioner with key id "
                                      "\"%2\"")
                           .arg(issuer.toString().left(80), kid.left(80)));
    if (!provisioner->alg.isEmpty() && provisioner->alg != Jws::algorithmName(parsed.algorithm))
        return refused(QStringLiteral("token algorithm %1 is not the provisioner key's %2")
                           .arg(Jws::algorithmName(parsed.algorithm), provisioner->alg));
    if (auto verified = Jws::verify(parsed, provisioner->key); !verified)
        return refused(QStringLiteral("token refused by the provisioner key: %1")
                           .arg(verified.error().message()));

    // From here on the claims are the provisioner's own.
    OneTimeTokenClaims result;
    result.kid = kid;
    result.issuer = issuer.toString();

    const QJsonValue subject = claims.value(QLatin1String("sub"));
    if (!subject.isString() || subject.toString().isEmpty())
        return refused(QStringLiteral("token has no subject"));
    result.subject = subject.toString();

    const QJsonValue audience = claims.value(QLatin1String("aud"));
    if (audience.isString()) {
        result.audience = QStringList{audience.toString()};
    } else if (audience.isArray()) {
        for (const QJsonValue entry : audience.toArray()) {
            if (!entry.isString())
                return refused(QStringLiteral("token audience list holds a non-string"));
            result.audience.append(entry.toString());
        }
    } else if (!audience.isUndefined()) {
        return refused(QStringLiteral("token audience is neither a string nor an array"));
    }
    if (result.audience.isEmpty())
        return refused(QStringLiteral("token has no audience"));
    bool audienceAccepted = false;
    for (const QString &entry : std::as_const(result.audience))
        audienceAccepted = audienceAccepted || acceptsAudience(entry);
    if (!audienceAccepted)
        return refused(QStringLiteral("token audience \"%1\" is not this CA's")
                           .arg(result.audience.join(QStringLiteral(", ")).left(200)));

    auto expires = numericDate(claims, "exp");
    if (!expires)
        return expires.error();
    auto notBefore = numericDate(claims, "nbf");
    if (!notBefore)
        return notBefore.error();
    auto issued = numericDate(claims, "iat");
    if (!issued)
        return issued.error();
    const QDateTime nowTime = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    const qint64 now = nowTime.toSecsSinceEpoch();
    const qint64 leeway = OneTimeToken::kLeeway.count();
    if (now > expires.value() + leeway)
        return refused(QStringLiteral("token expired at %1").arg(formatTime(expires.value())));
    if (now < notBefore.value() - leeway)
        return refused(
            QStringLiteral("token is not valid before %1").arg(formatTime(notBefore.value())));
    if (issued.value() > now + leeway)
        return refused(
            QStringLiteral("token is issued in the future (%1)").arg(formatTime(issued.value())));
    const qint64 lifetime = expires.value() - notBefore.value();
    if (lifetime <= 0)
        return refused(QStringLiteral("token expires before it becomes valid"));
    if (lifetime > OneTimeToken::kMaximumLifetime.count())
        return refused(QStringLiteral("token lifetime of %1 s exceeds the maximum of %2 s")
                           .arg(lifetime)
                           .arg(OneTimeToken::kMaximumLifetime.count()));
    result.expiresAt = QDateTime::fromSecsSinceEpoch(expires.value(), Qt::UTC);
    result.notBefore = QDateTime::fromSecsSinceEpoch(notBefore.value(), Qt::UTC);
    result.issuedAt = QDateTime::fromSecsSinceEpoch(issued.value(), Qt::UTC);

    const QJsonValue jti = claims.value(QLatin1String("jti"));
    if (jti.isUndefined()) {
        // step-ca accepts a token without jti and keys its single use on the token's
        // SHA-256 instead; so do we, so clients that leave it out work here too.
        result.jti = QString::fromLatin1(
            QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
    } else if (!jti.isString()) {
        return refused(QStringLiteral("token jti is not a string"));
    } else {
        const qsizetype jtiLength = jti.toString().size();
        if (jtiLength < OneTimeToken::kMinimumJtiLength
            || jtiLength > OneTimeToken::kMaximumJtiLength)
            return refused(QStringLiteral("token jti must have %1 to %2 characters, not %3")
                               .arg(OneTimeToken::kMinimumJtiLength)
                               .arg(OneTimeToken::kMaximumJtiLength)
                               .arg(jtiLength));
        result.jti = jti.toString();
    }

    const QJsonValue sans = claims.value(QLatin1String("sans"));
    if (sans.isArray()) {
        for (const QJsonValue entry : sans.toArray()) {
            if (!entry.isString() || entry.toString().isEmpty())
                return refused(QStringLiteral("token SAN list holds an empty or non-string "
                                              "entry"));
            result.sans.append(entry.toString());
        }
    } else if (!sans.isUndefined() && !sans.isNull()) {
        return refused(QStringLiteral("token sans is not an array"));
    }
    if (result.sans.isEmpty())
        result.sans = QStringList{result.subject};

    const QJsonValue sha = claims.value(QLatin1String("sha"));
    if (!sha.isUndefined() && !sha.isString())
        return refused(QStringLiteral("token sha is not a string"));
    result.rootFingerprint = sha.toString();
    return result;
}

} // namespace certigram
