#pragma once

#include "core/result.h"
#include "crypto/certificate.h"
#include "http/httpreply.h"
#include "http/httprequest.h"
#include "protocol/stepcamessages.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace certigram {

class CertificateAuthority;
class HttpListener;

// step-ca's HTTP API for the embedded CA: routes at "/" and "/1.0/", bodies decoded the
// way step-ca's Go decodes them, answers and errors shaped as step-ca's.
//
//   GET  health, version, roots (201, as step-ca), root/{sha256}, provisioners, crl (DER;
//        ?pem for PEM)
//   POST sign (201), renew (201, mutual TLS), revoke (200)
//
// Decoding follows Go's encoding/json into step-ca's request structs, so that bad input
// gets the answer step-ca gives: field names match case-insensitively, null and absent
// fields mean the zero value, text after the first JSON value is ignored, and anything
// that does not fit a field's type is 400 "error decoding json". The rules about what the
// values mean are the CertificateAuthority's.
//
// The handlers only read the router and call the thread-safe authority, so the listener's
// worker threads may run them in parallel.
class CaRouter
{
public:
    explicit CaRouter(std::shared_ptr<CertificateAuthority> authority);

    // Registers every route on `listener`; the handlers keep the authority alive.
    static void install(HttpListener &listener, std::shared_ptr<CertificateAuthority> authority);

    HttpReply health(const HttpRequest &request) const;
    HttpReply version(const HttpRequest &request) const;
    HttpReply roots(const HttpRequest &request) const;
    HttpReply root(const HttpRequest &request) const;
    HttpReply provisioners(const HttpRequest &request) const;
    HttpReply sign(const HttpRequest &request) const;
    HttpReply renew(const HttpRequest &request) const;
    HttpReply revoke(const HttpRequest &request) const;
    HttpReply crl(const HttpRequest &request) const;

    static Result<SignRequest> decodeSignRequest(const QByteArray &body);
    static Result<RevokeRequest> decodeRevokeRequest(const QByteArray &body);
    // {"status","message"} with the CaError mapping; 500s say nothing about the inside.
    static HttpReply errorReply(const Error &error);
    // The client's TLS certificate chain, DER, leaf first.
    static QList<QByteArray> peerChain(const HttpRequest &request);

private:
    std::shared_ptr<CertificateAuthority> m_authority;
};

} // namespace certigram
