#include "core/recipes/callwatcher.h"

#include <algorithm>

namespace core {

CallWatcher::CallWatcher(const Journal &journal, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
{
    connect(&journal, &Journal::callsFinished, this, &CallWatcher::check);
}

void CallWatcher::watch(CallId id, Callback callback)
{
    if (!id)
        return;
    m_callbacks.insert(id, std::move(callback));
    // The call may already be over (an error found before any I/O): answer on the next turn.
    QMetaObject::invokeMethod(this, &CallWatcher::check, Qt::QueuedConnection);
}

void CallWatcher::check()
{
    QList<CallId> done;
    for (auto it = m_callbacks.cbegin(); it != m_callbacks.cend(); ++it) {
        if (!m_journal.isPending(it.key()))
            done.append(it.key());
    }
    std::sort(done.begin(), done.end());
    for (CallId id : done) {
        const Callback callback = m_callbacks.take(id);
        callback(m_journal.call(id));
    }
}

} // namespace core
