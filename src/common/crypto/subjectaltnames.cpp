#include "crypto/subjectaltnames.h"

#include "crypto/opensslerror.h"

#include <QRegularExpression>

#include <algorithm>

namespace certigram {

namespace {

using Asn1StringPtr = ossl::Owner<ASN1_STRING, ASN1_STRING_free>;
using GeneralNamePtr = ossl::Owner<GENERAL_NAME, GENERAL_NAME_free>;

std::optional<QByteArray> parseIpv4(QStringView text)
{
    const auto parts = text.split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    QByteArray bytes;
    for (QStringView part : parts) {
        // Leading zeros are refused: some parsers read them as octal.
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.front() == u'0'))
            return std::nullopt;
        int value = 0;
        for (QChar c : part) {
            if (c < u'0' || c > u'9')
                return std::nullopt;
            value = value * 10 + (c.unicode() - u'0');
        }
        if (value > 255)
            return std::nullopt;
        bytes.append(static_cast<char>(value));
    }
    return bytes;
}

// Appends the 16-bit groups of one side of an IPv6 address ("2001:db8" or "ffff:1.2.3.4").
bool appendIpv6Groups(QStringView part, bool allowIpv4Tail, QByteArray &out)
{
    if (part.isEmpty())
        return true;
    const auto fields = part.split(u':');
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QStringView field = fields.at(i);
        if (allowIpv4Tail && i == fields.size() - 1 && field.contains(u'.')) {
            const auto ipv4 = parseIpv4(field);
            if (!ipv4)
                return false;
            out.append(*ipv4);
            continue;
        }
        if (field.isEmpty() || field.size() > 4)
            return false;
        bool ok = false;
        const uint value = field.toUInt(&ok, 16);
        // toUInt accepts a sign and spaces; an address field is bare hex digits only.
        const bool hexOnly = std::all_of(field.begin(), field.end(), [](QChar c) {
            return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        });
        if (!ok || !hexOnly)
            return false;
        out.append(static_cast<char>(value >> 8));
        out.append(static_cast<char>(value & 0xff));
    }
    return true;
}

std::optional<QByteArray> parseIpv6(QStringView text)
{
    const qsizetype gap = text.indexOf(u"::");
    if (gap >= 0 && text.indexOf(u"::", gap + 1) >= 0)
        return std::nullopt;
    QByteArray head;
    QByteArray tail;
    if (gap < 0) {
        if (!appendIpv6Groups(text, true, head) || head.size() != 16)
            return std::nullopt;
        return head;
    }
    if (!appendIpv6Groups(text.left(gap), false, head)
        || !appendIpv6Groups(text.mid(gap + 2), true, tail) || head.size() + tail.size() > 14)
        return std::nullopt;
    return head + QByteArray(16 - head.size() - tail.size(), '\0') + tail;
}

QString formatIpv4(const QByteArray &address, qsizetype offset)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg(static_cast<uchar>(address.at(offset)))
        .arg(static_cast<uchar>(address.at(offset + 1)))
        .arg(static_cast<uchar>(address.at(offset + 2)))
        .arg(static_cast<uchar>(address.at(offset + 3)));
}

QString formatIpv6(const QByteArray &address)
{
    // IPv4-mapped addresses keep their dotted tail (RFC 5952 §5).
    if (address.startsWith(QByteArray(10, '\0') + QByteArray(2, '\xff')))
        return QStringLiteral("::ffff:") + formatIpv4(address, 12);
    int groups[8];
    for (int i = 0; i < 8; ++i)
        groups[i] = (static_cast<uchar>(address.at(2 * i)) << 8)
            | static_cast<uchar>(address.at(2 * i + 1));
    // The longest run of two or more zero groups becomes "::"; the first one on a tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        if (groups[i] != 0) {
            ++i;
            continue;
        }
        int end = i;
        while (end < 8 && groups[end] == 0)
            ++end;
        if (end - i > bestLength) {
            bestStart = i;
            bestLength = end - i;
        }
        i = end;
    }
    QString text;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            text += QLatin1String("::");
            i += bestLength - 1;
            continue;
        }
        if (!text.isEmpty() && !text.endsWith(u':'))
            text += u':';
        text += QString::number(groups[i], 16);
    }
    return text;
}

QString canonicalIp(const QString &text)
{
    const auto bytes = SubjectAltNames::parseIpAddress(text);
    return bytes ? SubjectAltNames::formatIpAddress(*bytes) : text;
}

QStringList normalised(QStringList names, bool ipAddresses = false)
{
    if (ipAddresses)
        std::transform(names.begin(), names.end(), names.begin(), canonicalIp);
    names.sort();
    names.removeDuplicates();
    return names;
}

QString ia5Text(const ASN1_STRING *string)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(string)),
                             ASN1_STRING_length(string));
}

// IA5String holds ASCII; we also refuse spaces and control characters, which no DNS
// name, mailbox or URI may contain unencoded.
bool isPrintableAscii(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() > 0x20 && c.unicode() < 0x7f;
    });
}

