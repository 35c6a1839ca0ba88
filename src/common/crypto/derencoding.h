#pragma once

#include "core/result.h"

#include <openssl/types.h>

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

class QDateTime;

// DER (ITU-T X.690) for the few ASN.1 types a certificate is assembled from, and a reader
// that splits DER into its elements. The builder writes certificates directly and the CA
// splits requests itself: through OpenSSL's X509 object model, OpenSSL 3.0 spends several
// times a signature's cost on copies and on encoding and decoding the public key.
namespace certigram::der {

enum Tag : quint8 {
    Integer = 0x02,
    BitString = 0x03,
    OctetString = 0x04,
    ObjectIdentifier = 0x06,
    Utf8String = 0x0c,
    UtcTime = 0x17,
    GeneralizedTime = 0x18,
    Sequence = 0x30,
    Set = 0x31,
};

// One element: its tag, its content, and all of it (identifier, length and content), as
// views into the bytes being read.
struct Element
{
    quint8 tag = 0;
    QByteArrayView content;
    QByteArrayView encoded;
};

// Reads a run of DER elements, one after another. Strict: a tag must fit one byte (numbers
// below 31) and a length must be definite and in its shortest form, as DER demands; BER's
// other forms are malformed here. Once an element is malformed or not the one expected,
// the reader has failed and reads nothing more.
class Reader
{
public:
    explicit Reader(QByteArrayView bytes)
        : m_rest(bytes)
    { }
    // The next element when it has `tag`; nothing otherwise.
    std::optional<Element> next(quint8 tag);
    // The next element whatever its tag.
    std::optional<Element> next();
    // True when every byte was read and nothing failed.
    bool finished() const { return !m_failed && m_rest.isEmpty(); }

private:
    QByteArrayView m_rest;
    bool m_failed = false;
};

// A SubjectPublicKeyInfo (RFC 5280 §4.1) split into its two parts:
// SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }.
struct SubjectPublicKeyInfo
{
    Element algorithm;
    QByteArrayView bits; // the BIT STRING's content: its count of unused bits, then the key
};
// Nothing when `encoded` is not exactly one such structure, or the BIT STRING is empty.
std::optional<SubjectPublicKeyInfo> splitSubjectPublicKeyInfo(QByteArrayView encoded);

// Tag, definite length and `content`.
QByteArray tagged(quint8 tag, const QByteArray &content);
inline QByteArray sequence(const QByteArray &content)
{
    return tagged(Sequence, content);
}
// [number] EXPLICIT: a constructed context-specific wrapper (number < 31).
QByteArray explicitTag(int number, const QByteArray &content);
// A non-negative INTEGER from big-endian bytes: leading zeros dropped, a zero byte put in
// front when the top bit is set. Empty bytes encode zero.
QByteArray unsignedInteger(const QByteArray &bigEndian);
// A BIT STRING of whole bytes (no unused bits), as signatures and public keys are.
QByteArray bitString(const QByteArray &bytes);
// The OBJECT IDENTIFIER OpenSSL knows by `nid`; empty for an unknown one.
QByteArray objectIdentifier(int nid);
QByteArray objectIdentifier(const ASN1_OBJECT *object);
// RFC 5280 §4.1.2.5: UTCTime for the years 1950–2049, GeneralizedTime otherwise, to the
// second, in UTC. Fails for years before 1 or after 9999.
Result<QByteArray> time(const QDateTime &moment);

// `der` as a PEM block: "-----BEGIN <label>-----", base64 in lines of 64, the END line.
QByteArray pem(const char *label, const QByteArray &der);

} // namespace certigram::der
