#include "core/engine/socketobject.h"

#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/kernel/platform.h"
#include "core/net/errors.h"
#include "core/base/clock.h"

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
}

SocketObject::~SocketObject()
{
    for (Op &op : m_queue)
        op.onFinished = nullptr; // the thread is going away: nothing is told
    cancelQueued(QCoreApplication::translate("core", "the workbench shut down"));
    closeDescriptor(); // the epoll set drops a closed descriptor by itself
}

QString SocketObject::closeDescriptor()
{
    if (m_fd < 0)
        return {};
    ::close(m_fd);
    m_fd = -1;
    m_info.fd = -1;
    return m_socketFile.removeIfOurs();
}

void SocketObject::enqueue(Op op)
{
    // Close cancels whatever still waits ahead of it: a program cannot close a socket while one
    // of its calls is blocked, so the waiting call is what the user means to abandon.
    if (op.call.kind == CallKind::Close)
        cancelQueued(QCoreApplication::translate("core", "cancelled by close()"));
    op.lane = laneOf(op.call.kind);
    const bool waits = laneTaken(op.lane);
    m_queue.push_back(std::move(op));
    m_info.pendingCalls = int(m_queue.size());
    // A call behind an earlier one of its lane is tried when that one leaves: no walk of the
    // queue here, so a flood of replies queued behind a full send buffer costs nothing per reply.
    if (waits)
        changed();
    else
        pump();
}

bool SocketObject::laneTaken(Lane lane) const
{
    for (const Op &op : m_queue) {
        if (op.lane == lane || (op.lane == Lane::Control && op.waiting != Step::Done))
            return true;
    }
    return false;
}

bool SocketObject::cancel(CallId call, const QString &why)
{
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (it->id != call)
            continue;
        Op op = std::move(*it);
        m_queue.erase(it);
        QString note = why;
        if (op.done > 0)
            note = QCoreApplication::translate("core", "%1 after %2 bytes").arg(why, QString::number(op.done));
        m_thread.context().journal.finish(op.id, Outcome::cancelled(note));
        told(op, CallStatus::Cancelled);
        pump(); // the calls its lane held back may go now
        return true;
    }
    return false;
}

void SocketObject::addressResolved(CallId call, const SocketAddress &address, const Outcome &failed)
{
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (it->id != call)
            continue;
        if (failed.status == CallStatus::Failed) {
            m_thread.context().journal.finish(it->id, failed);
            told(*it, CallStatus::Failed);
            m_queue.erase(it);
        } else {
            it->call.address = address;
            it->awaitingAddress = false;
            it->waiting = Step::Done;
        }
        pump();
        return;
    }
}

void SocketObject::cancelQueued(const QString &why)
{
    while (!m_queue.empty()) {
        Op op = std::move(m_queue.front());
        m_queue.pop_front();
        m_thread.context().journal.finish(op.id, Outcome::cancelled(why));
        told(op, CallStatus::Cancelled);
    }
    m_info.pendingCalls = 0;
}

void SocketObject::wake(Step a, Step b)
{
    for (Op &op : m_queue) {
        if (op.waiting != Step::Done && (op.waiting == a || op.waiting == b))
            op.waiting = Step::Done;
    }
}

bool SocketObject::parked(Step step) const
{
    for (const Op &op : m_queue) {
        if (op.waiting == step)
            return true;
    }
    return false;
}

