// bench_ca_sign: POST /1.0/sign throughput of the embedded CA against a real step-ca 0.19
// on the same machine in the same run. P-256 CSRs and fresh tokens are made beforehand
// (not measured); C keep-alive HTTPS/1.1 connections then send N signs to each CA. Prints
// signs/s, the embedded/step-ca ratio, p50/p95 latency and `openssl speed ecdsap256` for
// reference. Asserts nothing (see bench/README.md for the targets).

#include "ca/cakeystore.h"
#include "ca/carouter.h"
#include "ca/certificateauthority.h"
#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/onetimetokenbuilder.h"
#include "crypto/provisionerkey.h"
#include "db/database.h"
#include "http/httplistener.h"
#include "stepcaprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace certigram;

namespace {

QSslCertificate toSsl(const Certificate &certificate)
{
    return QSslCertificate(certificate.toDer(), QSsl::Der);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What one CA is asked to do: where, trusting what, and the ready-made request bodies.
struct LoadSpec
{
    QString host;
    quint16 port = 0;
    QSslCertificate root;
    QList<QByteArray> bodies;
    int connections = 16;
};

struct LoadResult
{
    int succeeded = 0;
    int failed = 0;
    double seconds = 0;
    std::vector<double> latenciesMs;
    QString error;
};

// Length of the first complete HTTP/1.1 response in `buffer` (Content-Length or chunked),
// or 0 while it is incomplete; its status in `status`.
qsizetype completeResponse(const QByteArray &buffer, int &status)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return 0;
    const QByteArray head = buffer.left(headerEnd);
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> statusLine = lines.value(0).split(' ');
    status = statusLine.value(1).toInt();
    qsizetype contentLength = -1;
    bool chunked = false;
    for (const QByteArray &rawLine : lines) {
        const QByteArray line = rawLine.trimmed().toLower();
        if (line.startsWith("content-length:"))
            contentLength = line.mid(15).trimmed().toLongLong();
        else if (line.startsWith("transfer-encoding:") && line.contains("chunked"))
            chunked = true;
    }
    const qsizetype bodyStart = headerEnd + 4;
    if (!chunked) {
        const qsizetype length = contentLength < 0 ? 0 : contentLength;
        return buffer.size() >= bodyStart + length ? bodyStart + length : 0;
    }
    qsizetype position = bodyStart;
    while (true) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", position);
        if (lineEnd < 0)
            return 0;
        bool ok = false;
        const qsizetype size = buffer.mid(position, lineEnd - position)
                                   .split(';')
                                   .value(0)
                                   .trimmed()
                                   .toLongLong(&ok, 16);
        if (!ok)
            return 0;
        position = lineEnd + 2;
        if (size == 0) {
            // No trailers expected: the final CRLF.
            return buffer.size() >= position + 2 ? position + 2 : 0;
        }
        if (buffer.size() < position + size + 2)
            return 0;
        position += size + 2;
    }
}

// C keep-alive TLS connections, each sending the next body as soon as its previous answer
// is in. Lives in (and is run on) a thread of its own, so the client's work does not share
// an event loop with the embedded CA's listener.
class LoadGenerator : public QObject
{
public:
    explicit LoadGenerator(const LoadSpec &spec)
        : m_spec(spec)
    { }

    LoadResult run()
    {
        QEventLoop loop;
        m_loop = &loop;
        m_result.latenciesMs.reserve(static_cast<size_t>(m_spec.bodies.size()));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_spec.root});
        int encrypted = 0;
        for (int i = 0; i < m_spec.connections; ++i) {
            auto connection = std::make_unique<Connection>();
            connection->socket.setSslConfiguration(tls);
            Connection *raw = connection.get();
            connect(&raw->socket, &QSslSocket::encrypted, this, [this, &encrypted, &loop] {
                if (++encrypted == m_spec.connections)
                    loop.quit();
            });
            connect(&raw->socket, &QSslSocket::errorOccurred, this,
                    [this, raw](QAbstractSocket::SocketError) { fail(raw); });
            connect(&raw->socket, &QSslSocket::readyRead, this, [this, raw] { readFrom(raw); });
            raw->socket.connectToHostEncrypted(m_spec.host, m_spec.port);
            m_connections.push_back(std::move(connection));
        }
        // Connections (and their TLS handshakes) are made before the clock starts.
        loop.exec();
        if (!m_result.error.isEmpty())
            return m_result;

        m_timer.start();
        for (auto &connection : m_connections)
            sendNext(connection.get());
        if (m_done < m_spec.bodies.size())
            loop.exec();
        m_result.seconds = static_cast<double>(m_timer.nsecsElapsed()) / 1e9;
        for (auto &connection : m_connections)
            connection->socket.disconnectFromHost();
        return m_result;
    }

