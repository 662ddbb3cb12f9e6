#pragma once

#include "store/journal.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace ui {

// Lets a panel react when the calls it made finish, without polling: it registers a callback per
// CallId and the watcher runs it (on the GUI thread) once Journal::changed shows the call done.
class CallWatcher final : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const core::CallRecord &)>;

    explicit CallWatcher(core::Journal &journal, QObject *parent = nullptr);

    void watch(core::CallId id, Callback callback);
    int pendingCount() const { return int(m_callbacks.size()); }

private:
    void check();

    core::Journal &m_journal;
    QHash<core::CallId, Callback> m_callbacks;
};

} // namespace ui
