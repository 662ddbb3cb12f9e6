#pragma once

#include "core/responder/responder.h"
#include "core/store/journal.h"
#include "core/store/socketregistry.h"
#include "core/store/trafficstore.h"

#include <QHash>
#include <QMutex>

#include <atomic>

namespace core {

// What the façade and every I/O thread share: the three stores, the socket id counter, and
// which I/O thread owns which socket.
struct EngineContext
{
    EngineContext(Journal &j, TrafficStore &t, SocketRegistry &r) : journal(j), traffic(t), registry(r) {}

    Journal &journal;
    TrafficStore &traffic;
    SocketRegistry &registry;
    std::atomic<int> nextSocketId{1};
    // Failures inside the engine that no call reports by itself (epoll_ctl refusing a socket).
    std::atomic<quint64> engineFaults{0};
    // Responder rules and schedules, readable from any thread.
    ResponderBoard responders;

    // A new socket id: preferred when no id that high has been handed out yet (every id below
    // the counter may be in use or reserved by a waiting accept), else the next one.
    int claimSocketId(int preferred)
    {
        int next = nextSocketId.load();
        while (preferred >= next) {
            if (nextSocketId.compare_exchange_weak(next, preferred + 1))
                return preferred;
        }
        return nextSocketId.fetch_add(1);
    }

    void setRoute(int socketId, int thread)
    {
        QMutexLocker lock(&routeMutex);
        route.insert(socketId, thread);
    }
    int routeOf(int socketId) const
    {
        QMutexLocker lock(&routeMutex);
        return route.value(socketId, -1);
    }

    // Which socket holds which descriptor, kept as descriptors open and close: a descriptor is
    // dropped before close(2), so a number the kernel hands out again never maps to the old socket
    // (the registry's snapshots may lag; this may not).
    void setDescriptor(int fd, int socketId)
    {
        QMutexLocker lock(&routeMutex);
        descriptors.insert(fd, socketId);
    }
    void dropDescriptor(int fd)
    {
        QMutexLocker lock(&routeMutex);
        descriptors.remove(fd);
    }
    int socketOfDescriptor(int fd) const
    {
        QMutexLocker lock(&routeMutex);
        return descriptors.value(fd, -1);
    }

private:
    mutable QMutex routeMutex;
    QHash<int, int> route;
    QHash<int, int> descriptors;
};

} // namespace core