void SocketObject::pump()
{
    if (m_pumping) {
        m_pumpAgain = true; // a call finished inside attempt() queued another on this socket
        return;
    }
    m_pumping = true;
    // A rule's replies and a schedule's sends move only the counters when they go through: the
    // snapshot is published with the counts (countsChanged), not once per reply.
    bool onlyOwn = true;
    do {
        m_pumpAgain = false;
        unsigned taken = 0; // lanes with an earlier call still queued
        constexpr unsigned kAll = 1u << unsigned(Lane::Read) | 1u << unsigned(Lane::Write) | 1u << unsigned(Lane::Control);
        for (size_t i = 0; i < m_queue.size() && taken != kAll;) {
            Op &op = m_queue[i];
            const unsigned lane = 1u << unsigned(op.lane);
            if (taken & lane) {
                ++i;
                continue;
            }
            if (op.waiting == Step::Done) {
                onlyOwn = onlyOwn && (op.call.origin == CallOrigin::Rule || op.call.origin == CallOrigin::Schedule);
                if (op.awaitingAddress) {
                    op.waiting = Step::WaitLookup;
                } else {
                    if (!op.started) {
                        op.started = true;
                        if (m_info.mode == BlockingMode::Timeout && !effectiveNonBlocking(op))
                            op.deadlineNs = deadlineAfter(m_info.timeout);
                    }
                    // A call queued on this socket inside attempt() is appended (a deque keeps
                    // references to the others) and tried by the next pass (m_pumpAgain).
                    const Step step = attempt(op);
                    if (step == Step::Done) {
                        m_queue.erase(m_queue.begin() + qsizetype(i));
                        continue;
                    }
                    op.waiting = step;
                    if (op.deadlineNs)
                        m_thread.scheduleDeadline(op.deadlineNs, id());
                    if (step == Step::WaitTimer && op.retryAtNs)
                        m_thread.scheduleDeadline(op.retryAtNs, id());
                }
            }
            // Parked: the later calls of its lane wait behind it; a parked control call holds
            // back every lane (what comes after a connect needs the connection).
            taken |= op.lane == Lane::Control ? kAll : lane;
            ++i;
        }
    } while (m_pumpAgain);
    m_pumping = false;
    m_info.pendingCalls = int(m_queue.size());
    updateInterest();
    if (onlyOwn)
        countsChanged();
    else
        changed();
}

SocketObject::Step SocketObject::attempt(Op &op)
{
    if (op.call.kind == CallKind::Recv && op.call.size == 0) {
        // CPython's recv(0) returns b'' without calling recv(2), whatever the socket's state: a
        // queued datagram stays queued, and nothing waits (socketmodule.c, sock_recv).
        Outcome o = Outcome::ok(QStringLiteral("b''"));
        o.count = 0;
        o.note = QCoreApplication::translate("core", "bufsize 0: Python returns b'' without calling recv()");
        finish(op, std::move(o));
        return Step::Done;
    }
    if (m_fd < 0 && op.call.kind != CallKind::Close && op.call.kind != CallKind::Fileno && op.call.kind != CallKind::GetTimeout) {
        if (op.call.kind == CallKind::ConnectEx) {
            // connect_ex reports errors as numbers, EBADF on a closed socket included.
            Outcome o = Outcome::ok(QString::number(EBADF));
            o.count = EBADF;
            o.errorName = errnoName(EBADF);
            o.note = errnoMessage(EBADF);
            finish(op, std::move(o));
        } else {
            finish(op, Outcome::osError(EBADF));
        }
        return Step::Done;
    }
    switch (op.call.kind) {
    case CallKind::Bind: return doBind(op);
    case CallKind::Listen: return doListen(op);
    case CallKind::Accept: return doAccept(op);
    case CallKind::Connect:
    case CallKind::ConnectEx: return doConnect(op);
    case CallKind::Send:
    case CallKind::SendTo: return doSend(op);
    case CallKind::SendAll: return doSendAll(op);
    case CallKind::Recv:
    case CallKind::RecvFrom: return doRecv(op);
    case CallKind::Shutdown: return doShutdown(op);
    case CallKind::Close: return doClose(op);
    case CallKind::SetBlocking:
    case CallKind::SetTimeout: return doMode(op);
    case CallKind::GetTimeout: return doGetTimeout(op);
    case CallKind::SetOption: return doSetOption(op);
    case CallKind::GetOption: return doGetOption(op);
    case CallKind::SockName:
    case CallKind::PeerName: return doName(op);
    case CallKind::Fileno: return doFileno(op);
    case CallKind::Dup: return doDup(op);
    default:
        break; // socket(), socketpair(), lookups: not calls on a socket, never queued here
    }
    finish(op, Outcome::osError(EINVAL, QCoreApplication::translate("core", "not a call on a socket")));
    return Step::Done;
}

