#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace certigram {

// A response as handlers produce it, before it meets a socket.
struct HttpReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // beyond Content-Type

    static HttpReply json(int status, const QJsonObject &object);
    static HttpReply text(int status, const QByteArray &text);
    // The one error shape of both APIs (step-ca's): {"status":N,"message":"…"}.
    static HttpReply error(int status, const QString &message);
    // An Error mapped to its HTTP status (InvalidInput → 400, Unauthorized → 401, …),
    // with its machine-readable reason as "reason" when it has one.
    static HttpReply fromError(const Error &error);
    static int statusFor(ErrorCode code);

    HttpReply &withHeader(const QByteArray &name, const QByteArray &value);
};

} // namespace certigram
