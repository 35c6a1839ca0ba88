// bench_ca_sign: POST /1.0/sign throughput of the embedded CA against a real step-ca 0.19
// on the same machine in the same run. P-256 CSRs and fresh tokens are made beforehand
// (not measured); C keep-alive HTTPS/1.1 connections then send N signs to each CA. Prints
// signs/s, the embedded/step-ca ratio, p50/p95 latency and `openssl speed ecdsap256` for
// reference. With --renew it then measures POST /1.0/renew over mutual TLS the same way:
// each connection presents a client certificate that CA issued (made first, not measured)
// and renews it again and again. Asserts nothing (see bench/README.md for the targets).

#include "app/serverconfig.h"
#include "ca/cakeystore.h"
#include "ca/carouter.h"
#include "ca/certificateauthority.h"
#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/onetimetokenbuilder.h"
#include "crypto/provisionerkey.h"
#include "db/database.h"
#include "http/httplistener.h"
#include "keepaliveload.h"
#include "loadreport.h"
#include "machineinfo.h"
#include "resultswriter.h"
#include "stepcaprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslKey>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

using namespace certigram;
using namespace certigram::bench;

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

// One CA under test: where it listens, the root to trust, and its provisioner's tokens.
struct CaTarget
{
    QString name; // "step-ca", "embedded": also the results' key
    quint16 port = 0;
    QSslCertificate root;
    OneTimeTokenBuilder tokens;
};

QSslConfiguration trusting(const QSslCertificate &root)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({root});
    return tls;
}

// A POST /1.0/sign body and the key its CSR is for.
struct SignRequest
{
    PrivateKey key;
    QByteArray body;
};

// Pre-made sign requests: a new P-256 key and CSR, and a fresh token, for each.
QList<SignRequest> makeSignRequests(const OneTimeTokenBuilder &tokens, int count,
                                    const QString &subjectPrefix)
{
    QList<SignRequest> requests;
    requests.reserve(count);
    for (int i = 0; i < count; ++i) {
        const QString subject = subjectPrefix + QString::number(i);
        auto key = PrivateKey::generate(KeyType::EcP256);
        auto csr = key
            ? CertificateRequest::build(key.value(), subject, SubjectAltNames::fromList({subject}))
            : Result<CertificateRequest>(key.error());
        auto token = tokens.signToken(subject);
        if (!csr || !token)
            return {};
        requests.append(
            {key.value(),
             QJsonDocument(QJsonObject{{QStringLiteral("csr"), QString::fromLatin1(csr->toPem())},
                                       {QStringLiteral("ott"), QString::fromLatin1(token.value())}})
                 .toJson(QJsonDocument::Compact)});
    }
    return requests;
}

QList<QByteArray> bodiesOf(const QList<SignRequest> &requests)
{
    QList<QByteArray> bodies;
    for (const SignRequest &request : requests)
        bodies.append(request.body);
    return bodies;
}

LoadPlan signPlan(const CaTarget &ca, const QList<QByteArray> &bodies, int connections)
{
    LoadPlan plan;
    plan.port = ca.port;
    plan.tls = {trusting(ca.root)};
    plan.connections = connections;
    plan.path = "/1.0/sign";
    plan.expectedStatus = 201;
    plan.nextBody = bodiesFrom(bodies);
    return plan;
}

