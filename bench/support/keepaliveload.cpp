#include "keepaliveload.h"

#include "httpresponsereader.h"

#include <QEventLoop>
#include <QSslSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace certigram::bench {

namespace {

using Clock = std::chrono::steady_clock;

// LoadPlan's loop, on the thread it is created and run on.
class KeepAliveLoad : public QObject
{
public:
    explicit KeepAliveLoad(const LoadPlan &plan)
        : m_plan(plan)
    { }

    LoadResult run()
    {
        if (!connectAll())
            return m_result;
        m_started = Clock::now();
        for (size_t i = 0; i < m_connections.size(); ++i) {
            m_connections[i]->due = m_started
                + interval() * static_cast<long long>(i)
                    / static_cast<long long>(m_connections.size());
            sendNext(m_connections[i].get());
        }
        if (m_inFlight > 0)
            m_loop.exec();
        m_result.seconds = std::chrono::duration<double>(m_lastAnswer - m_started).count();
        for (auto &connection : m_connections)
            connection->socket.disconnectFromHost();
        return std::move(m_result);
    }

private:
    struct Connection
    {
        QSslSocket socket;
        QByteArray buffer;
        Clock::time_point sent;
        Clock::time_point due; // paced: when its next request is due
        bool busy = false;
    };

    bool paced() const { return m_plan.requestsPerSecond > 0; }

    // Paced: the time between two requests of one connection.
    Clock::duration interval() const
    {
        if (!paced())
            return Clock::duration::zero();
        return std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(m_plan.connections / m_plan.requestsPerSecond));
    }

    bool connectAll()
    {
        for (int i = 0; i < m_plan.connections; ++i) {
            auto connection = std::make_unique<Connection>();
            Connection *raw = connection.get();
            raw->socket.setSslConfiguration(m_plan.tls.at(i % m_plan.tls.size()));
            if (!m_plan.sourceAddresses.isEmpty()
                && !raw->socket.bind(
                    m_plan.sourceAddresses.at(i % m_plan.sourceAddresses.size()))) {
                m_result.error = raw->socket.errorString();
                return false;
            }
            connect(&raw->socket, &QSslSocket::encrypted, this, [this] {
                if (++m_encrypted == m_plan.connections)
                    m_loop.quit();
            });
            connect(&raw->socket, &QSslSocket::errorOccurred, this,
                    [this, raw](QAbstractSocket::SocketError) { fail(raw); });
            connect(&raw->socket, &QSslSocket::readyRead, this, [this, raw] { readFrom(raw); });
            raw->socket.connectToHostEncrypted(m_plan.host, m_plan.port,
                                               m_plan.peerName.isEmpty() ? m_plan.host
                                                                         : m_plan.peerName);
            m_connections.push_back(std::move(connection));
        }
        m_loop.exec();
        return m_result.error.isEmpty();
    }

    bool mayStartAnother() const
    {
        if (m_plan.maxRequests >= 0 && m_sent >= m_plan.maxRequests)
            return false;
        return m_plan.maxDuration.count() == 0 || Clock::now() - m_started < m_plan.maxDuration;
    }

    void sendNext(Connection *connection)
    {
        if (!mayStartAnother())
            return;
        if (paced() && Clock::now() < connection->due) {
            ++m_inFlight; // its turn is still to come: the load is not over
            const auto wait
                = std::chrono::ceil<std::chrono::milliseconds>(connection->due - Clock::now());
            QTimer::singleShot(wait, Qt::PreciseTimer, this, [this, connection] {
                --m_inFlight;
                sendNext(connection);
                if (m_inFlight == 0)
                    m_loop.quit();
            });
            return;
        }
        const std::optional<QByteArray> body = m_plan.nextBody();
        if (!body)
            return;
        ++m_sent;
        ++m_inFlight;
        const QByteArray request = "POST " + m_plan.path
            + " HTTP/1.1\r\nHost: " + m_plan.host.toLatin1() + ':' + QByteArray::number(m_plan.port)
            + "\r\nContent-Type: application/json\r\nConnection: keep-alive\r\nContent-Length: "
            + QByteArray::number(body->size()) + "\r\n\r\n" + *body;
        connection->sent = paced() ? connection->due : Clock::now();
        connection->due += interval();
        connection->busy = true;
        connection->socket.write(request);
        // Sent now rather than on the next pass of the event loop: one pass a request less
        // for the client, which shares the machine's cores with the server it measures.
        connection->socket.flush();
    }

