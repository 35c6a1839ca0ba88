#include "admin/counterstable.h"

#include "ra/raevent.h"

#include <QHeaderView>
#include <QLocale>

namespace certigram {

namespace {

// People's names for the RA's events (the metric's help text goes in the tooltip).
QString eventLabel(RaEvent event)
{
    switch (event) {
    case RaEvent::CodeSent: return CountersTable::tr("Codes sent");
    case RaEvent::MultipleRequests: return CountersTable::tr("Repeated code requests refused");
    case RaEvent::InvalidNumber: return CountersTable::tr("Invalid Telegram ids");
    case RaEvent::RateLimited: return CountersTable::tr("Code requests rate-limited");
    case RaEvent::DeliveryFailed: return CountersTable::tr("Codes not delivered");
    case RaEvent::WrongCode: return CountersTable::tr("Wrong codes typed");
    case RaEvent::AttemptsExhausted: return CountersTable::tr("Codes burned (no attempts left)");
    case RaEvent::NoPendingCode: return CountersTable::tr("Codes typed with none pending");
    case RaEvent::TokenIssued: return CountersTable::tr("Enrolment tokens issued");
    case RaEvent::RevokeTokenIssued: return CountersTable::tr("Revocation tokens issued");
    case RaEvent::RevokeTokenRefused: return CountersTable::tr("Revocation tokens refused");
    }
    return QString();
}

} // namespace

CountersTable::CountersTable(QWidget *parent)
    : QTableWidget(0, 2, parent)
{
    setObjectName(QStringLiteral("countersTable"));
    setAccessibleName(tr("Server counters"));
    setHorizontalHeaderLabels({tr("Counter"), tr("Value")});
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setTabKeyNavigation(false);
    setAlternatingRowColors(true);

    rowFor(QStringLiteral("requests"), tr("HTTP requests"),
           tr("Requests handled since the server started."));
    rowFor(QStringLiteral("ok"), tr("Succeeded (2xx)"), QString());
    rowFor(QStringLiteral("clientErrors"), tr("Refused (4xx)"),
           tr("Bad input, wrong codes, rate limits."));
    rowFor(QStringLiteral("serverErrors"), tr("Failed (5xx)"),
           tr("Server-side failures: see the audit log."));
    rowFor(QStringLiteral("meanMs"), tr("Mean response time (ms)"), QString());
    for (const RaEvent event : allRaEvents()) {
        const RaEventInfo info = raEventInfo(event);
        rowFor(QString::fromLatin1(info.metric), eventLabel(event),
               QString::fromLatin1(info.metric));
    }
    clearCounters();
}

int CountersTable::rowFor(const QString &key, const QString &label, const QString &help)
{
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, 0)->data(Qt::UserRole).toString() == key)
            return row;
    }
    const int row = rowCount();
    insertRow(row);
    auto *name = new QTableWidgetItem(label);
    name->setData(Qt::UserRole, key);
    name->setToolTip(help);
    setItem(row, 0, name);
    auto *value = new QTableWidgetItem;
    value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setItem(row, 1, value);
    return row;
}

void CountersTable::setValue(const QString &key, double value)
{
    m_values.insert(key, value);
    const int row = rowFor(key, key, QString());
    item(row, 1)->setText(QLocale().toString(value, 'f', 0));
}

double CountersTable::value(const QString &key) const
{
    return m_values.value(key, -1);
}

void CountersTable::addRequest(int status, qint64 elapsedMs)
{
    ++m_requests;
    if (status >= 200 && status < 300)
        ++m_ok;
    else if (status >= 400 && status < 500)
        ++m_clientErrors;
    else if (status >= 500)
        ++m_serverErrors;
    m_totalMs += elapsedMs;
    showRequests();
}

void CountersTable::showRequests()
{
    setValue(QStringLiteral("requests"), static_cast<double>(m_requests));
    setValue(QStringLiteral("ok"), static_cast<double>(m_ok));
    setValue(QStringLiteral("clientErrors"), static_cast<double>(m_clientErrors));
    setValue(QStringLiteral("serverErrors"), static_cast<double>(m_serverErrors));
    setValue(QStringLiteral("meanMs"),
             m_requests == 0 ? 0.0
                             : static_cast<double>(m_totalMs) / static_cast<double>(m_requests));
}

void CountersTable::setRaCounters(const QVariantMap &counters)
{
    for (auto it = counters.cbegin(); it != counters.cend(); ++it)
        setValue(it.key(), it.value().toDouble());
}

void CountersTable::clearCounters()
{
    m_requests = m_ok = m_clientErrors = m_serverErrors = m_totalMs = 0;
    showRequests();
    for (const RaEvent event : allRaEvents())
        setValue(QString::fromLatin1(raEventInfo(event).metric), 0);
}

} // namespace certigram
