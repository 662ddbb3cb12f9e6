#include "core/engine/iothread.h"

#include "core/base/clock.h"
#include "core/engine/enginecontext.h"
#include "core/engine/socketobject.h"
#include "core/kernel/platform.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace core {

namespace {
constexpr quint64 kWakeTag = ~quint64(0);
}

IoThread::IoThread(EngineContext &context, int index)
    : m_context(context)
    , m_index(index)
    , m_readBuffer(new char[kReadBufferSize])
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        m_setupError = {QStringLiteral("epoll_create1"), errno};
        return;
    }
    m_wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_wake < 0) {
        m_setupError = {QStringLiteral("eventfd"), errno};
        return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kWakeTag;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev) != 0) {
        m_setupError = {QStringLiteral("epoll_ctl"), errno};
        return;
    }
    m_thread = std::thread([this] {
        platform::nameThisThread(QByteArray("swb-io-" + QByteArray::number(m_index)).constData());
        run();
    });
}

IoThread::~IoThread()
{
    if (m_thread.joinable()) { // not started when the set-up failed: nothing would wake it
        post([this] { m_stop = true; });
        m_thread.join();
    }
    m_sockets.clear(); // closes every descriptor still open
    if (m_wake >= 0)
        ::close(m_wake);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void IoThread::post(std::function<void()> fn)
{
    bool wasEmpty;
    {
        std::lock_guard lock(m_postMutex);
        wasEmpty = m_posted.empty();
        m_posted.push_back(std::move(fn));
    }
    // Only the first post of a batch needs to wake the loop; it drains the whole batch.
    if (wasEmpty) {
        const quint64 one = 1;
        while (::write(m_wake, &one, sizeof one) < 0 && errno == EINTR) {
        }
    }
}

SocketObject *IoThread::socket(int id)
{
    const auto it = m_sockets.find(id);
    return it == m_sockets.end() ? nullptr : it->second.get();
}

void IoThread::forEachSocket(const std::function<void(SocketObject &)> &fn)
{
    for (auto &[id, socket] : m_sockets)
        fn(*socket);
}

SocketObject &IoThread::adopt(std::unique_ptr<SocketObject> socket)
{
    SocketObject &ref = *socket;
    m_context.setRoute(ref.id(), m_index);
    m_sockets[ref.id()] = std::move(socket);
    m_context.registry.publish(ref.info());
    return ref;
}

int IoThread::setInterest(SocketObject &socket, quint32 events)
{
    if (socket.fd() < 0 || events == socket.registeredEvents())
        return 0;
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = quint64(socket.id());
    // Level-triggered. A socket with nothing to wait for is removed, not kept with an empty mask:
    // epoll reports EPOLLHUP/EPOLLERR whatever the mask, which would spin the loop.
    int op = EPOLL_CTL_MOD;
    if (events == 0)
        op = EPOLL_CTL_DEL;
    else if (socket.registeredEvents() == 0)
        op = EPOLL_CTL_ADD;
    if (epoll_ctl(m_epoll, op, socket.fd(), &ev) != 0) {
        // ENOMEM, or ENOSPC past fs.epoll.max_user_watches: the socket cannot wait for events.
        // Counted for the status bar; the socket fails what waits on it (SocketObject::updateInterest).
        const int error = errno;
        m_context.engineFaults.fetch_add(1, std::memory_order_relaxed);
        if (op != EPOLL_CTL_DEL) {
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, socket.fd(), &ev);
            socket.setRegisteredEvents(0);
            return error;
        }
    }
    socket.setRegisteredEvents(events);
    return 0;
}

IoThread::TimerId IoThread::addTimer(qint64 dueNs, std::function<void()> fn)
{
    const TimerId id = m_nextTimer++;
    m_timers.emplace(std::pair{dueNs, id}, std::move(fn));
    m_timerDue.emplace(id, dueNs);
    return id;
}

void IoThread::cancelTimer(TimerId id)
{
    const auto it = m_timerDue.find(id);
    if (it == m_timerDue.end())
        return;
    m_timers.erase(std::pair{it->second, id});
    m_timerDue.erase(it);
}

