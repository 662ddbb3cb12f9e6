// SocketObject's life and its descriptor's events: opening and closing, epoll's readiness and the
// deadlines, the epoll interest watch mode needs, and the published state (the call queue is in
// socketqueue.cpp, the calls in socketcalls.cpp and socketbytes.cpp).
#include "core/engine/socketobject.h"

#include "core/base/clock.h"
#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/kernel/platform.h"
#include "core/net/errors.h"

#include <QCoreApplication>

#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <limits>
#include <utility>

namespace core {

namespace {

// A watched datagram socket's receive buffer, unless the user chose one (the kernel caps it at
// net.core.rmem_max). The default 208 KiB holds 256 small datagrams: 5 ms of a 50,000/s flood,
// so any longer pause of the reading thread lost datagrams (bench/udp_paced, udp_unpaced).
constexpr int kWatchReceiveBuffer = 4 << 20;

void deepenReceiveBuffer(int fd)
{
    int size = 0;
    socklen_t length = sizeof size;
    if (::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, &length) == 0 && size < kWatchReceiveBuffer)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &kWatchReceiveBuffer, sizeof kWatchReceiveBuffer);
}

} // namespace

SocketObject::SocketObject(IoThread &thread, SocketInfo info, int fd)
    : m_thread(thread)
    , m_info(std::move(info))
    , m_fd(fd)
{
    m_info.fd = fd;
    if (fd >= 0)
        m_thread.context().setDescriptor(fd, m_info.id);
}

SocketObject::~SocketObject()
{
    // The thread is going away: nothing is told.
    for (Op &op : m_calls.takeAll())
        m_thread.context().journal.finish(op.id, Outcome::cancelled(QCoreApplication::translate("core", "the workbench shut down")));
    closeDescriptor(); // the epoll set drops a closed descriptor by itself
}

QString SocketObject::closeDescriptor(int *closeError)
{
    if (m_fd < 0)
        return {};
    m_thread.context().dropDescriptor(m_fd);
    // Linux frees the descriptor even when close() fails (EINTR, EIO): never closed twice.
    if (::close(m_fd) != 0 && closeError)
        *closeError = errno;
    m_fd = -1;
    m_info.fd = -1;
    return m_socketFile.removeIfOurs();
}

void SocketObject::onEvents(quint32 events)
{
    if (events & EPOLLRDHUP)
        m_readHangup = true;
    const bool readable = events & (EPOLLIN | EPOLLERR | EPOLLHUP);
    const bool writable = events & (EPOLLOUT | EPOLLERR | EPOLLHUP);
    const bool woken = (readable && m_calls.parked(Step::WaitRead)) || (writable && m_calls.parked(Step::WaitWrite));
    if (woken) {
        m_calls.wake(readable ? Step::WaitRead : Step::Done, writable ? Step::WaitWrite : Step::Done);
        pump();
    }
    if (m_info.state == SocketState::Connecting && !m_calls.parked(Step::WaitWrite) && writable) {
        // A non-blocking connect finished. Its error, if any, stays pending for the user's next
        // call to report (reading SO_ERROR here would clear it), so only the state changes.
        sockaddr_storage peer;
        socklen_t length = sizeof peer;
        if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&peer), &length) == 0) {
            m_info.peer = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&peer), length);
            readLocalAddress();
            setState(SocketState::Connected);
        } else {
            setState(SocketState::Error);
        }
    }
    if (readable && !m_calls.parked(Step::WaitRead) && watchReads())
        watchRead();
    updateInterest();
}

void SocketObject::onDeadline(qint64 nowNs)
{
    if (m_acceptBackoffNs && m_acceptBackoffNs <= nowNs) {
        m_acceptBackoffNs = 0;
        if (watchReads())
            autoAccept();
    }
    bool moved = false;
    m_calls.sweepParked([&](Op &op) {
        if (op.waiting == Step::WaitTimer && op.retryAtNs && op.retryAtNs <= nowNs
            && !(op.deadlineNs && op.deadlineNs <= nowNs)) {
            op.retryAtNs = 0;
            op.waiting = Step::Done;
            moved = true;
            return false;
        }
        if (op.deadlineNs && op.deadlineNs <= nowNs) {
            if (op.call.kind == CallKind::ConnectEx) {
                // CPython's connect_ex reports a timeout as EWOULDBLOCK rather than raising.
                Outcome o = Outcome::ok(QString::number(EWOULDBLOCK));
                o.count = EWOULDBLOCK;
                o.errorName = QStringLiteral("timeout");
                finish(op, std::move(o));
            } else {
                Outcome o = Outcome::timeout();
                if (op.done > 0)
                    o.note = QCoreApplication::translate("core", "%1 bytes were transferred before the deadline").arg(op.done);
                if (op.call.kind == CallKind::SendFile)
                    o.count = op.done; // socket.py moves the file's position past what was sent
                finish(op, std::move(o));
            }
            moved = true;
            return true;
        }
        return false;
    });
    if (moved)
        pump();
    updateInterest();
}

