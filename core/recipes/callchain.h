#pragma once

#include "core/recipes/callwatcher.h"
#include "core/store/journal.h"

#include <QObject>

#include <functional>
#include <vector>

namespace core {

class Workbench;

// Runs workbench calls one after another across sockets: each step starts when the call of the
// step before has finished (calls on one socket are ordered already; this orders calls on
// different sockets, e.g. connect after the listener's bind). Never blocks: it hears each call
// finish through a CallWatcher. A step may return 0 to make no call. Deletes itself when done.
class CallChain final : public QObject
{
    Q_OBJECT
public:
    using Step = std::function<CallId(Workbench &)>;

    explicit CallChain(Workbench &workbench, QObject *parent = nullptr);

    CallChain &then(Step step);
    // A step of a group (e.g. one socket's calls): once a call of the group fails or is
    // cancelled, the group's later steps are skipped, as a script stops at its first exception.
    CallChain &then(int group, Step step);
    void start();

    // The record of the call the previous step made (for steps that use a result).
    CallRecord last() const;
    // "sk2.bind(('127.0.0.1', 8080)) raised OSError: [Errno 98] Address already in use; its 2
    // later steps did not run": a failed step as a person reads it on stderr.
    static QString failureText(const CallRecord &record, int skipped);
    // How many steps were skipped because an earlier step of their group failed.
    int skippedSteps() const { return m_skipped; }
    // For a step that makes no call and still can fail (a saved schedule that cannot start):
    // says so through noticed(), as stepFailed() says it for a call.
    void notice(int group, const QString &message) { emit noticed(group, message); }

signals:
    // A call of group failed; skipped: how many of the group's later steps will not run.
    void stepFailed(int group, const core::CallRecord &record, int skipped);
    void noticed(int group, const QString &message);
    void finished();

private:
    void advance();
    void stepFinished(const CallRecord &record);

    Workbench &m_workbench;
    CallWatcher *m_watcher;
    struct Entry
    {
        int group = -1;
        Step step;
    };
    std::vector<Entry> m_steps;
    std::vector<int> m_failedGroups;
    size_t m_next = 0;
    int m_waitingGroup = -1;
    CallId m_last = 0;
    int m_skipped = 0;
};

} // namespace core
