#include "ca/cakeystore.h"
#include "ca/carouter.h"
#include "ca/certificateauthority.h"
#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/jwk.h"
#include "crypto/jws.h"
#include "crypto/onetimetokenbuilder.h"
#include "crypto/provisionerkey.h"
#include "crypto/securerandom.h"
#include "db/database.h"
#include "http/httplistener.h"
#include "stepcaprocess.h"
#include "testpki.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <functional>
#include <memory>

using namespace certigram;
using certigram::test::StepCaProcess;

namespace {

// The status we record when the server refused the TLS handshake (no HTTP answer at all).
constexpr int kHandshakeRefused = 0;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QSslCertificate toSsl(const Certificate &certificate)
{
    return QSslCertificate(certificate.toDer(), QSsl::Der);
}

QSslKey toSslKey(const PrivateKey &key)
{
    auto pem = key.toPem();
    Q_ASSERT(pem.ok());
    QByteArray bytes = pem->toByteArrayUnsafe();
    const QSslKey sslKey(bytes, key.algorithm() == KeyAlgorithm::Rsa ? QSsl::Rsa : QSsl::Ec,
                         QSsl::Pem);
    SecretBytes::wipe(bytes);
    return sslKey;
}

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Every field name in a JSON document, as paths ("provisioners[].key.kty"); values ignored.
void collectFieldNames(const QJsonValue &value, const QString &prefix, QSet<QString> &names)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
            names.insert(path);
            collectFieldNames(it.value(), path, names);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue element : array)
            collectFieldNames(element, prefix + QStringLiteral("[]"), names);
    }
}

QStringList fieldNames(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    QSet<QString> names;
    if (document.isObject())
        collectFieldNames(document.object(), {}, names);
    else if (document.isArray())
        collectFieldNames(document.array(), {}, names);
    QStringList sorted(names.cbegin(), names.cend());
    sorted.sort();
    return sorted;
}

// A client's TLS identity: its key and the chain it presents (leaf first).
struct ClientIdentity
{
    PrivateKey key;
    QList<Certificate> chain;

    bool isValid() const { return !chain.isEmpty(); }
    QString serial() const { return chain.isEmpty() ? QString() : chain.first().serialDecimal(); }
};

struct Request
{
    QByteArray method = "POST";
    QString path;
    QByteArray body;
    std::optional<ClientIdentity> identity;
    QString setupError; // set when the case could not prepare its request
};

struct Reply
{
    int status = kHandshakeRefused;
    QByteArray body;
    QString networkError;
};

// One CA as the corpus sees it: where it is, what it trusts, and its provisioner.
class Target
{
public:
    Target(QString name, QString url, Certificate root, ProvisionerKey provisioner)
        : m_name(std::move(name))
        , m_url(std::move(url))
        , m_root(std::move(root))
        , m_provisioner(std::move(provisioner))
        , m_tokens(m_provisioner, QUrl(m_url))
    { }

    const QString &name() const { return m_name; }
    const QString &url() const { return m_url; }
    const Certificate &root() const { return m_root; }
    const ProvisionerKey &provisioner() const { return m_provisioner; }
    const OneTimeTokenBuilder &tokens() const { return m_tokens; }

