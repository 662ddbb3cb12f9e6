#pragma once

#include "core/calls/call.h"
#include "core/responder/rule.h"

#include <QHash>
#include <QList>
#include <QMutex>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace core {

// The rules of one socket, compiled once, with their hit counts. Shared by the socket that owns
// them, every connection its listener accepts (now and later), and whoever reads their status:
// the I/O thread only reads the rules and bumps the atomic counters.
class RuleBook final
{
public:
    explicit RuleBook(const QList<Rule> &rules);

    struct Answer
    {
        int rule = -1;      // 0-based index
        quint64 hit = 0;    // the rule's count including this hit ({counter})
        QByteArray reply;
        AfterReply after = AfterReply::Nothing;
        int delayMs = 0;
    };
    // The first enabled rule that compiled and matches the record, its hit counted, and its reply.
    std::optional<Answer> answer(QByteArrayView record, const SocketAddress &peer) const;
    // A datagram from a sender with no address (an unbound UNIX socket): matched, not answered.
    void countUnanswerable() const { m_unanswerable.fetch_add(1, std::memory_order_relaxed); }

    int size() const { return int(m_entries.size()); }
    bool runnable() const; // at least one rule is enabled and compiled
    const Rule &rule(int index) const { return m_entries[size_t(index)].rule; }
    const std::optional<RuleError> &error(int index) const { return m_entries[size_t(index)].error; }
    quint64 hits(int index) const { return m_hits[size_t(index)].load(std::memory_order_relaxed); }
    quint64 unanswerable() const { return m_unanswerable.load(std::memory_order_relaxed); }

private:
    struct Entry
    {
        Rule rule;
        std::optional<CompiledRule> compiled;
        std::optional<RuleError> error;
    };
    std::vector<Entry> m_entries;
    std::unique_ptr<std::atomic<quint64>[]> m_hits;
    mutable std::atomic<quint64> m_unanswerable{0};
};

// One rule of a socket as the window shows it.
struct RuleStatus
{
    Rule rule;
    quint64 hits = 0;
    std::optional<RuleError> error; // the rule does not run
};

// A repeated or burst send, as a person asks for it in the composer.
struct Schedule
{
    int socketId = -1;
    QString payload;                  // Text: a template (escapes and {counter}, {time}, ...); Hex; File
    ByteForm form = ByteForm::Text;
    qint64 intervalMs = 1000;         // 1 .. kMaxScheduleIntervalMs; not used by a burst
    qint64 count = 0;                 // sends in all; 0: until stopped (a burst needs a count)
    bool burst = false;               // count sends, each as soon as the one before finished
    CallKind kind = CallKind::SendAll; // Send, SendAll or SendTo
    SocketAddress address;            // SendTo

    bool operator==(const Schedule &) const = default;
};

constexpr qint64 kMaxScheduleIntervalMs = 24LL * 3600 * 1000;
constexpr qint64 kMaxBurstCount = 100'000'000;

enum class ScheduleField : quint8 { Payload, Interval, Count, Address };
struct ScheduleError
{
    ScheduleField field = ScheduleField::Payload;
    InputError error;
};
std::optional<ScheduleError> checkSchedule(const Schedule &schedule);

// A schedule while it runs: the I/O thread of its socket sends, anyone reads the counts.
class ScheduleState final
{
public:
    ScheduleState(int id, Schedule schedule, PayloadTemplate payload);

    const int id;
    const Schedule schedule;
    // The payload of send number counter (from 1); peer fills {peer}.
    QByteArray next(quint64 counter, const SocketAddress &peer) const;

    std::atomic<quint64> sent{0};   // sends made (journaled calls)
    std::atomic<quint64> failed{0}; // of which failed or were cancelled
    std::atomic<quint64> late{0};   // sends that went out after their time (the previous one still waited)
    std::atomic<bool> running{true};

    // I/O thread only.
    quint64 timer = 0;
    qint64 startNs = 0;
    quint64 slot = 0;      // the next slot on the grid start + slot * interval
    bool outstanding = false;
    bool owed = false;

private:
    PayloadTemplate m_payload;
};

struct ScheduleStatus
{
    int id = -1;
    Schedule schedule;
    quint64 sent = 0;
    quint64 failed = 0;
    quint64 late = 0;
    bool running = false;
    QString stopReason; // "done", "stopped", "socket closed", an error
};

// What the façade keeps of rules and schedules so any thread can read their status; the I/O
// threads hold the same books and states and do the work.
class ResponderBoard final
{
public:
    void setRules(int socketId, std::shared_ptr<const RuleBook> book);
    std::shared_ptr<const RuleBook> rules(int socketId) const;

    std::shared_ptr<ScheduleState> addSchedule(Schedule schedule, PayloadTemplate payload);
    std::shared_ptr<ScheduleState> schedule(int id) const;
    void setStopped(ScheduleState &state, const QString &reason);
    QList<ScheduleStatus> schedules() const;

private:
    mutable QMutex m_mutex;
    QHash<int, std::shared_ptr<const RuleBook>> m_rules;
    std::map<int, std::shared_ptr<ScheduleState>> m_schedules;
    QHash<int, QString> m_stopReasons;
    int m_nextSchedule = 1;
};

} // namespace core
