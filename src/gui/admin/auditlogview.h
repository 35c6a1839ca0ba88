#pragma once

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace certigram {

class AuditLogFilter;
class AuditLogModel;

// The audit log as a table with its filters (level, text, remote address, time range)
// and a CSV export of the rows shown.
class AuditLogView : public QWidget
{
    Q_OBJECT

public:
    explicit AuditLogView(QWidget *parent = nullptr);

    AuditLogModel *model() const { return m_model; }
    AuditLogFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }

    // Writes the rows shown to `path`; false and failed(message) when it cannot.
    bool exportCsv(const QString &path);

signals:
    void failed(const QString &message);
    void exported(const QString &path);

private:
    void chooseExportFile();
    void applyTimeRange();
    void updateCount();

    AuditLogModel *m_model;
    AuditLogFilter *m_filter;
    QComboBox *m_level;
    QLineEdit *m_text;
    QLineEdit *m_address;
    QComboBox *m_period;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QTableView *m_table;
    QLabel *m_count;
    QPushButton *m_export;
};

} // namespace certigram