// `connections` client identities issued by `ca` itself (through /1.0/sign, not measured),
// as one TLS configuration each: the key, the chain it presents, the root it trusts.
std::optional<QList<QSslConfiguration>> enrolRenewers(const CaTarget &ca, int connections)
{
    const QList<SignRequest> requests
        = makeSignRequests(ca.tokens, connections, QStringLiteral("renewer-"));
    LoadPlan plan = signPlan(ca, bodiesOf(requests), 1);
    plan.keepBodies = true;
    const LoadResult signed_ = runLoad(plan);
    if (signed_.succeeded != connections)
        return std::nullopt;
    QList<QSslConfiguration> configurations;
    for (int i = 0; i < connections; ++i) {
        // One connection, so the answers come in the order the requests went.
        const QJsonArray pems
            = QJsonDocument::fromJson(signed_.samples.at(static_cast<size_t>(i)).body)
                  .object()
                  .value(QStringLiteral("certChain"))
                  .toArray();
        QList<QSslCertificate> chain;
        for (const QJsonValue &pem : pems)
            chain.append(QSslCertificate(pem.toString().toLatin1(), QSsl::Pem));
        auto keyPem = requests.at(i).key.toPem();
        if (chain.isEmpty() || !keyPem)
            return std::nullopt;
        QByteArray keyBytes = keyPem->toByteArrayUnsafe();
        QSslConfiguration tls = trusting(ca.root);
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(QSslKey(keyBytes, QSsl::Ec, QSsl::Pem));
        SecretBytes::wipe(keyBytes);
        configurations.append(tls);
    }
    return configurations;
}

LoadPlan renewPlan(const CaTarget &ca, const QList<QSslConfiguration> &renewers, int count)
{
    LoadPlan plan;
    plan.port = ca.port;
    plan.tls = renewers;
    plan.connections = static_cast<int>(renewers.size());
    plan.path = "/1.0/renew";
    plan.expectedStatus = 201;
    plan.maxRequests = count;
    plan.nextBody = [] { return std::optional<QByteArray>(QByteArray()); };
    return plan;
}

void printResult(const QString &name, const char *unit, const LoadResult &result)
{
    const LatencySummary latency = result.latency();
    std::printf("%-9s %6d ok %4d failed  %7.2f s  %8.1f %s  p50 %7.2f ms  p95 %7.2f ms%s%s\n",
                qPrintable(name), result.succeeded, result.failed, result.seconds,
                result.perSecond(), unit, latency.p50, latency.p95,
                result.error.isEmpty() ? "" : "  error: ", qPrintable(result.error));
    std::fflush(stdout);
}

double ratio(const LoadResult &embedded, const LoadResult &stepCa)
{
    return stepCa.perSecond() > 0 ? embedded.perSecond() / stepCa.perSecond() : 0;
}

// Runs one operation's load against step-ca, then against the embedded CA; prints both and
// "<ratioLabel>: <ratio>x<ratioNote>", and records <operation>.step-ca, .embedded and .ratio.
void compareCas(const QString &operation, const char *unit, const char *ratioLabel,
                const char *ratioNote, const CaTarget &stepCa, const LoadPlan &stepPlan,
                const CaTarget &embedded, const LoadPlan &embeddedPlan,
                const ResultsWriter &results)
{
    const LoadResult stepResult = runLoad(stepPlan);
    printResult(stepCa.name, unit, stepResult);
    const double cpuBefore = processCpuSeconds();
    const LoadResult embeddedResult = runLoad(embeddedPlan);
    const double cpuMicroseconds = embeddedResult.succeeded > 0 && cpuBefore >= 0
        ? (processCpuSeconds() - cpuBefore) * 1e6 / embeddedResult.succeeded
        : 0;
    printResult(embedded.name, unit, embeddedResult);
    std::printf("%s: %.2fx%s\n", ratioLabel, ratio(embeddedResult, stepResult), ratioNote);
    // The embedded CA's server and the client share this process: what both cost, per answer.
    std::printf("embedded CPU per answer (server and client): %.0f us\n", cpuMicroseconds);
    std::fflush(stdout);
    results.add(operation + QStringLiteral(".embedded.cpu_us"), cpuMicroseconds, 0);
    recordLoad(results, operation + QStringLiteral(".step-ca"), stepResult);
    recordLoad(results, operation + QStringLiteral(".embedded"), embeddedResult);
    results.add(operation + QStringLiteral(".ratio"), ratio(embeddedResult, stepResult), 2);
}

