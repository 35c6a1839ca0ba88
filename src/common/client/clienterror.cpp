#include "client/clienterror.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace certigram {

namespace {

QString fingerprintOf(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

bool isTrustError(QSslError::SslError error)
{
    switch (error) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
    case QSslError::CertificateSignatureFailed: return true;
    default: return false;
    }
}

Error untrustedServer(const TransportFailure &failure)
{
    const QString server = ClientError::serverName(failure.url);
    QStringList details;
    bool trust = false;
    for (const QSslError &error : failure.sslErrors) {
        trust = trust || isTrustError(error.error());
        if (!details.contains(error.errorString()))
            details.append(error.errorString());
    }
    QString message;
    if (trust) {
        const QString presented
            = failure.peerChain.isEmpty() ? QString() : fingerprintOf(failure.peerChain.last());
        message = failure.pinnedFingerprint.isEmpty()
            ? QStringLiteral("the server %1 is not trusted: its certificate does not chain to a "
                             "trusted root")
                  .arg(server)
            : QStringLiteral("the server %1 is not trusted: its certificate does not chain to "
                             "the pinned root (SHA-256 fingerprint %2)")
                  .arg(server, failure.pinnedFingerprint);
        if (!presented.isEmpty())
            message += QStringLiteral("; it presented a chain ending in %1").arg(presented);
        message += QStringLiteral(". If the CA was replaced, bootstrap again with its new "
                                  "fingerprint; otherwise this is not your CA");
    } else {
        message = QStringLiteral("the TLS handshake with %1 failed").arg(server);
    }
    if (!details.isEmpty())
        message += QStringLiteral(" (%1)").arg(details.join(QStringLiteral("; ")));
    return Error(ErrorCode::VerificationFailed, message)
        .withReason(QStringLiteral("untrusted-server"));
}

Error certificateRefused(const QUrl &url)
{
    return Error(ErrorCode::Unauthorized,
                 QStringLiteral("the server %1 refused your certificate (revoked or expired?)")
                     .arg(ClientError::serverName(url)))
        .withReason(QStringLiteral("certificate-refused"));
}

QString humanWait(qint64 seconds)
{
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg((seconds + 59) / 60);
    return QStringLiteral("%1 h").arg((seconds + 3599) / 3600);
}

ErrorCode codeForStatus(int status)
{
    switch (status) {
    case 400:
    case 413:
    case 422: return ErrorCode::InvalidInput;
    case 401: return ErrorCode::Unauthorized;
    case 403: return ErrorCode::Forbidden;
    case 404: return ErrorCode::NotFound;
    case 409: return ErrorCode::Conflict;
    case 429: return ErrorCode::RateLimited;
    case 501: return ErrorCode::Unsupported;
    case 502:
    case 503:
    case 504: return ErrorCode::NetworkError;
    default: return ErrorCode::Internal;
    }
}

} // namespace

QString ClientError::serverName(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QString ClientError::operationName(ClientOperation operation)
{
    switch (operation) {
    case ClientOperation::Bootstrap: return QStringLiteral("bootstrapping trust");
    case ClientOperation::RequestCode: return QStringLiteral("requesting a code");
    case ClientOperation::ExchangeCode: return QStringLiteral("exchanging the code");
    case ClientOperation::RevocationToken: return QStringLiteral("asking for a revocation token");
    case ClientOperation::Sign: return QStringLiteral("signing the certificate request");
    case ClientOperation::Renew: return QStringLiteral("renewing the certificate");
    case ClientOperation::Revoke: return QStringLiteral("revoking the certificate");
    }
    return {};
}

std::optional<qint64> ClientError::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(seconds) : std::nullopt;
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(trimmed), Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    // Round up: waiting a fraction of a second too long is better than too short.
    return std::max<qint64>(0, (now.msecsTo(when) + 999) / 1000);
}

