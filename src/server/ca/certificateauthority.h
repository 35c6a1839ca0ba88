#pragma once

#include "ca/cakeystore.h"
#include "ca/certificaterecordstore.h"
#include "ca/certificaterevocationlist.h"
#include "ca/verifiedclientcache.h"
#include "core/result.h"
#include "crypto/certificate.h"
#include "crypto/certificatebuilder.h"
#include "crypto/onetimetokenverifier.h"
#include "crypto/privatekey.h"
#include "db/usedtokenstore.h"
#include "protocol/stepcamessages.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>

namespace certigram {

class Database;

// The embedded step-ca-compatible certificate authority: the rules of step-ca's
// authority/ and JWK provisioner, without HTTP (CaRouter speaks HTTP for it) and with the
// database for all state. Answers are what step-ca 0.19 answers (statuses and messages
// observed on the real one, see CaError), with the newer rule that a revoke token's sub
// must be the serial.
//
// Where it differs from step-ca, on purpose:
// - a token's signature and claims are checked before its jti is spent (step-ca spends it
//   first, so a forged token could burn the jti of a real one);
// - no "token issued before the CA started" check: step-ca calls it a stopgap for a
//   missing persistence layer, and spent jtis here persist in the database;
// - renewal needs a certificate this CA has a record of (step-ca renews whatever passes
//   its TLS handshake), and a client certificate the TLS layer did not verify is a 401
//   here, where step-ca's handshake refuses it (a shared listener can only ask for one);
// - leaves carry no step provisioner extension (OID 1.3.6.1.4.1.37476.9000.64.1), and a
//   sub longer than 64 characters is refused (400), as OpenSSL keeps RFC 5280's bound.
//
// Thread-safe: the configuration and keys are immutable after construction, state lives
// in the database (one connection per thread), and the cached CRL behind a mutex. Every
// method may be called from any worker thread.
class CertificateRequest;

class CertificateAuthority
{
public:
    struct Config
    {
        // DNS names and IP addresses clients reach the CA by: tokens must name one of them
        // in their audience (https://<name>/1.0/sign or …/1.0/revoke, and the other forms
        // step-ca accepts: /sign, /1.0/ssh/sign, /ssh/sign, /revoke; the port is ignored, as
        // step-ca does), and the server's own TLS certificate carries them as SANs.
        QStringList names = defaultNames();
        // step-ca's defaults for TLS certificates (its claims defaultTLSCertDuration,
        // minTLSCertDuration, maxTLSCertDuration) and backdate.
        std::chrono::seconds defaultLifetime{24 * 3600};
        std::chrono::seconds minimumLifetime{5 * 60};
        std::chrono::seconds maximumLifetime{24 * 3600};
        std::chrono::seconds backdate{60};
        // How long a CRL is valid (its nextUpdate); a cached one is remade halfway.
        std::chrono::seconds crlLifetime{24 * 3600};
        // Who may sign tokens; empty means the key store's provisioner alone.
        QList<TokenProvisioner> provisioners;
        // GET /version.
        QString version = defaultVersion();
        // Sent with every certificate, as step-ca sends its "tls" configuration.
        QJsonObject tlsOptions = defaultTlsOptions();

        // localhost, 127.0.0.1 and this machine's host name.
        static QStringList defaultNames();
        static QString defaultVersion();
        // What `step ca init` writes into ca.json.
        static QJsonObject defaultTlsOptions();
    };

    // A certificate just issued. Kept as the DER it was signed as: under OpenSSL 3.0,
    // parsing it back would cost more than signing it.
    struct Issued
    {
        QByteArray der;
        CertificateRecord record; // as recorded: serial, subject, SANs, validity
        Certificate intermediate; // its issuer

        // Parsed on demand.
        Result<Certificate> certificate() const;
        // The chain step-ca returns: the leaf, then the intermediate.
        Result<QList<Certificate>> chain() const;
    };

    // Fails with InvalidInput for an unusable configuration (no names, lifetimes out of
    // order, a provisioner without a usable key).
    static Result<std::shared_ptr<CertificateAuthority>> create(const CaKeyStore &keys,
                                                                Config config, Database &database);

    // POST /1.0/sign. In step-ca's order: the CSR (400 missing / invalid), the token (401:
    // provisioner by kid+iss, signature, audience, times, jti used once), then policy
    // (403: CN = sub when the CSR has one, each SAN kind present in the CSR = the token's,
    // RSA ≥ 2048, lifetime within bounds; 400 for a notAfter in the past). The certificate
    // carries the token's sub and sans (step-ca's default template), is recorded, and only
    // then returned.
    Result<Issued> sign(const SignRequest &request, const QDateTime &now);