    // One request on a connection of its own (QNetworkAccessManager would otherwise reuse
    // a TLS connection made with another client certificate).
    Reply send(const Request &request)
    {
        m_network.clearConnectionCache();
        m_network.clearAccessCache();
        QNetworkRequest networkRequest(QUrl(m_url + request.path));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({toSsl(m_root)});
        if (request.identity) {
            QList<QSslCertificate> chain;
            for (const Certificate &certificate : request.identity->chain)
                chain.append(toSsl(certificate));
            tls.setLocalCertificateChain(chain);
            tls.setPrivateKey(toSslKey(request.identity->key));
        }
        networkRequest.setSslConfiguration(tls);
        if (!request.body.isEmpty())
            networkRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                                     QByteArrayLiteral("application/json"));
        QNetworkReply *reply
            = m_network.sendCustomRequest(networkRequest, request.method, request.body);
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(30000);
        }
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        if (result.status == 0)
            result.networkError = reply->errorString();
        reply->deleteLater();
        return result;
    }

    Reply sign(const QByteArray &csr, const QByteArray &token, const QJsonObject &extra = {})
    {
        QJsonObject body = extra;
        body.insert(QStringLiteral("csr"), QString::fromLatin1(csr));
        body.insert(QStringLiteral("ott"), QString::fromLatin1(token));
        return send({"POST", QStringLiteral("/1.0/sign"), jsonBody(body), {}, {}});
    }

    // A fresh P-256 key and a certificate for `subject` through this CA's POST /1.0/sign.
    ClientIdentity enroll(const QString &subject)
    {
        ClientIdentity identity;
        auto key = PrivateKey::generate(KeyType::EcP256);
        auto token = m_tokens.signToken(subject);
        if (!key || !token)
            return identity;
        auto csr
            = CertificateRequest::build(key.value(), subject, SubjectAltNames::fromList({subject}));
        if (!csr)
            return identity;
        const Reply reply = sign(csr->toPem(), token.value());
        if (reply.status != 201) {
            qWarning() << m_name << "enrolling" << subject << "failed:" << reply.status
                       << reply.body << reply.networkError;
            return identity;
        }
        identity.key = key.value();
        const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
        for (const QJsonValue pem : json.value(QStringLiteral("certChain")).toArray()) {
            auto certificate = Certificate::fromPem(pem.toString().toLatin1());
            if (certificate)
                identity.chain.append(certificate.value());
        }
        return identity;
    }

    // Revokes `serial` with a proper revoke token; true on 200.
    bool revoke(const QString &serial)
    {
        auto token = m_tokens.revokeToken(serial);
        if (!token)
            return false;
        const QJsonObject body{{QStringLiteral("serial"), serial},
                               {QStringLiteral("ott"), QString::fromLatin1(token.value())},
                               {QStringLiteral("reasonCode"), 1},
                               {QStringLiteral("passive"), true}};
        return send({"POST", QStringLiteral("/1.0/revoke"), jsonBody(body), {}, {}}).status == 200;
    }

private:
    QString m_name;
    QString m_url;
    Certificate m_root;
    ProvisionerKey m_provisioner;
    OneTimeTokenBuilder m_tokens;
    QNetworkAccessManager m_network;
};

// --- The corpus ------------------------------------------------------------------------
// Each case makes its request for one target, with that target's own keys, tokens and
// certificates, doing any setup (a first use of a token, an enrolment, a revocation) there.

using CaseFunction = std::function<Request(Target &)>;

const QString kAlice = QStringLiteral("alice");

QByteArray csrFor(const PrivateKey &key, const QString &commonName, const QStringList &sans)
{
    auto csr = CertificateRequest::build(key, commonName, SubjectAltNames::fromList(sans));
    return csr ? csr->toPem() : QByteArray();
}

QByteArray aliceCsr(KeyType type = KeyType::EcP256)
{
    auto key = PrivateKey::generate(type);
    return key ? csrFor(key.value(), kAlice, {kAlice}) : QByteArray();
}

Request signWith(const QByteArray &csr, const QByteArray &token, const QJsonObject &extra = {})
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("csr"), QString::fromLatin1(csr));
    body.insert(QStringLiteral("ott"), QString::fromLatin1(token));
    return {"POST", QStringLiteral("/1.0/sign"), jsonBody(body), {}, {}};
}

Request failed(const QString &why)
{
    Request request;
    request.setupError = why;
    return request;
}

// A sign token for `kAlice` made with `key` for the CA at `caUrl` (its aud), at `clock`.
QByteArray aliceToken(const ProvisionerKey &key, const QUrl &caUrl,
                      const OneTimeTokenBuilder::Clock &clock = {})
{
    OneTimeTokenBuilder builder(key, caUrl);
    if (clock)
        builder.setClock(clock);
    auto token = builder.signToken(kAlice);
    return token ? token.value() : QByteArray();
}

