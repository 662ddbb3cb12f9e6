#include "callchain.h"

#include "workbench.h"

namespace core {

CallChain::CallChain(Workbench &workbench, QObject *parent)
    : QObject(parent)
    , m_workbench(workbench)
{
    connect(&workbench.journal(), &Journal::changed, this, &CallChain::advance);
}

CallChain &CallChain::then(Step step)
{
    m_steps.push_back(std::move(step));
    return *this;
}

void CallChain::start()
{
    // queued: lets the caller connect to finished() before a chain of instant steps completes
    QMetaObject::invokeMethod(this, &CallChain::advance, Qt::QueuedConnection);
}

CallRecord CallChain::last() const
{
    return m_last ? m_workbench.journal().call(m_last) : CallRecord();
}

void CallChain::advance()
{
    while (true) {
        if (m_waiting) {
            if (m_workbench.journal().isPending(m_waiting))
                return;
            m_last = m_waiting;
            m_waiting = 0;
        }
        if (m_next >= m_steps.size()) {
            emit finished();
            deleteLater();
            disconnect(&m_workbench.journal(), nullptr, this, nullptr);
            return;
        }
        m_waiting = m_steps[m_next++](m_workbench);
    }
}

} // namespace core
