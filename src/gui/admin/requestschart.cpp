#include "admin/requestschart.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace certigram {

RequestsChart::RequestsChart(QWidget *parent)
    : QChartView(parent)
    , m_series(new QLineSeries(this)) // the area series below draws it
    , m_timeAxis(new QDateTimeAxis)
    , m_countAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("requestsChart"));
    setAccessibleName(tr("Requests per minute"));
    setAccessibleDescription(tr("A line chart of the requests the server handled in each of "
                                "the last %n minutes",
                                nullptr, Minutes));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);

    auto *chart = new QChart;
    chart->setTitle(tr("Requests per minute"));
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_series->setName(tr("Requests"));
    // The area under the line, filled lightly; the line on top stays the data.
    auto *area = new QAreaSeries(m_series);
    area->setName(tr("Requests"));
    QColor fill = palette().color(QPalette::Highlight);
    area->setPen(QPen(fill, 2));
    fill.setAlpha(60);
    area->setBrush(fill);
    chart->addSeries(area);
    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_timeAxis->setTickCount(7);
    m_timeAxis->setTitleText(tr("Time"));
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_countAxis->setTickCount(6);
    m_countAxis->setTitleText(tr("Requests"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    area->attachAxis(m_timeAxis);
    area->attachAxis(m_countAxis);
    setChart(chart);

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(250);
    connect(&m_redrawTimer, &QTimer::timeout, this, [this] {
        redraw();
        m_redrawTimer.start(10'000); // keeps the window moving even when idle
    });
    redraw();
    m_redrawTimer.start(10'000);
}

qint64 RequestsChart::minuteOf(const QDateTime &when)
{
    return when.toSecsSinceEpoch() / 60;
}

void RequestsChart::addRequest(const QDateTime &when)
{
    ++m_perMinute[minuteOf(when)];
    if (m_redrawTimer.remainingTime() > 250 || !m_redrawTimer.isActive())
        m_redrawTimer.start(250);
}

void RequestsChart::clear()
{
    m_perMinute.clear();
    redraw();
}

qint64 RequestsChart::totalInWindow() const
{
    const qint64 last = minuteOf(QDateTime::currentDateTimeUtc());
    qint64 total = 0;
    for (auto it = m_perMinute.lowerBound(last - Minutes + 1); it != m_perMinute.end(); ++it)
        total += it.value();
    return total;
}

void RequestsChart::redraw()
{
    const qint64 last = minuteOf(QDateTime::currentDateTimeUtc());
    const qint64 first = last - Minutes + 1;
    while (!m_perMinute.isEmpty() && m_perMinute.firstKey() < first)
        m_perMinute.erase(m_perMinute.begin());

    QList<QPointF> points;
    qint64 highest = 0;
    for (qint64 minute = first; minute <= last; ++minute) {
        const qint64 count = m_perMinute.value(minute);
        highest = std::max(highest, count);
        // Each minute's count sits in the middle of its minute.
        points << QPointF(static_cast<qreal>(minute * 60'000 + 30'000), static_cast<qreal>(count));
    }
    m_series->replace(points);
    m_timeAxis->setRange(QDateTime::fromSecsSinceEpoch(first * 60),
                         QDateTime::fromSecsSinceEpoch((last + 1) * 60));
    // A round top (5, 10, 20, 50, 100, 200, 500…) with room above the line, in 5 steps.
    qint64 top = 5;
    for (int step = 0; top < highest + (highest + 4) / 5; ++step)
        top = step % 3 == 0 ? top * 2 : (step % 3 == 1 ? top * 2 : top * 5 / 2);
    m_countAxis->setRange(0, static_cast<qreal>(top));
}

} // namespace certigram