// A sign token for `kAlice` built claim by claim (for claims OneTimeTokenBuilder gets
// right): `edit` changes the payload before it is signed with the provisioner's key.
QByteArray craftedToken(const Target &target, const std::function<void(QJsonObject &)> &edit)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject claims{{QStringLiteral("aud"), target.url() + QStringLiteral("/1.0/sign")},
                       {QStringLiteral("iss"), target.provisioner().name()},
                       {QStringLiteral("sub"), kAlice},
                       {QStringLiteral("sans"), QJsonArray{kAlice}},
                       {QStringLiteral("iat"), now},
                       {QStringLiteral("nbf"), now},
                       {QStringLiteral("exp"), now + 300},
                       {QStringLiteral("jti"), SecureRandom::hex(32).value()}};
    edit(claims);
    const QJsonObject header{{QStringLiteral("kid"), target.provisioner().kid()},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    auto token = Jws::sign(header, QJsonDocument(claims).toJson(QJsonDocument::Compact),
                           target.provisioner().privateKey());
    return token ? token.value() : QByteArray();
}

Request goodSign(Target &target, KeyType type)
{
    return signWith(aliceCsr(type), target.tokens().signToken(kAlice).value());
}

Request revokeBody(const QJsonObject &body, std::optional<ClientIdentity> identity = {})
{
    return {"POST", QStringLiteral("/1.0/revoke"), jsonBody(body), std::move(identity), {}};
}

// A certificate of `target`'s and a valid revoke token for it, in a revoke body.
QJsonObject revokeByToken(Target &target, const ClientIdentity &identity)
{
    return {{QStringLiteral("serial"), identity.serial()},
            {QStringLiteral("ott"),
             QString::fromLatin1(target.tokens().revokeToken(identity.serial()).value())},
            {QStringLiteral("reasonCode"), 1},
            {QStringLiteral("reason"), QStringLiteral("differential test")},
            {QStringLiteral("passive"), true}};
}

Request get(const QString &path)
{
    return {"GET", path, {}, {}, {}};
}

struct Case
{
    const char *name;
    int stepCaStatus;
    int embeddedStatus;
    // knownDifferences() only: why the two answers differ, on purpose ("" in corpus()).
    const char *reason;
    CaseFunction make;
};

