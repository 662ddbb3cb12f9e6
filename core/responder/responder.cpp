#include "core/responder/responder.h"

#include <QCoreApplication>

namespace core {

RuleBook::RuleBook(const QList<Rule> &rules)
    : m_hits(new std::atomic<quint64>[size_t(rules.size())])
{
    m_entries.reserve(size_t(rules.size()));
    for (const Rule &rule : rules) {
        Entry entry;
        entry.rule = rule;
        auto compiled = CompiledRule::compile(rule);
        if (CompiledRule *c = std::get_if<CompiledRule>(&compiled))
            entry.compiled = std::move(*c);
        else
            entry.error = std::get<RuleError>(compiled);
        m_entries.push_back(std::move(entry));
    }
    for (size_t i = 0; i < m_entries.size(); ++i)
        m_hits[i].store(0, std::memory_order_relaxed);
}

bool RuleBook::runnable() const
{
    for (const Entry &e : m_entries) {
        if (e.rule.enabled && e.compiled)
            return true;
    }
    return false;
}

std::optional<RuleBook::Answer> RuleBook::answer(QByteArrayView record, const SocketAddress &peer) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        const Entry &e = m_entries[i];
        if (!e.rule.enabled || !e.compiled)
            continue;
        QRegularExpressionMatch match;
        if (!e.compiled->matches(record, &match))
            continue;
        Answer a;
        a.rule = int(i);
        a.hit = m_hits[i].fetch_add(1, std::memory_order_relaxed) + 1;
        TemplateInput input;
        input.received = record;
        input.match = e.rule.match == MatchKind::Regex ? &match : nullptr;
        input.counter = a.hit;
        input.peer = peer;
        a.reply = e.compiled->reply(input);
        a.after = e.rule.after;
        a.delayMs = e.rule.delayMs;
        return a;
    }
    return std::nullopt;
}

std::optional<ScheduleError> checkSchedule(const Schedule &schedule)
{
    if (schedule.form == ByteForm::Text) {
        Result<PayloadTemplate> t = PayloadTemplate::parse(schedule.payload, PayloadTemplate::Uses::Schedule, false);
        if (!t)
            return ScheduleError{ScheduleField::Payload, t.error()};
    } else {
        Result<QByteArray> bytes = bytesOfForm(schedule.form, schedule.payload);
        if (!bytes)
            return ScheduleError{ScheduleField::Payload, bytes.error()};
    }
    if (!schedule.burst && (schedule.intervalMs < 1 || schedule.intervalMs > kMaxScheduleIntervalMs))
        return ScheduleError{ScheduleField::Interval, {QCoreApplication::translate("core", "the interval is 1 ms to 24 hours")}};
    if (schedule.count < 0 || schedule.count > kMaxBurstCount)
        return ScheduleError{ScheduleField::Count, {QCoreApplication::translate("core", "the count is 0 (until stopped) to %1").arg(kMaxBurstCount)}};
    if (schedule.burst && schedule.count == 0)
        return ScheduleError{ScheduleField::Count, {QCoreApplication::translate("core", "a burst needs a count")}};
    if (schedule.kind == CallKind::SendTo && !schedule.address.isValid())
        return ScheduleError{ScheduleField::Address, {QCoreApplication::translate("core", "sendto needs an address")}};
    if (schedule.kind != CallKind::Send && schedule.kind != CallKind::SendAll && schedule.kind != CallKind::SendTo)
        return ScheduleError{ScheduleField::Payload, {QCoreApplication::translate("core", "a schedule sends with send, sendall or sendto")}};
    return std::nullopt;
}

ScheduleState::ScheduleState(int id_, Schedule schedule_, PayloadTemplate payload)
    : id(id_)
    , schedule(std::move(schedule_))
    , m_payload(std::move(payload))
{
}

QByteArray ScheduleState::next(quint64 counter, const SocketAddress &peer) const
{
    TemplateInput input;
    input.counter = counter;
    input.peer = peer;
    return m_payload.expand(input);
}

void ResponderBoard::setRules(int socketId, std::shared_ptr<const RuleBook> book)
{
    QMutexLocker lock(&m_mutex);
    if (book)
        m_rules.insert(socketId, std::move(book));
    else
        m_rules.remove(socketId);
}

std::shared_ptr<const RuleBook> ResponderBoard::rules(int socketId) const
{
    QMutexLocker lock(&m_mutex);
    return m_rules.value(socketId);
}

std::shared_ptr<ScheduleState> ResponderBoard::addSchedule(Schedule schedule, PayloadTemplate payload)
{
    QMutexLocker lock(&m_mutex);
    const int id = m_nextSchedule++;
    auto state = std::make_shared<ScheduleState>(id, std::move(schedule), std::move(payload));
    m_schedules.emplace(id, state);
    return state;
}

std::shared_ptr<ScheduleState> ResponderBoard::schedule(int id) const
{
    QMutexLocker lock(&m_mutex);
    auto it = m_schedules.find(id);
    return it == m_schedules.end() ? nullptr : it->second;
}

void ResponderBoard::setStopped(ScheduleState &state, const QString &reason)
{
    QMutexLocker lock(&m_mutex);
    if (!m_stopReasons.contains(state.id))
        m_stopReasons.insert(state.id, reason);
    state.running.store(false);
}

QList<ScheduleStatus> ResponderBoard::schedules() const
{
    QMutexLocker lock(&m_mutex);
    QList<ScheduleStatus> out;
    for (const auto &[id, state] : m_schedules) {
        ScheduleStatus s;
        s.id = id;
        s.schedule = state->schedule;
        s.sent = state->sent.load();
        s.failed = state->failed.load();
        s.late = state->late.load();
        s.running = state->running.load();
        s.stopReason = m_stopReasons.value(id);
        out.append(s);
    }
    return out;
}

} // namespace core
