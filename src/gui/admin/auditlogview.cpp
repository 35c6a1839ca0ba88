#include "admin/auditlogview.h"

#include "admin/auditlogfilter.h"
#include "admin/auditlogmodel.h"
#include "admin/csvexporter.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace certigram {

namespace {

enum Period { AnyTime, LastQuarterHour, LastHour, LastDay, LastWeek, Custom };

template<typename W>
W *named(W *widget, const char *objectName, const QString &accessibleName)
{
    widget->setObjectName(QLatin1String(objectName));
    widget->setAccessibleName(accessibleName);
    return widget;
}

} // namespace

AuditLogView::AuditLogView(QWidget *parent)
    : QWidget(parent)
    , m_model(new AuditLogModel(this))
    , m_filter(new AuditLogFilter(this))
{
    setObjectName(QStringLiteral("auditLogView"));
    setAccessibleName(tr("Audit log"));
    m_filter->setSourceModel(m_model);

    m_level = named(new QComboBox(this), "auditLevelFilter", tr("Minimum level"));
    m_level->addItem(tr("All levels"), static_cast<int>(AuditLevel::Debug));
    m_level->addItem(tr("Info and above"), static_cast<int>(AuditLevel::Info));
    m_level->addItem(tr("Warnings and above"), static_cast<int>(AuditLevel::Warning));
    m_level->addItem(tr("Errors and above"), static_cast<int>(AuditLevel::Error));
    m_level->addItem(tr("Critical only"), static_cast<int>(AuditLevel::Critical));
    m_text = named(new QLineEdit(this), "auditTextFilter", tr("Message contains"));
    m_text->setPlaceholderText(tr("Message contains…"));
    m_text->setClearButtonEnabled(true);
    m_address = named(new QLineEdit(this), "auditAddressFilter", tr("Remote address contains"));
    m_address->setPlaceholderText(tr("Remote address…"));
    m_address->setClearButtonEnabled(true);
    m_period = named(new QComboBox(this), "auditPeriodFilter", tr("Time range"));
    m_period->addItem(tr("Any time"), AnyTime);
    m_period->addItem(tr("Last 15 minutes"), LastQuarterHour);
    m_period->addItem(tr("Last hour"), LastHour);
    m_period->addItem(tr("Last 24 hours"), LastDay);
    m_period->addItem(tr("Last 7 days"), LastWeek);
    m_period->addItem(tr("Between…"), Custom);
    m_from = named(new QDateTimeEdit(this), "auditFromFilter", tr("From"));
    m_to = named(new QDateTimeEdit(this), "auditToFilter", tr("To"));
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setVisible(false);
    }
    m_from->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    m_to->setDateTime(QDateTime::currentDateTime().addSecs(3600));

    auto *levelLabel = new QLabel(tr("&Level:"), this);
    levelLabel->setBuddy(m_level);
    auto *periodLabel = new QLabel(tr("&When:"), this);
    periodLabel->setBuddy(m_period);
    auto *filters = new QHBoxLayout;
    filters->addWidget(levelLabel);
    filters->addWidget(m_level);
    filters->addWidget(m_text, 2);
    filters->addWidget(m_address, 1);
    filters->addWidget(periodLabel);
    filters->addWidget(m_period);
    filters->addWidget(m_from);
    filters->addWidget(m_to);

    m_table = named(new QTableView(this), "auditTable", tr("Audit log entries"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AuditLogModel::Time, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false); // Tab leaves the table: keyboard users move on
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(AuditLogModel::Time,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(AuditLogModel::Level,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(AuditLogModel::Message, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(AuditLogModel::RemoteAddress,
                                                      QHeaderView::ResizeToContents);

    m_count = named(new QLabel(this), "auditCount", tr("Entries shown"));
    m_export = named(new QPushButton(tr("E&xport CSV…"), this), "auditExportButton",
                     tr("Export the entries shown as CSV"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumLevel(static_cast<AuditLevel>(m_level->currentData().toInt()));
    });
    connect(m_text, &QLineEdit::textChanged, m_filter, &AuditLogFilter::setText);
    connect(m_address, &QLineEdit::textChanged, m_filter, &AuditLogFilter::setRemoteAddress);
    connect(m_period, &QComboBox::currentIndexChanged, this, &AuditLogView::applyTimeRange);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &AuditLogView::applyTimeRange);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &AuditLogView::applyTimeRange);
    connect(m_export, &QPushButton::clicked, this, &AuditLogView::chooseExportFile);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &AuditLogView::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &AuditLogView::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &AuditLogView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &AuditLogView::updateCount);
    connect(m_model, &AuditLogModel::failed, this, &AuditLogView::failed);
    // "Last hour" moves with the clock.
    auto *clock = new QTimer(this);
    clock->setInterval(30'000);
    connect(clock, &QTimer::timeout, this, [this] {
        if (m_period->currentData().toInt() != AnyTime && m_period->currentData().toInt() != Custom)
            applyTimeRange();
    });
    clock->start();
    updateCount();
}

void AuditLogView::applyTimeRange()
{
    const int period = m_period->currentData().toInt();
    const bool custom = period == Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (period) {
    case LastQuarterHour: m_filter->setTimeRange(now.addSecs(-15 * 60), QDateTime()); break;
    case LastHour: m_filter->setTimeRange(now.addSecs(-3600), QDateTime()); break;
    case LastDay: m_filter->setTimeRange(now.addDays(-1), QDateTime()); break;
    case LastWeek: m_filter->setTimeRange(now.addDays(-7), QDateTime()); break;
    case Custom:
        m_filter->setTimeRange(m_from->dateTime().toUTC(), m_to->dateTime().toUTC());
        break;
    default: m_filter->setTimeRange(QDateTime(), QDateTime());
    }
    updateCount();
}

void AuditLogView::updateCount()
{
    m_count->setText(
        tr("%1 of %2 entries shown").arg(m_filter->rowCount()).arg(m_model->rowCount()));
    m_export->setEnabled(m_filter->rowCount() > 0);
}

void AuditLogView::chooseExportFile()
{
    const QString suggested
        = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .filePath(QStringLiteral("certigram-audit-%1.csv")
                            .arg(QDate::currentDate().toString(Qt::ISODate)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the audit log"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

bool AuditLogView::exportCsv(const QString &path)
{
    if (auto written = CsvExporter::write(*m_filter, path); !written) {
        emit failed(written.error().message());
        return false;
    }
    emit exported(path);
    return true;
}

} // namespace certigram
