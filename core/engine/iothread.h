#pragma once

#include "core/store/trafficstore.h"

#include <QString>

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct epoll_event;

namespace core {

struct EngineContext;
class SocketObject;

// One I/O thread: an epoll loop, an eventfd to wake it, and the sockets it owns. Only this thread
// touches those sockets' descriptors. Work arrives as closures through post(); waiting calls park
// in their socket's queue (no thread is held) until epoll reports the descriptor ready or their
// deadline passes. Destroying the IoThread stops the loop, joins it and closes its sockets.
class IoThread final
{
public:
    IoThread(EngineContext &context, int index);
    ~IoThread();
    IoThread(const IoThread &) = delete;
    IoThread &operator=(const IoThread &) = delete;

    // Why the thread could not start (no epoll set or eventfd: descriptors exhausted); it then
    // runs nothing and must not be posted to.
    struct SetupError
    {
        QString call;
        int error = 0;
    };
    const SetupError &setupError() const { return m_setupError; }

    // Any thread: runs fn on this I/O thread, in posting order.
    void post(std::function<void()> fn);

    // The rest is for code already running on this thread.
    EngineContext &context() { return m_context; }
    int index() const { return m_index; }
    SocketObject *socket(int id);
    SocketObject &adopt(std::unique_ptr<SocketObject> socket);
    void forEachSocket(const std::function<void(SocketObject &)> &fn);
    // Registers what the socket waits for; 0, or the errno when epoll could not take it.
    int setInterest(SocketObject &socket, quint32 events);
    // Timers of this thread's loop: fn runs on this thread once the monotonic clock has passed
    // dueNs (the epoll wait ends in time for the earliest). Call deadlines, accept back-off and
    // connect retries use them. An id is never reused; cancelling a fired timer does nothing.
    using TimerId = quint64;
    TimerId addTimer(qint64 dueNs, std::function<void()> fn);
    void cancelTimer(TimerId id);
    // A timer that calls the socket's onDeadline(), if the socket still exists then.
    TimerId scheduleDeadline(qint64 dueNs, int socketId);
    // The socket's snapshot is published at the end of this turn of the loop.
    void markDirty(SocketObject &socket);
    // Only its counters moved (bytes, records, calls queued): published within kCountsNs, so a
    // socket answering thousands of requests a second is published about as often as a view
    // refreshes, not once per request. A markDirty() in the meantime publishes it at once.
    void markCounted(SocketObject &socket);
    static constexpr qint64 kCountsNs = 33'000'000; // SocketRegistry's kChangedMs

    // Scratch buffers for reads on this thread.
    char *readBuffer() { return m_readBuffer.get(); }
    static constexpr qsizetype kReadBufferSize = 128 * 1024;
    // This thread's piece of the traffic store, for watched streams to read into without a copy.
    TrafficStore::ReadSpace &readSpace() { return m_readSpace; }

    // A watched socket read a full batch in one wake-up: traffic is heavy, and the loop pauses
    // kBusyPauseNs before it waits again (see run()).
    void noteHeavyTraffic() { m_heavy = true; }
    static constexpr long kBusyPauseNs = 50'000;

private:
    void run();
    void runPosted();
    void fireTimers();
    void publishDirty();
    qint64 waitTimeoutNs() const; // -1: no timer
    int wait(::epoll_event *events, int maxEvents);

    EngineContext &m_context;
    const int m_index;
    int m_epoll = -1;
    int m_wake = -1;
    bool m_stop = false;
    SetupError m_setupError;
    bool m_heavy = false;
    bool m_preciseWait = true; // epoll_pwait2 until the kernel says ENOSYS

    std::mutex m_postMutex;
    std::vector<std::function<void()>> m_posted;

    std::unordered_map<int, std::unique_ptr<SocketObject>> m_sockets;
    std::map<std::pair<qint64, TimerId>, std::function<void()>> m_timers; // by due time, then id
    std::unordered_map<TimerId, qint64> m_timerDue;
    TimerId m_nextTimer = 1;
    std::unordered_set<int> m_dirty;
    std::unordered_set<int> m_counted;
    qint64 m_countedDueNs = 0; // when m_counted is published (if not empty)
    std::unique_ptr<char[]> m_readBuffer;
    TrafficStore::ReadSpace m_readSpace;

    std::thread m_thread;
};

} // namespace core
