#include "crypto/derencoding.h"

#include <openssl/objects.h>

#include <QDateTime>

#include <cstdio>

namespace certigram::der {

QByteArray tagged(quint8 tag, const QByteArray &content)
{
    const qsizetype length = content.size();
    QByteArray encoded;
    encoded.reserve(length + 6);
    encoded.append(static_cast<char>(tag));
    if (length < 0x80) {
        encoded.append(static_cast<char>(length));
    } else {
        // Long form: 0x80 | the number of length bytes, then the length big-endian.
        int bytes = 0;
        for (qsizetype rest = length; rest > 0; rest >>= 8)
            ++bytes;
        encoded.append(static_cast<char>(0x80 | bytes));
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
            encoded.append(static_cast<char>((length >> shift) & 0xff));
    }
    encoded.append(content);
    return encoded;
}

QByteArray explicitTag(int number, const QByteArray &content)
{
    Q_ASSERT(number >= 0 && number < 31);
    return tagged(static_cast<quint8>(0xa0 | number), content);
}

QByteArray unsignedInteger(const QByteArray &bigEndian)
{
    qsizetype first = 0;
    while (first < bigEndian.size() && bigEndian.at(first) == '\0')
        ++first;
    QByteArray value = bigEndian.mid(first);
    if (value.isEmpty() || (static_cast<uchar>(value.at(0)) & 0x80) != 0)
        value.prepend('\0');
    return tagged(Integer, value);
}

QByteArray bitString(const QByteArray &bytes)
{
    return tagged(BitString, QByteArray(1, '\0') + bytes);
}

QByteArray objectIdentifier(int nid)
{
    return objectIdentifier(OBJ_nid2obj(nid));
}

QByteArray objectIdentifier(const ASN1_OBJECT *object)
{
    const int length = object ? OBJ_length(object) : 0;
    if (length <= 0)
        return {};
    return tagged(ObjectIdentifier,
                  QByteArray(reinterpret_cast<const char *>(OBJ_get0_data(object)), length));
}

Result<QByteArray> time(const QDateTime &moment)
{
    const QDateTime utc = moment.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    if (!utc.isValid() || date.year() < 1 || date.year() > 9999)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 cannot be written in a certificate")
                         .arg(moment.toString(Qt::ISODate)));
    const bool utcTime = date.year() >= 1950 && date.year() < 2050;
    char text[16];
    const int length
        = std::snprintf(text, sizeof text, "%0*d%02d%02d%02d%02d%02dZ", utcTime ? 2 : 4,
                        utcTime ? date.year() % 100 : date.year(), date.month(), date.day(),
                        clock.hour(), clock.minute(), clock.second());
    return tagged(utcTime ? UtcTime : GeneralizedTime, QByteArray(text, length));
}

std::optional<Element> Reader::next(quint8 tag)
{
    std::optional<Element> element = next();
    if (element && element->tag != tag) {
        m_failed = true;
        return std::nullopt;
    }
    return element;
}

std::optional<Element> Reader::next()
{
    const auto fail = [this]() -> std::optional<Element> {
        m_failed = true;
        return std::nullopt;
    };
    if (m_failed || m_rest.size() < 2)
        return fail();
    const auto byte = [this](qsizetype index) { return static_cast<quint8>(m_rest.at(index)); };
    const quint8 tag = byte(0);
    if ((tag & 0x1f) == 0x1f) // a tag number of 31 or more
        return fail();
    qsizetype length = byte(1);
    qsizetype header = 2;
    if (length & 0x80) {
        const int lengthBytes = length & 0x7f;
        // 0x80 is BER's indefinite length; four bytes say more than anything read here.
        if (lengthBytes == 0 || lengthBytes > 4 || m_rest.size() < 2 + lengthBytes)
            return fail();
        length = 0;
        for (int i = 0; i < lengthBytes; ++i)
            length = (length << 8) | byte(2 + i);
        // The shortest form: no leading zero byte, and the long form only from 128 on.
        if (byte(2) == 0 || length < 0x80)
            return fail();
        header += lengthBytes;
    }
    if (length > m_rest.size() - header)
        return fail();
    Element element{tag, m_rest.sliced(header, length), m_rest.first(header + length)};
    m_rest = m_rest.sliced(header + length);
    return element;
}

std::optional<SubjectPublicKeyInfo> splitSubjectPublicKeyInfo(QByteArrayView encoded)
{
    Reader outer(encoded);
    const auto info = outer.next(Sequence);
    if (!info || !outer.finished())
        return std::nullopt;
    Reader fields(info->content);
    const auto algorithm = fields.next(Sequence);
    const auto bits = fields.next(BitString);
    if (!algorithm || !bits || !fields.finished() || bits->content.isEmpty())
        return std::nullopt;
    return SubjectPublicKeyInfo{*algorithm, bits->content};
}

QByteArray pem(const char *label, const QByteArray &der)
{
    const QByteArray base64 = der.toBase64();
    QByteArray text;
    text.reserve(base64.size() + base64.size() / 64 + 64);
    text.append("-----BEGIN ").append(label).append("-----\n");
    for (qsizetype offset = 0; offset < base64.size(); offset += 64)
        text.append(base64.mid(offset, 64)).append('\n');
    text.append("-----END ").append(label).append("-----\n");
    return text;
}

} // namespace certigram::der
