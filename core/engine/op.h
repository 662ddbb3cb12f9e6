#pragma once

#include "calls/call.h"
#include "engine/socketfile.h"
#include "store/journal.h"

#include <QByteArray>

#include <functional>

namespace core {

// One queued call on a socket: the call itself, and its progress while it waits.
struct Op
{
    CallId id = 0;
    Call call;
    qint64 timeoutNs = -1;     // settimeout, as CPython keeps it: whole ns rounded up (< 0: None)
    // bind/connect/sendto to a host name: the call holds its place in the queue while a lookup
    // thread resolves the name (SocketObject::addressResolved); its timeout starts after that,
    // as in CPython, where the name is resolved before the socket call.
    bool awaitingAddress = false;
    // For the engine's own calls (a schedule's sends): told how the call ended, on the socket's
    // I/O thread, after the call left the queue.
    std::function<void(CallStatus)> onFinished;

    // Progress, kept while the call waits.
    bool started = false;
    qint64 deadlineNs = 0;     // 0: none
    qint64 done = 0;           // bytes sent by sendall / received by MSG_WAITALL
    int syscalls = 0;
    QByteArray received;
    bool connectStarted = false;
    // A blocking AF_UNIX connect to a full backlog tries again after a pause of 1 ms, doubling
    // up to 100 ms (no event says "the backlog has room").
    qint64 retryAtNs = 0;
    Backoff retry{1'000'000, 100'000'000};
};

} // namespace core
