#pragma once

#include <QTableWidget>
#include <QVariantMap>

namespace certigram {

// The server's counters as a two-column table: HTTP requests (all, succeeded, refused,
// failed; mean time) counted from the requests handled, then the registration
// authority's event counters from its metrics.
class CountersTable : public QTableWidget
{
    Q_OBJECT

public:
    explicit CountersTable(QWidget *parent = nullptr);

    void addRequest(int status, qint64 elapsedMs);
    // Metric name → value, as ServerController::countersChanged gives them.
    void setRaCounters(const QVariantMap &counters);
    void clearCounters();

    qint64 requests() const { return m_requests; }
    // The value shown for a metric (RA counters) or for "requests", "ok", "clientErrors",
    // "serverErrors"; -1 when unknown.
    double value(const QString &key) const;

private:
    int rowFor(const QString &key, const QString &label, const QString &help);
    void setValue(const QString &key, double value);
    void showRequests();

    qint64 m_requests = 0;
    qint64 m_ok = 0;
    qint64 m_clientErrors = 0;
    qint64 m_serverErrors = 0;
    qint64 m_totalMs = 0;
    QMap<QString, double> m_values;
};

} // namespace certigram
