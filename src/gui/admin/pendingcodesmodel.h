#pragma once

#include "db/databaseconfig.h"
#include "db/pendingcodestore.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QList>

#include <optional>

namespace certigram {

// The codes waiting to be typed in: subject, purpose, expires in, attempts left. refresh()
// reads the database on a pool thread (its own connection) and the rows are replaced when
// the read is back; a refresh asked for meanwhile runs right after.
class PendingCodesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Subject, Purpose, ExpiresIn, AttemptsLeft, ColumnCount };

    explicit PendingCodesModel(QObject *parent = nullptr);
    ~PendingCodesModel() override;

    // Where to read from; std::nullopt (the server stopped) empties the model.
    void setDatabase(const std::optional<DatabaseConfig> &database);
    void refresh();
    bool isRefreshing() const { return m_watcher.isRunning(); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "4 min 10 s", "35 s", "expired".
    static QString formatRemaining(qint64 seconds);

signals:
    void refreshed();
    void failed(const QString &message);

private:
    struct Outcome
    {
        QList<PendingCode> codes;
        QString error;
    };
    void finished();

    std::optional<DatabaseConfig> m_database;
    QList<PendingCode> m_codes;
    QFutureWatcher<Outcome> m_watcher;
    bool m_refreshAgain = false;
    quint64 m_generation = 0; // bumps when the database changes: stale reads are dropped
    quint64 m_runningGeneration = 0;
};

} // namespace certigram
