#pragma once

#include <QByteArray>

#include <optional>

namespace certigram::bench {

// One HTTP/1.1 response taken off the front of a keep-alive connection's buffer.
struct HttpResponse
{
    int status = 0;
    QByteArray body; // de-chunked
};

// Takes the first complete response (Content-Length or chunked framing) off the front of
// `buffer`; nothing while it is still incomplete. Just enough HTTP for the benchmarks'
// raw keep-alive clients, which must not pay for QNetworkAccessManager's machinery.
std::optional<HttpResponse> takeHttpResponse(QByteArray &buffer);

} // namespace certigram::bench
