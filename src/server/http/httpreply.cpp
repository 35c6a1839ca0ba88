#include "http/httpreply.h"

#include <QJsonDocument>

namespace certigram {

namespace {

// When a client should retry after a 503 (the storage is locked, full or failing).
constexpr char kRetryAfterSeconds[] = "5";

} // namespace

HttpReply HttpReply::json(int status, const QJsonObject &object)
{
    HttpReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

HttpReply HttpReply::text(int status, const QByteArray &text)
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = "text/plain; charset=utf-8";
    reply.body = text;
    return reply;
}

HttpReply HttpReply::error(int status, const QString &message)
{
    HttpReply reply = json(
        status,
        QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("message"), message}});
    // A 503 is temporary by definition: say when to come back.
    return status == 503 ? reply.withHeader("Retry-After", kRetryAfterSeconds) : reply;
}

int HttpReply::statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::Unsupported: return 400;
    case ErrorCode::VerificationFailed: return 401;
    case ErrorCode::WrongPassphrase: return 401;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::NetworkError: return 502;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::CryptoFailure:
    case ErrorCode::IoError:
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

HttpReply HttpReply::fromError(const Error &error)
{
    const int status = statusFor(error.code());
    // Internal details (database, OpenSSL) stay in the server log, not in the answer;
    // a gateway error (Telegram unreachable) says what failed.
    QString message = error.message();
    if (status == 503)
        message = QStringLiteral("temporarily unavailable: retry in a moment");
    else if (status >= 500 && status != 502)
        message = QStringLiteral("internal server error");
    QJsonObject body{{QStringLiteral("status"), status}, {QStringLiteral("message"), message}};
    if (!error.reason().isEmpty())
        body.insert(QStringLiteral("reason"), error.reason());
    HttpReply reply = json(status, body);
    return status == 503 ? reply.withHeader("Retry-After", kRetryAfterSeconds) : reply;
}

HttpReply &HttpReply::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

} // namespace certigram