    void readFrom(Connection *connection)
    {
        connection->buffer += connection->socket.readAll();
        while (auto response = takeHttpResponse(connection->buffer)) {
            m_lastAnswer = Clock::now();
            connection->busy = false;
            --m_inFlight;
            record(connection->sent, std::move(*response));
            sendNext(connection);
        }
        if (m_inFlight == 0)
            m_loop.quit();
    }

    void record(Clock::time_point sent, HttpResponse response)
    {
        LoadSample sample;
        sample.sent = sent;
        sample.latencyMs = std::chrono::duration<double, std::milli>(m_lastAnswer - sent).count();
        sample.status = response.status;
        if (m_plan.keepBodies)
            sample.body = std::move(response.body);
        if (response.status == m_plan.expectedStatus) {
            ++m_result.succeeded;
        } else {
            ++m_result.failed;
            ++m_result.failedByStatus[response.status];
        }
        m_result.samples.push_back(std::move(sample));
    }

    void fail(Connection *connection)
    {
        if (!connection->busy && m_started != Clock::time_point())
            return; // an idle keep-alive connection closed: nothing lost
        m_result.error = connection->socket.errorString();
        m_loop.quit();
    }

    const LoadPlan &m_plan;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QEventLoop m_loop;
    LoadResult m_result;
    Clock::time_point m_started;
    Clock::time_point m_lastAnswer;
    int m_encrypted = 0;
    qsizetype m_sent = 0;
    qsizetype m_inFlight = 0;
};

} // namespace

std::vector<double> LoadResult::latenciesMs() const
{
    std::vector<double> latencies;
    latencies.reserve(samples.size());
    for (const LoadSample &sample : samples)
        latencies.push_back(sample.latencyMs);
    return latencies;
}

QString LoadResult::failureSummary() const
{
    QStringList parts;
    for (auto it = failedByStatus.cbegin(); it != failedByStatus.cend(); ++it)
        parts << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}

LoadResult runLoad(const LoadPlan &plan)
{
    LoadResult result;
    if (plan.tls.isEmpty() || plan.connections < 1 || !plan.nextBody) {
        result.error = QStringLiteral("load plan without TLS configuration, connections or bodies");
        return result;
    }
    QThread *thread = QThread::create([&plan, &result] {
        KeepAliveLoad load(plan);
        result = load.run();
    });
    QEventLoop wait;
    QObject::connect(thread, &QThread::finished, &wait, &QEventLoop::quit);
    thread->start();
    wait.exec();
    thread->wait();
    delete thread;
    return result;
}

QList<QHostAddress> loopbackSources(int connections, int perAddress)
{
    QList<QHostAddress> sources;
    const int count = std::max(1, (connections + perAddress - 1) / perAddress);
    for (int i = 0; i < count; ++i)
        sources << QHostAddress(QHostAddress(QHostAddress::LocalHost).toIPv4Address()
                                + static_cast<quint32>(i));
    // Connection i takes sources[i % count]: at most `perAddress` on each.
    return sources;
}

std::function<std::optional<QByteArray>()> bodiesFrom(QList<QByteArray> bodies)
{
    auto shared = std::make_shared<QList<QByteArray>>(std::move(bodies));
    auto next = std::make_shared<qsizetype>(0);
    return [shared, next]() -> std::optional<QByteArray> {
        if (*next >= shared->size())
            return std::nullopt;
        return shared->at((*next)++);
    };
}

} // namespace certigram::bench