void SocketObject::finish(Op &op, Outcome outcome)
{
    if (outcome.status == CallStatus::Failed && outcome.error)
        m_info.lastError = outcome.error;
    // Published before the outcome so that whoever reads the result sees the state it left. Nobody
    // waits for the engine's own calls (a rule's reply, a schedule's send): theirs is published
    // with the rest of the thread's changes at the end of the loop's turn.
    m_info.pendingCalls = int(m_queue.size()) - 1;
    if (op.call.origin == CallOrigin::Rule || op.call.origin == CallOrigin::Schedule)
        outcome.status == CallStatus::Done ? countsChanged() : changed();
    else
        m_thread.context().registry.publish(m_info);
    const CallStatus status = outcome.status;
    m_thread.context().journal.finish(op.id, std::move(outcome));
    told(op, status);
}

void SocketObject::told(Op &op, CallStatus status)
{
    // Posted, not called: the callback may queue the next call, and this one is still at the
    // head of the queue that pump() walks.
    if (op.onFinished)
        m_thread.post([fn = std::move(op.onFinished), status] { fn(status); });
}

bool SocketObject::effectiveNonBlocking(const Op &op) const
{
    return m_info.mode == BlockingMode::NonBlocking || (op.call.flags & MSG_DONTWAIT);
}

// The syscall said EAGAIN/EINPROGRESS: fail now in non-blocking mode, else park the call.
SocketObject::Step SocketObject::wouldBlock(Op &op, Step wait, int error)
{
    if (!effectiveNonBlocking(op))
        return wait;
    if (op.call.kind == CallKind::ConnectEx) {
        Outcome o = Outcome::ok(QString::number(error));
        o.count = error;
        o.errorName = errnoName(error);
        finish(op, std::move(o));
    } else {
        QString note;
        if (op.call.kind == CallKind::SendAll && op.done > 0)
            note = QCoreApplication::translate("core", "%1 of %2 bytes were sent before the buffer filled").arg(op.done).arg(op.call.data.size());
        finish(op, Outcome::osError(error, note));
    }
    return Step::Done;
}

void SocketObject::onEvents(quint32 events)
{
    if (events & EPOLLRDHUP)
        m_readHangup = true;
    const bool readable = events & (EPOLLIN | EPOLLERR | EPOLLHUP);
    const bool writable = events & (EPOLLOUT | EPOLLERR | EPOLLHUP);
    const bool woken = (readable && parked(Step::WaitRead)) || (writable && parked(Step::WaitWrite));
    if (woken) {
        wake(readable ? Step::WaitRead : Step::Done, writable ? Step::WaitWrite : Step::Done);
        pump();
    }
    if (m_info.state == SocketState::Connecting && !parked(Step::WaitWrite) && writable) {
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
    if (readable && !parked(Step::WaitRead) && watchReads())
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
    for (size_t i = 0; i < m_queue.size();) {
        Op &op = m_queue[i];
        if (op.waiting == Step::Done) {
            ++i;
            continue;
        }
        if (op.waiting == Step::WaitTimer && op.retryAtNs && op.retryAtNs <= nowNs
            && !(op.deadlineNs && op.deadlineNs <= nowNs)) {
            op.retryAtNs = 0;
            op.waiting = Step::Done;
            moved = true;
        } else if (op.deadlineNs && op.deadlineNs <= nowNs) {
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
                finish(op, std::move(o));
            }
            m_queue.erase(m_queue.begin() + qsizetype(i));
            moved = true;
            continue;
        }
        ++i;
    }
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
        if (!m_info.options.contains(QLatin1String("SO_RCVBUF")))
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
    for (const Op &op : m_queue) {
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
    while (!m_queue.empty()) {
        Op op = std::move(m_queue.front());
        m_queue.pop_front();
        m_thread.context().journal.finish(op.id, Outcome::osError(error, note));
    }
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