const QList<Case> &corpus()
{
    static const QList<Case> cases = {
        // --- sign: good CSRs
        {"sign: good P-256 CSR", 201, 201, "",
         [](Target &t) { return goodSign(t, KeyType::EcP256); }},
        {"sign: good RSA-2048 CSR", 201, 201, "",
         [](Target &t) { return goodSign(t, KeyType::Rsa2048); }},
        {"sign: good Ed25519 CSR", 201, 201, "",
         [](Target &t) { return goodSign(t, KeyType::Ed25519); }},
        // --- sign: bad input
        {"sign: CSR with a bad signature", 400, 400, "",
         [](Target &t) {
             QByteArray der = CertificateRequest::fromPem(aliceCsr())->toDer();
             der[der.size() - 3] = static_cast<char>(der.at(der.size() - 3) ^ 0x55);
             auto tampered = CertificateRequest::fromDer(der);
             if (!tampered)
                 return failed(QStringLiteral("tampered CSR does not parse"));
             return signWith(tampered->toPem(), t.tokens().signToken(kAlice).value());
         }},
        {"sign: garbage CSR", 400, 400, "",
         [](Target &t) {
             return signWith("-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgQ1NS\n"
                             "-----END CERTIFICATE REQUEST-----\n",
                             t.tokens().signToken(kAlice).value());
         }},
        {"sign: missing csr", 400, 400, "",
         [](Target &t) {
             return Request{"POST",
                            QStringLiteral("/1.0/sign"),
                            jsonBody({{QStringLiteral("ott"),
                                       QString::fromLatin1(t.tokens().signToken(kAlice).value())}}),
                            {},
                            {}};
         }},
        {"sign: missing ott", 400, 400, "",
         [](Target &) {
             return Request{"POST",
                            QStringLiteral("/1.0/sign"),
                            jsonBody({{QStringLiteral("csr"), QString::fromLatin1(aliceCsr())}}),
                            {},
                            {}};
         }},
        {"sign: body is not JSON", 400, 400, "",
         [](Target &) {
             return Request{"POST", QStringLiteral("/1.0/sign"), "csr=1&ott=2", {}, {}};
         }},
        // --- sign: tokens with one thing wrong each (step-ca's generic 401)
        {"sign: token with an unknown kid", 401, 401, "",
         [](Target &t) {
             auto jwk = Jwk::fromPrivateKey(PrivateKey::generate(KeyType::EcP256).value());
             auto other = ProvisionerKey::fromJwk(t.provisioner().name(), jwk.value());
             return signWith(aliceCsr(), aliceToken(other.value(), QUrl(t.url())));
         }},
        {"sign: token with the wrong iss", 401, 401, "",
         [](Target &t) {
             auto jwk = Jwk::fromPrivateKey(t.provisioner().privateKey());
             auto intruder = ProvisionerKey::fromJwk(QStringLiteral("intruder"), jwk.value());
             return signWith(aliceCsr(), aliceToken(intruder.value(), QUrl(t.url())));
         }},
        {"sign: token for another host (aud)", 401, 401, "",
         [](Target &t) {
             return signWith(
                 aliceCsr(),
                 aliceToken(t.provisioner(), QUrl(QStringLiteral("https://ca.example.net"))));
         }},
        {"sign: revoke token used to sign (aud)", 401, 401, "",
         [](Target &t) {
             auto key = PrivateKey::generate(KeyType::EcP256);
             const QString serial = QStringLiteral("12345");
             return signWith(csrFor(key.value(), serial, {serial}),
                             t.tokens().revokeToken(serial).value());
         }},
        {"sign: expired token", 401, 401, "",
         [](Target &t) {
             const QDateTime now = QDateTime::currentDateTimeUtc();
             return signWith(aliceCsr(), aliceToken(t.provisioner(), QUrl(t.url()), [now] {
                                 return now.addSecs(-600);
                             }));
         }},
        {"sign: token not yet valid", 401, 401, "",
         [](Target &t) {
             const QDateTime now = QDateTime::currentDateTimeUtc();
             return signWith(aliceCsr(), aliceToken(t.provisioner(), QUrl(t.url()), [now] {
                                 return now.addSecs(600);
                             }));
         }},
        {"sign: token signed by another key", 401, 401, "",
         [](Target &t) {
             // Claims the provisioner's name and kid; signed with a stranger's key.
             auto jwk = Jwk::fromPrivateKey(PrivateKey::generate(KeyType::EcP256).value());
             jwk.value().setKid(t.provisioner().kid());
             auto forger = ProvisionerKey::fromJwk(t.provisioner().name(), jwk.value());
             return signWith(aliceCsr(), aliceToken(forger.value(), QUrl(t.url())));
         }},
        {"sign: replayed jti", 401, 401, "",
         [](Target &t) {
             const QByteArray token = t.tokens().signToken(kAlice).value();
             const QByteArray csr = aliceCsr();
             if (t.sign(csr, token).status != 201)
                 return failed(QStringLiteral("the token's first use failed"));
             return signWith(csr, token);
         }},
        // Both key a jti-less token's single use on its SHA-256 (step-ca's UseToken).
        {"sign: token without jti", 201, 201, "",
         [](Target &t) {
             return signWith(aliceCsr(), craftedToken(t, [](QJsonObject &claims) {
                                 claims.remove(QStringLiteral("jti"));
                             }));
         }},
        {"sign: crafted token, all claims right", 201, 201, "",
         [](Target &t) { return signWith(aliceCsr(), craftedToken(t, [](QJsonObject &) {})); }},
        {"sign: token without sans (defaults to [sub])", 201, 201, "",
         [](Target &t) {
             return signWith(aliceCsr(), craftedToken(t, [](QJsonObject &claims) {
                                 claims.remove(QStringLiteral("sans"));
                             }));
         }},
        {"sign: token without sub", 401, 401, "",
         [](Target &t) {
             return signWith(aliceCsr(), craftedToken(t, [](QJsonObject &claims) {
                                 claims.remove(QStringLiteral("sub"));
                             }));
         }},
        {"sign: not a JWT", 401, 401, "",
         [](Target &) { return signWith(aliceCsr(), "not.a.token"); }},
        // --- sign: policy (403)
        {"sign: CSR CN differs from sub", 403, 403, "",
         [](Target &t) {
             auto key = PrivateKey::generate(KeyType::EcP256);
             return signWith(csrFor(key.value(), QStringLiteral("mallory"), {kAlice}),
                             t.tokens().signToken(kAlice).value());
         }},
        {"sign: CSR SANs differ from sans", 403, 403, "",
         [](Target &t) {
             auto key = PrivateKey::generate(KeyType::EcP256);
             return signWith(csrFor(key.value(), kAlice, {kAlice, QStringLiteral("evil")}),
                             t.tokens().signToken(kAlice).value());
         }},
        {"sign: notAfter 25h over the 24h maximum", 403, 403, "",
         [](Target &t) {
             return signWith(aliceCsr(), t.tokens().signToken(kAlice).value(),
                             {{QStringLiteral("notAfter"), QStringLiteral("25h")}});
         }},
        // --- renew (mutual TLS)
        {"renew: valid client certificate", 201, 201, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("renewer"));
             if (!identity.isValid())
                 return failed(QStringLiteral("enrolment failed"));
             return Request{"POST", QStringLiteral("/1.0/renew"), {}, identity, {}};
         }},
        {"renew: no client certificate", 400, 400, "",
         [](Target &) {
             return Request{"POST", QStringLiteral("/1.0/renew"), {}, {}, {}};
         }},
        {"renew: revoked client certificate", 401, 401, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoked-renewer"));
             if (!identity.isValid() || !t.revoke(identity.serial()))
                 return failed(QStringLiteral("enrolment or revocation failed"));
             return Request{"POST", QStringLiteral("/1.0/renew"), {}, identity, {}};
         }},
        // --- revoke
        {"revoke: by token (sub = serial)", 200, 200, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoke-by-token"));
             if (!identity.isValid())
                 return failed(QStringLiteral("enrolment failed"));
             return revokeBody(revokeByToken(t, identity));
         }},
        {"revoke: by mutual TLS", 200, 200, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoke-by-mtls"));
             if (!identity.isValid())
                 return failed(QStringLiteral("enrolment failed"));
             return revokeBody({{QStringLiteral("serial"), identity.serial()},
                                {QStringLiteral("ott"), QString()},
                                {QStringLiteral("reasonCode"), 4},
                                {QStringLiteral("passive"), true}},
                               identity);
         }},
        {"revoke: mutual TLS with another serial in the body", 400, 400, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoke-mtls-a"));
             const ClientIdentity other = t.enroll(QStringLiteral("revoke-mtls-b"));
             if (!identity.isValid() || !other.isValid())
                 return failed(QStringLiteral("enrolment failed"));
             return revokeBody(
                 {{QStringLiteral("serial"), other.serial()}, {QStringLiteral("passive"), true}},
                 identity);
         }},
        {"revoke: reasonCode 11 out of bounds", 400, 400, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoke-reason-11"));
             QJsonObject body = revokeByToken(t, identity);
             body.insert(QStringLiteral("reasonCode"), 11);
             return revokeBody(body);
         }},
        {"revoke: reasonCode -1 out of bounds", 400, 400, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoke-reason-neg"));
             QJsonObject body = revokeByToken(t, identity);
             body.insert(QStringLiteral("reasonCode"), -1);
             return revokeBody(body);
         }},
        {"revoke: passive false is not implemented", 501, 501, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoke-active"));
             QJsonObject body = revokeByToken(t, identity);
             body.insert(QStringLiteral("passive"), false);
             return revokeBody(body);
         }},
        {"revoke: serial already revoked", 400, 400, "",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoke-twice"));
             if (!identity.isValid() || !t.revoke(identity.serial()))
                 return failed(QStringLiteral("enrolment or first revocation failed"));
             return revokeBody(revokeByToken(t, identity));
         }},
        {"revoke: missing serial", 400, 400, "",
         [](Target &) {
             return revokeBody({{QStringLiteral("passive"), true}});
         }},
        {"revoke: neither token nor client certificate", 400, 400, "",
         [](Target &) {
             return revokeBody({{QStringLiteral("serial"), QStringLiteral("1")},
                                {QStringLiteral("passive"), true}});
         }},
        // --- read-only routes
        {"GET /health", 200, 200, "", [](Target &) { return get(QStringLiteral("/health")); }},
        {"GET /1.0/health", 200, 200, "",
         [](Target &) { return get(QStringLiteral("/1.0/health")); }},
        {"GET /version", 200, 200, "", [](Target &) { return get(QStringLiteral("/version")); }},
        {"GET /roots (201, sic)", 201, 201, "",
         [](Target &) { return get(QStringLiteral("/roots")); }},
        {"GET /provisioners", 200, 200, "",
         [](Target &) { return get(QStringLiteral("/provisioners")); }},
        {"GET /root/<fingerprint>", 200, 200, "",
         [](Target &t) { return get(QStringLiteral("/root/") + t.root().sha256Fingerprint()); }},
        {"GET /root/<unknown fingerprint>", 404, 404, "",
         [](Target &) { return get(QStringLiteral("/root/") + QString(64, QLatin1Char('a'))); }},
    };
    return cases;
}

