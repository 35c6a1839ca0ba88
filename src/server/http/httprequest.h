#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

namespace certigram {

// A request as handlers see it: a plain value, copied off the socket on the server's
// thread so the handler can run on a worker thread after the client has gone.
struct HttpRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;
    QStringList pathArguments; // the <arg> parts of the route, in order

    // The client's certificate chain (mutual TLS), leaf first; empty without one.
    QList<QSslCertificate> peerCertificateChain;
    // True only when the client presented a certificate and the TLS layer verified it
    // against the server's trusted CA certificates (no handshake errors).
    bool peerVerified = false;

    QByteArray header(const QByteArray &name) const;
};

} // namespace certigram
