#pragma once

#include "core/result.h"
#include "crypto/opensslptr.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace certigram {

// The subject alternative names of a CSR or certificate, by kind. Only the four kinds
// step-ca issues are kept; other GeneralName forms (otherName, directoryName, …) are
// ignored when reading. IP addresses are held in their canonical text form ("192.0.2.1",
// "2001:db8::1"), so two spellings of one address compare equal.
struct SubjectAltNames
{
    QStringList dnsNames;
    QStringList ipAddresses;
    QStringList emailAddresses;
    QStringList uris;

    bool isEmpty() const;
    qsizetype count() const;
    // Every name in one list: DNS names, then IP addresses, e-mail addresses, URIs, each
    // kind in the order it was added.
    QStringList all() const;

    // Classifies one name the way step-ca does for a token's `sans` claim: an IP address
    // if it parses as IPv4 or IPv6, a URI if it starts with "scheme:", an e-mail address
    // if it holds '@', else a DNS name. Appends it to the matching list.
    void add(const QString &name);
    static SubjectAltNames fromList(const QStringList &names);

    // Equal when every kind holds the same names; order and duplicates do not matter,
    // as for a certificate's SAN extension.
    bool operator==(const SubjectAltNames &other) const;
    bool operator!=(const SubjectAltNames &other) const { return !(*this == other); }

    // IPv4 or IPv6 text to its 4 or 16 network-order bytes; nullopt when it is not an
    // address (leading zeros, zone ids and brackets are refused, as Go's net.ParseIP does).
    static std::optional<QByteArray> parseIpAddress(const QString &text);
    // 4 or 16 bytes to canonical text (RFC 5952 for IPv6); empty for any other length.
    static QString formatIpAddress(const QByteArray &address);

    // For the crypto module's own use: reads the supported kinds from a GENERAL_NAMES, and
    // encodes the names as a subjectAltName extension. Encoding fails with InvalidInput for
    // an empty name, a name that is not printable ASCII (IA5String: IDNs must be given in
    // punycode), or an IP address that does not parse.
    static SubjectAltNames fromNative(const GENERAL_NAMES *names);
    Result<ossl::X509ExtensionPtr> toExtension(bool critical) const;
};

} // namespace certigram