// Known, intended differences: where the embedded CA follows the newer step-ca rules of
// notes/step-ca.md, or where its TLS layer differs from step-ca 0.19's. Each side is held to
// its own expected status; the reason says why they differ.
const QList<Case> &knownDifferences()
{
    static const QList<Case> cases = {
        {"sign: token issued before the CA started", 401, 201,
         "step-ca refuses a token whose iat is before its own start (in its own words a "
         "stopgap for a missing persistence layer); the embedded CA keeps spent jtis in its "
         "database and drops that check (certificateauthority.h)",
         [](Target &t) {
             return signWith(aliceCsr(), craftedToken(t, [](QJsonObject &claims) {
                                 const qint64 now = QDateTime::currentSecsSinceEpoch();
                                 claims.insert(QStringLiteral("iat"), now - 3600);
                                 claims.insert(QStringLiteral("nbf"), now - 30);
                             }));
         }},
        {"sign: token valid for 24 hours", 201, 401,
         "step-ca 0.19 bounds only exp/nbf (1 minute leeway), not a token's lifetime; issue 4 "
         "asks the embedded CA for a maximum token lifetime (600 s): a leaked long-lived "
         "token cannot be saved up",
         [](Target &t) {
             return signWith(aliceCsr(), craftedToken(t, [](QJsonObject &claims) {
                                 claims.insert(QStringLiteral("exp"),
                                               QDateTime::currentSecsSinceEpoch() + 24 * 3600);
                             }));
         }},
        {"renew: client certificate of another CA", kHandshakeRefused, 401,
         "step-ca verifies client certificates in its TLS handshake and refuses the "
         "connection; the embedded CA shares one listener with the RA, which only asks for "
         "a certificate, so it finishes the handshake and answers step-ca's generic 401",
         [](Target &) {
             const certigram::test::TestPki other(QStringLiteral("Another Root"));
             const auto issued = other.issue(QStringLiteral("mallory"));
             return Request{"POST",
                            QStringLiteral("/1.0/renew"),
                            {},
                            ClientIdentity{issued.key, {issued.certificate}},
                            {}};
         }},
        {"revoke: by token whose sub is another serial", 200, 401,
         "step-ca 0.19 does not check a revoke token's sub; since 0.29 it must be the serial "
         "(notes/step-ca.md), the rule the embedded CA follows",
         [](Target &t) {
             const ClientIdentity identity = t.enroll(QStringLiteral("revoke-sub"));
             const ClientIdentity other = t.enroll(QStringLiteral("revoke-sub-other"));
             if (!identity.isValid() || !other.isValid())
                 return failed(QStringLiteral("enrolment failed"));
             QJsonObject body = revokeByToken(t, other);
             body.insert(QStringLiteral("serial"), identity.serial());
             return revokeBody(body);
         }},
        {"wrong method: GET /1.0/sign", 405, 405,
         "same status, different body: step-ca 0.19's router (chi) answers 405 with an empty "
         "body, the embedded CA with step-ca's error shape {\"status\",\"message\"} "
         "(notes/step-ca.md: errors are always that shape); the status is the same",
         [](Target &) { return get(QStringLiteral("/1.0/sign")); }},
        {"GET /1.0/crl", 404, 200,
         "step-ca 0.19 has no CRL route (added in later releases, when enabled); the "
         "embedded CA serves one, as issue 4 asks",
         [](Target &) { return get(QStringLiteral("/1.0/crl")); }},
    };
    return cases;
}

} // namespace

