#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace core {

// The threads name lookups run on: at most kMaxWorkers at once, started when work comes and gone
// after kIdleMs without any, so 1,000 connects by host name cost four threads, not a thousand.
// getaddrinfo() cannot be interrupted, so the workers are not joined: the owner calls stop(),
// lookups not begun are dropped, and a worker still inside a resolver finishes it and leaves
// (whoever it reports to must be gone-proof; see LookupGate).
class LookupPool final
{
public:
    static constexpr int kMaxWorkers = 4;
    static constexpr int kIdleMs = 2000;

    LookupPool();
    ~LookupPool();
    LookupPool(const LookupPool &) = delete;
    LookupPool &operator=(const LookupPool &) = delete;

    void run(std::function<void()> job);
    void stop();
    int workers() const; // threads running now

private:
    struct State
    {
        mutable std::mutex mutex;
        std::condition_variable wake;
        std::deque<std::function<void()>> jobs;
        int workers = 0;
        int idle = 0;
        bool stopped = false;
    };
    static void work(std::shared_ptr<State> state);

    std::shared_ptr<State> m_state;
};

} // namespace core
