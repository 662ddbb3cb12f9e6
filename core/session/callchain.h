#pragma once

#include "store/journal.h"

#include <QObject>

#include <functional>
#include <vector>

namespace core {

class Workbench;

// Runs workbench calls one after another across sockets: each step starts when the call of the
// step before has finished (calls on one socket are ordered already; this orders calls on
// different sockets, e.g. connect after the listener's bind). Never blocks: it follows
// Journal::changed. A step may return 0 to make no call. Deletes itself when done.
class CallChain final : public QObject
{
    Q_OBJECT
public:
    using Step = std::function<CallId(Workbench &)>;

    explicit CallChain(Workbench &workbench, QObject *parent = nullptr);

    CallChain &then(Step step);
    void start();

    // The record of the call the previous step made (for steps that use a result).
    CallRecord last() const;

signals:
    void finished();

private:
    void advance();

    Workbench &m_workbench;
    std::vector<Step> m_steps;
    size_t m_next = 0;
    CallId m_waiting = 0;
    CallId m_last = 0;
};

} // namespace core