// The embedded CA against a real step-ca 0.19: one corpus of requests, each made for
// each CA with that CA's own provisioner key, tokens and certificates, sent to both; the
// HTTP status and the JSON body's field names (not values) must be the same. Where the
// embedded CA follows newer step-ca rules than 0.19, or its TLS layer differs, the case
// says why in knownDifferences(), and each side is held to its own expected status.
class TestCaDifferential : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameAnswer_data();
    void sameAnswer();

private:
    QTemporaryDir m_dir;
    StepCaProcess m_stepCa;
    std::unique_ptr<Database> m_database;
    std::shared_ptr<CertificateAuthority> m_authority;
    QThreadPool m_workers;
    std::unique_ptr<HttpListener> m_listener;
    std::unique_ptr<Target> m_stepCaTarget;
    std::unique_ptr<Target> m_embeddedTarget;
};

void TestCaDifferential::initTestCase()
{
    QVERIFY(m_dir.isValid());

    // The real step-ca.
    QVERIFY2(m_stepCa.start(), qPrintable(m_stepCa.errorString()));
    auto stepRoot = Certificate::fromPem(readFile(m_stepCa.rootCertificatePath()));
    QVERIFY(stepRoot.ok());
    auto stepKey = ProvisionerKey::fromPem(m_stepCa.provisionerName(),
                                           readFile(m_stepCa.provisionerKeyPemPath()));
    QVERIFY(stepKey.ok());
    m_stepCaTarget = std::make_unique<Target>(QStringLiteral("step-ca"), m_stepCa.url(),
                                              stepRoot.value(), stepKey.value());

    // The embedded CA, served over HTTPS with a certificate of its own.
    CaKeyStore::Options options;
    options.directory = m_dir.filePath(QStringLiteral("ca"));
    auto keys = CaKeyStore::open(options);
    QVERIFY(keys.ok());
    m_database = std::make_unique<Database>(
        DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("certigram.db"))));
    QVERIFY(m_database->migrate().ok());
    CertificateAuthority::Config config;
    config.names = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
    auto authority = CertificateAuthority::create(keys.value(), config, *m_database);
    QVERIFY(authority.ok());
    m_authority = authority.value();
    auto serverKey = PrivateKey::generate(KeyType::EcP256);
    QVERIFY(serverKey.ok());
    auto serverCertificate = m_authority->issueServerCertificate(serverKey->publicKey(),
                                                                 QDateTime::currentDateTimeUtc());
    QVERIFY(serverCertificate.ok());
    auto serverLeaf = serverCertificate->certificate();
    QVERIFY(serverLeaf.ok());
    HttpListener::Options listenerOptions;
    listenerOptions.tls = QSslConfiguration::defaultConfiguration();
    listenerOptions.tls.setLocalCertificateChain(
        {toSsl(serverLeaf.value()), toSsl(keys->intermediate())});
    listenerOptions.tls.setPrivateKey(toSslKey(serverKey.value()));
    listenerOptions.tls.setCaCertificates({toSsl(keys->root())});
    listenerOptions.limits.requestsPerSecond = 100000;
    listenerOptions.limits.burst = 100000;
    m_workers.setMaxThreadCount(4);
    m_listener = std::make_unique<HttpListener>(listenerOptions, &m_workers);
    CaRouter::install(*m_listener, m_authority);
    QVERIFY(m_listener->listen().ok());
    m_embeddedTarget = std::make_unique<Target>(
        QStringLiteral("embedded"), QStringLiteral("https://127.0.0.1:%1").arg(m_listener->port()),
        keys->root(), keys->provisionerKey());
}