IoThread::TimerId IoThread::scheduleDeadline(qint64 dueNs, int socketId)
{
    // Not cancelled when the call ends early: the socket checks its own deadlines when woken.
    return addTimer(dueNs, [this, socketId] {
        if (SocketObject *s = socket(socketId))
            s->onDeadline(monoNs());
    });
}

void IoThread::markDirty(SocketObject &socket)
{
    m_dirty.insert(socket.id());
}

void IoThread::markCounted(SocketObject &socket)
{
    if (m_counted.empty())
        m_countedDueNs = monoNs() + kCountsNs;
    m_counted.insert(socket.id());
}

qint64 IoThread::waitTimeoutNs() const
{
    if (m_timers.empty() && m_counted.empty())
        return -1;
    qint64 due = m_timers.empty() ? m_countedDueNs : m_timers.begin()->first.first;
    if (!m_counted.empty())
        due = std::min(due, m_countedDueNs);
    return std::clamp<qint64>(due - monoNs(), 0, 60'000'000'000);
}

int IoThread::wait(epoll_event *events, int maxEvents)
{
    // epoll_pwait2 (Linux 5.11) waits to the nanosecond: a schedule's sends keep their time
    // instead of rounding each wait up to the next millisecond (bench/periodic).
    const qint64 ns = waitTimeoutNs();
    if (m_preciseWait) {
        const timespec timeout{time_t(ns / 1'000'000'000), long(ns % 1'000'000'000)};
        const int n = ::epoll_pwait2(m_epoll, events, maxEvents, ns < 0 ? nullptr : &timeout, nullptr);
        if (n >= 0 || errno != ENOSYS)
            return n;
        m_preciseWait = false;
    }
    return ::epoll_wait(m_epoll, events, maxEvents, ns < 0 ? -1 : int((ns + 999'999) / 1'000'000));
}

void IoThread::run()
{
    constexpr int kMaxEvents = 256;
    epoll_event events[kMaxEvents];
    while (!m_stop) {
        const int n = wait(events, kMaxEvents);
        for (int i = 0; i < n; ++i) {
            if (events[i].data.u64 == kWakeTag) {
                quint64 value;
                while (::read(m_wake, &value, sizeof value) < 0 && errno == EINTR) {
                }
                continue;
            }
            if (SocketObject *s = socket(int(events[i].data.u64)))
                s->onEvents(events[i].events);
        }
        runPosted();
        fireTimers();
        publishDirty();
        if (std::exchange(m_heavy, false)) {
            // Under a flood, waiting in epoll as soon as a socket is drained makes the peer's
            // kernel wake this thread for nearly every datagram that lands, and that wake-up was
            // most of a sender's cost on a 2-core machine (bench/udp_unpaced, perf: 0.8 x a bare
            // recvfrom loop, which is slower per datagram and so less often asleep). A short
            // pause off every wait queue lets the next batch gather instead: 1.1 x. Only while
            // traffic is heavy; a call or a record waits at most the pause.
            const timespec pause{0, kBusyPauseNs};
            ::nanosleep(&pause, nullptr);
        }
    }
}

void IoThread::runPosted()
{
    std::vector<std::function<void()>> batch;
    {
        std::lock_guard lock(m_postMutex);
        batch.swap(m_posted);
    }
    for (auto &fn : batch)
        fn();
}

void IoThread::fireTimers()
{
    const qint64 now = monoNs();
    while (!m_timers.empty() && m_timers.begin()->first.first <= now) {
        auto first = m_timers.begin();
        std::function<void()> fn = std::move(first->second);
        m_timerDue.erase(first->first.second);
        m_timers.erase(first);
        fn(); // may add or cancel timers
    }
}

void IoThread::publishDirty()
{
    for (int id : m_dirty) {
        m_counted.erase(id);
        if (SocketObject *s = socket(id))
            m_context.registry.publish(s->info());
    }
    m_dirty.clear();
    if (m_counted.empty() || monoNs() < m_countedDueNs)
        return;
    for (int id : m_counted) {
        if (SocketObject *s = socket(id))
            m_context.registry.publish(s->info());
    }
    m_counted.clear();
}

} // namespace core
