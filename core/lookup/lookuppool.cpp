#include "core/lookup/lookuppool.h"

#include <chrono>
#include <thread>

namespace core {

LookupPool::LookupPool()
    : m_state(std::make_shared<State>())
{
}

LookupPool::~LookupPool()
{
    stop();
}

void LookupPool::run(std::function<void()> job)
{
    std::unique_lock lock(m_state->mutex);
    if (m_state->stopped)
        return;
    m_state->jobs.push_back(std::move(job));
    // A new worker only when none is idle and the bound allows one; else the job waits its turn.
    if (m_state->idle == 0 && m_state->workers < kMaxWorkers) {
        ++m_state->workers;
        lock.unlock();
        std::thread(work, m_state).detach();
        return;
    }
    m_state->wake.notify_one();
}

void LookupPool::stop()
{
    std::lock_guard lock(m_state->mutex);
    m_state->stopped = true;
    m_state->jobs.clear();
    m_state->wake.notify_all();
}

int LookupPool::workers() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->workers;
}

void LookupPool::work(std::shared_ptr<State> state)
{
    std::unique_lock lock(state->mutex);
    for (;;) {
        if (state->jobs.empty() && !state->stopped) {
            ++state->idle;
            state->wake.wait_for(lock, std::chrono::milliseconds(kIdleMs),
                                 [&] { return state->stopped || !state->jobs.empty(); });
            --state->idle;
        }
        if (state->stopped || state->jobs.empty())
            break;
        std::function<void()> job = std::move(state->jobs.front());
        state->jobs.pop_front();
        lock.unlock();
        job();
        job = nullptr; // its captures (the gate) go before the lock is taken again
        lock.lock();
    }
    --state->workers;
}

} // namespace core
