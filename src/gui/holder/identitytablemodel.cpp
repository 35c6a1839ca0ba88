#include "holder/identitytablemodel.h"

#include "client/background.h"

#include <QColor>
#include <QLocale>

namespace certigram {

IdentityTableModel::IdentityTableModel(const HolderHome &home, QObject *parent)
    : QAbstractTableModel(parent)
    , m_home(home)
    , m_now(QDateTime::currentDateTimeUtc())
{
    m_clock.setInterval(std::chrono::minutes(1));
    connect(&m_clock, &QTimer::timeout, this, &IdentityTableModel::refreshClock);
    m_clock.start();
}

void IdentityTableModel::setRenewalPolicy(const RenewalPolicy &policy)
{
    m_policy = policy;
    refreshClock();
}

int IdentityTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_identities.size());
}

int IdentityTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString IdentityTableModel::statusText(IdentityStatus status)
{
    switch (status) {
    case IdentityStatus::Valid: return tr("Valid");
    case IdentityStatus::RenewSoon: return tr("Renew soon");
    case IdentityStatus::Expired: return tr("Expired");
    case IdentityStatus::Revoked: return tr("Revoked");
    }
    return QString();
}

QColor IdentityTableModel::statusColor(IdentityStatus status)
{
    switch (status) {
    case IdentityStatus::Valid: return QColor(0x2e, 0x7d, 0x32);
    case IdentityStatus::RenewSoon: return QColor(0xb2, 0x6a, 0x00);
    case IdentityStatus::Expired: return QColor(0xc6, 0x28, 0x28);
    case IdentityStatus::Revoked: return QColor(0x61, 0x61, 0x61);
    }
    return QColor();
}

QVariant IdentityTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_identities.size())
        return QVariant();
    const Identity &identity = m_identities.at(index.row());
    // Before notBefore counts as valid; "renew soon" follows the configured policy.
    IdentityStatus status = identity.status(m_now);
    if (status == IdentityStatus::Valid && m_policy.needsRenewal(identity, m_now))
        status = IdentityStatus::RenewSoon;
    if (role == IdentityIdRole)
        return identity.qualifiedId();
    if (role == StatusRole)
        return static_cast<int>(status);
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Subject: return identity.subject();
        case Profile: return identity.profile();
        case KeyType: return identity.keyType();
        case Serial: return identity.serialHex();
        case NotAfter:
            // Compact and unambiguous in every language; the tooltip has the long form.
            return identity.notAfter().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case DaysLeft: return identity.daysLeft(m_now);
        case Status: return statusText(status);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NotAfter: return identity.notAfter();
        case DaysLeft: return identity.daysLeft(m_now);
        case Status: return static_cast<int>(status);
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ForegroundRole:
        if (index.column() == Status || index.column() == DaysLeft)
            return statusColor(status);
        break;
    case Qt::ToolTipRole:
        return tr("%1 — valid until %2 (%3)")
            .arg(identity.qualifiedId(),
                 locale.toString(identity.notAfter().toLocalTime(), QLocale::LongFormat),
                 statusText(status));
    case Qt::TextAlignmentRole:
        if (index.column() == DaysLeft)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return QVariant();
}

QVariant IdentityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Subject: return tr("Telegram ID");
    case Profile: return tr("CA profile");
    case KeyType: return tr("Key");
    case Serial: return tr("Serial");
    case NotAfter: return tr("Expires");
    case DaysLeft: return tr("Days left");
    case Status: return tr("Status");
    }
    return QVariant();
}

int IdentityTableModel::rowOf(const QString &qualifiedId) const
{
    for (int row = 0; row < m_identities.size(); ++row)
        if (m_identities.at(row).qualifiedId() == qualifiedId)
            return row;
    return -1;
}

int IdentityTableModel::countWithStatus(IdentityStatus status) const
{
    int count = 0;
    for (int row = 0; row < m_identities.size(); ++row)
        if (data(index(row, Status), StatusRole).toInt() == static_cast<int>(status))
            ++count;
    return count;
}

void IdentityTableModel::reload()
{
    if (m_loading) {
        m_reloadAgain = true; // the store changed while it was being read
        return;
    }
    m_loading = true;
    runInBackground(
        this, [folder = m_home.identitiesFolder()] { return IdentityStore(folder).list(); },
        [this](const IdentityList &list) {
            beginResetModel();
            m_identities = list.identities;
            m_broken = list.broken;
            m_now = QDateTime::currentDateTimeUtc();
            endResetModel();
            m_loading = false;
            emit reloaded();
            if (m_reloadAgain) {
                m_reloadAgain = false;
                reload();
            }
        });
}

void IdentityTableModel::refreshClock()
{
    m_now = QDateTime::currentDateTimeUtc();
    if (!m_identities.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace certigram
