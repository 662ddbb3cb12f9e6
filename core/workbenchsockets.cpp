// The Workbench's calls that make sockets: socket(), socketpair(), and socket(fileno=) of a
// descriptor made elsewhere. Each is journaled at once and made on the I/O thread that will own it.
#include "core/workbench.h"

#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/engine/socketobject.h"
#include "core/kernel/platform.h"
#include "core/net/constants.h"
#include "core/store/journal.h"

#include <QCoreApplication>

#include <sys/socket.h>

namespace core {

namespace {

SocketAddress nameOf(int fd, bool peer)
{
    sockaddr_storage address;
    socklen_t length = sizeof address;
    auto *raw = reinterpret_cast<sockaddr *>(&address);
    const int rc = peer ? ::getpeername(fd, raw, &length) : ::getsockname(fd, raw, &length);
    return rc == 0 ? SocketAddress::fromSockaddr(raw, length) : SocketAddress();
}

// Whether an address the kernel reports names something: a port, or a UNIX socket file.
bool named(const SocketAddress &address)
{
    if (!address.isValid())
        return false;
    return address.family() == AF_UNIX ? !address.isUnnamed() : address.port() != 0;
}

} // namespace

namespace {
// SOCK_NONBLOCK and SOCK_CLOEXEC in a socket() type, as CPython takes them: the type kept is the
// bare one (sock.type == SOCK_STREAM), and SOCK_NONBLOCK makes the socket non-blocking
// (gettimeout() 0.0). Every descriptor of the engine is O_NONBLOCK and O_CLOEXEC anyway.
void takeType(SocketInfo &info, int type)
{
    info.type = baseSocketType(type);
    if (type & SOCK_NONBLOCK) {
        info.mode = BlockingMode::NonBlocking;
        info.timeout = 0;
    }
}
} // namespace

IoThread *Workbench::placeSocket(SocketInfo &info, Call call, CallId *callId)
{
    IoThread *thread = nextThread();
    if (!thread) {
        info.state = SocketState::Error;
        m_registry->publish(info);
        *callId = reject(std::move(call), Outcome::osError(m_startupErrno, m_startupError));
        return nullptr;
    }
    m_registry->publish(info);
    *callId = m_journal->begin(std::move(call));
    m_context->setRoute(info.id, thread->index());
    return thread;
}

CallId Workbench::makeSocket(Call call)
{
    call.newSocketId = m_context->claimSocketId(call.newSocketId);
    SocketInfo info;
    info.id = call.newSocketId;
    info.name = socketName(info.id);
    info.family = call.family;
    takeType(info, call.type);
    info.proto = call.proto;
    info.group = call.group;
    CallId callId = 0;
    IoThread *thread = placeSocket(info, std::move(call), &callId);
    if (!thread)
        return callId;
    thread->post([thread, info, callId]() mutable {
        const int fd = ::socket(info.family, info.type | SOCK_NONBLOCK | SOCK_CLOEXEC, info.proto);
        const int error = errno;
        if (fd < 0)
            info.state = SocketState::Error;
        SocketObject &s = thread->adopt(std::make_unique<SocketObject>(*thread, info, fd));
        if (fd < 0) {
            QString note;
            if (info.type == SOCK_RAW && (error == EPERM || error == EACCES))
                note = QCoreApplication::translate("core", "SOCK_RAW needs the CAP_NET_RAW capability: run as root, or "
                                                                   "grant it with `setcap cap_net_raw+ep` on the program");
            thread->context().journal.finish(callId, Outcome::osError(error, note));
            return;
        }
        Outcome o = Outcome::ok(s.info().pythonRepr());
        o.socketId = s.id();
        o.count = fd;
        thread->context().journal.finish(callId, std::move(o));
    });
    return callId;
}

CallId Workbench::makePair(Call call)
{
    const int first = m_context->nextSocketId.fetch_add(2);
    const int second = first + 1;
    call.newSocketId = first;
    SocketInfo a;
    a.family = call.family;
    takeType(a, call.type);
    a.proto = call.proto;
    SocketInfo b = a;
    a.id = first;
    a.name = socketName(first);
    a.pairedWith = second;
    b.id = second;
    b.name = socketName(second);
    b.pairedWith = first;
    // Both ends live on one thread so a test or a user can drive them in lock-step.
    IoThread *thread = nextThread();
    if (!thread) {
        a.state = b.state = SocketState::Error;
        m_registry->publish(a);
        m_registry->publish(b);
        return reject(std::move(call), Outcome::osError(m_startupErrno, m_startupError));
    }
    m_registry->publish(a);
    m_registry->publish(b);
    const CallId callId = m_journal->begin(std::move(call));
    m_context->setRoute(first, thread->index());
    m_context->setRoute(second, thread->index());
    thread->post([thread, a, b, callId]() mutable {
        int fds[2] = {-1, -1};
        const int rc = ::socketpair(a.family, a.type | SOCK_NONBLOCK | SOCK_CLOEXEC, a.proto, fds);
        const int error = errno;
        a.state = b.state = rc == 0 ? SocketState::Connected : SocketState::Error;
        SocketObject &sa = thread->adopt(std::make_unique<SocketObject>(*thread, a, fds[0]));
        SocketObject &sb = thread->adopt(std::make_unique<SocketObject>(*thread, b, fds[1]));
        if (rc != 0) {
            thread->context().journal.finish(callId, Outcome::osError(error));
            return;
        }
        Outcome o = Outcome::ok(QStringLiteral("(%1, %2)").arg(sa.info().pythonRepr(), sb.info().pythonRepr()));
        o.socketId = sa.id();
        thread->context().journal.finish(callId, std::move(o));
    });
    return callId;
}

// socket(fileno=N) of a descriptor the engine did not open: the kernel says what it is, and the
// engine owns it from then on (O_NONBLOCK like every descriptor of the engine; its calls run on
// an I/O thread as any socket's). A descriptor that is not open, or not a socket, fails as
// CPython's does (EBADF, ENOTSOCK) and stays the program's.
CallId Workbench::adoptDescriptor(Call call)
{
    call.newSocketId = m_context->nextSocketId.fetch_add(1);
    SocketInfo info;
    info.id = call.newSocketId;
    info.name = socketName(info.id);
    info.group = call.group;
    const int fd = int(call.size);
    const int given[3] = {call.family, call.type, call.proto};
    CallId callId = 0;
    IoThread *thread = placeSocket(info, std::move(call), &callId);
    if (!thread)
        return callId;
    thread->post([thread, info, callId, fd, given]() mutable {
        platform::SocketKind kind;
        const int error = platform::describeSocket(fd, &kind);
        if (error) {
            info.state = SocketState::Error;
            thread->adopt(std::make_unique<SocketObject>(*thread, info, -1));
            thread->context().journal.finish(callId, Outcome::osError(error));
            return;
        }
        // As CPython: what the program says wins over what the kernel says.
        info.family = given[0] != -1 ? given[0] : kind.family;
        info.type = given[1] != -1 ? baseSocketType(given[1]) : kind.type;
        info.proto = given[2] != -1 ? given[2] : kind.proto;
        info.local = nameOf(fd, false);
        info.peer = nameOf(fd, true);
        info.state = kind.listening ? SocketState::Listening
                   : info.peer.isValid() ? SocketState::Connected
                   : named(info.local) ? SocketState::Bound : SocketState::Created;
        if (kind.listening)
            info.backlog = 0; // the backlog it was given is not readable back
        platform::setNonBlocking(fd);
        SocketObject &s = thread->adopt(std::make_unique<SocketObject>(*thread, info, fd));
        Outcome o = Outcome::ok(s.info().pythonRepr());
        o.socketId = s.id();
        o.count = fd;
        thread->context().journal.finish(callId, std::move(o));
    });
    return callId;
}

} // namespace core
