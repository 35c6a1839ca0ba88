#include "admin/auditlogmodel.h"

#include "log/auditlogreader.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QtConcurrent>

namespace certigram {

AuditLogModel::AuditLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &AuditLogModel::finished);
}

AuditLogModel::~AuditLogModel()
{
    m_watcher.waitForFinished();
}

void AuditLogModel::setPath(const QString &path)
{
    if (path == m_path)
        return;
    ++m_generation;
    m_path = path;
    m_offset = 0;
    beginResetModel();
    m_records.clear();
    endResetModel();
    refresh();
}

void AuditLogModel::refresh()
{
    if (m_path.isEmpty())
        return;
    if (m_watcher.isRunning()) {
        m_refreshAgain = true;
        return;
    }
    m_refreshAgain = false;
    m_runningGeneration = m_generation;
    const QString path = m_path;
    const qint64 offset = m_offset;
    m_watcher.setFuture(QtConcurrent::run(&AuditLogModel::readFrom, path, offset));
}

AuditLogModel::Chunk AuditLogModel::readFrom(const QString &path, qint64 offset)
{
    Chunk chunk;
    QFile file(path);
    if (!file.exists()) {
        chunk.restarted = true; // nothing logged yet
        return chunk;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        chunk.error = tr("Cannot read the audit log %1: %2")
                          .arg(QDir::toNativeSeparators(path), file.errorString());
        chunk.endOffset = offset;
        return chunk;
    }
    if (file.size() < offset) { // rotated or replaced
        offset = 0;
        chunk.restarted = true;
    }
    // A long log is shown from its last few megabytes, and read in bounded chunks.
    constexpr qint64 kMaxChunk = 8 * 1024 * 1024;
    bool skipPartialLine = false;
    if (offset == 0 && file.size() > kMaxChunk) {
        offset = file.size() - kMaxChunk;
        skipPartialLine = true;
    }
    file.seek(offset);
    QByteArray tail = file.read(kMaxChunk);
    if (skipPartialLine) {
        const qsizetype firstNewline = tail.indexOf('\n');
        const qsizetype skipped = firstNewline < 0 ? tail.size() : firstNewline + 1;
        tail.remove(0, skipped);
        offset += skipped;
    }
    // Only whole lines: a line being written is read next time.
    const qsizetype lastNewline = tail.lastIndexOf('\n');
    const QByteArray complete = lastNewline < 0 ? QByteArray() : tail.left(lastNewline + 1);
    chunk.endOffset = offset + complete.size();
    chunk.more = chunk.endOffset < file.size() && !complete.isEmpty();
    AuditLogReader::Contents contents = AuditLogReader::readText(complete);
    chunk.records = std::move(contents.records);
    if (chunk.records.size() > maxRecords())
        chunk.records = chunk.records.mid(chunk.records.size() - maxRecords());
    return chunk;
}

void AuditLogModel::finished()
{
    Chunk chunk = m_watcher.result();
    if (m_runningGeneration == m_generation) {
        if (!chunk.error.isEmpty()) {
            emit failed(chunk.error);
        } else {
            m_offset = chunk.endOffset;
            if (chunk.restarted && !m_records.isEmpty()) {
                beginResetModel();
                m_records.clear();
                endResetModel();
            }
            const qsizetype overflow = m_records.size() + chunk.records.size() - maxRecords();
            if (overflow > 0) {
                const int drop = static_cast<int>(std::min(overflow, m_records.size()));
                beginRemoveRows(QModelIndex(), 0, drop - 1);
                m_records.remove(0, drop);
                endRemoveRows();
            }
            if (!chunk.records.isEmpty()) {
                const int first = static_cast<int>(m_records.size());
                beginInsertRows(QModelIndex(), first,
                                first + static_cast<int>(chunk.records.size()) - 1);
                m_records.append(chunk.records);
                endInsertRows();
            }
            emit refreshed();
        }
    }
    if (m_refreshAgain || chunk.more || m_runningGeneration != m_generation)
        refresh();
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditLogModel::levelText(AuditLevel level)
{
    switch (level) {
    case AuditLevel::Debug: return tr("Debug");
    case AuditLevel::Info: return tr("Info");
    case AuditLevel::Warning: return tr("Warning");
    case AuditLevel::Error: return tr("Error");
    case AuditLevel::Critical: return tr("Critical");
    }
    return QString();
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_records.size())
        return {};
    const AuditRecord &record = m_records.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case Time:
            return QLocale().toString(record.timestamp.toLocalTime(),
                                      QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Level: return levelText(record.level);
        case Message: return record.message; // as stored: escaped, safe to show
        case RemoteAddress: return record.remoteAddress;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Message)
            return record.message;
        if (index.column() == Time)
            return record.timestamp.toString(Qt::ISODateWithMs);
        break;
    case Qt::ForegroundRole:
        if (index.column() == Level && record.level >= AuditLevel::Error)
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (index.column() == Level && record.level == AuditLevel::Warning)
            return QBrush(QColor(0x9a, 0x60, 0x00));
        break;
    case LevelRole: return static_cast<int>(record.level);
    case TimestampRole: return record.timestamp;
    case SortRole:
        switch (index.column()) {
        case Time: return record.timestamp.toMSecsSinceEpoch();
        case Level: return static_cast<int>(record.level);
        default: return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Level: return tr("Level");
    case Message: return tr("Message");
    case RemoteAddress: return tr("Remote address");
    }
    return {};
}

} // namespace certigram
