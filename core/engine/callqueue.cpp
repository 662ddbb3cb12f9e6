#include "core/engine/callqueue.h"

#include <utility>

namespace core {

bool CallQueue::push(Op op)
{
    op.lane = laneOf(op.call.kind);
    const bool ready = !laneTaken(op.lane);
    m_ops.push_back(std::move(op));
    return ready;
}

bool CallQueue::laneTaken(Lane lane) const
{
    for (const Op &op : m_ops) {
        if (op.lane == lane || (op.lane == Lane::Control && op.waiting != Step::Done))
            return true;
    }
    return false;
}

Op *CallQueue::find(CallId id)
{
    for (Op &op : m_ops) {
        if (op.id == id)
            return &op;
    }
    return nullptr;
}

std::optional<Op> CallQueue::take(CallId id)
{
    for (auto it = m_ops.begin(); it != m_ops.end(); ++it) {
        if (it->id == id) {
            Op op = std::move(*it);
            m_ops.erase(it);
            return op;
        }
    }
    return std::nullopt;
}

std::deque<Op> CallQueue::takeAll()
{
    return std::exchange(m_ops, {});
}

void CallQueue::wake(Step a, Step b)
{
    for (Op &op : m_ops) {
        if (op.waiting != Step::Done && (op.waiting == a || op.waiting == b))
            op.waiting = Step::Done;
    }
}

bool CallQueue::parked(Step step) const
{
    for (const Op &op : m_ops) {
        if (op.waiting == step)
            return true;
    }
    return false;
}

} // namespace core
