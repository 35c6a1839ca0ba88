#include "testpki.h"

#include "crypto/certificatebuilder.h"

#include <QSslCertificate>
#include <QSslKey>

namespace certigram::test {

namespace {

QSslKey toSslKey(const PrivateKey &key)
{
    auto pem = key.toPem();
    Q_ASSERT(pem.ok());
    return QSslKey(pem->toByteArrayUnsafe(), QSsl::Ec, QSsl::Pem);
}

QSslCertificate toSslCertificate(const Certificate &certificate)
{
    return QSslCertificate(certificate.toPem(), QSsl::Pem);
}

} // namespace

TestPki::TestPki(const QString &name)
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    Q_ASSERT(key.ok());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto root = CertificateBuilder()
                    .setSubject(name, QStringLiteral("Certigram Tests"))
                    .setSubjectPublicKey(key->publicKey())
                    .setValidity(now.addSecs(-60), now.addDays(30))
                    .setCertificateAuthority(true, 1)
                    .selfSigned(key.value());
    Q_ASSERT(root.ok());
    m_root = {key.value(), root.value()};
}

TestPki::Identity TestPki::issue(const QString &commonName, const QStringList &sans,
                                 int lifetimeSeconds) const
{
    auto key = PrivateKey::generate(KeyType::EcP256);
    Q_ASSERT(key.ok());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto certificate = CertificateBuilder()
                           .setSubject(commonName)
                           .setSubjectPublicKey(key->publicKey())
                           .setSubjectAltNames(SubjectAltNames::fromList(
                               sans.isEmpty() ? QStringList{commonName} : sans))
                           .setValidity(now.addSecs(-60), now.addSecs(lifetimeSeconds))
                           .signedBy(m_root.certificate, m_root.key);
    Q_ASSERT(certificate.ok());
    return {key.value(), certificate.value()};
}

TestPki::Identity TestPki::server() const
{
    return issue(QStringLiteral("localhost"),
                 {QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")});
}

QSslConfiguration TestPki::serverConfiguration(const Identity &identity) const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain({toSslCertificate(identity.certificate)});
    configuration.setPrivateKey(toSslKey(identity.key));
    configuration.setCaCertificates({toSslCertificate(m_root.certificate)});
    return configuration;
}

QSslConfiguration TestPki::clientConfiguration(const Identity *identity) const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({toSslCertificate(m_root.certificate)});
    if (identity) {
        configuration.setLocalCertificate(toSslCertificate(identity->certificate));
        configuration.setPrivateKey(toSslKey(identity->key));
    }
    return configuration;
}

} // namespace certigram::test