private:
    struct Connection
    {
        QSslSocket socket;
        QByteArray buffer;
        qint64 sentAtNs = 0;
        bool busy = false;
    };

    void sendNext(Connection *connection)
    {
        if (m_next >= m_spec.bodies.size())
            return;
        const QByteArray &body = m_spec.bodies.at(m_next++);
        QByteArray request = "POST /1.0/sign HTTP/1.1\r\nHost: " + m_spec.host.toLatin1() + ':'
            + QByteArray::number(m_spec.port)
            + "\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n"
              "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        connection->sentAtNs = m_timer.nsecsElapsed();
        connection->busy = true;
        connection->socket.write(request);
    }

    void readFrom(Connection *connection)
    {
        connection->buffer += connection->socket.readAll();
        int status = 0;
        while (const qsizetype length = completeResponse(connection->buffer, status)) {
            connection->buffer.remove(0, length);
            connection->busy = false;
            m_result.latenciesMs.push_back(
                static_cast<double>(m_timer.nsecsElapsed() - connection->sentAtNs) / 1e6);
            if (status == 201)
                ++m_result.succeeded;
            else
                ++m_result.failed;
            ++m_done;
            if (m_done == m_spec.bodies.size()) {
                m_loop->quit();
                return;
            }
            sendNext(connection);
        }
    }

    void fail(Connection *connection)
    {
        if (!connection->busy && m_timer.isValid())
            return; // an idle keep-alive connection closed: nothing lost
        m_result.error = connection->socket.errorString();
        m_loop->quit();
    }

    const LoadSpec &m_spec;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QEventLoop *m_loop = nullptr;
    QElapsedTimer m_timer;
    LoadResult m_result;
    qsizetype m_next = 0;
    qsizetype m_done = 0;
};

// Runs the load from a thread of its own while this thread's event loop keeps serving.
LoadResult runLoad(const LoadSpec &spec)
{
    LoadResult result;
    QThread *thread = QThread::create([&spec, &result] {
        LoadGenerator generator(spec);
        result = generator.run();
    });
    QEventLoop wait;
    QObject::connect(thread, &QThread::finished, &wait, &QEventLoop::quit);
    thread->start();
    wait.exec();
    thread->wait();
    delete thread;
    return result;
}

// Pre-made request bodies: a new P-256 key and CSR, and a fresh token, for each sign.
QList<QByteArray> makeBodies(const OneTimeTokenBuilder &tokens, int count)
{
    QList<QByteArray> bodies;
    bodies.reserve(count);
    for (int i = 0; i < count; ++i) {
        const QString subject = QStringLiteral("bench-%1").arg(i);
        auto key = PrivateKey::generate(KeyType::EcP256);
        auto csr = key
            ? CertificateRequest::build(key.value(), subject, SubjectAltNames::fromList({subject}))
            : Result<CertificateRequest>(key.error());
        auto token = tokens.signToken(subject);
        if (!csr || !token)
            return {};
        bodies.append(
            QJsonDocument(QJsonObject{{QStringLiteral("csr"), QString::fromLatin1(csr->toPem())},
                                      {QStringLiteral("ott"), QString::fromLatin1(token.value())}})
                .toJson(QJsonDocument::Compact));
    }
    return bodies;
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<size_t>(fraction * static_cast<double>(values.size() - 1));
    return values.at(index);
}

double signsPerSecond(const LoadResult &result)
{
    return result.seconds > 0 ? result.succeeded / result.seconds : 0;
}

void printResult(const char *name, const LoadResult &result)
{
    std::printf("%-9s %6d ok %4d failed  %7.2f s  %8.1f signs/s  p50 %7.2f ms  p95 %7.2f ms%s%s\n",
                name, result.succeeded, result.failed, result.seconds, signsPerSecond(result),
                percentile(result.latenciesMs, 0.50), percentile(result.latenciesMs, 0.95),
                result.error.isEmpty() ? "" : "  error: ", qPrintable(result.error));
    std::fflush(stdout);
}

