#pragma once

#include "latencysummary.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QSslConfiguration>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace certigram::bench {

// What a load is: C HTTPS/1.1 keep-alive connections POSTing JSON bodies to one path, each
// connection sending its next request as soon as its previous answer is in (closed loop), or
// at a steady rate (open loop).
struct LoadPlan
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString peerName; // the name the server's certificate must carry; empty: `host`
    // Connection i uses tls[i % tls.size()]: one for all, or one each (client certificates).
    QList<QSslConfiguration> tls;
    int connections = 1;
    // Connection i binds to sourceAddresses[i % size()] when given: certigram-server admits
    // at most 64 connections per client address, so a load of more spreads over 127.0.0.x.
    QList<QHostAddress> sourceAddresses;
    QByteArray path;
    int expectedStatus = 200; // anything else counts as a failure
    // The next request's body, called on the load's thread; nullopt when there are no more.
    std::function<std::optional<QByteArray>()> nextBody;
    qsizetype maxRequests = -1; // negative: no bound
    std::chrono::milliseconds maxDuration{0}; // zero: no bound
    bool keepBodies = false; // keep each answer's body in its sample
    // Above zero: requests are due at this rate in all, spread evenly over the connections,
    // and a connection sends when its next request is due or, if its answer came later, at
    // once. A request's latency counts from when it was due, so a stall shows in every
    // request it held up, not just in the one it delayed.
    double requestsPerSecond = 0;
};

struct LoadSample
{
    std::chrono::steady_clock::time_point sent;
    double latencyMs = 0;
    int status = 0;
    QByteArray body; // only with LoadPlan::keepBodies
};

struct LoadResult
{
    std::vector<LoadSample> samples; // in the order the answers came
    double seconds = 0; // from the first request sent to the last answer
    int succeeded = 0;
    int failed = 0;
    QMap<int, int> failedByStatus;
    QString error; // a connection broke mid-request, or a handshake failed

    double perSecond() const { return seconds > 0 ? succeeded / seconds : 0; }
    std::vector<double> latenciesMs() const;
    LatencySummary latency() const { return LatencySummary::of(latenciesMs()); }
    // "409 x3, 429 x2", or empty.
    QString failureSummary() const;
};

// Runs `plan` from a thread of its own (so the client does not share an event loop with
// an in-process server) while the calling thread's event loop keeps running: in-process
// listeners, timers and a server process's output are served meanwhile. Every connection
// is open and its TLS handshake done before the clock starts.
LoadResult runLoad(const LoadPlan &plan);

// Loopback source addresses (127.0.0.1, .2, …) for `connections`, at most `perAddress` each.
QList<QHostAddress> loopbackSources(int connections, int perAddress = 50);

// A body source for pre-made bodies, one request each.
std::function<std::optional<QByteArray>()> bodiesFrom(QList<QByteArray> bodies);

} // namespace certigram::bench
