#include "ra/raroutes.h"

#include "http/httplistener.h"
#include "protocol/jsonfields.h"
#include "protocol/ramessages.h"
#include "ra/registrationservice.h"

#include <QJsonObject>

namespace certigram {

namespace {

using Method = QHttpServerRequest::Method;

template<typename Message>
Result<Message> parseBody(const HttpRequest &request)
{
    auto object = JsonFields::parseObject(request.body);
    if (!object)
        return object.error();
    return Message::fromJson(object.value());
}

ClientCertificateProof proofOf(const HttpRequest &request)
{
    return {request.peerCertificateChain, request.peerVerified};
}

HttpReply refuseInvalid(const RegistrationService &service, const QString &route,
                        const HttpRequest &request, const Error &error)
{
    service.note(RaEvent::InvalidNumber,
                 route + QStringLiteral(" invalid request: ") + error.message(),
                 request.remoteAddress);
    return HttpReply::fromError(error);
}

HttpReply legacyMessage(const QString &message)
{
    return HttpReply::json(200, LegacyMessage{message}.toJson());
}

} // namespace

void RaRoutes::registerOn(HttpListener &listener, RegistrationService &service)
{
    listener.route(
        Method::Post, QStringLiteral("/api/v1/codes"), [&service](const HttpRequest &request) {
            auto parsed = parseBody<CodeRequest>(request);
            if (!parsed)
                return refuseInvalid(service, QStringLiteral("codes"), request, parsed.error());
            auto issued = service.requestCode(parsed.value(), request.remoteAddress);
            return issued ? HttpReply::json(202, issued->toJson())
                          : HttpReply::fromError(issued.error());
        });

    listener.route(
        Method::Post, QStringLiteral("/api/v1/tokens"), [&service](const HttpRequest &request) {
            auto parsed = parseBody<TokenRequest>(request);
            if (!parsed)
                return refuseInvalid(service, QStringLiteral("tokens"), request, parsed.error());
            auto token = service.exchangeCode(parsed.value(), request.remoteAddress);
            return token ? HttpReply::json(200, token->toJson())
                         : HttpReply::fromError(token.error());
        });

    listener.route(Method::Post, QStringLiteral("/api/v1/revocation-tokens"),
                   [&service](const HttpRequest &request) {
                       auto parsed = parseBody<RevocationTokenRequest>(request);
                       if (!parsed)
                           return refuseInvalid(service, QStringLiteral("revocation-tokens"),
                                                request, parsed.error());
                       auto token = service.issueRevocationToken(parsed.value(), proofOf(request),
                                                                 request.remoteAddress);
                       return token ? HttpReply::json(200, token->toJson())
                                    : HttpReply::fromError(token.error());
                   });

    // The prototype's routes, in its shapes, with today's checks behind them.
    listener.route(
        Method::Post, QStringLiteral("/registration"), [&service](const HttpRequest &request) {
            auto parsed = parseBody<LegacyRegistrationRequest>(request);
            if (!parsed) {
                service.note(RaEvent::InvalidNumber, QStringLiteral("registration invalid number"),
                             request.remoteAddress);
                return HttpReply::text(200, "Error, invalid number");
            }
            auto issued
                = service.requestCode({parsed->number, CodePurpose::Enroll}, request.remoteAddress);
            if (issued)
                return HttpReply::text(200, "1111");
            switch (issued.error().code()) {
            case ErrorCode::Conflict: return HttpReply::text(200, "Error, multiple token requests");
            case ErrorCode::RateLimited: return HttpReply::text(429, "Error, too many requests");
            default: return HttpReply::text(200, "Server Error");
            }
        });

    listener.route(
        Method::Post, QStringLiteral("/send_token"), [&service](const HttpRequest &request) {
            auto parsed = parseBody<LegacySendTokenRequest>(request);
            if (!parsed || !isValidCode(parsed->token)) {
                service.note(RaEvent::InvalidNumber,
                             QStringLiteral("send_token invalid number or token"),
                             request.remoteAddress);
                return legacyMessage(QStringLiteral("Error, invalid number or Telegram token"));
            }
            auto token = service.exchangeCode({parsed->number, parsed->token, CodePurpose::Enroll},
                                              request.remoteAddress);
            if (token)
                return legacyMessage(token->ott);
            return legacyMessage(token.error().code() == ErrorCode::Unauthorized
                                     ? QStringLiteral("Error, wrong Telegram token")
                                     : QStringLiteral("Server error"));
        });

    listener.route(
        Method::Post, QStringLiteral("/revoke_token"), [&service](const HttpRequest &request) {
            auto parsed = parseBody<LegacyRevokeTokenRequest>(request);
            if (!parsed) {
                service.note(RaEvent::InvalidNumber, QStringLiteral("revoke_token invalid number"),
                             request.remoteAddress);
                return legacyMessage(QStringLiteral("Error, invalid number"));
            }
            auto token = service.issueLegacyRevocationToken(parsed->number, proofOf(request),
                                                            request.remoteAddress);
            if (token)
                return legacyMessage(token->ott);
            return legacyMessage(QStringLiteral("Error, ") + token.error().message());
        });
}

} // namespace certigram
