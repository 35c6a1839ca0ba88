#include "ca/carouter.h"

#include "ca/caerror.h"
#include "ca/calogging.h"
#include "ca/certificateauthority.h"
#include "http/httplistener.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QSslCertificate>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace certigram {

namespace {

Error decodingError()
{
    return CaError::badRequest(QStringLiteral("error decoding json"));
}

// Go's json.Decoder.Decode into a struct: the first JSON value of the body must be an
// object (or null, which leaves the struct empty); whatever follows it is not read.
Result<QJsonObject> decodeObject(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::GarbageAtEnd && error.offset > 0)
        document = QJsonDocument::fromJson(body.left(error.offset), &error);
    if (error.error == QJsonParseError::NoError && document.isObject())
        return document.object();
    if (body.trimmed().startsWith("null")) {
        const QByteArray rest = body.trimmed().mid(4);
        if (rest.isEmpty() || !std::isalnum(static_cast<unsigned char>(rest.at(0))))
            return QJsonObject();
    }
    return decodingError();
}

// Go matches field names exactly first, then case-insensitively.
QJsonValue field(const QJsonObject &object, const char *name)
{
    const QLatin1String key(name);
    if (const auto exact = object.constFind(key); exact != object.constEnd())
        return exact.value();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key().compare(key, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

// A Go string field: absent and null leave "".
Result<QString> stringField(const QJsonObject &object, const char *name)
{
    const QJsonValue value = field(object, name);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return decodingError();
    return value.toString();
}

// A Go int field (64 bits on the platforms step-ca ships for): an integral number. Go also
// refuses the spellings 1.0 and 1e2 for an int; QJsonValue cannot tell them from 1 and 100,
// so those two pass here.
Result<qint64> integerField(const QJsonObject &object, const char *name)
{
    const QJsonValue value = field(object, name);
    if (value.isUndefined() || value.isNull())
        return qint64(0);
    if (!value.isDouble())
        return decodingError();
    const double number = value.toDouble();
    // 2^63 is exactly representable; anything at or beyond it does not fit.
    if (!std::isfinite(number) || number != std::floor(number) || number >= 9223372036854775808.0
        || number < -9223372036854775808.0)
        return decodingError();
    return static_cast<qint64>(number);
}

Result<bool> boolField(const QJsonObject &object, const char *name)
{
    const QJsonValue value = field(object, name);
    if (value.isUndefined() || value.isNull())
        return false;
    if (!value.isBool())
        return decodingError();
    return value.toBool();
}

// step-ca's TimeDuration: a string holding an RFC 3339 time or a Go duration, or "".
Result<TimeDuration> timeDurationField(const QJsonObject &object, const char *name)
{
    auto text = stringField(object, name);
    if (!text)
        return text.error();
    auto parsed = TimeDuration::parse(text.value());
    if (!parsed)
        return decodingError();
    return parsed;
}

HttpReply jsonReply(int status, const QJsonObject &body)
{
    return HttpReply::json(status, body);
}

// 201 with the certificate chain: the answer to every sign and renewal.
HttpReply issuedReply(const SignResponse &response)
{
    HttpReply reply;
    reply.status = 201;
    reply.body = response.toCompactJson();
    return reply;
}

// RFC 7231 IMF-fixdate, for Expires.
QByteArray httpDate(const QDateTime &time)
{
    return QLocale::c()
        .toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace

CaRouter::CaRouter(std::shared_ptr<CertificateAuthority> authority)
    : m_authority(std::move(authority))
{
    Q_ASSERT(m_authority);
}

void CaRouter::install(HttpListener &listener, std::shared_ptr<CertificateAuthority> authority)
{
    const auto router = std::make_shared<const CaRouter>(std::move(authority));
    using Method = QHttpServerRequest::Method;
    using Member = HttpReply (CaRouter::*)(const HttpRequest &) const;
    const struct
    {
        Method method;
        const char *path;
        Member handler;
    } routes[] = {
        {Method::Get, "/health", &CaRouter::health},
        {Method::Get, "/version", &CaRouter::version},
        {Method::Get, "/roots", &CaRouter::roots},
        {Method::Get, "/root/<arg>", &CaRouter::root},
        {Method::Get, "/provisioners", &CaRouter::provisioners},
        {Method::Get, "/crl", &CaRouter::crl},
        {Method::Post, "/sign", &CaRouter::sign},
        {Method::Post, "/renew", &CaRouter::renew},
        {Method::Post, "/revoke", &CaRouter::revoke},
    };
    // step-ca serves every route both at the top and under /1.0.
    for (const QString &prefix : {QString(), QStringLiteral("/1.0")}) {
        for (const auto &route : routes) {
            const Member handler = route.handler;
            listener.route(route.method, prefix + QLatin1String(route.path),
                           [router, handler](const HttpRequest &request) {
                               return (router.get()->*handler)(request);
                           });
        }
    }
}

HttpReply CaRouter::errorReply(const Error &error)
{
    const int status = CaError::httpStatus(error.code());
    if (status == 500 || status == 503)
        qCWarning(lcCa).noquote() << "internal error:" << error.message();
    return HttpReply::error(status, CaError::publicMessage(error));
}

QList<QByteArray> CaRouter::peerChain(const HttpRequest &request)
{
    QList<QByteArray> chain;
    for (const QSslCertificate &certificate : request.peerCertificateChain) {
        if (certificate.isNull())
            break; // the rest cannot chain through it
        chain.append(certificate.toDer());
    }
    return chain;
}

Result<SignRequest> CaRouter::decodeSignRequest(const QByteArray &body)
{
    auto object = decodeObject(body);
    if (!object)
        return object.error();
    SignRequest request;
    auto csr = stringField(object.value(), "csr");
    auto ott = stringField(object.value(), "ott");
    auto notBefore = timeDurationField(object.value(), "notBefore");
    auto notAfter = timeDurationField(object.value(), "notAfter");
    if (!csr || !ott || !notBefore || !notAfter)
        return decodingError();
    request.csr = csr.value();
    request.ott = ott.value();
    request.notBefore = notBefore.value();
    request.notAfter = notAfter.value();
    return request;
}

Result<RevokeRequest> CaRouter::decodeRevokeRequest(const QByteArray &body)
{
    auto object = decodeObject(body);
    if (!object)
        return object.error();
    RevokeRequest request;
    auto serial = stringField(object.value(), "serial");
    auto ott = stringField(object.value(), "ott");
    auto reasonCode = integerField(object.value(), "reasonCode");
    auto reason = stringField(object.value(), "reason");
    auto passive = boolField(object.value(), "passive");
    if (!serial || !ott || !reasonCode || !reason || !passive)
        return decodingError();
    request.serial = serial.value();
    request.ott = ott.value();
    // Out of int's range is out of bounds as well; the authority says so.
    request.reasonCode = static_cast<int>(std::clamp<qint64>(
        reasonCode.value(), RevokeRequest::MinReasonCode - 1, RevokeRequest::MaxReasonCode + 1));
    request.reason = reason.value();
    request.passive = passive.value();
    return request;
}

HttpReply CaRouter::health(const HttpRequest &) const
{
    return jsonReply(200, HealthResponse{QStringLiteral("ok")}.toJson());
}

HttpReply CaRouter::version(const HttpRequest &) const
{
    VersionResponse response;
    response.version = m_authority->config().version;
    return jsonReply(200, response.toJson());
}

HttpReply CaRouter::roots(const HttpRequest &) const
{
    // 201 for a GET is step-ca's, and clients expect it.
    return jsonReply(201,
                     RootsResponse{{QString::fromLatin1(m_authority->root().toPem())}}.toJson());
}

HttpReply CaRouter::root(const HttpRequest &request) const
{
    const auto root = m_authority->rootByFingerprint(request.pathArguments.value(0));
    if (!root)
        return errorReply(CaError::notFound());
    return jsonReply(200, RootResponse{QString::fromLatin1(root->toPem())}.toJson());
}

HttpReply CaRouter::provisioners(const HttpRequest &) const
{
    return jsonReply(200, m_authority->provisioners().toJson());
}

HttpReply CaRouter::sign(const HttpRequest &request) const
{
    auto decoded = decodeSignRequest(request.body);
    if (!decoded)
        return errorReply(decoded.error());
    auto issued = m_authority->sign(decoded.value(), QDateTime::currentDateTimeUtc());
    if (!issued)
        return errorReply(issued.error());
    return issuedReply(m_authority->response(issued.value()));
}

HttpReply CaRouter::renew(const HttpRequest &request) const
{
    auto issued = m_authority->renew(peerChain(request), request.peerVerified,
                                     QDateTime::currentDateTimeUtc());
    if (!issued)
        return errorReply(issued.error());
    return issuedReply(m_authority->response(issued.value()));
}

HttpReply CaRouter::revoke(const HttpRequest &request) const
{
    auto decoded = decodeRevokeRequest(request.body);
    if (!decoded)
        return errorReply(decoded.error());
    auto revoked = m_authority->revoke(decoded.value(), peerChain(request), request.peerVerified,
                                       QDateTime::currentDateTimeUtc());
    if (!revoked)
        return errorReply(revoked.error());
    return jsonReply(200, RevokeResponse{QStringLiteral("ok")}.toJson());
}

HttpReply CaRouter::crl(const HttpRequest &request) const
{
    auto crl = m_authority->crl(QDateTime::currentDateTimeUtc());
    if (!crl)
        return errorReply(crl.error());
    HttpReply reply;
    reply.status = 200;
    // As newer step-ca releases answer: DER by default, PEM when ?pem is given.
    if (request.query.hasQueryItem(QStringLiteral("pem"))) {
        reply.contentType = "application/x-pem-file";
        reply.body = crl->toPem();
    } else {
        reply.contentType = "application/pkix-crl";
        reply.body = crl->toDer();
    }
    reply.withHeader("Expires", httpDate(crl->nextUpdate()));
    return reply;
}

} // namespace certigram
