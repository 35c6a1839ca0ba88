#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

#include <optional>

namespace certigram {

// What a client was doing when it failed; it decides how a status reads to a person
// (a 401 on renew means something else than a 401 on a code).
enum class ClientOperation {
    Bootstrap,
    RequestCode,
    ExchangeCode,
    RevocationToken,
    Sign,
    Renew,
    Revoke,
};

// Why a request produced no HTTP answer at all, as QNetworkReply reported it.
struct TransportFailure
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QUrl url;
    QList<QSslError> sslErrors; // from QNetworkReply::sslErrors, if the handshake got there
    QList<QSslCertificate> peerChain; // what the server presented, when known
    QString pinnedFingerprint; // SHA-256 hex of the only trusted root; empty when none
    bool clientCertificateSent = false;
};

// Turns network failures and the servers' JSON errors ({"status","message","reason"?}) into
// Errors a person can act on. The server's `reason`, when it sent one, stays in
// Error::reason(); client-side failures get reasons of their own:
// "unreachable", "untrusted-server", "certificate-refused", "rate-limited", …
class ClientError
{
public:
    static Error fromTransport(const TransportFailure &failure, ClientOperation operation);
    // A non-2xx HTTP answer. `retryAfter` is the raw Retry-After header (may be empty).
    static Error fromHttp(int status, const QByteArray &body, const QByteArray &retryAfter,
                          ClientOperation operation, const QUrl &url,
                          const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Retry-After in seconds: delta-seconds or an HTTP date; nullopt when absent or bad.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now);
    // "host:port" for messages.
    static QString serverName(const QUrl &url);
    static QString operationName(ClientOperation operation);
};

} // namespace certigram