// The embedded CA as bench_ca_sign serves it: CaKeyStore + CertificateAuthority + CaRouter
// on an HttpListener over TLS (server certificate from the CA itself), SQLite database,
// `workers` handler threads, no rate limit (one busy client).
class EmbeddedCa
{
public:
    bool start(int workers)
    {
        CaKeyStore::Options options;
        options.directory = m_dir.filePath(QStringLiteral("ca"));
        auto keys = CaKeyStore::open(options);
        if (!keys || !m_database.migrate())
            return false;
        m_keys = std::make_unique<CaKeyStore>(keys.value());
        CertificateAuthority::Config config;
        config.names = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
        auto authority = CertificateAuthority::create(*m_keys, config, m_database);
        auto serverKey = PrivateKey::generate(KeyType::EcP256);
        if (!authority || !serverKey)
            return false;
        m_authority = authority.value();
        auto serverCertificate = m_authority->issueServerCertificate(
            serverKey->publicKey(), QDateTime::currentDateTimeUtc());
        auto serverKeyPem = serverKey->toPem();
        if (!serverCertificate || !serverKeyPem)
            return false;
        auto serverLeaf = serverCertificate->certificate();
        if (!serverLeaf)
            return false;
        HttpListener::Options listenerOptions;
        listenerOptions.tls = QSslConfiguration::defaultConfiguration();
        listenerOptions.tls.setLocalCertificateChain(
            {toSsl(serverLeaf.value()), toSsl(m_keys->intermediate())});
        QByteArray pem = serverKeyPem->toByteArrayUnsafe();
        listenerOptions.tls.setPrivateKey(QSslKey(pem, QSsl::Ec, QSsl::Pem));
        SecretBytes::wipe(pem);
        listenerOptions.tls.setCaCertificates({toSsl(m_keys->root())});
        listenerOptions.limits.requestsPerSecond = 1e9; // one busy client
        listenerOptions.limits.burst = 1e9;
        m_pool.setMaxThreadCount(workers);
        m_listener = std::make_unique<HttpListener>(listenerOptions, &m_pool);
        CaRouter::install(*m_listener, m_authority);
        return m_listener->listen().ok();
    }

    ~EmbeddedCa()
    {
        m_listener.reset();
        m_pool.waitForDone();
    }

