#include "http/httpreply.h"

#include <QJsonDocument>

namespace certigram {

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
    return json(
        status,
        QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("message"), message}});
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
    case ErrorCode::CryptoFailure:
    case ErrorCode::IoError:
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

HttpReply HttpReply::fromError(const Error &error)
{
    // The database is locked, read-only, full or unreachable (db/database.h): the request
    // was fine, so 503 and a retry, not a 500.
    if (error.reason() == QLatin1String("database-unavailable")) {
        HttpReply reply
            = json(503,
                   QJsonObject{{QStringLiteral("status"), 503},
                               {QStringLiteral("message"),
                                QStringLiteral("the database is unavailable: retry in a moment")},
                               {QStringLiteral("reason"), error.reason()}});
        return reply.withHeader("Retry-After", "5");
    }
    const int status = statusFor(error.code());
    // Internal details (database, OpenSSL) stay in the server log, not in the answer;
    // a gateway error (Telegram unreachable) says what failed.
    const bool internal = status >= 500 && status != 502;
    QJsonObject body{{QStringLiteral("status"), status},
                     {QStringLiteral("message"),
                      internal ? QStringLiteral("internal server error") : error.message()}};
    if (!error.reason().isEmpty())
        body.insert(QStringLiteral("reason"), error.reason());
    return json(status, body);
}

HttpReply &HttpReply::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

} // namespace certigram
