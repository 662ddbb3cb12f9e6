// SocketObject's work of its own: responder rules answer received records, schedules send on a
// timer of the I/O thread's loop. Both make ordinary calls (journaled, queued in order, in the
// traffic log), marked with what made them; nothing goes through the GUI thread.
#include "core/engine/socketobject.h"

#include "core/base/clock.h"
#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/responder/rulereply.h"

#include <QCoreApplication>

#include <sys/socket.h>

#include <optional>
#include <vector>

namespace core {

void SocketObject::submitOwn(Call call, std::function<void(CallStatus)> done)
{
    Op op;
    op.call = call;
    op.onFinished = std::move(done);
    op.id = m_thread.context().journal.begin(std::move(call));
    enqueue(std::move(op));
}

void SocketObject::setRules(std::shared_ptr<const RuleBook> book, bool own)
{
    if (!own && m_ownRules)
        return;
    if (book && book->size() == 0)
        book = nullptr;
    // A connection whose own rules are removed answers by its listener's again, as
    // Workbench::rules() then reports them (inherited).
    if (own && !book && m_info.parentId >= 0) {
        if (SocketObject *listener = m_thread.socket(m_info.parentId); listener && listener->m_ownRules) {
            book = listener->m_rules;
            own = false;
        }
    }
    m_rules = std::move(book);
    m_ownRules = own && m_rules;
    // Rules answer what watch mode reads (on a listener: what its connections read).
    if (m_rules && m_rules->runnable() && !m_info.watching && m_fd >= 0 && m_info.state != SocketState::Closed)
        setWatch(true);
    if (own && m_info.state == SocketState::Listening) {
        std::shared_ptr<const RuleBook> inherited = m_rules;
        const int self = id();
        m_thread.forEachSocket([&](SocketObject &s) {
            if (s.info().parentId == self)
                s.setRules(inherited, false);
        });
    }
}

void SocketObject::respond(QByteArrayView record, const SocketAddress &peer)
{
    if (!m_rules || record.isEmpty())
        return;
    std::optional<RuleBook::Answer> answer = m_rules->answer(record, peer);
    if (!answer)
        return;
    std::optional<RuleReply> calls = ruleReply(std::move(*answer), ReplyTarget{id(), m_info.type, m_info.peer.isValid()}, peer);
    if (!calls) {
        m_rules->countUnanswerable();
        return;
    }
    if (calls->delayMs == 0) { // the usual answer, sent now
        submitOwn(std::move(calls->reply));
        if (calls->after)
            submitOwn(std::move(*calls->after));
        return;
    }
    IoThread *thread = &m_thread;
    const int socketId = id();
    const qint64 atNs = monoNs() + qint64(calls->delayMs) * 1'000'000;
    m_thread.addTimer(atNs, [thread, socketId, calls = std::move(*calls)]() mutable {
        SocketObject *s = thread->socket(socketId);
        if (!s || s->fd() < 0)
            return; // closed meanwhile: the reply has nowhere to go (the hit stays counted)
        s->submitOwn(std::move(calls.reply));
        if (calls.after)
            s->submitOwn(std::move(*calls.after));
    });
}

void SocketObject::startSchedule(std::shared_ptr<ScheduleState> state)
{
    if (m_fd < 0) {
        m_thread.context().responders.setStopped(*state, QCoreApplication::translate("core", "socket closed"));
        return;
    }
    m_schedules.push_back(state);
    state->startNs = monoNs();
    sendScheduled(state);
    if (!state->schedule.burst)
        scheduleTick(state);
}

void SocketObject::scheduleTick(const std::shared_ptr<ScheduleState> &state)
{
    // The grid start + k × interval: a late wake-up does not push every later send back.
    const qint64 intervalNs = state->schedule.intervalMs * 1'000'000;
    const qint64 now = monoNs();
    ++state->slot;
    qint64 due = state->startNs + qint64(state->slot) * intervalNs;
    if (due < now) {
        state->slot = quint64((now - state->startNs) / intervalNs) + 1;
        due = state->startNs + qint64(state->slot) * intervalNs;
    }
    IoThread *thread = &m_thread;
    const int socketId = id();
    state->timer = m_thread.addTimer(due, [thread, socketId, state] {
        SocketObject *s = thread->socket(socketId);
        if (!s || !state->running.load())
            return;
        if (state->outstanding) {
            state->owed = true; // sent as soon as the one before finishes
        } else {
            s->sendScheduled(state);
        }
        if (state->running.load())
            s->scheduleTick(state);
    });
}

void SocketObject::sendScheduled(const std::shared_ptr<ScheduleState> &state)
{
    const Schedule &schedule = state->schedule;
    if (!state->running.load())
        return;
    if (schedule.count > 0 && state->sent.load() >= quint64(schedule.count))
        return;
    const quint64 n = state->sent.fetch_add(1) + 1;
    Call call;
    call.origin = CallOrigin::Schedule;
    call.source.schedule = state->id;
    call.source.send = n;
    call.socketId = id();
    call.kind = schedule.kind;
    call.address = schedule.address;
    call.data = state->next(n, schedule.kind == CallKind::SendTo ? schedule.address : m_info.peer);
    call.dataSize = call.data.size();
    state->outstanding = true;
    IoThread *thread = &m_thread;
    const int socketId = id();
    submitOwn(std::move(call), [thread, socketId, state](CallStatus status) {
        if (SocketObject *s = thread->socket(socketId))
            s->scheduleSent(state, status);
    });
}

void SocketObject::scheduleSent(const std::shared_ptr<ScheduleState> &state, CallStatus status)
{
    state->outstanding = false;
    const Schedule &schedule = state->schedule;
    if (status != CallStatus::Done) {
        state->failed.fetch_add(1);
        // A send that fails on a stream (the peer is gone) fails again every time; a datagram's
        // error (an ICMP refusal) may pass, so a datagram schedule goes on.
        if (isStreamLike() || m_fd < 0) {
            stopSchedule(*state, m_fd < 0 ? QCoreApplication::translate("core", "socket closed") : QCoreApplication::translate("core", "a send failed (see the journal)"));
            return;
        }
    }
    if (!state->running.load())
        return;
    if (schedule.count > 0 && state->sent.load() >= quint64(schedule.count)) {
        stopSchedule(*state, QCoreApplication::translate("core", "done"));
        return;
    }
    if (schedule.burst) {
        sendScheduled(state);
    } else if (state->owed) {
        state->owed = false;
        state->late.fetch_add(1);
        sendScheduled(state);
    }
}

void SocketObject::stopSchedule(ScheduleState &state, const QString &why)
{
    m_thread.context().responders.setStopped(state, why);
    if (state.timer)
        m_thread.cancelTimer(state.timer);
    state.timer = 0;
    for (auto it = m_schedules.begin(); it != m_schedules.end(); ++it) {
        if (it->get() == &state) {
            m_schedules.erase(it);
            break;
        }
    }
}

void SocketObject::stopSchedules(const QString &why)
{
    while (!m_schedules.empty()) {
        std::shared_ptr<ScheduleState> state = m_schedules.back();
        stopSchedule(*state, why);
    }
}

} // namespace core
