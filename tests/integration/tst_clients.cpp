#include "client/caclient.h"
#include "client/clienterror.h"
#include "client/raclient.h"
#include "client/trustbootstrap.h"
#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/chainverifier.h"
#include "crypto/privatekey.h"
#include "serverprocess.h"
#include "testpki.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

using namespace certigram;
using certigram::test::ServerProcess;

namespace {

// Collects one asynchronous answer; wait() spins the test's event loop until it arrives.
template<typename T>
class Answer
{
public:
    ClientCallback<T> callback()
    {
        return [this](Result<T> result) { m_result.emplace(std::move(result)); };
    }
    bool wait()
    {
        return QTest::qWaitFor([this] { return m_result.has_value(); }, 40000);
    }
    const Result<T> &result() const { return *m_result; }

private:
    std::optional<Result<T>> m_result;
};

QString describe(const Error &error)
{
    return QStringLiteral("%1 [%2] %3")
        .arg(Error::codeName(error.code()), error.reason(), error.message());
}

} // namespace

#define WAIT_OK(answer) \
    do { \
        QVERIFY((answer).wait()); \
        QVERIFY2((answer).result().ok(), \
                 (answer).result().ok() ? "" : qPrintable(describe((answer).result().error()))); \
    } while (false)

#define WAIT_FAILS(answer) \
    do { \
        QVERIFY((answer).wait()); \
        QVERIFY2(!(answer).result().ok(), "succeeded unexpectedly"); \
        qInfo().noquote() << "error:" << describe((answer).result().error()); \
    } while (false)

// RaClient, CaClient and TrustBootstrap against a real certigram-server process on loopback
// (embedded CA, console notifier: the codes are read from its output).
class TestClients : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bootstrapAcceptsTheRightFingerprint();
    void bootstrapRefusesAWrongFingerprint();
    void bootstrapRefusesAMalformedFingerprint();
    void enrolEndToEnd();
    void wrongCodeSaysHowManyAttemptsAreLeft();
    void secondCodeWhilePendingIsAConflict();
    void renewWithMutualTlsGivesANewSerial();
    void revokeByMutualTlsThenRenewIsRefused();
    void revokeWithALostKey();
    void unreachableServerIsAClearError();
    void untrustedServerIsAClearError();
    void retryAfterIsInTheMessage();

private:
    struct Enrolled
    {
        PrivateKey key;
        Certificate certificate;
        QList<Certificate> chain;
    };
    std::optional<Enrolled> enrol(const QString &subject);
    QUrl url() const { return QUrl(QStringLiteral("https://localhost:%1").arg(m_server->port())); }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    Certificate m_root;
    std::optional<Enrolled> m_enrolled;
};

void TestClients::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(CERTIGRAM_SERVER_BINARY)));
    const QString dataDir = m_dir.filePath(QStringLiteral("server"));
    m_server = std::make_unique<ServerProcess>(QStringLiteral(CERTIGRAM_SERVER_BINARY), dataDir);
    QVERIFY2(m_server->start(), m_server->output().constData());
    QFile rootFile(dataDir + QStringLiteral("/ca/root_ca.crt"));
    QVERIFY(rootFile.open(QIODevice::ReadOnly));
    auto root = Certificate::fromPem(rootFile.readAll());
    QVERIFY(root.ok());
    m_root = root.value();
}

void TestClients::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->terminate(), 0);
}

void TestClients::bootstrapAcceptsTheRightFingerprint()
{
    // As people paste it: upper case with colons.
    const QString pasted = Certificate::colonSeparatedHex(m_server->fingerprint()).toUpper();
    TrustBootstrap bootstrap;
    Answer<Certificate> answer;
    bootstrap.bootstrap(url(), pasted, this, answer.callback());
    WAIT_OK(answer);
    QCOMPARE(answer.result()->sha256Fingerprint(), m_server->fingerprint());
    QVERIFY(answer.result().value() == m_root);
}

void TestClients::bootstrapRefusesAWrongFingerprint()
{
    const QString wrong = QString(64, QLatin1Char('a'));
    TrustBootstrap bootstrap;
    Answer<Certificate> answer;
    bootstrap.bootstrap(url(), wrong, this, answer.callback());
    WAIT_FAILS(answer);
    const Error &error = answer.result().error();
    QCOMPARE(error.code(), ErrorCode::VerificationFailed);
    QCOMPARE(error.reason(), QStringLiteral("fingerprint-mismatch"));
    QVERIFY2(error.message().contains(wrong), qPrintable(error.message()));
    QVERIFY2(error.message().contains(m_server->fingerprint()), qPrintable(error.message()));
}

void TestClients::bootstrapRefusesAMalformedFingerprint()
{
    TrustBootstrap bootstrap;
    Answer<Certificate> answer;
    bootstrap.bootstrap(url(), QStringLiteral("12:34"), this, answer.callback());
    WAIT_FAILS(answer);
    QCOMPARE(answer.result().error().code(), ErrorCode::InvalidInput);
}

