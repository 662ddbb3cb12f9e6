// SocketObject's calls through its queue (callqueue.h decides which call may go): queueing,
// cancelling, trying a call with its deadline, and telling how it ended. epoll's events wake the
// steps they satisfy (CallQueue::wake).
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
    const bool ready = m_calls.push(std::move(op));
    m_info.pendingCalls = int(m_calls.size());
    if (ready)
        pump();
    else
        changed(); // tried when the earlier call of its lane leaves
}

bool SocketObject::cancel(CallId call, const QString &why)
{
    std::optional<Op> op = m_calls.take(call);
    if (!op)
        return false;
    QString note = why;
    if (op->done > 0)
        note = QCoreApplication::translate("core", "%1 after %2 bytes").arg(why, QString::number(op->done));
    m_thread.context().journal.finish(op->id, Outcome::cancelled(note));
    told(*op, CallStatus::Cancelled);
    pump(); // the calls its lane held back may go now
    return true;
}

void SocketObject::addressResolved(CallId call, const SocketAddress &address, const Outcome &failed)
{
    Op *op = m_calls.find(call);
    if (!op)
        return;
    if (failed.status == CallStatus::Failed) {
        Op gone = std::move(*m_calls.take(call));
        m_thread.context().journal.finish(gone.id, failed);
        told(gone, CallStatus::Failed);
    } else {
        op->call.address = address;
        op->awaitingAddress = false;
        op->waiting = Step::Done;
    }
    pump();
}

void SocketObject::cancelQueued(const QString &why)
{
    for (Op &op : m_calls.takeAll()) {
        m_thread.context().journal.finish(op.id, Outcome::cancelled(why));
        told(op, CallStatus::Cancelled);
    }
    m_info.pendingCalls = 0;
}

void SocketObject::pump()
{
    // A rule's replies and a schedule's sends move only the counters when they go through: the
    // snapshot is published with the counts (countsChanged), not once per reply.
    bool onlyOwn = true;
    const bool pumped = m_calls.pump([this, &onlyOwn](Op &op) {
        onlyOwn = onlyOwn && (op.call.origin == CallOrigin::Rule || op.call.origin == CallOrigin::Schedule);
        if (op.awaitingAddress)
            return Step::WaitLookup;
        if (!op.started) {
            op.started = true;
            if (m_info.mode == BlockingMode::Timeout && !effectiveNonBlocking(op))
                op.deadlineNs = deadlineAfter(m_info.timeout);
        }
        const Step step = attempt(op);
        if (step != Step::Done && op.deadlineNs)
            m_thread.scheduleDeadline(op.deadlineNs, id());
        if (step == Step::WaitTimer && op.retryAtNs)
            m_thread.scheduleDeadline(op.retryAtNs, id());
        return step;
    });
    if (!pumped)
        return; // called from inside attempt(): the running pump() makes another pass
    m_info.pendingCalls = int(m_calls.size());
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
    case CallKind::SendFile: return doSendFile(op);
    case CallKind::Recv:
    case CallKind::RecvFrom: return doRecv(op);
    case CallKind::SendMsg: return doSendMsg(op);
    case CallKind::RecvMsg:
    case CallKind::RecvMsgInto: return doRecvMsg(op);
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
    m_info.pendingCalls = int(m_calls.size()) - 1;
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
        if (op.call.kind == CallKind::SendFile && op.done > 0)
            note = QCoreApplication::translate("core", "%1 bytes of the file were sent before the buffer filled").arg(op.done);
        Outcome o = Outcome::osError(error, note);
        if (op.call.kind == CallKind::SendFile)
            o.count = op.done; // what went before the buffer filled
        finish(op, std::move(o));
    }
    return Step::Done;
}

} // namespace core
