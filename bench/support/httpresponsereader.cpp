#include "httpresponsereader.h"

#include <QList>

namespace certigram::bench {

namespace {

struct Head
{
    int status = 0;
    qsizetype contentLength = 0;
    bool chunked = false;
};

Head parseHead(const QByteArray &head)
{
    Head parsed;
    const QList<QByteArray> lines = head.split('\n');
    parsed.status = lines.value(0).split(' ').value(1).toInt();
    for (const QByteArray &rawLine : lines) {
        const QByteArray line = rawLine.trimmed().toLower();
        if (line.startsWith("content-length:"))
            parsed.contentLength = line.mid(15).trimmed().toLongLong();
        else if (line.startsWith("transfer-encoding:") && line.contains("chunked"))
            parsed.chunked = true;
    }
    return parsed;
}

// Decodes the chunked body starting at `position`; the end of the whole response in
// `end`, or false while incomplete.
bool readChunked(const QByteArray &buffer, qsizetype position, QByteArray &body, qsizetype &end)
{
    for (;;) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", position);
        if (lineEnd < 0)
            return false;
        bool ok = false;
        const qsizetype size = buffer.mid(position, lineEnd - position)
                                   .split(';')
                                   .value(0)
                                   .trimmed()
                                   .toLongLong(&ok, 16);
        if (!ok)
            return false;
        position = lineEnd + 2;
        if (size == 0) {
            // No trailers expected: the final CRLF.
            if (buffer.size() < position + 2)
                return false;
            end = position + 2;
            return true;
        }
        if (buffer.size() < position + size + 2)
            return false;
        body += buffer.mid(position, size);
        position += size + 2;
    }
}

} // namespace

std::optional<HttpResponse> takeHttpResponse(QByteArray &buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const Head head = parseHead(buffer.left(headEnd));
    const qsizetype bodyStart = headEnd + 4;
    HttpResponse response;
    response.status = head.status;
    qsizetype end = 0;
    if (head.chunked) {
        if (!readChunked(buffer, bodyStart, response.body, end))
            return std::nullopt;
    } else {
        end = bodyStart + head.contentLength;
        if (buffer.size() < end)
            return std::nullopt;
        response.body = buffer.mid(bodyStart, head.contentLength);
    }
    buffer.remove(0, end);
    return response;
}

} // namespace certigram::bench