Error ClientError::fromTransport(const TransportFailure &failure, ClientOperation operation)
{
    const QString server = serverName(failure.url);
    switch (failure.error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what a transfer timeout reports
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError: {
        QString why;
        if (failure.error == QNetworkReply::ConnectionRefusedError)
            why = QStringLiteral("nothing is listening there (connection refused)");
        else if (failure.error == QNetworkReply::HostNotFoundError)
            why = QStringLiteral("host %1 not found").arg(failure.url.host());
        else if (failure.error == QNetworkReply::TimeoutError
                 || failure.error == QNetworkReply::OperationCanceledError)
            why = QStringLiteral("no answer in time");
        else
            why = failure.errorString;
        return Error(ErrorCode::NetworkError,
                     QStringLiteral("cannot reach the server %1 while %2: %3. Check the URL, "
                                    "your network, and that the server is running")
                         .arg(server, operationName(operation), why))
            .withReason(QStringLiteral("unreachable"));
    }
    case QNetworkReply::SslHandshakeFailedError:
        if (failure.sslErrors.isEmpty() && failure.clientCertificateSent)
            return certificateRefused(failure.url);
        return untrustedServer(failure);
    case QNetworkReply::RemoteHostClosedError:
        // A TLS server refusing a client certificate just closes the connection.
        if (failure.clientCertificateSent)
            return certificateRefused(failure.url);
        return Error(ErrorCode::NetworkError,
                     QStringLiteral("the server %1 closed the connection while %2")
                         .arg(server, operationName(operation)))
            .withReason(QStringLiteral("connection-closed"));
    default: break;
    }
    if (!failure.sslErrors.isEmpty())
        return untrustedServer(failure);
    return Error(ErrorCode::NetworkError,
                 QStringLiteral("%1 with %2 failed: %3")
                     .arg(operationName(operation), server, failure.errorString));
}

Error ClientError::fromHttp(int status, const QByteArray &body, const QByteArray &retryAfter,
                            ClientOperation operation, const QUrl &url, const QDateTime &now)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    QString message = json.value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(200)).simplified();
    if (message.isEmpty())
        message = QStringLiteral("no details");
    const QString reason = json.value(QStringLiteral("reason")).toString();
    const QString server = serverName(url);
    const auto keep = [&reason](Error error, const QString &fallbackReason = {}) {
        const QString chosen = reason.isEmpty() ? fallbackReason : reason;
        return chosen.isEmpty() ? error : error.withReason(chosen);
    };

    if (status == 429) {
        const auto wait = parseRetryAfter(retryAfter, now);
        const QString text = wait
            ? QStringLiteral("too many requests: wait %1 before trying again (%2)")
                  .arg(humanWait(*wait), message)
            : QStringLiteral("too many requests: wait a while before trying again (%1)")
                  .arg(message);
        return keep(Error(ErrorCode::RateLimited, text), QStringLiteral("rate-limited"));
    }

    if (status == 401) {
        switch (operation) {
        case ClientOperation::ExchangeCode:
        case ClientOperation::RevocationToken:
            if (reason == QLatin1String("wrong-code"))
                return keep(Error(ErrorCode::Unauthorized,
                                  QStringLiteral("the code is not right (%1)").arg(message)));
            if (reason == QLatin1String("attempts-exhausted"))
                return keep(Error(ErrorCode::Unauthorized,
                                  QStringLiteral("the code was entered wrongly too many times: "
                                                 "request a new code")));
            if (reason == QLatin1String("no-code"))
                return keep(Error(ErrorCode::Unauthorized,
                                  QStringLiteral("no code is pending: it expired or was already "
                                                 "used; request a new one")));
            break;
        case ClientOperation::Renew:
            return keep(Error(ErrorCode::Unauthorized,
                              QStringLiteral("the CA %1 refused to renew your certificate: it "
                                             "has been revoked, has expired, or this CA did not "
                                             "issue it. Enrol again for a new one (%2)")
                                  .arg(server, message)),
                        QStringLiteral("certificate-refused"));
        case ClientOperation::Sign:
            return keep(Error(ErrorCode::Unauthorized,
                              QStringLiteral("the CA %1 refused the token (expired or already "
                                             "used): exchange a new code (%2)")
                                  .arg(server, message)),
                        QStringLiteral("token-refused"));
        case ClientOperation::Revoke:
            return keep(Error(ErrorCode::Unauthorized,
                              QStringLiteral("the CA %1 refused the revocation: the token or "
                                             "certificate was not accepted (%2)")
                                  .arg(server, message)),
                        QStringLiteral("revocation-refused"));
        default: break;
        }
    }

    if (status == 409 && operation == ClientOperation::RequestCode)
        return keep(Error(ErrorCode::Conflict, message), QStringLiteral("code-pending"));

    if (status == 502 && operation == ClientOperation::RequestCode)
        return keep(Error(ErrorCode::NetworkError,
                          QStringLiteral("the server could not deliver the code (%1); try again "
                                         "later")
                              .arg(message)),
                    QStringLiteral("delivery-failed"));

    return keep(Error(codeForStatus(status),
                      QStringLiteral("%1: %2 answered %3: %4")
                          .arg(operationName(operation), server)
                          .arg(status)
                          .arg(message)));
}

} // namespace certigram
