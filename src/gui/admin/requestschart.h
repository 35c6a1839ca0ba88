#pragma once

#include <QChartView>
#include <QDateTime>
#include <QMap>
#include <QTimer>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace certigram {

// Requests per minute over the last half hour, as a line chart (QtCharts).
class RequestsChart : public QChartView
{
    Q_OBJECT

public:
    static constexpr int Minutes = 30;

    explicit RequestsChart(QWidget *parent = nullptr);

    // Counts one request at `when` (now by default).
    void addRequest(const QDateTime &when = QDateTime::currentDateTimeUtc());
    void clear();
    // Requests counted in the window shown.
    qint64 totalInWindow() const;
    QLineSeries *series() const { return m_series; }

private:
    void redraw();
    static qint64 minuteOf(const QDateTime &when);

    QMap<qint64, qint64> m_perMinute; // minute since the epoch → requests
    QLineSeries *m_series;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_countAxis;
    QTimer m_redrawTimer; // coalesces bursts and scrolls with the clock
};

} // namespace certigram