void SocketObject::setWatch(bool on)
{
    m_info.watching = on;
    if (on && m_fd >= 0 && m_info.type != SOCK_STREAM && m_info.type != SOCK_SEQPACKET) {
        const int one = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof one); // where supported: drops are then counted
        if (!m_info.options.find(u"SO_RCVBUF"))
            deepenReceiveBuffer(m_fd);
    }
    if (on && watchReads())
        watchRead(); // data already queued is read now; epoll is level-triggered for the rest
    updateInterest();
    changed();
}

qint64 SocketObject::deadlineAfter(double seconds)
{
    // Saturating: CPython takes timeouts up to ~292 years (2^63 ns), which overflow now + t.
    const qint64 now = monoNs();
    const double ns = std::ceil(seconds * 1e9);
    if (!(ns < double(std::numeric_limits<qint64>::max() - now)))
        return std::numeric_limits<qint64>::max();
    return now + std::max<qint64>(qint64(ns), 1);
}

bool SocketObject::readSideShut() const
{
    return m_readHangup || m_info.state == SocketState::HalfClosedRead || m_info.state == SocketState::ShutDown;
}

// Watch mode ends for a reason the user must see: the failing call is journaled as Python would
// raise it, once, and the descriptor leaves the epoll set (updateInterest), so a socket that stays
// "ready" while every call fails cannot spin the thread.
void SocketObject::stopWatchReads(const Call &call, int error, const QString &note)
{
    m_readClosed = true;
    m_info.lastError = error;
    m_thread.context().journal.append(call, Outcome::osError(error, note));
    updateInterest();
    changed();
}

bool SocketObject::isStreamLike() const
{
    return m_info.type == SOCK_STREAM || m_info.type == SOCK_SEQPACKET;
}

// Whether watch mode should read now. An unconnected stream socket is left alone: epoll reports
// it as hung up, and reading it would only yield ENOTCONN.
bool SocketObject::watchReads() const
{
    if (!m_info.watching || m_fd < 0 || m_readClosed)
        return false;
    if (m_info.state == SocketState::Listening)
        return m_acceptBackoffNs == 0;
    if (m_info.type == SOCK_STREAM || m_info.type == SOCK_SEQPACKET)
        return m_info.state == SocketState::Connected || m_info.state == SocketState::HalfClosedWrite;
    return m_info.state != SocketState::Error || m_info.type == SOCK_DGRAM || m_info.type == SOCK_RAW;
}

void SocketObject::updateInterest()
{
    quint32 want = 0;
    for (const Op &op : m_calls) {
        if (op.waiting == Step::WaitRead)
            want |= EPOLLIN;
        else if (op.waiting == Step::WaitWrite)
            want |= EPOLLOUT;
    }
    if (watchReads())
        want |= EPOLLIN;
    if (m_info.state == SocketState::Connecting)
        want |= EPOLLOUT;
    // A datagram socket whose read side is shut down is readable for ever with nothing to read;
    // EPOLLRDHUP tells that apart from data (streams see it as a read of 0 bytes instead).
    if ((want & EPOLLIN) && !isStreamLike())
        want |= EPOLLRDHUP;
    const int error = m_thread.setInterest(*this, want);
    if (!error)
        return;
    // epoll refused the descriptor: nothing here can wait on it. What waits fails now with the
    // error (a wait that can never end would be worse), and watch mode ends, both in the journal.
    const QString note = QCoreApplication::translate("core", "epoll_ctl could not watch the descriptor: %1").arg(errnoName(error));
    for (Op &op : m_calls.takeAll())
        m_thread.context().journal.finish(op.id, Outcome::osError(error, note));
    m_info.pendingCalls = 0;
    m_info.lastError = error;
    if (m_info.watching && !m_readClosed) {
        m_readClosed = true;
        Call stopped;
        stopped.kind = CallKind::WatchStopped;
        stopped.origin = CallOrigin::Watch;
        stopped.socketId = id();
        m_thread.context().journal.append(stopped, Outcome::osError(error, note));
    }
    changed();
}

void SocketObject::changed()
{
    m_thread.markDirty(*this);
}

void SocketObject::countsChanged()
{
    m_thread.markCounted(*this);
}

void SocketObject::setState(SocketState state)
{
    if (m_info.state != state) {
        m_info.state = state;
        changed();
    }
}

void SocketObject::readLocalAddress()
{
    sockaddr_storage local;
    socklen_t length = sizeof local;
    if (m_fd >= 0 && ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&local), &length) == 0)
        m_info.local = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&local), length);
}

void SocketObject::recordError(Direction direction, int error)
{
    m_thread.context().traffic.append(id(), direction, {}, {}, TrafficFlag::Error, 0, quint16(error), m_layer->recordsAs());
    m_info.lastError = error;
    changed();
}

} // namespace core
