#pragma once

#include "client/clienterror.h"
#include "core/result.h"
#include "crypto/certificate.h"
#include "crypto/privatekey.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace certigram {

// Every asynchronous client call takes a context object and a callback: the callback runs
// once, on the context's thread, unless the context is destroyed first.
template<typename T>
using ClientCallback = std::function<void(Result<T>)>;

// A certificate and its key, presented as TLS client certificate (mutual TLS).
struct ClientIdentity
{
    Certificate certificate;
    PrivateKey key;
    QList<Certificate> chain; // intermediates, may be empty
};

// An HTTP answer of any status.
struct HttpAnswer
{
    int status = 0;
    QByteArray body;
    QByteArray retryAfter;
    QList<QSslCertificate> peerChain; // the server's TLS chain
    QUrl url;
};

// The transport under RaClient, CaClient and TrustBootstrap: its own QNetworkAccessManager,
// JSON requests with a transfer timeout, and failures without an HTTP answer turned into
// ClientErrors. Asynchronous only.
class ClientTransport : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{30000};

    explicit ClientTransport(QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    void get(const QUrl &url, const QSslConfiguration &tls, ClientOperation operation,
             QObject *context, ClientCallback<HttpAnswer> done);
    // POST with a JSON body (an empty object sends an empty body).
    void post(const QUrl &url, const QJsonObject &body, const QSslConfiguration &tls,
              ClientOperation operation, QObject *context, ClientCallback<HttpAnswer> done);
    // Drops kept-alive connections: needed whenever the client certificate changes, since
    // QNetworkAccessManager reuses TLS connections across configurations.
    void clearConnections();

    // TLS that trusts exactly `root` and verifies the server.
    static QSslConfiguration pinnedTls(const Certificate &root);
    // TLS that verifies nothing (trust bootstrap only).
    static QSslConfiguration unverifiedTls();
    // `tls` plus a client certificate and key.
    static Result<QSslConfiguration> withClientIdentity(QSslConfiguration tls,
                                                        const ClientIdentity &identity);
    // base + "/" + path, keeping a base path ("https://h/ca" + "roots" → "https://h/ca/roots").
    static QUrl endpoint(const QUrl &base, const QString &path);

    // A 2xx answer's JSON body as T (T::fromJson), anything else as an Error.
    template<typename T>
    static Result<T> decode(const Result<HttpAnswer> &answer, ClientOperation operation)
    {
        if (!answer)
            return answer.error();
        if (answer->status < 200 || answer->status > 299)
            return ClientError::fromHttp(answer->status, answer->body, answer->retryAfter,
                                         operation, answer->url);
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(answer->body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("%1: %2 answered %3 with a body that is not a JSON "
                                        "object")
                             .arg(ClientError::operationName(operation),
                                  ClientError::serverName(answer->url))
                             .arg(answer->status));
        auto value = T::fromJson(document.object());
        if (!value)
            return value.error().withContext(QStringLiteral("%1: unexpected answer from %2")
                                                 .arg(ClientError::operationName(operation),
                                                      ClientError::serverName(answer->url)));
        return value;
    }

private:
    void send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
              const QSslConfiguration &tls, ClientOperation operation, QObject *context,
              ClientCallback<HttpAnswer> done);

    QNetworkAccessManager *m_network;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
};

} // namespace certigram
