#pragma once

#include "log/auditrecord.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QList>

namespace certigram {

// The `;;` audit log as a table (time, level, message, remote address). refresh() reads
// what was appended since the last read on a pool thread and appends the rows; a file
// that shrank (rotated, replaced) is read again from the start. At most maxRecords()
// recent records are kept.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Level, Message, RemoteAddress, ColumnCount };
    // Data roles beyond Qt's, for the filter.
    enum Role { LevelRole = Qt::UserRole + 1, TimestampRole, SortRole };

    explicit AuditLogModel(QObject *parent = nullptr);
    ~AuditLogModel() override;

    // An empty path empties the model.
    void setPath(const QString &path);
    QString path() const { return m_path; }
    void refresh();
    static int maxRecords() { return 20000; }
    const AuditRecord &record(int row) const { return m_records.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString levelText(AuditLevel level);

signals:
    void refreshed();
    void failed(const QString &message);

private:
    struct Chunk
    {
        QList<AuditRecord> records;
        qint64 endOffset = 0;
        bool restarted = false; // read from the start: replace, do not append
        bool more = false; // the file holds more than one chunk: read on
        QString error;
    };
    static Chunk readFrom(const QString &path, qint64 offset);
    void finished();

    QString m_path;
    qint64 m_offset = 0;
    QList<AuditRecord> m_records;
    QFutureWatcher<Chunk> m_watcher;
    bool m_refreshAgain = false;
    quint64 m_generation = 0;
    quint64 m_runningGeneration = 0;
};

} // namespace certigram