void TestCaDifferential::cleanupTestCase()
{
    m_stepCaTarget.reset();
    m_embeddedTarget.reset();
    m_listener.reset();
    m_workers.waitForDone();
    m_authority.reset();
    m_database.reset();
    m_stepCa.stop();
}

void TestCaDifferential::sameAnswer_data()
{
    QTest::addColumn<bool>("difference");
    QTest::addColumn<int>("index");
    for (int i = 0; i < corpus().size(); ++i) {
        const Case &c = corpus().at(i);
        QTest::addRow("%s -> both %d", c.name, c.stepCaStatus) << false << i;
    }
    for (int i = 0; i < knownDifferences().size(); ++i) {
        const Case &c = knownDifferences().at(i);
        QTest::addRow("known difference: %s -> step-ca %d, embedded %d", c.name, c.stepCaStatus,
                      c.embeddedStatus)
            << true << i;
    }
}

void TestCaDifferential::sameAnswer()
{
    QFETCH(bool, difference);
    QFETCH(int, index);
    const Case &c = difference ? knownDifferences().at(index) : corpus().at(index);

    struct Outcome
    {
        Reply reply;
        QStringList names;
    };
    const auto run = [&c](Target &target) -> std::optional<Outcome> {
        const Request request = c.make(target);
        if (!request.setupError.isEmpty()) {
            qWarning() << target.name() << "setup:" << request.setupError;
            return std::nullopt;
        }
        Outcome outcome;
        outcome.reply = target.send(request);
        outcome.names = fieldNames(outcome.reply.body);
        return outcome;
    };
    const std::optional<Outcome> step = run(*m_stepCaTarget);
    const std::optional<Outcome> embedded = run(*m_embeddedTarget);
    QVERIFY2(step, "the case could not be set up on step-ca");
    QVERIFY2(embedded, "the case could not be set up on the embedded CA");

    const auto describe = [](const char *who, const Outcome &outcome) {
        return QStringLiteral("%1: %2 %3 %4")
            .arg(QLatin1String(who))
            .arg(outcome.reply.status)
            .arg(QString::fromUtf8(outcome.reply.body.left(300)), outcome.reply.networkError);
    };
    const QString both
        = describe("step-ca", *step) + QLatin1Char('\n') + describe("embedded", *embedded);

    if (!difference) {
        QVERIFY2(step->reply.status == embedded->reply.status, qPrintable(both));
        QVERIFY2(step->names == embedded->names,
                 qPrintable(both
                            + QStringLiteral("\nfield names: step-ca [%1], embedded [%2]")
                                  .arg(step->names.join(QLatin1Char(' ')),
                                       embedded->names.join(QLatin1Char(' ')))));
        QVERIFY2(step->reply.status == c.stepCaStatus, qPrintable(both));
    } else {
        // Known, intended differences: each side holds to its own answer.
        qInfo("known difference: %s", c.reason);
        QVERIFY2(step->reply.status == c.stepCaStatus, qPrintable(both));
        QVERIFY2(embedded->reply.status == c.embeddedStatus, qPrintable(both));
        if (c.embeddedStatus >= 400)
            QVERIFY2(embedded->names
                         == (QStringList{QStringLiteral("message"), QStringLiteral("status")}),
                     qPrintable(both));
    }
    // Every error answer is step-ca's {"status","message"}.
    if (embedded->reply.status >= 400 && !difference)
        QVERIFY2(embedded->names
                     == (QStringList{QStringLiteral("message"), QStringLiteral("status")}),
                 qPrintable(both));
}

QTEST_GUILESS_MAIN(TestCaDifferential)
#include "tst_ca_differential.moc"
