#include "client/clienttransport.h"

#include <openssl/evp.h>

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslKey>

#include <memory>

namespace certigram {

ClientTransport::ClientTransport(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{ }

void ClientTransport::get(const QUrl &url, const QSslConfiguration &tls, ClientOperation operation,
                          QObject *context, ClientCallback<HttpAnswer> done)
{
    send(QByteArrayLiteral("GET"), url, {}, tls, operation, context, std::move(done));
}

void ClientTransport::post(const QUrl &url, const QJsonObject &body, const QSslConfiguration &tls,
                           ClientOperation operation, QObject *context,
                           ClientCallback<HttpAnswer> done)
{
    send(QByteArrayLiteral("POST"), url,
         body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), tls,
         operation, context, std::move(done));
}

void ClientTransport::clearConnections()
{
    m_network->clearConnectionCache();
}

void ClientTransport::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                           const QSslConfiguration &tls, ClientOperation operation,
                           QObject *context, ClientCallback<HttpAnswer> done)
{
    QNetworkRequest request(url);
    if (url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(tls);
    request.setTransferTimeout(static_cast<int>(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (verb == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    QNetworkReply *reply
        = verb == "POST" ? m_network->post(request, body) : m_network->get(request);

    TransportFailure failure;
    failure.url = url;
    failure.clientCertificateSent = !tls.localCertificate().isNull();
    const QList<QSslCertificate> trusted = tls.caCertificates();
    if (tls.peerVerifyMode() != QSslSocket::VerifyNone && trusted.size() == 1)
        failure.pinnedFingerprint
            = QString::fromLatin1(trusted.first().digest(QCryptographicHash::Sha256).toHex());
    auto state = std::make_shared<TransportFailure>(std::move(failure));

    connect(reply, &QNetworkReply::sslErrors, reply,
            [state, reply](const QList<QSslError> &errors) {
                state->sslErrors = errors;
                state->peerChain = reply->sslConfiguration().peerCertificateChain();
            });
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, context ? context : this,
            [state, reply, operation, done = std::move(done)] {
                const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                if (!status.isValid()) {
                    state->error = reply->error();
                    state->errorString = reply->errorString();
                    if (state->peerChain.isEmpty())
                        state->peerChain = reply->sslConfiguration().peerCertificateChain();
                    done(ClientError::fromTransport(*state, operation));
                    return;
                }
                HttpAnswer answer;
                answer.status = status.toInt();
                answer.body = reply->readAll();
                answer.retryAfter = reply->rawHeader(QByteArrayLiteral("Retry-After"));
                answer.peerChain = reply->sslConfiguration().peerCertificateChain();
                answer.url = state->url;
                done(std::move(answer));
            });
}

QSslConfiguration ClientTransport::pinnedTls(const Certificate &root)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({QSslCertificate(root.toPem(), QSsl::Pem)});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

QSslConfiguration ClientTransport::unverifiedTls()
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({});
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

Result<QSslConfiguration> ClientTransport::withClientIdentity(QSslConfiguration tls,
                                                              const ClientIdentity &identity)
{
    if (identity.certificate.isNull() || identity.key.isNull())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a client certificate needs both a certificate and its key"));
    if (!identity.certificate.matchesPrivateKey(identity.key))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the private key does not belong to the certificate"));
    // The key goes to Qt as an opaque OpenSSL handle, which QSslKey then owns (hence the
    // extra reference): no PEM copy of the secret is made, and every key type works.
    if (EVP_PKEY_up_ref(identity.key.native()) != 1)
        return Error(ErrorCode::CryptoFailure, QStringLiteral("cannot reference the private key"));
    const QSslKey key(reinterpret_cast<Qt::HANDLE>(identity.key.native()), QSsl::PrivateKey);
    QList<QSslCertificate> chain{QSslCertificate(identity.certificate.toPem(), QSsl::Pem)};
    for (const Certificate &certificate : identity.chain)
        chain.append(QSslCertificate(certificate.toPem(), QSsl::Pem));
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    return tls;
}

QUrl ClientTransport::endpoint(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString basePath = base.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + QLatin1Char('/') + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

} // namespace certigram
