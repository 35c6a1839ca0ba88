#include "app/certigramserver.h"

#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace certigram;

// The assembled server in-process (as the desktop app's admin mode will run it): its own
// TLS certificate comes from its CA and is renewed without a restart; the CA's key type is
// the admin's choice.
class TestCertigramServer : public QObject
{
    Q_OBJECT

private slots:
    void serverCertificateIsRenewedInPlace();
    void caKeyTypeIsConfigurable();

private:
    ServerConfig config(const QString &name) const;
    QSslCertificate peerCertificate(const CertigramServer &server,
                                    const QSslCertificate &root) const;

    QTemporaryDir m_dir;
};

ServerConfig TestCertigramServer::config(const QString &name) const
{
    ServerConfig config;
    config.dataDir = m_dir.filePath(name);
    config.listenPort = 0; // any free port
    config.caDnsNames = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
    return config;
}

QSslCertificate TestCertigramServer::peerCertificate(const CertigramServer &server,
                                                     const QSslCertificate &root) const
{
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({root});
    socket.setSslConfiguration(tls);
    QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port(),
                                  QStringLiteral("localhost"));
    if (!encrypted.wait(10000))
        return QSslCertificate();
    return socket.peerCertificate();
}

void TestCertigramServer::serverCertificateIsRenewedInPlace()
{
    ServerConfig settings = config(QStringLiteral("renew"));
    QVERIFY(settings.finish().ok());
    CertigramServer server(settings);
    auto started = server.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message()));
    const QList<QSslCertificate> roots
        = QSslCertificate::fromPath(settings.dataDir + QStringLiteral("/ca/root_ca.crt"));
    QCOMPARE(roots.size(), 1);

    const QSslCertificate before = peerCertificate(server, roots.first());
    QVERIFY(!before.isNull());
    QVERIFY(before.subjectAlternativeNames()
                .values(QSsl::DnsEntry)
                .contains(QStringLiteral("localhost")));
    server.renewServerCertificate();
    const QSslCertificate after = peerCertificate(server, roots.first());
    QVERIFY(!after.isNull());
    QVERIFY(after.serialNumber() != before.serialNumber()); // a new certificate…
    QVERIFY(after.expiryDate() >= before.expiryDate()); // …as long-lived, same port, no restart
    server.stop();
}

void TestCertigramServer::caKeyTypeIsConfigurable()
{
    ServerConfig settings = config(QStringLiteral("rsa"));
    settings.caKeyType = KeyType::Rsa3072;
    QVERIFY(settings.finish().ok());
    CertigramServer server(settings);
    QVERIFY(server.start().ok());
    const QList<QSslCertificate> roots
        = QSslCertificate::fromPath(settings.dataDir + QStringLiteral("/ca/root_ca.crt"));
    QCOMPARE(roots.size(), 1);
    QCOMPARE(roots.first().publicKey().algorithm(), QSsl::Rsa);
    QCOMPARE(roots.first().publicKey().length(), 3072);
    server.stop();
}

QTEST_GUILESS_MAIN(TestCertigramServer)
#include "tst_certigramserver.moc"
