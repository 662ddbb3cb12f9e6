#pragma once

#include "core/store/journal.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace core {

// The one way a front end on a Qt thread hears that its calls finished (panels, CallChain): it
// registers a callback per CallId and the watcher runs it, on its own thread, at the next turn of
// the event loop after the call is done (Journal::callsFinished; callbacks in call order). A
// caller that may block, a script or a test, waits with Journal::wait instead.
class CallWatcher final : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const CallRecord &)>;

    explicit CallWatcher(const Journal &journal, QObject *parent = nullptr);

    void watch(CallId id, Callback callback);
    // Forgets a call's callback (a panel that moved on); the call itself goes on.
    void forget(CallId id) { m_callbacks.remove(id); }
    int pendingCount() const { return int(m_callbacks.size()); }

private:
    void check();

    const Journal &m_journal;
    QHash<CallId, Callback> m_callbacks;
};

} // namespace core
