#include "reliabilitysupport.h"

#include "crypto/certificate.h"
#include "crypto/certificaterequest.h"
#include "crypto/privatekey.h"
#include "crypto/subjectaltnames.h"
#include "serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <QThread>

#include <optional>

namespace certigram::reliability {

bool fullScale()
{
    return qEnvironmentVariable("CERTIGRAM_RELIABILITY_SCALE").trimmed().toLower()
        == QLatin1String("full");
}

bool writeConfig(const QString &path, const QJsonObject &config)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(QJsonDocument(config).toJson()) > 0;
}

QJsonObject wideOpenLimits(int idleTimeoutMs)
{
    return QJsonObject{{QStringLiteral("limits"),
                        QJsonObject{{QStringLiteral("requestsPerMinute"), 6000000},
                                    {QStringLiteral("burst"), 1000000},
                                    {QStringLiteral("idleTimeoutMs"), idleTimeoutMs}}},
                       {QStringLiteral("codes"),
                        QJsonObject{{QStringLiteral("requestsPerAddressPerHour"), 100000}}}};
}

QList<QSslCertificate> serverRoots(const QString &dataDir)
{
    return QSslCertificate::fromPath(dataDir + QStringLiteral("/ca/root_ca.crt"));
}

DatabaseState inspectDatabase(const QString &path)
{
    DatabaseState state;
    const QString name = QStringLiteral("reliability-inspect");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open()) {
            state.error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next())
                state.integrity = query.value(0).toString();
            else
                state.error = query.lastError().text();
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM (SELECT jti FROM used_tokens "
                                          "GROUP BY jti HAVING COUNT(*) > 1)"))
                && query.next())
                state.duplicateJtis = query.value(0).toLongLong();
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM used_tokens")) && query.next())
                state.usedTokens = query.value(0).toLongLong();
            if (query.exec(QStringLiteral("SELECT serial FROM certificates"))) {
                while (query.next())
                    state.serials.insert(query.value(0).toString());
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return state;
}

QHostAddress loopbackSource(int n)
{
    return QHostAddress(QStringLiteral("127.0.0.%1").arg(n));
}

// ---------------------------------------------------------------------------------------

ServerRun::ServerRun(const QString &dataDir, const QStringList &extraArguments)
    : m_dataDir(dataDir)
    , m_port(certigram::test::freeLoopbackPort())
{
    m_process.setProgram(QStringLiteral(CERTIGRAM_SERVER_BINARY));
    m_process.setArguments(QStringList{QStringLiteral("--data-dir"), dataDir,
                                       QStringLiteral("--listen"),
                                       QStringLiteral("127.0.0.1:%1").arg(m_port)}
                           + extraArguments);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ServerRun::readOutput);
}

ServerRun::~ServerRun()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerRun::start(int timeoutMs)
{
    m_process.start();
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs && m_process.state() != QProcess::NotRunning) {
        if (output().contains("listening on"))
            return true;
        QTest::qWait(50);
    }
    return false;
}

int ServerRun::terminate(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs))
        return -1;
    readOutput();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
}

void ServerRun::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(10000);
    readOutput();
}

qint64 ServerRun::rssKiB() const
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
    if (pid() <= 0 || !status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

QByteArray ServerRun::output() const
{
    QMutexLocker lock(&m_mutex);
    return m_output;
}

void ServerRun::readOutput()
{
    const QByteArray bytes = m_process.readAllStandardOutput();
    if (bytes.isEmpty())
        return;
    static const QRegularExpression codeLine(QStringLiteral("code for (\\d+): \\D*(\\d{6})"));
    QMutexLocker lock(&m_mutex);
    m_output += bytes;
    m_partialLine += bytes;
    qsizetype end;
    while ((end = m_partialLine.indexOf('\n')) >= 0) {
        const QByteArray line = m_partialLine.left(end);
        m_partialLine.remove(0, end + 1);
        if (!line.contains("code for "))
            continue;
        const auto match = codeLine.match(QString::fromUtf8(line));
        if (match.hasMatch()) {
            m_codes.insert(match.captured(1), match.captured(2));
            ++m_codeCounts[match.captured(1)];
        }
    }
}

QString ServerRun::waitForCode(const QString &subject, int timeoutMs) const
{
    const bool mainThread = QThread::currentThread() == QCoreApplication::instance()->thread();
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            const QString code = m_codes.value(subject);
            if (!code.isEmpty() || clock.elapsed() > timeoutMs)
                return code;
        }
        if (mainThread)
            QTest::qWait(5);
        else
            QThread::msleep(3);
    }
}