std::optional<TestClients::Enrolled> TestClients::enrol(const QString &subject)
{
    RaClient ra(url(), m_root);
    Answer<CodeResponse> code;
    ra.requestCode(subject, CodePurpose::Enroll, this, code.callback());
    if (!code.wait() || !code.result().ok()) {
        qWarning() << "requestCode failed";
        return std::nullopt;
    }
    if (!QTest::qWaitFor([&] { return !m_server->codeFor(subject).isEmpty(); }, 10000))
        return std::nullopt;

    Answer<TokenResponse> token;
    ra.exchangeCode(subject, m_server->codeFor(subject), this, token.callback());
    if (!token.wait() || !token.result().ok()) {
        qWarning() << "exchangeCode failed";
        return std::nullopt;
    }

    auto key = PrivateKey::generate(KeyType::EcP256);
    auto csr
        = CertificateRequest::build(key.value(), subject, SubjectAltNames::fromList({subject}));
    if (!key || !csr)
        return std::nullopt;
    CaClient ca(token.result()->caUrl, m_root);
    Answer<SignResponse> issued;
    ca.sign(QString::fromLatin1(csr->toPem()), token.result()->ott, std::nullopt, this,
            issued.callback());
    if (!issued.wait() || !issued.result().ok()) {
        qWarning() << "sign failed:" << describe(issued.result().error());
        return std::nullopt;
    }
    auto certificate = Certificate::fromPem(issued.result()->crt.toUtf8());
    auto intermediate = Certificate::fromPem(issued.result()->ca.toUtf8());
    if (!certificate || !intermediate)
        return std::nullopt;
    return Enrolled{key.value(), certificate.value(), {intermediate.value()}};
}

void TestClients::enrolEndToEnd()
{
    const QString subject = QStringLiteral("700100");
    m_enrolled = enrol(subject);
    QVERIFY(m_enrolled);
    QCOMPARE(m_enrolled->certificate.commonName(), subject);
    QVERIFY(m_enrolled->certificate.matchesPrivateKey(m_enrolled->key));
    ChainVerifier verifier(m_root);
    QVERIFY(verifier.verify(m_enrolled->certificate, m_enrolled->chain).ok());
}

