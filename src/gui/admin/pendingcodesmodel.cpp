#include "admin/pendingcodesmodel.h"

#include "db/database.h"

#include <QDateTime>
#include <QtConcurrent>

namespace certigram {

PendingCodesModel::PendingCodesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &PendingCodesModel::finished);
}

PendingCodesModel::~PendingCodesModel()
{
    m_watcher.waitForFinished();
}

void PendingCodesModel::setDatabase(const std::optional<DatabaseConfig> &database)
{
    ++m_generation;
    m_database = database;
    if (!m_codes.isEmpty()) {
        beginResetModel();
        m_codes.clear();
        endResetModel();
    }
    if (m_database)
        refresh();
}

void PendingCodesModel::refresh()
{
    if (!m_database)
        return;
    if (m_watcher.isRunning()) {
        m_refreshAgain = true;
        return;
    }
    m_refreshAgain = false;
    m_runningGeneration = m_generation;
    const DatabaseConfig config = *m_database;
    m_watcher.setFuture(QtConcurrent::run([config]() -> Outcome {
        // A connection of its own: this runs on a pool thread, whatever the server does.
        Database database(config);
        PendingCodeStore store(database);
        auto codes = store.pending(QDateTime::currentDateTimeUtc());
        if (!codes)
            return {{}, codes.error().message()};
        return {codes.value(), QString()};
    }));
}

void PendingCodesModel::finished()
{
    const Outcome outcome = m_watcher.result();
    if (m_runningGeneration == m_generation) {
        if (!outcome.error.isEmpty()) {
            emit failed(tr("Cannot read the pending codes: %1").arg(outcome.error));
        } else {
            beginResetModel();
            m_codes = outcome.codes;
            endResetModel();
            emit refreshed();
        }
    }
    if (m_refreshAgain || m_runningGeneration != m_generation)
        refresh();
}

int PendingCodesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_codes.size());
}

int PendingCodesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PendingCodesModel::formatRemaining(qint64 seconds)
{
    if (seconds <= 0)
        return tr("expired");
    if (seconds < 60)
        return tr("%n s", nullptr, static_cast<int>(seconds));
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QVariant PendingCodesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_codes.size())
        return {};
    const PendingCode &code = m_codes.at(index.row());
    const qint64 remaining = QDateTime::currentDateTimeUtc().secsTo(code.expiresAt);
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case Subject: return code.subject;
        case Purpose: return code.purpose;
        case ExpiresIn: return formatRemaining(remaining);
        case AttemptsLeft: return code.attemptsLeft;
        }
    } else if (role == Qt::ToolTipRole && index.column() == ExpiresIn) {
        return tr("Expires at %1")
            .arg(QLocale().toString(code.expiresAt.toLocalTime(), QLocale::LongFormat));
    } else if (role == Qt::TextAlignmentRole
               && (index.column() == AttemptsLeft || index.column() == ExpiresIn)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::UserRole) { // sort keys
        switch (index.column()) {
        case ExpiresIn: return remaining;
        case AttemptsLeft: return code.attemptsLeft;
        default: return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant PendingCodesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Subject: return tr("Subject");
    case Purpose: return tr("Purpose");
    case ExpiresIn: return tr("Expires in");
    case AttemptsLeft: return tr("Attempts left");
    }
    return {};
}

} // namespace certigram
