#pragma once

#include "core/engine/op.h"

#include <deque>
#include <optional>

namespace core {

namespace lanes {
constexpr unsigned bit(Lane lane) { return 1u << unsigned(lane); }
constexpr unsigned kAll = bit(Lane::Read) | bit(Lane::Write) | bit(Lane::Control);
} // namespace lanes

// The calls waiting on one socket, in their lanes (op.h): reads, writes and control calls each in
// the order they came, independent of one another, except that a control call that waits (a
// blocking connect, a bind whose host name is being looked up) holds back every lane. The queue
// decides only which call may be tried; trying it (the system call, the journal) is the socket's.
class CallQueue final
{
public:
    // Queues a call at the end of its lane. Whether it may be tried at once: false when an earlier
    // call of its lane, or a waiting control call, is still queued. No walk happens when it may not
    // (a flood of replies behind a full send buffer costs nothing per reply).
    bool push(Op op);
    Op *find(CallId id);
    std::optional<Op> take(CallId id);
    // Every call, first to last; the queue is empty after.
    std::deque<Op> takeAll();

    // Parked calls waiting for a or b are tried by the next pump().
    void wake(Step a, Step b = Step::Done);
    bool parked(Step step) const;

    // Tries each lane's first call that is not parked, in the order the calls came, with
    // attempt(Op &) -> Step. A call done leaves the queue; a call that waits is parked (op.waiting)
    // and holds back the later calls of its lane. A call queued while attempt() runs is seen by a
    // further pass; a pump() from inside attempt() only asks for that pass and returns false.
    template<typename Attempt>
    bool pump(Attempt &&attempt);

    // Visits every parked call (onDeadline's sweep); visit(Op &) returns true to remove the call.
    template<typename Visit>
    void sweepParked(Visit &&visit);

    qsizetype size() const { return qsizetype(m_ops.size()); }
    bool empty() const { return m_ops.empty(); }
    std::deque<Op>::const_iterator begin() const { return m_ops.cbegin(); }
    std::deque<Op>::const_iterator end() const { return m_ops.cend(); }

private:
    bool laneTaken(Lane lane) const;

    std::deque<Op> m_ops; // in the order the calls came, every lane together
    bool m_pumping = false;
    bool m_pumpAgain = false;
};

template<typename Attempt>
bool CallQueue::pump(Attempt &&attempt)
{
    if (m_pumping) {
        m_pumpAgain = true; // a call finished inside attempt() queued another on this socket
        return false;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        unsigned taken = 0; // lanes with an earlier call still queued
        for (size_t i = 0; i < m_ops.size() && taken != lanes::kAll;) {
            Op &op = m_ops[i];
            const unsigned lane = lanes::bit(op.lane);
            if (taken & lane) {
                ++i;
                continue;
            }
            if (op.waiting == Step::Done) {
                // A call queued inside attempt() is appended (a deque keeps references to the
                // others) and tried by the next pass.
                const Step step = attempt(op);
                if (step == Step::Done) {
                    m_ops.erase(m_ops.begin() + qsizetype(i));
                    continue;
                }
                op.waiting = step;
            }
            // Parked: the later calls of its lane wait behind it; a parked control call holds
            // back every lane (what comes after a connect needs the connection).
            taken |= op.lane == Lane::Control ? lanes::kAll : lane;
            ++i;
        }
    } while (m_pumpAgain);
    m_pumping = false;
    return true;
}

template<typename Visit>
void CallQueue::sweepParked(Visit &&visit)
{
    for (size_t i = 0; i < m_ops.size();) {
        if (m_ops[i].waiting != Step::Done && visit(m_ops[i]))
            m_ops.erase(m_ops.begin() + qsizetype(i));
        else
            ++i;
    }
}

} // namespace core