int ServerRun::codesPrintedFor(const QString &subject) const
{
    QMutexLocker lock(&m_mutex);
    return m_codeCounts.value(subject);
}

// ---------------------------------------------------------------------------------------

QByteArray HttpAnswer::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QJsonObject HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

bool HttpAnswer::isJsonError() const
{
    const QJsonObject object = json();
    return object.value(QStringLiteral("status")).toInt() == status
        && !object.value(QStringLiteral("message")).toString().isEmpty();
}

HttpsClient::HttpsClient(quint16 port, const QList<QSslCertificate> &roots,
                         const QHostAddress &source)
    : m_port(port)
    , m_roots(roots)
    , m_source(source)
{ }

HttpsClient::~HttpsClient()
{
    close();
}

void HttpsClient::close()
{
    if (m_socket)
        m_socket->abort();
    m_socket.reset();
    m_buffer.clear();
}

bool HttpsClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState
        && m_socket->isEncrypted();
}

bool HttpsClient::ensureConnected(int timeoutMs)
{
    if (isConnected())
        return true;
    close();
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(m_roots);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    m_socket->setSslConfiguration(tls);
    if (!m_source.isNull() && !m_socket->bind(m_source, 0)) {
        m_lastError
            = QStringLiteral("bind %1: %2").arg(m_source.toString(), m_socket->errorString());
        return false;
    }
    ++m_connectionsOpened;
    m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port,
                                     QStringLiteral("localhost"));
    if (!m_socket->waitForEncrypted(timeoutMs)) {
        m_lastError = QStringLiteral("TLS connect: %1").arg(m_socket->errorString());
        return false;
    }
    return true;
}

HttpAnswer HttpsClient::get(const QByteArray &path, int timeoutMs)
{
    return request("GET", path, {}, {}, timeoutMs);
}

HttpAnswer HttpsClient::post(const QByteArray &path, const QJsonObject &body, int timeoutMs)
{
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   "Content-Type: application/json\r\n", timeoutMs);
}

HttpAnswer HttpsClient::request(const QByteArray &method, const QByteArray &path,
                                const QByteArray &body, const QByteArray &extraHeaders,
                                int timeoutMs)
{
    QByteArray bytes = method + ' ' + path
        + " HTTP/1.1\r\nHost: localhost:" + QByteArray::number(m_port) + "\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    bytes += "\r\n" + body;
    for (int attempt = 0;; ++attempt) {
        const bool reused = isConnected();
        HttpAnswer answer = sendRaw(bytes, timeoutMs);
        if (answer.status != 0 || !reused || attempt > 0 || !answer.failure.startsWith("closed"))
            return answer;
        close(); // a kept-alive connection the server had closed meanwhile: once more
    }
}

