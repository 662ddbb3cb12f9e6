#include "core/recipes/callchain.h"

#include "core/workbench.h"

#include <QCoreApplication>

#include <algorithm>

namespace core {

CallChain::CallChain(Workbench &workbench, QObject *parent)
    // A chain never outlives its workbench: one still running when the workbench goes is
    // deleted with it (a finished chain deletes itself).
    : QObject(parent ? parent : &workbench)
    , m_workbench(workbench)
    , m_watcher(new CallWatcher(workbench.journal(), this))
{
}

CallChain &CallChain::then(Step step)
{
    return then(-1, std::move(step));
}

CallChain &CallChain::then(int group, Step step)
{
    m_steps.push_back({group, std::move(step)});
    return *this;
}

void CallChain::start()
{
    // queued: lets the caller connect to finished() before a chain of instant steps completes
    QMetaObject::invokeMethod(this, &CallChain::advance, Qt::QueuedConnection);
}

QString CallChain::failureText(const CallRecord &record, int skipped)
{
    const bool cancelled = record.outcome.status == CallStatus::Cancelled;
    const QString why = cancelled ? record.outcome.note : record.outcome.result;
    if (skipped == 1)
        return (cancelled ? QCoreApplication::translate("core", "%1 was cancelled (%2); its 1 later step did not run")
                          : QCoreApplication::translate("core", "%1 raised %2; its 1 later step did not run"))
            .arg(record.call, why);
    if (skipped)
        return (cancelled ? QCoreApplication::translate("core", "%1 was cancelled (%2); its %3 later steps did not run")
                          : QCoreApplication::translate("core", "%1 raised %2; its %3 later steps did not run"))
            .arg(record.call, why, QString::number(skipped)); // at once: a call may hold "%3"
    return (cancelled ? QCoreApplication::translate("core", "%1 was cancelled (%2)")
                      : QCoreApplication::translate("core", "%1 raised %2"))
        .arg(record.call, why);
}

CallRecord CallChain::last() const
{
    return m_last ? m_workbench.journal().call(m_last) : CallRecord();
}

void CallChain::stepFinished(const CallRecord &record)
{
    m_last = record.id;
    if (m_waitingGroup >= 0
        && (record.outcome.status == CallStatus::Failed || record.outcome.status == CallStatus::Cancelled)) {
        m_failedGroups.push_back(m_waitingGroup);
        int skipped = 0;
        for (size_t i = m_next; i < m_steps.size(); ++i)
            skipped += m_steps[i].group == m_waitingGroup;
        m_skipped += skipped;
        emit stepFailed(m_waitingGroup, record, skipped);
    }
    advance();
}

void CallChain::advance()
{
    while (true) {
        while (m_next < m_steps.size() && m_steps[m_next].group >= 0
               && std::find(m_failedGroups.begin(), m_failedGroups.end(), m_steps[m_next].group) != m_failedGroups.end())
            ++m_next;
        if (m_next >= m_steps.size()) {
            emit finished();
            deleteLater();
            return;
        }
        Entry &entry = m_steps[m_next++];
        m_waitingGroup = entry.group;
        if (const CallId id = entry.step(m_workbench)) {
            m_watcher->watch(id, [this](const CallRecord &record) { stepFinished(record); });
            return;
        }
    }
}

} // namespace core
