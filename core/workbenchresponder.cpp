// Workbench: responder rules and schedules. Both are handed to the socket's I/O thread, which
// runs them (socketresponder.cpp); the board in EngineContext lets any thread read their status.
#include "core/workbench.h"

#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/engine/socketobject.h"

#include <QCoreApplication>

namespace core {

void Workbench::setRules(int socketId, const QList<Rule> &rules)
{
    std::shared_ptr<const RuleBook> book = rules.isEmpty() ? nullptr : std::make_shared<const RuleBook>(rules);
    IoThread *thread = threadOf(socketId);
    if (!thread)
        return;
    m_context->responders.setRules(socketId, book);
    thread->post([thread, socketId, book] {
        if (SocketObject *s = thread->socket(socketId))
            s->setRules(book, true);
    });
}

QList<RuleStatus> Workbench::rules(int socketId, bool *inherited) const
{
    std::shared_ptr<const RuleBook> book = m_context->responders.rules(socketId);
    if (inherited)
        *inherited = false;
    if (!book) {
        const int parent = m_registry->info(socketId).parentId;
        if (parent >= 0)
            book = m_context->responders.rules(parent);
        if (book && inherited)
            *inherited = true;
    }
    QList<RuleStatus> out;
    for (int i = 0; book && i < book->size(); ++i)
        out.append({book->rule(i), book->hits(i), book->error(i)});
    return out;
}

quint64 Workbench::rulesUnanswerable(int socketId) const
{
    std::shared_ptr<const RuleBook> book = m_context->responders.rules(socketId);
    return book ? book->unanswerable() : 0;
}

std::variant<int, ScheduleError> Workbench::startSchedule(const Schedule &schedule)
{
    if (std::optional<ScheduleError> error = checkSchedule(schedule))
        return *error;
    IoThread *thread = threadOf(schedule.socketId);
    if (!thread)
        return ScheduleError{ScheduleField::Payload, {QCoreApplication::translate("core", "no such socket")}};
    PayloadTemplate payload = schedule.form == ByteForm::Text
        ? *PayloadTemplate::parse(schedule.payload, PayloadTemplate::Uses::Schedule, false)
        : PayloadTemplate::constant(*bytesOfForm(schedule.form, schedule.payload));
    std::shared_ptr<ScheduleState> state = m_context->responders.addSchedule(schedule, std::move(payload));
    const int socketId = schedule.socketId;
    thread->post([thread, socketId, state] {
        if (SocketObject *s = thread->socket(socketId))
            s->startSchedule(state);
        else
            thread->context().responders.setStopped(*state, QCoreApplication::translate("core", "no such socket"));
    });
    return state->id;
}

bool Workbench::stopSchedule(int scheduleId)
{
    std::shared_ptr<ScheduleState> state = m_context->responders.schedule(scheduleId);
    if (!state || !state->running.load())
        return false;
    m_context->responders.setStopped(*state, QCoreApplication::translate("core", "stopped"));
    const int socketId = state->schedule.socketId;
    if (IoThread *thread = threadOf(socketId)) {
        thread->post([thread, socketId, state] {
            if (SocketObject *s = thread->socket(socketId))
                s->stopSchedule(*state, QCoreApplication::translate("core", "stopped"));
        });
    }
    return true;
}

QList<ScheduleStatus> Workbench::schedules() const
{
    return m_context->responders.schedules();
}

} // namespace core
