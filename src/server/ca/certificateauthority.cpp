#include "ca/certificateauthority.h"

#include "ca/caerror.h"
#include "ca/calogging.h"
#include "crypto/certificatebuilder.h"
#include "crypto/certificaterequest.h"
#include "crypto/chainverifier.h"
#include "crypto/derencoding.h"
#include "crypto/onetimetoken.h"
#include "crypto/subjectaltnames.h"
#include "db/database.h"

#include <openssl/evp.h>

#include <QJsonArray>
#include <QSet>
#include <QSysInfo>
#include <QUrl>

#ifndef CERTIGRAM_VERSION
#define CERTIGRAM_VERSION "0.0.0"
#endif

namespace certigram {

namespace {

// step-ca's audiences for a JWK provisioner (authority/config GetAudiences): the /1.0/ and
// bare forms of each route, and for signing the SSH forms too. step-ca also accepts the
// legacy "step-certificate-authority", which no step release since 2019 puts in a token;
// it is left out here.
const QStringList kSignPaths = {QStringLiteral("/1.0/sign"), QStringLiteral("/sign"),
                                QStringLiteral("/1.0/ssh/sign"), QStringLiteral("/ssh/sign")};
const QStringList kRevokePaths = {QStringLiteral("/1.0/revoke"), QStringLiteral("/revoke")};

QStringList audiences(const QStringList &names, const QStringList &paths)
{
    QStringList result;
    for (const QString &name : names) {
        for (const QString &path : paths) {
            QUrl url;
            url.setScheme(QStringLiteral("https"));
            url.setHost(name);
            url.setPath(path);
            result.append(url.toString(QUrl::FullyEncoded));
        }
    }
    return result;
}

qint64 floorSeconds(const QDateTime &time)
{
    const qint64 ms = time.toMSecsSinceEpoch();
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

// Go's time.Time String() for a UTC time, as step-ca's messages print it.
QString goTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC)
               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
        + QStringLiteral(" +0000 UTC");
}

// Go's time.Duration String() for whole seconds: "24h1m0s", "5m0s", "30s".
QString goDuration(qint64 seconds)
{
    if (seconds == 0)
        return QStringLiteral("0s");
    const QString sign = seconds < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    const qint64 hours = magnitude / 3600;
    const qint64 minutes = magnitude % 3600 / 60;
    const qint64 rest = magnitude % 60;
    if (hours > 0)
        return sign + QStringLiteral("%1h%2m%3s").arg(hours).arg(minutes).arg(rest);
    if (minutes > 0)
        return sign + QStringLiteral("%1m%2s").arg(minutes).arg(rest);
    return sign + QStringLiteral("%1s").arg(rest);
}

// Go's %v of a string slice: "[a b]".
QString goList(const QStringList &items)
{
    return QLatin1Char('[') + items.join(QLatin1Char(' ')) + QLatin1Char(']');
}

// step-ca's defaultSANsValidator: each kind the CSR names must equal the token's as a set;
// a kind the CSR leaves out is not checked (the certificate gets the token's names anyway).
std::optional<Error> sansMismatch(const SubjectAltNames &requested, const SubjectAltNames &token)
{
    const struct
    {
        const QStringList &got;
        const QStringList &want;
        const char *label;
    } kinds[] = {
        {requested.dnsNames, token.dnsNames, "DNS names"},
        {requested.emailAddresses, token.emailAddresses, "email addresses"},
        {requested.ipAddresses, token.ipAddresses, "IP addresses"},
        {requested.uris, token.uris, "URIs"},
    };
    for (const auto &kind : kinds) {
        if (kind.got.isEmpty())
            continue;
        const QSet<QString> got(kind.got.cbegin(), kind.got.cend());
        const QSet<QString> want(kind.want.cbegin(), kind.want.cend());
        if (got != want)
            return CaError::forbidden(
                QStringLiteral(
                    "certificate request does not contain the valid %1 - got %2, want %3")
                    .arg(QLatin1String(kind.label), goList(kind.got), goList(kind.want)));
    }
    return std::nullopt;
}

// A spent token's id is kept until the token could no longer pass the expiry check anyway.
QDateTime forgetTokenAfter(const OneTimeTokenClaims &claims)
{
    return claims.expiresAt.addSecs(OneTimeToken::kLeeway.count());
}

Result<void> checkConfig(const CertificateAuthority::Config &config)
{
    if (config.names.isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the CA needs at least one DNS name or IP address"));
    for (const QString &name : config.names) {
        QUrl url;
        url.setHost(name, QUrl::StrictMode);
        if (name.isEmpty() || !url.isValid() || url.host().isEmpty())
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("\"%1\" is not a DNS name or IP address").arg(name));
    }
    using std::chrono::seconds;
    if (config.minimumLifetime < seconds(1) || config.defaultLifetime < config.minimumLifetime
        || config.maximumLifetime < config.defaultLifetime)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("certificate lifetimes must satisfy 1 s ≤ minimum ≤ default "
                                    "≤ maximum"));
    if (config.backdate < seconds(0) || config.backdate > seconds(3600))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the backdate must lie between 0 and 1 hour"));
    if (config.crlLifetime < seconds(60))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a CRL must be valid for at least a minute"));
    if (config.provisioners.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the CA needs a provisioner"));
    for (const TokenProvisioner &provisioner : config.provisioners) {
        if (provisioner.name.trimmed().isEmpty() || !provisioner.key.toPublicKey())
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("provisioner \"%1\" has no name or no usable key")
                             .arg(provisioner.name));
    }
    return {};
}

} // namespace