Result<void> appendName(GENERAL_NAMES *names, int type, const QByteArray &value)
{
    Asn1StringPtr string(type == GEN_IPADD ? ASN1_OCTET_STRING_new() : ASN1_IA5STRING_new());
    GeneralNamePtr name(GENERAL_NAME_new());
    if (!string || !name
        || ASN1_STRING_set(string.get(), value.constData(), static_cast<int>(value.size())) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode a SAN"));
    GENERAL_NAME_set0_value(name.get(), type, string.release());
    if (sk_GENERAL_NAME_push(names, name.get()) <= 0)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode a SAN"));
    name.release(); // now owned by `names`
    return {};
}

Result<void> appendTextNames(GENERAL_NAMES *names, int type, const QStringList &values,
                             const QString &kind)
{
    for (const QString &value : values) {
        if (!isPrintableAscii(value))
            return Error(
                ErrorCode::InvalidInput,
                QStringLiteral("%1 \"%2\" is not printable ASCII without spaces%3")
                    .arg(kind, value,
                         type == GEN_DNS ? QStringLiteral(" (give IDNs in punycode)") : QString()));
        const Result<void> appended = appendName(names, type, value.toLatin1());
        if (!appended)
            return appended;
    }
    return {};
}

} // namespace

bool SubjectAltNames::isEmpty() const
{
    return count() == 0;
}

qsizetype SubjectAltNames::count() const
{
    return dnsNames.size() + ipAddresses.size() + emailAddresses.size() + uris.size();
}

QStringList SubjectAltNames::all() const
{
    return dnsNames + ipAddresses + emailAddresses + uris;
}

void SubjectAltNames::add(const QString &name)
{
    // RFC 3986 scheme: a letter, then letters, digits, '+', '-' or '.', then ':'.
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
    if (const auto ip = parseIpAddress(name))
        ipAddresses << formatIpAddress(*ip);
    else if (scheme.match(name).hasMatch())
        uris << name;
    else if (name.contains(u'@'))
        emailAddresses << name;
    else
        dnsNames << name;
}

SubjectAltNames SubjectAltNames::fromList(const QStringList &names)
{
    SubjectAltNames result;
    for (const QString &name : names)
        result.add(name);
    return result;
}

bool SubjectAltNames::operator==(const SubjectAltNames &other) const
{
    return normalised(dnsNames) == normalised(other.dnsNames)
        && normalised(ipAddresses, true) == normalised(other.ipAddresses, true)
        && normalised(emailAddresses) == normalised(other.emailAddresses)
        && normalised(uris) == normalised(other.uris);
}

std::optional<QByteArray> SubjectAltNames::parseIpAddress(const QString &text)
{
    if (text.contains(u':'))
        return parseIpv6(text);
    return parseIpv4(text);
}

QString SubjectAltNames::formatIpAddress(const QByteArray &address)
{
    if (address.size() == 4)
        return formatIpv4(address, 0);
    if (address.size() == 16)
        return formatIpv6(address);
    return {};
}

SubjectAltNames SubjectAltNames::fromNative(const GENERAL_NAMES *names)
{
    SubjectAltNames result;
    const int count = names ? sk_GENERAL_NAME_num(names) : 0;
    for (int i = 0; i < count; ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        switch (name->type) {
        case GEN_DNS: result.dnsNames << ia5Text(name->d.dNSName); break;
        case GEN_EMAIL: result.emailAddresses << ia5Text(name->d.rfc822Name); break;
        case GEN_URI: result.uris << ia5Text(name->d.uniformResourceIdentifier); break;
        case GEN_IPADD: {
            const ASN1_OCTET_STRING *octets = name->d.iPAddress;
            const QString text = formatIpAddress(
                QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(octets)),
                           ASN1_STRING_length(octets)));
            if (!text.isEmpty()) // 8 or 32 bytes are name-constraint ranges, not addresses
                result.ipAddresses << text;
            break;
        }
        default: break;
        }
    }
    return result;
}

Result<ossl::X509ExtensionPtr> SubjectAltNames::toExtension(bool critical) const
{
    if (isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no subject alternative names"));
    ossl::GeneralNamesPtr names(GENERAL_NAMES_new());
    if (!names)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot encode the SANs"));
    Result<void> appended
        = appendTextNames(names.get(), GEN_DNS, dnsNames, QStringLiteral("DNS name"));
    for (qsizetype i = 0; appended && i < ipAddresses.size(); ++i) {
        const auto bytes = parseIpAddress(ipAddresses.at(i));
        if (!bytes)
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("\"%1\" is not an IP address").arg(ipAddresses.at(i)));
        appended = appendName(names.get(), GEN_IPADD, *bytes);
    }
    if (appended)
        appended = appendTextNames(names.get(), GEN_EMAIL, emailAddresses,
                                   QStringLiteral("e-mail address"));
    if (appended)
        appended = appendTextNames(names.get(), GEN_URI, uris, QStringLiteral("URI"));
    if (!appended)
        return appended.error();
    ossl::X509ExtensionPtr extension(
        X509V3_EXT_i2d(NID_subject_alt_name, critical ? 1 : 0, names.get()));
    if (!extension)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot encode the subjectAltName extension"));
    return extension;
}

} // namespace certigram
