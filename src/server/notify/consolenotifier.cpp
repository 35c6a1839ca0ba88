#include "notify/consolenotifier.h"

#include <QMutexLocker>

#include <algorithm>

namespace certigram {

namespace {

// Subjects and messages come from elsewhere: escape what could forge or break log lines.
QString printable(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('\\'))
            escaped += QStringLiteral("\\\\");
        else if (c == QLatin1Char('\n'))
            escaped += QStringLiteral("\\n");
        else if (c == QLatin1Char('\r'))
            escaped += QStringLiteral("\\r");
        else if (c == QLatin1Char('\t'))
            escaped += QStringLiteral("\\t");
        else if (!c.isPrint() && !c.isSurrogate())
            escaped += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            escaped += c;
    }
    return escaped;
}

} // namespace

ConsoleNotifier::ConsoleNotifier(int keptSubjects)
    : m_capacity(std::max(1, keptSubjects))
{
    qCWarning(lcNotify) << "console notifier: one-time codes go to the log; for development "
                           "only";
}

QString ConsoleNotifier::name() const
{
    return QStringLiteral("console");
}

Result<void> ConsoleNotifier::send(const QString &subject, const QString &message)
{
    if (subject.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no subject to notify"));

    qCInfo(lcNotify, "code for %s: %s", qUtf8Printable(printable(subject)),
           qUtf8Printable(printable(message)));

    const QMutexLocker locker(&m_mutex);
    if (const auto found = m_bySubject.constFind(subject); found != m_bySubject.constEnd())
        m_recent.erase(found.value());
    m_recent.emplace_back(subject, message);
    m_bySubject.insert(subject, std::prev(m_recent.end()));
    if (static_cast<qsizetype>(m_recent.size()) > m_capacity) {
        m_bySubject.remove(m_recent.front().first);
        m_recent.pop_front();
    }
    return {};
}

QString ConsoleNotifier::lastMessage(const QString &subject) const
{
    const QMutexLocker locker(&m_mutex);
    const auto found = m_bySubject.constFind(subject);
    return found == m_bySubject.constEnd() ? QString() : found.value()->second;
}

} // namespace certigram
