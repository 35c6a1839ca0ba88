#pragma once

#include "log/auditrecord.h"

#include <QDateTime>
#include <QSortFilterProxyModel>

namespace certigram {

// Filters an AuditLogModel: a minimum level, text in the message, text in the remote
// address (both case-insensitive substrings) and a time range (either end open).
class AuditLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AuditLogFilter(QObject *parent = nullptr);

    void setMinimumLevel(AuditLevel level);
    AuditLevel minimumLevel() const { return m_minimumLevel; }
    void setText(const QString &text);
    void setRemoteAddress(const QString &address);
    // An invalid QDateTime leaves that end open.
    void setTimeRange(const QDateTime &from, const QDateTime &to);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    AuditLevel m_minimumLevel = AuditLevel::Debug;
    QString m_text;
    QString m_address;
    QDateTime m_from;
    QDateTime m_to;
};

} // namespace certigram
