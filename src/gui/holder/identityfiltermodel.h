#pragma once

#include <QSortFilterProxyModel>

#include <optional>

namespace certigram {

// Sorting and filtering of the identity table: free text over subject, profile, serial and
// key type, and optionally one status.
class IdentityFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit IdentityFilterModel(QObject *parent = nullptr);

    void setText(const QString &text);
    // -1: every status; else an IdentityStatus.
    void setStatus(int status);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    int m_status = -1;
};

} // namespace certigram