HttpAnswer HttpsClient::sendRaw(const QByteArray &bytes, int timeoutMs, int splitAt, int pauseMs)
{
    // On the main thread, blocking calls starve the event loop that reads the servers'
    // output: a server whose output pipe is full blocks as it logs (a refused sign logs a
    // line), so drain it before each request.
    if (QThread::currentThread() == QCoreApplication::instance()->thread())
        QCoreApplication::processEvents();
    QElapsedTimer clock;
    clock.start();
    HttpAnswer answer;
    if (!ensureConnected(timeoutMs)) {
        answer.failure = m_lastError;
        close();
        answer.elapsedMs = clock.elapsed();
        return answer;
    }
    m_buffer.clear();
    const QList<QByteArray> parts = splitAt > 0 && splitAt < bytes.size()
        ? QList<QByteArray>{bytes.left(splitAt), bytes.mid(splitAt)}
        : QList<QByteArray>{bytes};
    for (const QByteArray &part : parts) {
        if (&part != &parts.first())
            QThread::msleep(static_cast<unsigned long>(pauseMs));
        m_socket->write(part);
        while (m_socket->bytesToWrite() > 0 && m_socket->state() == QAbstractSocket::ConnectedState
               && clock.elapsed() < timeoutMs) {
            if (!m_socket->waitForBytesWritten(static_cast<int>(timeoutMs - clock.elapsed())))
                break;
        }
    }
    bool nothingRead = true;
    answer = readAnswer(timeoutMs - clock.elapsed(), &nothingRead);
    answer.elapsedMs = clock.elapsed();
    // After "Connection: close" the socket stays: the caller may watch the server close it,
    // and the next request finds it closed and reconnects.
    if (answer.status == 0)
        close();
    return answer;
}

HttpAnswer HttpsClient::readAnswer(qint64 remainingMs, bool *nothingRead)
{
    QElapsedTimer clock;
    clock.start();
    HttpAnswer answer;
    auto parse = [&](bool closed) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return false;
        const QByteArray head = m_buffer.left(headEnd);
        const qsizetype lineEnd = head.indexOf("\r\n");
        answer.statusLine = lineEnd < 0 ? head : head.left(lineEnd);
        answer.head = lineEnd < 0 ? QByteArray() : head.mid(lineEnd + 2);
        const QByteArray length = answer.header("content-length");
        answer.declaredLength = length.isEmpty() ? -1 : length.toLongLong();
        const qsizetype bodyStart = headEnd + 4;
        if (answer.declaredLength >= 0) {
            if (m_buffer.size() - bodyStart < answer.declaredLength)
                return false;
            answer.body = m_buffer.mid(bodyStart, answer.declaredLength);
            m_buffer.remove(0, bodyStart + answer.declaredLength);
        } else {
            if (!closed)
                return false; // no length: the body runs to the end of the connection
            answer.body = m_buffer.mid(bodyStart);
            m_buffer.clear();
        }
        const QList<QByteArray> parts = answer.statusLine.split(' ');
        answer.status = parts.value(1).toInt();
        if (!answer.statusLine.startsWith("HTTP/1.") || answer.status < 100) {
            answer.failure = QStringLiteral("bad status line: %1")
                                 .arg(QString::fromLatin1(answer.statusLine.left(80)));
            answer.status = 0;
        }
        return true;
    };
    for (;;) {
        m_buffer += m_socket->readAll();
        if (!m_buffer.isEmpty())
            *nothingRead = false;
        const bool closed = m_socket->state() != QAbstractSocket::ConnectedState;
        if (parse(closed))
            return answer;
        if (closed) {
            answer.failure = QStringLiteral("closed after %1 bytes (%2)")
                                 .arg(m_buffer.size())
                                 .arg(m_socket->errorString());
            return answer;
        }
        const qint64 left = remainingMs - clock.elapsed();
        if (left <= 0) {
            answer.failure = QStringLiteral("timed out after %1 bytes").arg(m_buffer.size());
            return answer;
        }
        m_socket->waitForReadyRead(static_cast<int>(left));
    }
}

bool HttpsClient::waitForServerClose(int timeoutMs)
{
    if (!m_socket)
        return true;
    QElapsedTimer clock;
    clock.start();
    while (m_socket->state() != QAbstractSocket::UnconnectedState && clock.elapsed() < timeoutMs) {
        if (!m_socket->waitForReadyRead(static_cast<int>(timeoutMs - clock.elapsed())))
            break;
        m_buffer += m_socket->readAll();
    }
    return m_socket->state() == QAbstractSocket::UnconnectedState;
}

// ---------------------------------------------------------------------------------------