void TestClients::wrongCodeSaysHowManyAttemptsAreLeft()
{
    const QString subject = QStringLiteral("700200");
    RaClient ra(url(), m_root);
    Answer<CodeResponse> code;
    ra.requestCode(subject, CodePurpose::Enroll, this, code.callback());
    WAIT_OK(code);
    QTRY_VERIFY(!m_server->codeFor(subject).isEmpty());
    const QString right = m_server->codeFor(subject);
    const QString wrong
        = right == QStringLiteral("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    Answer<TokenResponse> token;
    ra.exchangeCode(subject, wrong, this, token.callback());
    WAIT_FAILS(token);
    const Error &error = token.result().error();
    QCOMPARE(error.code(), ErrorCode::Unauthorized);
    QCOMPARE(error.reason(), QStringLiteral("wrong-code"));
    QVERIFY2(error.message().contains(QStringLiteral("4 attempt(s) left")),
             qPrintable(error.message()));
}

void TestClients::secondCodeWhilePendingIsAConflict()
{
    // 700200 has a pending code from the previous test.
    RaClient ra(url(), m_root);
    Answer<CodeResponse> code;
    ra.requestCode(QStringLiteral("700200"), CodePurpose::Enroll, this, code.callback());
    WAIT_FAILS(code);
    QCOMPARE(code.result().error().code(), ErrorCode::Conflict);
    QCOMPARE(code.result().error().reason(), QStringLiteral("code-pending"));
}

void TestClients::renewWithMutualTlsGivesANewSerial()
{
    QVERIFY(m_enrolled);
    CaClient ca(url(), m_root);
    Answer<SignResponse> renewed;
    ca.renew({m_enrolled->certificate, m_enrolled->key, m_enrolled->chain}, this,
             renewed.callback());
    WAIT_OK(renewed);
    auto certificate = Certificate::fromPem(renewed.result()->crt.toUtf8());
    QVERIFY(certificate.ok());
    QVERIFY(certificate->serialDecimal() != m_enrolled->certificate.serialDecimal());
    QCOMPARE(certificate->commonName(), m_enrolled->certificate.commonName());
    QVERIFY(certificate->matchesPrivateKey(m_enrolled->key));
    m_enrolled->certificate = certificate.value();
}

void TestClients::revokeByMutualTlsThenRenewIsRefused()
{
    QVERIFY(m_enrolled);
    const ClientIdentity identity{m_enrolled->certificate, m_enrolled->key, m_enrolled->chain};
    RaClient ra(url(), m_root);
    Answer<RevocationTokenResponse> token;
    ra.revocationToken(QString::fromLatin1(m_enrolled->certificate.toPem()), std::nullopt, identity,
                       this, token.callback());
    WAIT_OK(token);
    QCOMPARE(token.result()->serial, m_enrolled->certificate.serialDecimal());

    CaClient ca(token.result()->caUrl, m_root);
    Answer<RevokeResponse> revoked;
    ca.revoke(token.result()->serial, token.result()->ott, 1, QStringLiteral("key compromise"),
              identity, this, revoked.callback());
    WAIT_OK(revoked);

    Answer<SignResponse> renewed;
    ca.renew(identity, this, renewed.callback());
    WAIT_FAILS(renewed);
    const Error &error = renewed.result().error();
    QCOMPARE(error.code(), ErrorCode::Unauthorized);
    QVERIFY2(error.message().contains(QStringLiteral("refused to renew your certificate")),
             qPrintable(error.message()));
    QVERIFY2(error.message().contains(QStringLiteral("revoked")), qPrintable(error.message()));
}

void TestClients::revokeWithALostKey()
{
    const QString subject = QStringLiteral("700300");
    const auto enrolled = enrol(subject);
    QVERIFY(enrolled);

    // The key is gone: prove ownership with a purpose "revoke" code instead.
    RaClient ra(url(), m_root);
    Answer<CodeResponse> code;
    ra.requestCode(subject, CodePurpose::Revoke, this, code.callback());
    WAIT_OK(code);
    QTRY_COMPARE(m_server->codesPrintedFor(subject), 2);
    Answer<RevocationTokenResponse> token;
    ra.revocationToken(QString::fromLatin1(enrolled->certificate.toPem()),
                       m_server->codeFor(subject), std::nullopt, this, token.callback());
    WAIT_OK(token);

    CaClient ca(token.result()->caUrl, m_root);
    Answer<RevokeResponse> revoked;
    ca.revoke(token.result()->serial, token.result()->ott, 0, QStringLiteral("lost the laptop"),
              std::nullopt, this, revoked.callback());
    WAIT_OK(revoked);

    // And the certificate is no good for renewal any more.
    Answer<SignResponse> renewed;
    ca.renew({enrolled->certificate, enrolled->key, enrolled->chain}, this, renewed.callback());
    WAIT_FAILS(renewed);
    QCOMPARE(renewed.result().error().code(), ErrorCode::Unauthorized);
}

void TestClients::unreachableServerIsAClearError()
{
    const quint16 closed = certigram::test::freeLoopbackPort();
    RaClient ra(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(closed)), m_root);
    Answer<CodeResponse> code;
    ra.requestCode(QStringLiteral("700400"), CodePurpose::Enroll, this, code.callback());
    WAIT_FAILS(code);
    const Error &error = code.result().error();
    QCOMPARE(error.code(), ErrorCode::NetworkError);
    QCOMPARE(error.reason(), QStringLiteral("unreachable"));
    QVERIFY2(error.message().contains(
                 QStringLiteral("cannot reach the server 127.0.0.1:%1").arg(closed)),
             qPrintable(error.message()));
    QVERIFY2(error.message().contains(QStringLiteral("connection refused")),
             qPrintable(error.message()));

    TrustBootstrap bootstrap;
    Answer<Certificate> root;
    bootstrap.bootstrap(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(closed)),
                        m_server->fingerprint(), this, root.callback());
    WAIT_FAILS(root);
    QCOMPARE(root.result().error().reason(), QStringLiteral("unreachable"));
}

void TestClients::untrustedServerIsAClearError()
{
    const certigram::test::TestPki other(QStringLiteral("Some Other Root"));
    RaClient ra(url(), other.root());
    Answer<CodeResponse> code;
    ra.requestCode(QStringLiteral("700500"), CodePurpose::Enroll, this, code.callback());
    WAIT_FAILS(code);
    const Error &error = code.result().error();
    QCOMPARE(error.code(), ErrorCode::VerificationFailed);
    QCOMPARE(error.reason(), QStringLiteral("untrusted-server"));
    QVERIFY2(error.message().contains(QStringLiteral("does not chain to the pinned root")),
             qPrintable(error.message()));
    QVERIFY2(error.message().contains(other.root().sha256Fingerprint()),
             qPrintable(error.message()));
    QVERIFY2(!m_server->codesPrintedFor(QStringLiteral("700500")), "the request went through");
}

void TestClients::retryAfterIsInTheMessage()
{
    // The rate limit itself takes 20 requests from one address; its mapping is checked
    // on the answer the server sends.
    const Error error = ClientError::fromHttp(
        429,
        R"({"status":429,"message":"too many code requests from your address: retry in 90 s","reason":"rate-limited"})",
        "90", ClientOperation::RequestCode, url());
    QCOMPARE(error.code(), ErrorCode::RateLimited);
    QCOMPARE(error.reason(), QStringLiteral("rate-limited"));
    QVERIFY2(error.message().startsWith(QStringLiteral("too many requests: wait 90 s")),
             qPrintable(error.message()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(
        ClientError::parseRetryAfter(now.addSecs(600).toString(Qt::RFC2822Date).toLatin1(), now),
        std::optional<qint64>(600));
    QCOMPARE(ClientError::parseRetryAfter("soon", now), std::nullopt);
}

QTEST_GUILESS_MAIN(TestClients)
#include "tst_clients.moc"
