#include "ca/calogging.h"

namespace certigram {

Q_LOGGING_CATEGORY(lcCa, "certigram.server.ca")

QString loggable(const QString &text, qsizetype maximum)
{
    QString result;
    result.reserve(std::min(text.size(), maximum) + 1);
    for (const QChar c : text) {
        if (result.size() >= maximum) {
            result += QChar(0x2026); // …
            break;
        }
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph)
            result += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            result += c;
    }
    return result;
}

} // namespace certigram
