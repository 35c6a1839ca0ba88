#pragma once

#include "store/holderhome.h"
#include "store/identitystore.h"
#include "store/renewalpolicy.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimer>

namespace certigram {

// The holder's identities as a table. reload() reads the store off the GUI thread (a
// thousand identities are a thousand small files) and swaps the rows in when done. Days
// left and statuses move with the clock: the model refreshes them every minute.
class IdentityTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Subject, Profile, KeyType, Serial, NotAfter, DaysLeft, Status, ColumnCount };
    enum Role {
        IdentityIdRole = Qt::UserRole + 1, // the id to hand to IdentityStore (qualified)
        StatusRole, // IdentityStatus as int
        SortRole, // numbers and dates sort as such
    };

    explicit IdentityTableModel(const HolderHome &home, QObject *parent = nullptr);

    void setRenewalPolicy(const RenewalPolicy &policy);
    const RenewalPolicy &renewalPolicy() const { return m_policy; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const Identity &identityAt(int row) const { return m_identities.at(row); }
    // -1 when absent.
    int rowOf(const QString &qualifiedId) const;
    const QList<BrokenIdentity> &broken() const { return m_broken; }
    // How many identities are in each state, for the status bar.
    int countWithStatus(IdentityStatus status) const;

    static QString statusText(IdentityStatus status);
    static QColor statusColor(IdentityStatus status);

public slots:
    void reload();

signals:
    void reloaded();

private:
    void refreshClock();

    HolderHome m_home;
    RenewalPolicy m_policy;
    QList<Identity> m_identities;
    QList<BrokenIdentity> m_broken;
    QDateTime m_now;
    QTimer m_clock;
    bool m_loading = false;
    bool m_reloadAgain = false;
};

} // namespace certigram
