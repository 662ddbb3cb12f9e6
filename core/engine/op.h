#pragma once

#include "core/calls/call.h"
#include "core/engine/socketfile.h"
#include "core/store/journal.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace core {

// What a call that cannot finish yet waits for. WaitTimer: its retry time (or its deadline) alone,
// with no descriptor event that could end the wait: a full AF_UNIX backlog, or a datagram socket
// whose read side is shut down (readable for ever, yet nothing to read).
enum class Step : quint8 { Done, WaitRead, WaitWrite, WaitTimer, WaitLookup };

// The lanes of one socket's calls. Reads and writes proceed independently, as the kernel lets
// them: a recv blocked in one thread never delays a sendall, getsockname or setsockopt from
// another. A call waits only for the earlier calls of its own lane, and for an earlier control
// call that waits (a blocking connect, a bind whose host name is being looked up): whatever comes
// after those needs what they do first.
enum class Lane : quint8 { Read, Write, Control };

constexpr Lane laneOf(CallKind kind)
{
    switch (kind) {
    case CallKind::Recv:
    case CallKind::RecvFrom:
    case CallKind::RecvMsg:
    case CallKind::RecvMsgInto:
    case CallKind::Accept: return Lane::Read;
    case CallKind::Send:
    case CallKind::SendTo:
    case CallKind::SendMsg:
    case CallKind::SendFile:
    case CallKind::SendAll: return Lane::Write;
    default: return Lane::Control;
    }
}

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
    Lane lane = Lane::Control;
    Step waiting = Step::Done; // parked until this happens; Done: to be tried (again)
    qint64 deadlineNs = 0;     // 0: none
    qint64 done = 0;           // bytes sent by sendall and sendfile / received by MSG_WAITALL
    int syscalls = 0;
    QByteArray received;
    // sendfile: the engine's duplicate of the file's descriptor, closed when the call's last copy
    // goes (shared: an Op travels to its I/O thread in a copyable task).
    std::shared_ptr<const OwnedFd> file;
    QByteArray unsent;         // sendfile: bytes read from the file that the socket has not taken yet
    bool connectStarted = false;
    // A blocking AF_UNIX connect to a full backlog tries again after a pause of 1 ms, doubling
    // up to 100 ms (no event says "the backlog has room").
    qint64 retryAtNs = 0;
    Backoff retry{1'000'000, 100'000'000};
};

} // namespace core
