#include "holder/identityfiltermodel.h"

#include "holder/identitytablemodel.h"

namespace certigram {

IdentityFilterModel::IdentityFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(IdentityTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void IdentityFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void IdentityFilterModel::setStatus(int status)
{
    m_status = status;
    invalidateFilter();
}

bool IdentityFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    if (m_status >= 0
        && model->index(sourceRow, IdentityTableModel::Status, sourceParent)
                .data(IdentityTableModel::StatusRole)
                .toInt()
            != m_status)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {IdentityTableModel::Subject, IdentityTableModel::Profile,
                       IdentityTableModel::Serial, IdentityTableModel::KeyType})
        if (model->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace certigram
