#include "log/auditrecord.h"

namespace certigram {

namespace {

// Characters that can break a line or make a terminal or viewer show text other than
// what is stored: the Unicode line/paragraph separators and the bidi controls.
bool isLayoutControl(char16_t c)
{
    return c == 0x2028 || c == 0x2029 // line and paragraph separator
        || c == 0x061c // Arabic letter mark
        || c == 0x200e || c == 0x200f // LRM, RLM
        || (c >= 0x202a && c <= 0x202e) // LRE, RLE, PDF, LRO, RLO
        || (c >= 0x2066 && c <= 0x2069); // LRI, RLI, FSI, PDI
}

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

void appendHex(QString &out, char16_t c, int digits)
{
    static constexpr char hex[] = "0123456789abcdef";
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += QLatin1Char(hex[(c >> shift) & 0xf]);
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// The value of `digits` hex digits at `pos`, or -1.
int hexAt(QStringView text, qsizetype pos, int digits)
{
    if (pos + digits > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        const int digit = hexValue(text[pos + i]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

} // namespace

QString AuditRecord::levelName(AuditLevel level)
{
    switch (level) {
    case AuditLevel::Debug: return QStringLiteral("DEBUG");
    case AuditLevel::Info: return QStringLiteral("INFO");
    case AuditLevel::Warning: return QStringLiteral("WARNING");
    case AuditLevel::Error: return QStringLiteral("ERROR");
    case AuditLevel::Critical: return QStringLiteral("CRITICAL");
    }
    return QStringLiteral("INFO");
}

std::optional<AuditLevel> AuditRecord::levelFromName(QStringView name)
{
    for (const AuditLevel level : {AuditLevel::Debug, AuditLevel::Info, AuditLevel::Warning,
                                   AuditLevel::Error, AuditLevel::Critical}) {
        if (name == levelName(level))
            return level;
    }
    return std::nullopt;
}

QString AuditRecord::sanitize(QStringView text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c == u'\\') {
            out += QLatin1String("\\\\");
        } else if (c == u';' && i > 0 && text[i - 1] == u';') {
            out += QLatin1String("\\x3b");
        } else if (isControl(c)) {
            out += QLatin1String("\\x");
            appendHex(out, c, 2);
        } else if (isLayoutControl(c)) {
            out += QLatin1String("\\u");
            appendHex(out, c, 4);
        } else if (QChar::isHighSurrogate(c) && i + 1 < text.size()
                   && QChar::isLowSurrogate(text[i + 1].unicode())) {
            out += text[i];
            out += text[i + 1];
            ++i;
        } else if (QChar::isSurrogate(c)) {
            // Unpaired: it would become U+FFFD in UTF-8 and lose what was sent.
            out += QLatin1String("\\u");
            appendHex(out, c, 4);
        } else {
            out += text[i];
        }
    }
    return out;
}

QString AuditRecord::unsanitize(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\\' || i + 1 >= text.size()) {
            out += text[i];
            continue;
        }
        const QChar kind = text[i + 1];
        if (kind == u'\\') {
            out += QLatin1Char('\\');
            ++i;
        } else if (const int x = kind == u'x' ? hexAt(text, i + 2, 2) : -1; x >= 0) {
            out += QChar(char16_t(x));
            i += 3;
        } else if (const int u = kind == u'u' ? hexAt(text, i + 2, 4) : -1; u >= 0) {
            out += QChar(char16_t(u));
            i += 5;
        } else {
            out += text[i];
        }
    }
    return out;
}

AuditRecord AuditRecord::sanitized() const
{
    return AuditRecord{level, timestamp, sanitize(message), sanitize(remoteAddress)};
}

} // namespace certigram
