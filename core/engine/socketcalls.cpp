// SocketObject's calls: one function per socket call, each tried on the non-blocking descriptor
// (the calls that move bytes are in socketbytes.cpp).
// A call that would block returns WaitRead/WaitWrite (through wouldBlock) and is tried again when
// epoll reports the descriptor ready; everything else finishes the call with its outcome.
#include "core/engine/socketobject.h"

#include "core/base/clock.h"
#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/kernel/platform.h"
#include "core/net/errors.h"
#include "core/text/payload.h"

#include <QCoreApplication>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>


namespace core {

namespace {

SocketAddress addressFrom(const sockaddr_storage &storage, socklen_t length)
{
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
}

} // namespace

SocketObject::Step SocketObject::doBind(Op &op)
{
    if (::bind(m_fd, op.call.address.data(), op.call.address.length()) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    readLocalAddress();
    m_info.boundTo = op.call.address;
    // The window tidies the UNIX socket file it bound away on close; Python code does not, and
    // neither does the engine for it (a script's file stays, as with CPython).
    if (op.call.origin != CallOrigin::Script && op.call.origin != CallOrigin::Console)
        m_socketFile.remember(m_info.boundTo);
    if (m_info.state == SocketState::Created)
        setState(SocketState::Bound);
    changed();
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doListen(Op &op)
{
    // CPython's default backlog is min(SOMAXCONN, 128), and a negative one is raised to 0
    // (the kernel would read -1 as its maximum).
    const int backlog = std::max(op.call.backlog.value_or(std::min(SOMAXCONN, 128)), 0);
    if (::listen(m_fd, backlog) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    readLocalAddress(); // listen() on an unbound socket binds it to an ephemeral port
    m_info.backlog = backlog;
    setState(SocketState::Listening);
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doAccept(Op &op)
{
    int error = 0;
    SocketObject *child = acceptPending(op.call.newSocketId, &error);
    if (!child) {
        if (error == EAGAIN)
            return wouldBlock(op, Step::WaitRead, error);
        finish(op, Outcome::osError(error));
        return Step::Done;
    }
    finish(op, acceptedOutcome(*child, QCoreApplication::translate("core", "new socket %1").arg(child->info().name)));
    // A listener's rules answer the connections accept() takes too, as those watch mode accepts.
    if (child->m_rules && child->m_rules->runnable())
        child->setWatch(true);
    return Step::Done;
}

SocketObject::Step SocketObject::doConnect(Op &op)
{
    const bool ex = op.call.kind == CallKind::ConnectEx;
    auto fail = [&](int error) {
        if (error != EINPROGRESS && error != EALREADY && m_info.state == SocketState::Connecting)
            setState(SocketState::Error);
        if (ex) {
            Outcome o = Outcome::counted(error);
            o.errorName = errnoName(error);
            o.note = errnoMessage(error);
            finish(op, std::move(o));
        } else {
            finish(op, Outcome::osError(error));
        }
        if (error)
            m_info.lastError = error;
        return Step::Done;
    };
    auto succeed = [&] {
        sockaddr_storage peer;
        socklen_t length = sizeof peer;
        if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&peer), &length) == 0)
            m_info.peer = addressFrom(peer, length);
        readLocalAddress();
        setState(SocketState::Connected);
        Outcome o = ex ? Outcome::counted(0) : Outcome::ok(QStringLiteral("None"));
        if (op.syscalls > 0)
            o.note = QCoreApplication::translate("core", "the listener's backlog was full: connected on try %1").arg(op.syscalls + 1);
        finish(op, std::move(o));
        return Step::Done;
    };

    m_info.connectTo = op.call.address;
    if (op.connectStarted) {
        // Woken writable: the handshake is over; SO_ERROR says how it ended (CPython does the same).
        int error = 0;
        socklen_t length = sizeof error;
        if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
            error = errno;
        if (error) {
            // CPython in blocking mode waits inside the kernel's connect(), which leaves a failed
            // socket unconnected, so every retry is refused anew. The socket layer of our
            // non-blocking connect stays "connecting" until connect() is called once more (that
            // call answers ECONNABORTED and resets it): made here, in blocking mode only. With a
            // timeout CPython waits as we do and does not settle, so there a retry answers
            // ECONNABORTED, then ECONNREFUSED, exactly as python3 does.
            if (m_info.mode == BlockingMode::Blocking)
                ::connect(m_fd, op.call.address.data(), op.call.address.length());
            return fail(error);
        }
        // Linux keeps the socket layer in SS_CONNECTING until connect() is called once more, and
        // that call returns 0. A blocking connect in CPython never sees this, so we settle it here
        // and a later connect() reports EISCONN as it would there.
        ::connect(m_fd, op.call.address.data(), op.call.address.length());
        return succeed();
    }
    if (platform::retryEintr([&] { return ::connect(m_fd, op.call.address.data(), op.call.address.length()); }) == 0)
        return succeed();
    const int error = errno;
    if (error == EAGAIN && m_info.family == AF_UNIX) {
        // The listener's backlog is full. CPython with a timeout or non-blocking raises
        // BlockingIOError at once (it only waits on EINPROGRESS); a blocking connect waits in the
        // kernel until the listener accepts. No event says "the backlog has room", so a blocking
        // connect tries again after a growing pause (1 ms, doubling, at most 100 ms): parked,
        // cancellable, never a busy loop.
        if (m_info.mode != BlockingMode::Blocking)
            return fail(error);
        op.retryAtNs = monoNs() + op.retry.next();
        ++op.syscalls;
        return Step::WaitTimer;
    }
    if (error == EINPROGRESS) {
        setState(SocketState::Connecting);
        m_info.peer = op.call.address;
        if (effectiveNonBlocking(op))
            return fail(error);
        op.connectStarted = true;
        return Step::WaitWrite;
    }
    return fail(error);
}

SocketObject::Step SocketObject::doShutdown(Op &op)
{
    const int how = int(op.call.size);
    if (::shutdown(m_fd, how) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    if (m_info.state == SocketState::Listening) {
        // Linux: SHUT_RD (or SHUT_RDWR) on a listener ends listening and drops the queued
        // connections, and accept() then fails with EINVAL; SHUT_WR changes nothing.
        if (how == SHUT_WR) {
            finish(op, Outcome::ok(QStringLiteral("None")));
            return Step::Done;
        }
        setState(SocketState::ShutDown);
        finish(op, Outcome::ok(QStringLiteral("None")));
        if (m_info.watching && !m_readClosed)
            autoAccept(); // fails with EINVAL: reported once, and watch mode ends
        return Step::Done;
    }
    const bool rd = how == SHUT_RD || how == SHUT_RDWR || m_info.state == SocketState::HalfClosedRead
                    || m_info.state == SocketState::ShutDown;
    const bool wr = how == SHUT_WR || how == SHUT_RDWR || m_info.state == SocketState::HalfClosedWrite
                    || m_info.state == SocketState::ShutDown;
    setState(rd && wr ? SocketState::ShutDown : rd ? SocketState::HalfClosedRead : SocketState::HalfClosedWrite);
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doClose(Op &op)
{
    Outcome o = Outcome::ok(QStringLiteral("None"));
    // Closing twice is allowed (as one Python object does); but a caller that still held the
    // descriptor open (a second Python object on it, socket(fileno=sk.fileno())) finds it gone:
    // close(2) says EBADF, as CPython's close() of that object raises it.
    if (m_fd < 0 && m_info.state == SocketState::Closed && op.call.size == 1)
        o = Outcome::osError(EBADF);
    if (m_fd >= 0) {
        m_thread.setInterest(*this, 0);
        int error = 0;
        const QString removed = closeDescriptor(&error);
        // CPython raises what close(2) said, but for ECONNRESET (socketmodule.c, sock_close).
        if (error && error != ECONNRESET)
            o = Outcome::osError(error);
        if (!removed.isEmpty())
            o.note = QCoreApplication::translate("core", "removed the socket file %1 (Python leaves it; os.unlink would)").arg(removed);
        // Live figures describe a descriptor; there is none now.
        m_info.tcpState = TcpState::Unknown;
        m_info.rxQueue = m_info.txQueue = -1;
        m_info.optionValues.clear();
        setState(SocketState::Closed);
    }
    stopSchedules(QCoreApplication::translate("core", "socket closed"));
    finish(op, std::move(o));
    return Step::Done;
}

SocketObject::Step SocketObject::doMode(Op &op)
{
    const qint64 ns = op.call.kind == CallKind::SetBlocking ? (op.call.size ? -1 : 0) : op.timeoutNs;
    if (ns < 0) {
        m_info.mode = BlockingMode::Blocking;
        m_info.timeout = -1;
    } else if (ns == 0) {
        m_info.mode = BlockingMode::NonBlocking;
        m_info.timeout = 0;
    } else {
        // CPython keeps whole nanoseconds and gettimeout() divides them back: 1e-12 reads as 1e-09.
        m_info.mode = BlockingMode::Timeout;
        m_info.timeout = double(ns) / 1e9;
    }
    changed();
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doGetTimeout(Op &op)
{
    switch (m_info.mode) {
    case BlockingMode::Blocking:
        finish(op, Outcome::ok(QStringLiteral("None")));
        break;
    case BlockingMode::NonBlocking:
        finish(op, Outcome::ok(QStringLiteral("0.0")));
        break;
    case BlockingMode::Timeout:
        finish(op, Outcome::ok(pythonFloatRepr(m_info.timeout)));
        break;
    }
    return Step::Done;
}

SocketObject::Step SocketObject::doSetOption(Op &op)
{
    const OptionRef &option = op.call.option;
    const QByteArray &value = op.call.optionValue.raw;
    const std::optional<quint32> nullLength = op.call.optionValue.nullLength;
    const int rc = nullLength ? ::setsockopt(m_fd, option.level, option.optname, nullptr, socklen_t(*nullLength))
                              : ::setsockopt(m_fd, option.level, option.optname, value.constData(), socklen_t(value.size()));
    if (rc != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    // An option the table names: kept with the socket's settings (a session sets it again); a
    // setting without a value (None, optlen) is not one a session can make again.
    if (option.spec && !nullLength)
        m_info.options.set(*option.spec, op.call.optionValue);
    changed();
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doGetOption(Op &op)
{
    const OptionRef &option = op.call.option;
    const int wanted = op.call.optionBuffer;
    QByteArray raw(wanted ? wanted : int(sizeof(int)), '\0');
    socklen_t length = socklen_t(raw.size());
    if (::getsockopt(m_fd, option.level, option.optname, raw.data(), &length) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    raw.truncate(length);
    Outcome o = Outcome::ok(OptionRef::pythonResult(raw, wanted));
    o.data = raw;
    o.note = option.describe(raw);
    if (!wanted && raw.size() >= int(sizeof(int))) {
        int value;
        std::memcpy(&value, raw.constData(), sizeof value);
        o.count = value;
    }
    finish(op, std::move(o));
    return Step::Done;
}

SocketObject::Step SocketObject::doName(Op &op)
{
    sockaddr_storage storage;
    socklen_t length = sizeof storage;
    const bool peer = op.call.kind == CallKind::PeerName;
    const int rc = peer ? ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&storage), &length)
                        : ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&storage), &length);
    if (rc != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    const SocketAddress address = addressFrom(storage, length);
    (peer ? m_info.peer : m_info.local) = address;
    changed();
    Outcome o = Outcome::ok(address.toPython());
    o.address = address;
    finish(op, std::move(o));
    return Step::Done;
}

SocketObject::Step SocketObject::doFileno(Op &op)
{
    finish(op, Outcome::counted(m_fd));
    return Step::Done;
}

// A second socket object on a duplicate descriptor of the same kernel socket, on this thread:
// its own calls, mode and counters; closing one leaves the other open.
SocketObject::Step SocketObject::doDup(Op &op)
{
    const int fd = ::fcntl(m_fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    SocketInfo info;
    info.id = op.call.newSocketId;
    info.name = socketName(info.id);
    info.family = m_info.family;
    info.type = m_info.type;
    info.proto = m_info.proto;
    info.state = m_info.state;
    info.local = m_info.local;
    info.peer = m_info.peer;
    info.backlog = m_info.backlog;
    SocketObject &copy = m_thread.adopt(std::make_unique<SocketObject>(m_thread, std::move(info), fd));
    Outcome o = Outcome::ok(copy.info().pythonRepr());
    o.socketId = copy.id();
    finish(op, std::move(o));
    return Step::Done;
}

} // namespace core
