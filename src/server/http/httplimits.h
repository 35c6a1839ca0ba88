#pragma once

#include <QtGlobal>

namespace certigram {

// What keeps one client from hurting the others. Defaults suit a public RA.
struct HttpLimits
{
    int maxConnections = 1024; // open sockets, TLS handshakes included
    int idleTimeoutMs = 30'000; // a connection quiet this long is closed
    int handshakeTimeoutMs = 10'000; // a TLS handshake slower than this is dropped
    qint64 maxBodyBytes = 64 * 1024; // larger bodies get 413 and the connection closes
    int maxHeaderBytes = 16 * 1024; // larger request heads get 431
    double requestsPerSecond = 20; // per remote address (IPv6: per /64), sustained…
    double burst = 60; // …after a burst of this many
    int maxTrackedAddresses = 100'000; // rate-limiter memory bound
};

} // namespace certigram
