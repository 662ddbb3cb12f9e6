#include "core/store/journal.h"

#include "core/base/clock.h"
#include "core/base/slabpool.h"

#include <algorithm>
#include <chrono>

namespace core {

SlabPool &Journal::callPool()
{
    // One for the process, never destroyed: a reader may hold a call after its journal is gone.
    static SlabPool *const pool = new SlabPool(sizeof(Call) + 64); // + shared_ptr's control block
    return *pool;
}

Journal::Journal(QObject *parent)
    : QObject(parent)
{
    connect(&m_notify, &Coalescer::fired, this, &Journal::changed);
    connect(&m_finishedNotify, &Coalescer::fired, this, &Journal::callsFinished);
}

CallId Journal::begin(Call call)
{
    CallRecord record;
    // socket() and socketpair() are filed under the socket they make.
    record.socketId = call.kind == CallKind::Socket || call.kind == CallKind::SocketPair ? call.newSocketId : call.socketId;
    // The text is made before the payload is capped: it shows the real size. The engine's own
    // calls (a rule's reply, a schedule's send) come by the ten thousand a second while most are
    // never looked at: theirs is made when a reader asks (textOf), when the
    // payload is kept whole and so gives the same text.
    const bool ownCall = call.origin == CallOrigin::Rule || call.origin == CallOrigin::Schedule;
    call.dataSize = call.data.size();
    qsizetype keep = std::min(call.data.size(), kPayloadPerCall);
    if (keep > 0 && m_payloadBytes.fetch_add(quint64(keep), std::memory_order_relaxed) + quint64(keep) > kPayloadLimit) {
        m_payloadBytes.fetch_sub(quint64(keep), std::memory_order_relaxed);
        keep = 0;
    }
    if (!ownCall || keep < call.data.size())
        record.call = call.pythonText();
    if (keep < call.data.size()) {
        m_payloadNotKept.fetch_add(quint64(call.data.size() - keep), std::memory_order_relaxed);
        if (keep == 0) {
            call.data.clear();
        } else {
            call.data.truncate(keep);
            call.data.squeeze();
        }
    }
    record.value = std::allocate_shared<const Call>(SlabAllocator<Call>(callPool()), std::move(call));
    record.startWallNs = wallNs();
    record.startMonoNs = monoNs();
    CallId id;
    {
        std::lock_guard lock(m_mutex);
        id = CallId(m_records.size()) + 1;
        record.id = id;
        if (record.socketId >= 0)
            m_pendingBySocket[record.socketId].push_back(id); // ids only grow: the list stays sorted
        m_records.push_back(std::move(record));
    }
    m_notify.poke();
    return id;
}

bool Journal::finish(CallId id, Outcome outcome)
{
    bool engineOwn = false;
    {
        std::lock_guard lock(m_mutex);
        if (id == 0 || id > m_records.size())
            return false;
        CallRecord &record = m_records[id - 1];
        if (record.finished())
            return false;
        // Nobody waits for the engine's own calls by their id (CallWatcher, CallChain): a responder
        // answering a flood must not wake the GUI thread for each reply.
        if (record.value) {
            const CallOrigin origin = record.value->origin;
            engineOwn = origin == CallOrigin::Rule || origin == CallOrigin::Schedule || origin == CallOrigin::Watch;
        }
        record.durationNs = monoNs() - record.startMonoNs;
        record.outcome = std::move(outcome);
        if (record.socketId >= 0) {
            const auto pending = m_pendingBySocket.find(record.socketId);
            if (pending != m_pendingBySocket.end()) {
                std::vector<CallId> &ids = pending->second;
                const auto at = std::find(ids.begin(), ids.end(), id);
                if (at != ids.end())
                    ids.erase(at);
            }
        }
    }
    m_generation.fetch_add(1, std::memory_order_release);
    m_finished.notify_all();
    m_notify.poke();
    if (!engineOwn)
        m_finishedNotify.poke();
    return true;
}

CallId Journal::append(Call call, Outcome outcome)
{
    const CallId id = begin(std::move(call));
    finish(id, std::move(outcome));
    return id;
}

qsizetype Journal::count() const
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_records.size());
}

std::vector<CallRecord> Journal::range(qsizetype first, qsizetype count, Text text) const
{
    std::vector<CallRecord> out;
    {
        std::lock_guard lock(m_mutex);
        const qsizetype end = std::min(qsizetype(m_records.size()), first + std::max<qsizetype>(count, 0));
        if (first < 0 || first >= end)
            return out;
        out.reserve(size_t(end - first));
        for (qsizetype i = first; i < end; ++i)
            out.push_back(m_records[size_t(i)]);
    }
    if (text == Text::Filled) {
        for (CallRecord &record : out)
            record.call = textOf(record);
    }
    return out;
}

CallRecord Journal::at(qsizetype index) const
{
    CallRecord record;
    {
        std::lock_guard lock(m_mutex);
        if (index < 0 || size_t(index) >= m_records.size())
            return {};
        record = m_records[size_t(index)];
    }
    record.call = textOf(record);
    return record;
}

QString Journal::textOf(const CallRecord &record)
{
    return record.call.isEmpty() && record.value ? record.value->pythonText() : record.call;
}

CallRecord Journal::call(CallId id) const
{
    return at(qsizetype(id) - 1);
}

bool Journal::isPending(CallId id) const
{
    std::lock_guard lock(m_mutex);
    return id > 0 && id <= m_records.size() && !m_records[id - 1].finished();
}

std::vector<qsizetype> Journal::pendingAmong(qsizetype first, qsizetype count) const
{
    std::vector<qsizetype> pending;
    std::lock_guard lock(m_mutex);
    const qsizetype end = std::min(qsizetype(m_records.size()), first + std::max<qsizetype>(count, 0));
    for (qsizetype i = std::max<qsizetype>(first, 0); i < end; ++i) {
        if (!m_records[size_t(i)].finished())
            pending.push_back(i);
    }
    return pending;
}

CallId Journal::oldestPending(int socketId) const
{
    std::lock_guard lock(m_mutex);
    const auto pending = m_pendingBySocket.find(socketId);
    return pending == m_pendingBySocket.end() || pending->second.empty() ? 0 : pending->second.front();
}

std::vector<CallId> Journal::pendingOf(int socketId) const
{
    std::lock_guard lock(m_mutex);
    const auto pending = m_pendingBySocket.find(socketId);
    return pending == m_pendingBySocket.end() ? std::vector<CallId>() : pending->second;
}

bool Journal::wait(CallId id, int timeoutMs) const
{
    std::unique_lock lock(m_mutex);
    if (id == 0 || id > m_records.size())
        return false;
    const auto finished = [&] { return m_records[id - 1].finished(); };
    if (timeoutMs < 0) {
        m_finished.wait(lock, finished);
        return true;
    }
    return m_finished.wait_for(lock, std::chrono::milliseconds(timeoutMs), finished);
}

} // namespace core