// Config

QStringList CertificateAuthority::Config::defaultNames()
{
    QStringList names = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
    const QString host = QSysInfo::machineHostName();
    if (!host.isEmpty() && !names.contains(host, Qt::CaseInsensitive))
        names.append(host);
    return names;
}

QString CertificateAuthority::Config::defaultVersion()
{
    // step-ca answers "0.19.0-debian" and the like: a version, a dash, who built it.
    return QStringLiteral(CERTIGRAM_VERSION "-certigram");
}

QJsonObject CertificateAuthority::Config::defaultTlsOptions()
{
    return QJsonObject{
        {QStringLiteral("cipherSuites"),
         QJsonArray{QStringLiteral("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
                    QStringLiteral("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")}},
        {QStringLiteral("minVersion"), 1.2},
        {QStringLiteral("maxVersion"), 1.3},
        {QStringLiteral("renegotiation"), false},
    };
}

// Construction

Result<std::shared_ptr<CertificateAuthority>> CertificateAuthority::create(const CaKeyStore &keys,
                                                                           Config config,
                                                                           Database &database)
{
    if (keys.intermediate().isNull() || keys.intermediateKey().isNull() || keys.root().isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the CA's keys are not loaded"));
    if (config.provisioners.isEmpty() && !keys.provisionerKey().isNull())
        config.provisioners.append(
            {keys.provisionerKey().name(), keys.provisionerKey().publicJwk()});
    if (auto checked = checkConfig(config); !checked)
        return checked.error();
    auto issuer = CertificateBuilder::Issuer::check(keys.intermediate(), keys.intermediateKey());
    if (!issuer)
        return issuer.error().withContext(QStringLiteral("the CA's intermediate"));
    // The constructor is private: the CA is shared between worker threads by pointer.
    return std::shared_ptr<CertificateAuthority>(
        new CertificateAuthority(keys, std::move(issuer.value()), std::move(config), database));
}

CertificateAuthority::CertificateAuthority(const CaKeyStore &keys,
                                           CertificateBuilder::Issuer issuer, Config config,
                                           Database &database)
    : m_config(std::move(config))
    , m_root(keys.root())
    , m_rootFingerprint(keys.rootFingerprint())
    , m_intermediate(keys.intermediate())
    , m_intermediateKey(keys.intermediateKey())
    , m_issuer(std::move(issuer))
    , m_intermediateNotAfter(m_intermediate.notAfter())
    , m_intermediatePem(QString::fromLatin1(m_intermediate.toPem()))
    , m_signTokens(m_config.provisioners, audiences(m_config.names, kSignPaths))
    , m_revokeTokens(m_config.provisioners, audiences(m_config.names, kRevokePaths))
    , m_database(database)
    , m_records(database)
    , m_usedTokens(database)
{ }

// Tokens

Result<OneTimeTokenClaims> CertificateAuthority::verifyToken(const OneTimeTokenVerifier &verifier,
                                                             const QString &token,
                                                             const QDateTime &now,
                                                             const char *purpose) const
{
    // A copy per call is cheap (shared lists) and keeps the verifier's clock per request.
    OneTimeTokenVerifier atNow = verifier;
    atNow.setClock([now] { return now; });
    auto claims = atNow.verify(token.toUtf8());
    if (!claims) {
        qCInfo(lcCa).noquote() << QStringLiteral("%1 refused: %2")
                                      .arg(QLatin1String(purpose),
                                           loggable(claims.error().message(), 300));
        return CaError::unauthorized();
    }
    return claims;
}

Result<void> CertificateAuthority::useOnce(const OneTimeTokenClaims &claims, const QDateTime &now,
                                           const char *purpose)
{
    auto firstUse = m_usedTokens.markUsed(claims.jti, forgetTokenAfter(claims), now);
    if (!firstUse)
        return firstUse.error();
    if (!firstUse.value()) {
        logReplay(claims, purpose);
        return CaError::unauthorized();
    }
    return {};
}

void CertificateAuthority::logReplay(const OneTimeTokenClaims &claims, const char *purpose) const
{
    qCInfo(lcCa).noquote() << QStringLiteral("%1 refused: token already used (jti %2, sub %3)")
                                  .arg(QLatin1String(purpose), loggable(claims.jti, 16),
                                       loggable(claims.subject));
}

// Signing

Result<CertificateAuthority::Validity> CertificateAuthority::validity(const SignRequest &request,
                                                                      const QDateTime &now) const
{
    // step-ca's profileDefaultDuration: without a notBefore the certificate starts now,
    // backdated; a relative notAfter counts from the (unbackdated) start.
    QDateTime notBefore;
    QDateTime base = now;
    if (request.notBefore.isSet()) {
        notBefore = request.notBefore.resolve(now);
        base = notBefore;
    } else {
        notBefore = now.addSecs(m_config.backdate.count() * -1);
    }
    const QDateTime notAfter = request.notAfter.isSet()
        ? request.notAfter.resolve(base)
        : base.addSecs(m_config.defaultLifetime.count());
    if (!notBefore.isValid() || !notAfter.isValid())
        return CaError::badRequest(QStringLiteral("error decoding json"));

    // step-ca's validityValidator, in whole seconds.
    const qint64 nb = floorSeconds(notBefore);
    const qint64 na = floorSeconds(notAfter);
    if (na < floorSeconds(now))
        return CaError::badRequest(
            QStringLiteral("notAfter cannot be in the past; na=%1").arg(goTime(na)));
    if (na < nb)
        return CaError::badRequest(
            QStringLiteral("notAfter cannot be before notBefore; na=%1, nb=%2")
                .arg(goTime(na), goTime(nb)));
    const qint64 duration = na - nb;
    if (duration < m_config.minimumLifetime.count())
        return CaError::forbidden(
            QStringLiteral("requested duration of %1 is less than the "
                           "authorized minimum certificate duration of %2")
                .arg(goDuration(duration), goDuration(m_config.minimumLifetime.count())));
    // Like step-ca, the maximum allows for the backdate.
    const qint64 maximum = m_config.maximumLifetime.count() + m_config.backdate.count();
    if (duration > maximum)
        return CaError::forbidden(QStringLiteral("requested duration of %1 is more than the "
                                                 "authorized maximum certificate duration of %2")
                                      .arg(goDuration(duration), goDuration(maximum)));
    return Validity{QDateTime::fromSecsSinceEpoch(nb, Qt::UTC),
                    QDateTime::fromSecsSinceEpoch(na, Qt::UTC)};
}

Result<CertificateAuthority::Issued> CertificateAuthority::sign(const SignRequest &request,
                                                                const QDateTime &now)
{
    // step-ca's SignRequest.Validate(): the CSR before the token.
    if (request.csr.isEmpty())
        return CaError::badRequest(QStringLiteral("missing csr"));
    auto csr = CertificateRequest::fromPem(request.csr.toUtf8());
    if (!csr) {
        // step-ca parses the PEM while decoding the JSON body, so it reports this so.
        qCInfo(lcCa).noquote() << QStringLiteral("sign refused: unreadable CSR: %1")
                                      .arg(loggable(csr.error().message(), 300));
        return CaError::badRequest(QStringLiteral("error decoding json"));
    }
    const PublicKey key = csr->publicKey();
    const int keyType = key.isNull() ? EVP_PKEY_NONE : EVP_PKEY_get_base_id(key.native());
    if (keyType == EVP_PKEY_EC && key.curveName().isEmpty()) {
        // Go's x509 cannot read other curves, so step-ca fails while decoding the body.
        qCInfo(lcCa).noquote() << QStringLiteral("sign refused: CSR key on an unsupported curve");
        return CaError::badRequest(QStringLiteral("error decoding json"));
    }
    // Go verifies CSR signatures made with RSA, ECDSA and Ed25519 keys only (not DSA,
    // RSA-PSS, Ed448…), so step-ca calls any other CSR invalid.
    if ((keyType != EVP_PKEY_RSA && keyType != EVP_PKEY_EC && keyType != EVP_PKEY_ED25519)
        || !csr->verifySignature())
        return CaError::badRequest(QStringLiteral("invalid csr"));
    if (request.ott.isEmpty())
        return CaError::badRequest(QStringLiteral("missing ott"));

    auto claims = verifyToken(m_signTokens, request.ott, now, "sign");
    if (!claims)
        return claims.error();
    auto validity = signingPolicy(request, csr.value(), claims.value(), now);
    if (!validity) {
        // step-ca spends the token before its policy checks, so a refused request burns
        // it too, and a replayed token is refused as a replay whatever else is wrong.
        if (auto used = useOnce(claims.value(), now, "sign"); !used)
            return used.error();
        return validity.error();
    }
    // step-ca's default leaf template: the subject and SANs come from the token. The token
    // is spent as the certificate is recorded: one write per sign.
    return issue(claims->subject, SubjectAltNames::fromList(claims->sans), key,
                 csr->subjectPublicKeyInfo(), validity.value(), claims->issuer, now,
                 &claims.value());
}

Result<CertificateAuthority::Validity> CertificateAuthority::signingPolicy(
    const SignRequest &request, const CertificateRequest &csr, const OneTimeTokenClaims &claims,
    const QDateTime &now) const
{
    // The JWK provisioner's validators, in step-ca's order.
    const QString commonName = csr.commonName();
    if (!commonName.isEmpty() && commonName != claims.subject) {
        qCInfo(lcCa).noquote() << QStringLiteral("sign refused: CN %1 is not the token's sub %2")
                                      .arg(loggable(commonName), loggable(claims.subject));
        return CaError::forbidden(QStringLiteral("certificate request does not contain the valid "
                                                 "common name - got %1, want %2")
                                      .arg(commonName, claims.subject));
    }
    // Go's rsa.PublicKey.Size() is the modulus length in whole bytes.
    const PublicKey key = csr.publicKey();
    if (key.algorithm() == KeyAlgorithm::Rsa && (key.bits() + 7) / 8 < 256)
        return CaError::forbidden(
            QStringLiteral("certificate request RSA key must be at least 2048 bits (256 bytes)"));
    if (auto mismatch
        = sansMismatch(csr.subjectAltNames(), SubjectAltNames::fromList(claims.sans))) {
        qCInfo(lcCa).noquote() << QStringLiteral("sign refused for %1: %2")
                                      .arg(loggable(claims.subject),
                                           loggable(mismatch->message(), 300));
        return *mismatch;
    }
    auto validity = this->validity(request, now);
    if (!validity)
        qCInfo(lcCa).noquote() << QStringLiteral("sign refused for %1: %2")
                                      .arg(loggable(claims.subject),
                                           loggable(validity.error().message(), 300));
    return validity;
}

Result<CertificateAuthority::Issued> CertificateAuthority::issue(
    const QString &commonName, const SubjectAltNames &names, const PublicKey &key,
    const QByteArray &keyInfo, const Validity &validity, const QString &provisioner,
    const QDateTime &now, const OneTimeTokenClaims *token)
{
    // Whole seconds, as the certificate holds them, so that the record says the same. A
    // leaf never outlives its issuer: relying parties would reject it at that point.
    const auto wholeSeconds = [](const QDateTime &time) {
        return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
    };
    const QDateTime notBefore = wholeSeconds(validity.notBefore);
    const QDateTime notAfter = wholeSeconds(std::min(validity.notAfter, m_intermediateNotAfter));
    auto serial = CertificateBuilder::randomSerial();
    if (!serial)
        return serial.error();
    // Usages and key identifiers are CertificateBuilder's leaf defaults, which are step-ca's.
    auto der = CertificateBuilder()
                   .setSerial(serial.value())
                   .setSubject(commonName)
                   .setSubjectPublicKey(key, keyInfo)
                   .setSubjectAltNames(names)
                   .setValidity(notBefore, notAfter)
                   .signedByAsDer(m_issuer);
    if (!der) {
        if (der.error().code() == ErrorCode::InvalidInput)
            return CaError::badRequest(der.error().message());
        return der.error();
    }
    CertificateRecord record;
    record.serial = Certificate::decimalSerial(serial.value());
    record.subject = commonName;
    record.sans = names.all();
    record.notBefore = notBefore;
    record.notAfter = notAfter;
    record.issuedAt = now.toUTC();
    record.provisioner = provisioner;

    // Recorded before it is handed out: a certificate the CA does not know of could be
    // neither renewed nor listed, so a failure here fails the request.
    bool replayed = false;
    auto recorded = m_database.write([&](QSqlDatabase &) -> Result<void> {
        if (token) {
            auto firstUse
                = m_usedTokens.markUsedInTransaction(token->jti, forgetTokenAfter(*token), now);
            if (!firstUse)
                return firstUse.error();
            replayed = !firstUse.value();
            if (replayed)
                return CaError::unauthorized(); // rolls back: nothing is recorded
        }
        return m_records.recordInTransaction(record);
    });
    if (replayed) {
        logReplay(*token, "sign");
        return recorded.error();
    }
    if (!recorded) {
        qCWarning(lcCa).noquote() << QStringLiteral("cannot record certificate %1: %2")
                                         .arg(record.serial, recorded.error().message());
        return recorded.error();
    }
    qCInfo(lcCa).noquote() << QStringLiteral("issued %1 to %2 until %3")
                                  .arg(record.serial, loggable(commonName),
                                       notAfter.toString(Qt::ISODate));
    return Issued{der.value(), record, m_intermediate};
}

Result<Certificate> CertificateAuthority::Issued::certificate() const
{
    auto parsed = Certificate::fromDer(der);
    if (!parsed)
        return parsed.error().withContext(
            QStringLiteral("reading issued certificate %1").arg(record.serial));
    return parsed;
}

Result<QList<Certificate>> CertificateAuthority::Issued::chain() const
{
    auto leaf = certificate();
    if (!leaf)
        return leaf.error();
    return QList<Certificate>{leaf.value(), intermediate};
}

// Renewal and revocation

Result<Certificate> CertificateAuthority::verifiedClient(const QList<QByteArray> &peerChain,
                                                         bool peerVerified, const QDateTime &now,
                                                         const char *purpose)
{
    Q_ASSERT(!peerChain.isEmpty());
    // step-ca's TLS layer refuses an unverifiable client certificate in the handshake; the
    // shared listener cannot, so it is refused here, and checked again against this CA
    // alone (the listener may trust other CAs for other routes).
    if (!peerVerified) {
        const auto leaf = Certificate::fromDer(peerChain.first());
        qCInfo(lcCa).noquote()
            << QStringLiteral("%1 refused: the TLS layer did not verify client certificate %2")
                   .arg(QLatin1String(purpose),
                        leaf ? leaf->serialDecimal() : QStringLiteral("(unreadable)"));
        return CaError::unauthorized();
    }
    const QByteArray cacheKey = VerifiedClientCache::keyOf(peerChain);
    if (auto verified = m_verifiedClients.find(cacheKey, now))
        return *verified;

    // The chain as far as it reads: the rest cannot chain through a certificate we cannot read.
    QList<Certificate> chain;
    for (const QByteArray &der : peerChain) {
        auto certificate = Certificate::fromDer(der);
        if (!certificate)
            break;
        chain.append(certificate.value());
    }
    if (chain.isEmpty()) {
        qCInfo(lcCa).noquote() << QStringLiteral("%1 refused: unreadable client certificate")
                                      .arg(QLatin1String(purpose));
        return CaError::unauthorized();
    }
    const Certificate &leaf = chain.first();
    ChainVerifier verifier(m_root);
    verifier.setCheckTime(now);
    verifier.setPurpose(CertificatePurpose::ClientAuth);
    QList<Certificate> intermediates = chain.mid(1);
    intermediates.append(m_intermediate);
    auto path = verifier.verifiedPath(leaf, intermediates);
    if (!path) {
        qCInfo(lcCa).noquote() << QStringLiteral("%1 refused: client certificate %2: %3")
                                      .arg(QLatin1String(purpose), leaf.serialDecimal(),
                                           loggable(path.error().message(), 300));
        return CaError::unauthorized();
    }
    if (path->size() < 2 || path->at(1) != m_intermediate) {
        qCInfo(lcCa).noquote()
            << QStringLiteral("%1 refused: client certificate %2 was not issued by this CA's "
                              "intermediate")
                   .arg(QLatin1String(purpose), leaf.serialDecimal());
        return CaError::unauthorized();
    }
    m_verifiedClients.insert(cacheKey, path.value());
    return leaf;
}

Result<CertificateAuthority::Issued> CertificateAuthority::renew(const QList<QByteArray> &peerChain,
                                                                 bool peerVerified,
                                                                 const QDateTime &now)
{
    if (peerChain.isEmpty())
        return CaError::badRequest(QStringLiteral("missing client certificate"));
    auto client = verifiedClient(peerChain, peerVerified, now, "renew");
    if (!client)
        return client.error();
    const QString serial = client->serialDecimal();
    auto record = m_records.find(serial);
    if (!record)
        return record.error();
    if (!record->has_value()) {
        qCInfo(lcCa).noquote()
            << QStringLiteral("renew refused: certificate %1 is not in the database").arg(serial);
        return CaError::unauthorized();
    }
    if (record.value()->isRevoked()) {
        qCInfo(lcCa).noquote()
            << QStringLiteral("renew refused: certificate %1 has been revoked").arg(serial);
        return CaError::unauthorized();
    }

    // step-ca's Rekey: the old certificate's lifetime again, starting now.
    const qint64 backdate = m_config.backdate.count();
    qint64 lifetime = client->notBefore().secsTo(client->notAfter()) - backdate;
    lifetime = std::clamp<qint64>(lifetime, m_config.minimumLifetime.count(),
                                  m_config.maximumLifetime.count());
    const Validity validity{now.addSecs(-backdate), now.addSecs(lifetime)};
    auto renewed = issue(client->commonName(), client->subjectAltNames(), client->publicKey(), {},
                         validity, record.value()->provisioner, now);
    if (renewed)
        qCInfo(lcCa).noquote()
            << QStringLiteral("renewed %1 as %2").arg(serial, renewed->record.serial);
    return renewed;
}

Result<void> CertificateAuthority::revoke(const RevokeRequest &request,
                                          const QList<QByteArray> &peerChain, bool peerVerified,
                                          const QDateTime &now)
{
    // step-ca's RevokeRequest.Validate(), then authorization.
    if (request.serial.isEmpty())
        return CaError::badRequest(QStringLiteral("missing serial"));
    if (request.reasonCode < RevokeRequest::MinReasonCode
        || request.reasonCode > RevokeRequest::MaxReasonCode)
        return CaError::badRequest(QStringLiteral("reasonCode out of bounds"));
    if (!request.passive) {
        qCInfo(lcCa).noquote() << QStringLiteral("revoke refused: non-passive revocation not "
                                                 "implemented");
        return CaError::notImplemented();
    }

    Certificate client;
    if (request.revokesByToken()) {
        auto claims = verifyToken(m_revokeTokens, request.ott, now, "revoke");
        if (!claims)
            return claims.error();
        // step-ca 0.29 and later: the token names the certificate it revokes. 0.19 did not
        // check, so any revoke token revoked any serial.
        if (claims->subject != request.serial) {
            qCInfo(lcCa).noquote() << QStringLiteral("revoke refused: the token is for %1, not %2")
                                          .arg(loggable(claims->subject), loggable(request.serial));
            return CaError::unauthorized();
        }
        if (auto used = useOnce(claims.value(), now, "revoke"); !used)
            return used.error();
    } else {
        if (peerChain.isEmpty())
            return CaError::badRequest(QStringLiteral("missing ott or client certificate"));
        auto verified = verifiedClient(peerChain, peerVerified, now, "revoke");
        if (!verified)
            return verified.error();
        if (verified->serialDecimal() != request.serial)
            return CaError::badRequest(
                QStringLiteral("serial number in client certificate different than body"));
        client = verified.value();
    }
    // Only reachable with a token whose sub is the same non-number: never from our RA.
    if (!RevokeRequest::isDecimalSerial(request.serial))
        return CaError::badRequest(QStringLiteral("invalid serial number"));

    if (!client.isNull()) {
        // A certificate of ours the database does not know (restored from an older backup,
        // say) is recorded first, so its row says what it was.
        auto known = m_records.find(request.serial);
        if (!known)
            return known.error();
        if (!known->has_value()) {
            auto recorded = m_records.record(CertificateRecord::fromCertificate(client, {}, now));
            if (!recorded && recorded.error().code() != ErrorCode::Conflict)
                return recorded.error();
        }
    }
    auto outcome
        = m_records.markRevoked(request.serial, request.reasonCode, request.reason, now, true);
    if (!outcome)
        return outcome.error();
    if (outcome.value() == CertificateRecordStore::RevocationOutcome::AlreadyRevoked)
        return CaError::badRequest(
            QStringLiteral("certificate with serial number '%1' is already revoked")
                .arg(request.serial));
    qCInfo(lcCa).noquote() << QStringLiteral("revoked %1 (reason code %2) %3")
                                  .arg(request.serial)
                                  .arg(request.reasonCode)
                                  .arg(request.revokesByToken() ? QStringLiteral("by token")
                                                                : QStringLiteral("by mutual TLS"));

    // The CRL is remade now rather than on the next download. The revocation stands even if
    // that fails; the next download tries again.
    auto state = m_records.revocationState();
    QMutexLocker lock(&m_crlMutex);
    auto remade
        = state ? makeCrl(state.value(), now) : Result<CertificateRevocationList>(state.error());
    if (!remade) {
        qCWarning(lcCa).noquote()
            << QStringLiteral("cannot remake the CRL: %1").arg(remade.error().message());
        m_crl.reset();
    }
    return {};
}

// CRL

Result<CertificateRevocationList> CertificateAuthority::makeCrl(const RevocationState &state,
                                                                const QDateTime &now)
{
    auto entries = m_records.revoked(now);
    if (!entries)
        return entries.error();
    auto crl = CertificateRevocationList::build(m_intermediate, m_intermediateKey, entries.value(),
                                                now, now.addSecs(m_config.crlLifetime.count()));
    if (!crl)
        return crl.error();
    m_crl = CachedCrl{state, crl.value()};
    return crl;
}

Result<CertificateRevocationList> CertificateAuthority::crl(const QDateTime &now)
{
    auto state = m_records.revocationState();
    if (!state)
        return state.error();
    QMutexLocker lock(&m_crlMutex);
    if (m_crl && m_crl->state == state.value()
        && now < m_crl->crl.thisUpdate().addSecs(m_config.crlLifetime.count() / 2))
        return m_crl->crl;
    return makeCrl(state.value(), now);
}

// The server's own certificate

Result<CertificateAuthority::Issued> CertificateAuthority::issueServerCertificate(
    const PublicKey &key, const QDateTime &now)
{
    QString commonName = m_config.names.first();
    for (const QString &name : m_config.names) {
        if (!SubjectAltNames::parseIpAddress(name)) {
            commonName = name;
            break;
        }
    }
    const Validity validity{now.addSecs(-m_config.backdate.count()),
                            now.addSecs(m_config.defaultLifetime.count())};
    return issue(commonName, SubjectAltNames::fromList(m_config.names), key, {}, validity, {}, now);
}

// Read-only answers

std::optional<Certificate> CertificateAuthority::rootByFingerprint(const QString &sha256) const
{
    // step-ca lower-cases the fingerprint and drops dashes; colons are the other usual form.
    QString normalized = sha256.toLower();
    normalized.remove(QLatin1Char('-'));
    normalized.remove(QLatin1Char(':'));
    if (normalized == m_rootFingerprint)
        return m_root;
    return std::nullopt;
}

ProvisionersResponse CertificateAuthority::provisioners() const
{
    ProvisionersResponse response;
    for (const TokenProvisioner &provisioner : m_config.provisioners) {
        ProvisionerEntry entry;
        entry.type = QStringLiteral("JWK");
        entry.name = provisioner.name;
        entry.key = provisioner.key.publicJwk().toJson(); // never private members
        response.provisioners.append(entry);
    }
    return response;
}

SignResponse CertificateAuthority::response(const Issued &issued) const
{
    SignResponse response;
    response.crt = QString::fromLatin1(der::pem("CERTIFICATE", issued.der));
    response.ca = m_intermediatePem;
    response.certChain = {response.crt, m_intermediatePem};
    if (!m_config.tlsOptions.isEmpty())
        response.tlsOptions = m_config.tlsOptions;
    return response;
}

} // namespace certigram