QByteArray csrFor(const QString &subject)
{
    thread_local std::optional<PrivateKey> key;
    if (!key) {
        auto generated = PrivateKey::generate(KeyType::EcP256);
        if (!generated)
            return {};
        key = generated.value();
    }
    auto csr = CertificateRequest::build(*key, subject, SubjectAltNames::fromList({subject}));
    return csr ? csr->toPem() : QByteArray();
}

QString serialOfSignAnswer(const HttpAnswer &answer)
{
    auto certificate
        = Certificate::fromPem(answer.json().value(QStringLiteral("crt")).toString().toLatin1());
    if (!certificate)
        return {};
    QString serial = certificate->serialDecimal();
    qsizetype first = 0;
    while (first + 1 < serial.size() && serial.at(first) == u'0')
        ++first;
    return serial.mid(first);
}

Enrolment enrol(const QString &subject, HttpsClient &codes, const ServerRun &codeServer,
                HttpsClient &tokens, HttpsClient &signer, int timeoutMs)
{
    Enrolment result;
    result.subject = subject;
    auto failed = [&](const char *step, const HttpAnswer &answer) {
        result.failure
            = QStringLiteral("%1 %2: %3 %4")
                  .arg(QLatin1String(step), subject)
                  .arg(answer.status)
                  .arg(answer.status ? QString::fromUtf8(answer.body.left(200)) : answer.failure);
        return result;
    };
    const HttpAnswer requested = codes.post("/api/v1/codes",
                                            {{QStringLiteral("subject"), subject},
                                             {QStringLiteral("purpose"), QStringLiteral("enroll")}},
                                            timeoutMs);
    result.statuses << requested.status;
    if (requested.status != 202)
        return failed("code", requested);
    result.code = codeServer.waitForCode(subject, timeoutMs);
    if (result.code.isEmpty()) {
        result.failure = QStringLiteral("no code printed for %1").arg(subject);
        return result;
    }
    const HttpAnswer token = tokens.post("/api/v1/tokens",
                                         {{QStringLiteral("subject"), subject},
                                          {QStringLiteral("code"), result.code},
                                          {QStringLiteral("purpose"), QStringLiteral("enroll")}},
                                         timeoutMs);
    result.statuses << token.status;
    if (token.status != 200)
        return failed("token", token);
    result.ott = token.json().value(QStringLiteral("ott")).toString();
    const HttpAnswer signedAnswer
        = signer.post("/1.0/sign",
                      {{QStringLiteral("csr"), QString::fromLatin1(csrFor(subject))},
                       {QStringLiteral("ott"), result.ott}},
                      timeoutMs);
    result.statuses << signedAnswer.status;
    if (signedAnswer.status != 201)
        return failed("sign", signedAnswer);
    result.serial = serialOfSignAnswer(signedAnswer);
    if (result.serial.isEmpty())
        result.failure = QStringLiteral("sign %1: no certificate in the answer").arg(subject);
    return result;
}

bool runOnThreads(int count, const std::function<void(int)> &body, int timeoutMs,
                  const std::function<void(qint64)> &tick)
{
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back(QThread::create([body, i] { body(i); }));
        threads.back()->start();
    }
    QElapsedTimer clock;
    clock.start();
    bool inTime = true;
    for (;;) {
        bool allDone = true;
        for (const auto &thread : threads)
            allDone = allDone && thread->isFinished();
        if (allDone)
            break;
        if (clock.elapsed() > timeoutMs)
            inTime = false;
        if (tick)
            tick(clock.elapsed());
        QTest::qWait(20);
    }
    return inTime;
}

QString histogram(const QMap<int, qint64> &counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << QStringLiteral("%1:%2").arg(it.key()).arg(it.value());
    return parts.join(QLatin1Char(' '));
}

QString histogram(const QMap<QString, qint64> &counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << QStringLiteral("%1:%2").arg(it.key()).arg(it.value());
    return parts.join(QLatin1Char(' '));
}

} // namespace certigram::reliability
