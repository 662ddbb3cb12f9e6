// SocketObject's call queue: calls wait in their lanes (reads, writes, control; see op.h), each
// lane in order. pump() tries each lane's first call until it is done or waits (for readiness,
// a deadline, its address's lookup); a waiting control call holds back every lane. epoll's
// events wake the steps they satisfy (wake()).
#include "core/engine/socketobject.h"

#include "core/base/clock.h"
#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/net/errors.h"

#include <QCoreApplication>

#include <sys/socket.h>

#include <utility>

namespace core {

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
        Outcome o = Outcome::counted(error);
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

} // namespace core