    quint16 port() const { return m_listener->port(); }
    QSslCertificate root() const { return toSsl(m_keys->root()); }
    const ProvisionerKey &provisionerKey() const { return m_keys->provisionerKey(); }

private:
    QTemporaryDir m_dir;
    Database m_database{DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("certigram.db")))};
    std::unique_ptr<CaKeyStore> m_keys;
    std::shared_ptr<CertificateAuthority> m_authority;
    QThreadPool m_pool;
    std::unique_ptr<HttpListener> m_listener;
};

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
        QStringLiteral("Signs (and renewals) per second: the embedded CA against a real step-ca"));
    parser.addHelpOption();
    const QCommandLineOption countOption(
        QStringLiteral("count"), QStringLiteral("Signs (and renewals) per CA (default 2000)."),
        QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption connectionsOption(
        QStringLiteral("connections"), QStringLiteral("Concurrent connections (default 16)."),
        QStringLiteral("c"), QStringLiteral("16"));
    // As many handler threads as certigram-server runs unless configured otherwise.
    const int serverWorkers = ServerConfig().workerThreads;
    const QCommandLineOption workersOption(
        QStringLiteral("workers"),
        QStringLiteral("Embedded CA handler threads (default %1, as certigram-server).")
            .arg(serverWorkers),
        QStringLiteral("n"), QString::number(serverWorkers));
    const QCommandLineOption renewOption(
        QStringLiteral("renew"),
        QStringLiteral("Also measure POST /1.0/renew over mutual TLS (one client certificate per "
                       "connection)."));
    const QCommandLineOption resultsOption = ResultsWriter::option();
    parser.addOptions({countOption, connectionsOption, workersOption, renewOption, resultsOption});
    parser.process(app);
    const int count = std::max(1, parser.value(countOption).toInt());
    const int connections = std::max(1, parser.value(connectionsOption).toInt());
    const int workers = std::max(1, parser.value(workersOption).toInt());
    const ResultsWriter results(parser.value(resultsOption), QStringLiteral("ca_sign"));

    std::printf("bench_ca_sign: %d P-256 signs per CA over %d keep-alive HTTPS connections, "
                "%d embedded worker threads, %d CPUs\n",
                count, connections, workers, QThread::idealThreadCount());
    std::fflush(stdout);
    results.add(QStringLiteral("count"), count, 0);
    results.add(QStringLiteral("connections"), connections, 0);
    results.add(QStringLiteral("workers"), workers, 0);
    results.add(QStringLiteral("load_before"), loadAverage());

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
        std::fprintf(stderr, "step-ca: unreadable root or provisioner key: %s\n",
                     qPrintable((stepRoot ? stepKey.error() : stepRoot.error()).message()));
        return 1;
    }

    // The embedded CA, over HTTPS on loopback with a certificate of its own.
    EmbeddedCa embedded;
    if (!embedded.start(workers)) {
        std::fprintf(stderr, "embedded CA: cannot start\n");
        return 1;
    }

    // Requests for both, made before anything is measured.
    QElapsedTimer preparing;
    preparing.start();
    const CaTarget stepTarget{
        QStringLiteral("step-ca"), static_cast<quint16>(QUrl(stepCa.url()).port()),
        toSsl(stepRoot.value()), OneTimeTokenBuilder(stepKey.value(), QUrl(stepCa.url()))};
    const CaTarget embeddedTarget{
        QStringLiteral("embedded"), embedded.port(), embedded.root(),
        OneTimeTokenBuilder(embedded.provisionerKey(),
                            QUrl(QStringLiteral("https://127.0.0.1:%1").arg(embedded.port())))};
    const QList<QByteArray> stepBodies
        = bodiesOf(makeSignRequests(stepTarget.tokens, count, QStringLiteral("bench-")));
    const QList<QByteArray> embeddedBodies
        = bodiesOf(makeSignRequests(embeddedTarget.tokens, count, QStringLiteral("bench-")));
    if (stepBodies.size() != count || embeddedBodies.size() != count) {
        std::fprintf(stderr, "could not make the CSRs and tokens\n");
        return 1;
    }
    std::printf("prepared %d CSRs and tokens per CA in %.1f s (not measured)\n", count,
                static_cast<double>(preparing.elapsed()) / 1000.0);
    std::fflush(stdout);

    compareCas(QStringLiteral("sign"), "signs/s", "ratio embedded/step-ca",
               "   (targets: >= 2000 signs/s, >= 1.5x)", stepTarget,
               signPlan(stepTarget, stepBodies, connections), embeddedTarget,
               signPlan(embeddedTarget, embeddedBodies, connections), results);

    if (parser.isSet(renewOption)) {
        const auto stepRenewers = enrolRenewers(stepTarget, connections);
        const auto embeddedRenewers = enrolRenewers(embeddedTarget, connections);
        if (!stepRenewers || !embeddedRenewers) {
            std::fprintf(stderr, "could not issue the renewers' client certificates\n");
            return 1;
        }
        std::printf("renewals: %d per CA over %d mutual-TLS keep-alive connections, one client "
                    "certificate each\n",
                    count, connections);
        compareCas(QStringLiteral("renew"), "renew/s", "ratio embedded/step-ca (renew)", "",
                   stepTarget, renewPlan(stepTarget, *stepRenewers, count), embeddedTarget,
                   renewPlan(embeddedTarget, *embeddedRenewers, count), results);
    }

    stepCa.stop();
    const double opensslRate = opensslSignRate();
    std::printf("openssl speed ecdsap256: %.0f sign/s (one core)\n", opensslRate);
    results.add(QStringLiteral("openssl_ecdsap256_sign_per_s"), opensslRate, 0);
    results.add(QStringLiteral("load_after"), loadAverage());
    return 0;
}