// `openssl speed -seconds 2 ecdsap256`: the sign/s column of the nistp256 line.
double opensslSignRate()
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("speed"), QStringLiteral("-seconds"), QStringLiteral("2"),
                   QStringLiteral("ecdsap256")});
    if (!openssl.waitForFinished(60000))
        return 0;
    const QList<QByteArray> lines = openssl.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.contains("ecdsa") || !line.contains("nistp256") || !line.contains("s "))
            continue;
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 2)
            return fields.at(fields.size() - 2).toDouble();
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Signs per second: the embedded CA against a real step-ca"));
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"),
                                         QStringLiteral("Signs per CA (default 2000)."),
                                         QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption connectionsOption(
        QStringLiteral("connections"), QStringLiteral("Concurrent connections (default 16)."),
        QStringLiteral("c"), QStringLiteral("16"));
    const QCommandLineOption workersOption(
        QStringLiteral("workers"),
        QStringLiteral("Embedded CA handler threads (default: the ideal thread count)."),
        QStringLiteral("n"), QString::number(QThread::idealThreadCount()));
    parser.addOptions({countOption, connectionsOption, workersOption});
    parser.process(app);
    const int count = std::max(1, parser.value(countOption).toInt());
    const int connections = std::max(1, parser.value(connectionsOption).toInt());
    const int workers = std::max(1, parser.value(workersOption).toInt());

    std::printf("bench_ca_sign: %d P-256 signs per CA over %d keep-alive HTTPS connections, "
                "%d embedded worker threads, %d CPUs\n",
                count, connections, workers, QThread::idealThreadCount());
    std::fflush(stdout);

    // The real step-ca.
    certigram::test::StepCaProcess stepCa;
    if (!stepCa.start()) {
        std::fprintf(stderr, "step-ca: %s\n", qPrintable(stepCa.errorString()));
        return 1;
    }
    auto stepRoot = Certificate::fromPem(readFile(stepCa.rootCertificatePath()));
    auto stepKey = ProvisionerKey::fromPem(stepCa.provisionerName(),
                                           readFile(stepCa.provisionerKeyPemPath()));
    if (!stepRoot || !stepKey) {
        std::fprintf(stderr, "step-ca: unreadable root or provisioner key\n");
        return 1;
    }

    // The embedded CA, over HTTPS on loopback with a certificate of its own.
    QTemporaryDir dir;
    CaKeyStore::Options options;
    options.directory = dir.filePath(QStringLiteral("ca"));
    auto keys = CaKeyStore::open(options);
    Database database(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("certigram.db"))));
    if (!keys || !database.migrate()) {
        std::fprintf(stderr, "embedded CA: cannot create keys or database\n");
        return 1;
    }
    CertificateAuthority::Config config;
    config.names = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
    auto authority = CertificateAuthority::create(keys.value(), config, database);
    auto serverKey = PrivateKey::generate(KeyType::EcP256);
    if (!authority || !serverKey) {
        std::fprintf(stderr, "embedded CA: cannot start\n");
        return 1;
    }
    auto serverCertificate = authority.value()->issueServerCertificate(
        serverKey->publicKey(), QDateTime::currentDateTimeUtc());
    auto serverKeyPem = serverKey->toPem();
    if (!serverCertificate || !serverKeyPem) {
        std::fprintf(stderr, "embedded CA: no server certificate\n");
        return 1;
    }
    HttpListener::Options listenerOptions;
    listenerOptions.tls = QSslConfiguration::defaultConfiguration();
    listenerOptions.tls.setLocalCertificateChain(
        {toSsl(serverCertificate->certificate), toSsl(keys->intermediate())});
    QByteArray pem = serverKeyPem->toByteArrayUnsafe();
    listenerOptions.tls.setPrivateKey(QSslKey(pem, QSsl::Ec, QSsl::Pem));
    SecretBytes::wipe(pem);
    listenerOptions.tls.setCaCertificates({toSsl(keys->root())});
    listenerOptions.limits.requestsPerSecond = 1e9; // one busy client
    listenerOptions.limits.burst = 1e9;
    QThreadPool pool;
    pool.setMaxThreadCount(workers);
    HttpListener listener(listenerOptions, &pool);
    CaRouter::install(listener, authority.value());
    if (!listener.listen()) {
        std::fprintf(stderr, "embedded CA: cannot listen\n");
        return 1;
    }

    // Requests for both, made before anything is measured.
    QElapsedTimer preparing;
    preparing.start();
    OneTimeTokenBuilder stepTokens(stepKey.value(), QUrl(stepCa.url()));
    const QString embeddedUrl = QStringLiteral("https://127.0.0.1:%1").arg(listener.port());
    OneTimeTokenBuilder embeddedTokens(keys->provisionerKey(), QUrl(embeddedUrl));
    LoadSpec stepSpec{QStringLiteral("127.0.0.1"), static_cast<quint16>(QUrl(stepCa.url()).port()),
                      toSsl(stepRoot.value()), makeBodies(stepTokens, count), connections};
    LoadSpec embeddedSpec{QStringLiteral("127.0.0.1"), listener.port(), toSsl(keys->root()),
                          makeBodies(embeddedTokens, count), connections};
    if (stepSpec.bodies.size() != count || embeddedSpec.bodies.size() != count) {
        std::fprintf(stderr, "could not make the CSRs and tokens\n");
        return 1;
    }
    std::printf("prepared %d CSRs and tokens per CA in %.1f s (not measured)\n", count,
                static_cast<double>(preparing.elapsed()) / 1000.0);
    std::fflush(stdout);

    const LoadResult stepResult = runLoad(stepSpec);
    printResult("step-ca", stepResult);
    const LoadResult embeddedResult = runLoad(embeddedSpec);
    printResult("embedded", embeddedResult);
    const double ratio = signsPerSecond(stepResult) > 0
        ? signsPerSecond(embeddedResult) / signsPerSecond(stepResult)
        : 0;
    std::printf("ratio embedded/step-ca: %.2fx   (targets: >= 2000 signs/s, >= 1.5x)\n", ratio);
    std::fflush(stdout);

    stepCa.stop();
    std::printf("openssl speed ecdsap256: %.0f sign/s (one core)\n", opensslSignRate());
    pool.waitForDone();
    return 0;
}