    // POST /1.0/renew with mutual TLS. The client's chain must have been verified by the
    // TLS layer (`peerVerified`) and verify again to this CA's root for clientAuth; the
    // certificate must be one this CA recorded and has not revoked. The new one has the
    // same subject, SANs, key and lifetime (capped at the maximum), starting now.
    // `peerChain` is the chain the client presented, DER, leaf first.
    Result<Issued> renew(const QList<QByteArray> &peerChain, bool peerVerified,
                         const QDateTime &now);

    // POST /1.0/revoke. passive must be true (else 501); by token (aud …/1.0/revoke, sub =
    // the serial) or by mutual TLS with the certificate itself (its serial = `serial`).
    // An unknown serial is recorded as revoked, as step-ca accepts it; an already revoked
    // one is refused with step-ca's 400. Regenerates the CRL.
    Result<void> revoke(const RevokeRequest &request, const QList<QByteArray> &peerChain,
                        bool peerVerified, const QDateTime &now);

    // The current CRL: made anew when anything was revoked since (by any server instance
    // on the database) or when half its lifetime has passed.
    Result<CertificateRevocationList> crl(const QDateTime &now);

    // A TLS certificate for this server itself: CN = the first DNS name (the first name
    // when all are IPs), SANs = all names, the default lifetime; recorded like any other
    // (provisioner empty). The caller renews it before it expires.
    Result<Issued> issueServerCertificate(const PublicKey &key, const QDateTime &now);

    const Config &config() const { return m_config; }
    const Certificate &root() const { return m_root; }
    const Certificate &intermediate() const { return m_intermediate; }
    QString rootFingerprint() const { return m_rootFingerprint; }
    // GET /root/{sha256}: hex in either case, colons or dashes allowed.
    std::optional<Certificate> rootByFingerprint(const QString &sha256) const;
    // GET /provisioners: public keys only, never an encrypted private key.
    ProvisionersResponse provisioners() const;
    // The JSON body of a sign or renew answer.
    SignResponse response(const Issued &issued) const;

    // What the CA issued and revoked, for admin views and metrics.
    CertificateRecordStore &records() { return m_records; }

private:
    struct Validity
    {
        QDateTime notBefore;
        QDateTime notAfter;
    };
    struct CachedCrl
    {
        RevocationState state;
        CertificateRevocationList crl;
    };

    CertificateAuthority(const CaKeyStore &keys, CertificateBuilder::Issuer issuer, Config config,
                         Database &database);

    Result<Validity> validity(const SignRequest &request, const QDateTime &now) const;
    // The JWK provisioner's checks of a sign request against its token, in step-ca's order;
    // the certificate's validity when they pass, the refusal (logged) otherwise.
    Result<Validity> signingPolicy(const SignRequest &request, const CertificateRequest &csr,
                                   const OneTimeTokenClaims &claims, const QDateTime &now) const;
    // Signs and records a certificate. `keyInfo` is the key's SubjectPublicKeyInfo as a
    // request held it, or empty (see CertificateBuilder::setSubjectPublicKey()). With
    // `token`, that token is spent in the same transaction as the record is written
    // (Unauthorized when it was spent before).
    Result<Issued> issue(const QString &commonName, const SubjectAltNames &names,
                         const PublicKey &key, const QByteArray &keyInfo, const Validity &validity,
                         const QString &provisioner, const QDateTime &now,
                         const OneTimeTokenClaims *token = nullptr);
    // The client's certificate, verified to this CA; Unauthorized otherwise.
    Result<Certificate> verifiedClient(const QList<QByteArray> &peerChain, bool peerVerified,
                                       const QDateTime &now, const char *purpose);
    // The token's claims if it verifies at `now`; Unauthorized (reason logged) otherwise.
    Result<OneTimeTokenClaims> verifyToken(const OneTimeTokenVerifier &verifier,
                                           const QString &token, const QDateTime &now,
                                           const char *purpose) const;
    // Spends the token's jti; Unauthorized when it was spent before, on any instance.
    Result<void> useOnce(const OneTimeTokenClaims &claims, const QDateTime &now,
                         const char *purpose);
    void logReplay(const OneTimeTokenClaims &claims, const char *purpose) const;
    Result<CertificateRevocationList> makeCrl(const RevocationState &state, const QDateTime &now);

    const Config m_config;
    const Certificate m_root;
    const QString m_rootFingerprint;
    const Certificate m_intermediate;
    const PrivateKey m_intermediateKey;
    const CertificateBuilder::Issuer m_issuer; // the intermediate, checked once for signing
    const QDateTime m_intermediateNotAfter; // no leaf outlives it
    const QString m_intermediatePem; // in every sign and renew answer
    const OneTimeTokenVerifier m_signTokens;
    const OneTimeTokenVerifier m_revokeTokens;
    Database &m_database;
    CertificateRecordStore m_records;
    UsedTokenStore m_usedTokens;
    VerifiedClientCache m_verifiedClients;

    QMutex m_crlMutex;
    std::optional<CachedCrl> m_crl; // guarded by m_crlMutex
};

} // namespace certigram
