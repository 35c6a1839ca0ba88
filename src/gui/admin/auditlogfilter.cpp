#include "admin/auditlogfilter.h"

#include "admin/auditlogmodel.h"

namespace certigram {

AuditLogFilter::AuditLogFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(AuditLogModel::SortRole);
    setDynamicSortFilter(true);
}

void AuditLogFilter::setMinimumLevel(AuditLevel level)
{
    if (level == m_minimumLevel)
        return;
    m_minimumLevel = level;
    invalidateFilter();
}

void AuditLogFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void AuditLogFilter::setRemoteAddress(const QString &address)
{
    if (address == m_address)
        return;
    m_address = address;
    invalidateFilter();
}

void AuditLogFilter::setTimeRange(const QDateTime &from, const QDateTime &to)
{
    m_from = from;
    m_to = to;
    invalidateFilter();
}

bool AuditLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    const auto level
        = static_cast<AuditLevel>(model->data(first, AuditLogModel::LevelRole).toInt());
    if (level < m_minimumLevel)
        return false;
    const QDateTime time = model->data(first, AuditLogModel::TimestampRole).toDateTime();
    if (m_from.isValid() && time < m_from)
        return false;
    if (m_to.isValid() && time > m_to)
        return false;
    const auto contains = [&](int column, const QString &needle) {
        if (needle.isEmpty())
            return true;
        return model->data(model->index(sourceRow, column, sourceParent), Qt::DisplayRole)
            .toString()
            .contains(needle.trimmed(), Qt::CaseInsensitive);
    };
    return contains(AuditLogModel::Message, m_text)
        && contains(AuditLogModel::RemoteAddress, m_address);
}

} // namespace certigram
