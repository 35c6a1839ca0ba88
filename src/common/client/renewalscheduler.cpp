#include "client/renewalscheduler.h"

#include "client/background.h"
#include "client/renewer.h"
#include "store/identitystore.h"

#include <algorithm>

namespace certigram {

RenewalScheduler::RenewalScheduler(const HolderHome &home, const RenewalPolicy &policy,
                                   QObject *parent)
    : QObject(parent)
    , m_home(home)
    , m_policy(policy)
    , m_renewer(new Renewer(home, this))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RenewalScheduler::rescan);
}

void RenewalScheduler::setTimeout(std::chrono::milliseconds timeout)
{
    m_renewer->setTimeout(timeout);
}

void RenewalScheduler::start()
{
    m_running = true;
    rescan();
}

void RenewalScheduler::stop()
{
    m_running = false;
    m_timer.stop();
    m_due.clear();
}

void RenewalScheduler::rescan()
{
    if (!m_running)
        return;
    if (m_busy) {
        // A scan that started before the store changed would miss the change: scan again.
        m_rescanRequested = true;
        return;
    }
    m_busy = true;
    m_rescanRequested = false;
    runInBackground(
        this, [folder = m_home.identitiesFolder()] { return IdentityStore(folder).list(); },
        [this](const IdentityList &list) {
            m_busy = false;
            if (!m_running)
                return;
            if (m_rescanRequested)
                rescan();
            else
                schedule(list.identities);
        });
}

void RenewalScheduler::schedule(const QList<Identity> &identities)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_due.clear();
    m_nextAttempt = QDateTime();
    for (const Identity &identity : identities) {
        const QDateTime attempt
            = m_policy.nextAttempt(identity, now, m_failures.value(identity.qualifiedId()));
        if (!attempt.isValid())
            continue;
        if (attempt <= now)
            m_due << identity.qualifiedId();
        else if (!m_nextAttempt.isValid() || attempt < m_nextAttempt)
            m_nextAttempt = attempt;
    }
    if (!m_due.isEmpty()) {
        emit scheduled(now);
        renewNext();
        return;
    }
    emit scheduled(m_nextAttempt);
    // Wake at the next attempt, but no later than the rescan interval: the store may change
    // behind our back and the clock may jump.
    qint64 wait = std::chrono::milliseconds(kRescanInterval).count();
    if (m_nextAttempt.isValid())
        wait = std::clamp<qint64>(now.msecsTo(m_nextAttempt) + 1, 0, wait);
    m_timer.start(std::chrono::milliseconds(wait));
}

void RenewalScheduler::renewNext()
{
    if (!m_running)
        return;
    if (m_due.isEmpty()) {
        rescan();
        return;
    }
    const QString id = m_due.takeFirst();
    m_busy = true;
    m_renewer->renew(id, m_passphrase, [this, id](Result<Identity> result) {
        m_busy = false;
        if (result) {
            m_failures.remove(id);
            emit renewed(result.value());
        } else {
            const int failures = m_failures.value(id) + 1;
            m_failures.insert(id, failures);
            emit renewalFailed(
                id, result.error(),
                QDateTime::currentDateTimeUtc().addSecs(m_policy.backoffSeconds(failures)));
        }
        renewNext();
    });
}

} // namespace certigram
