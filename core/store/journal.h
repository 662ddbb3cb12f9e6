#pragma once

#include "core/base/chunkedvector.h"
#include "core/base/coalescer.h"
#include "core/calls/outcome.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <unordered_map>
#include <vector>
#include <mutex>

namespace core {

class SlabPool;

// The journal of calls: one record per call, appended when the call is made and completed by
// whichever thread finishes it. Thread-safe; readers get copies. Changes are announced through
// changed(), coalesced to at most one signal per kChangedMs (the traffic log's refresh rate:
// under load the views then repaint together, about 30 times a second, not 60).
class Journal final : public QObject
{
    Q_OBJECT
public:
    explicit Journal(QObject *parent = nullptr);

    // A call as it is made: its text comes from the value. A payload is kept up to
    // kPayloadPerCall bytes, and only while the journal's payloads stay under kPayloadLimit in
    // all (the traffic store keeps what went on the wire); what is not kept is counted.
    CallId begin(Call call);
    // Completes a pending call; false when it had already finished (e.g. it was cancelled).
    bool finish(CallId id, Outcome outcome);
    // A call that happened on its own (auto-accept in watch mode): appended already finished.
    CallId append(Call call, Outcome outcome);

    static constexpr qsizetype kPayloadPerCall = 1 << 20;
    static constexpr quint64 kPayloadLimit = quint64(256) << 20;
    quint64 payloadBytes() const { return m_payloadBytes.load(std::memory_order_relaxed); }
    quint64 payloadBytesNotKept() const { return m_payloadNotKept.load(std::memory_order_relaxed); }

    qsizetype count() const;
    CallRecord at(qsizetype index) const;
    // Records first .. first + count - 1 (fewer at the end), copied under one lock: a view
    // catching up with thousands of calls takes the lock once, not once per record.
    // Text::Lazy leaves the text of the engine's own calls (begin) empty: textOf() makes it, for
    // a view that shows a few of thousands.
    enum class Text : quint8 { Filled, Lazy };
    std::vector<CallRecord> range(qsizetype first, qsizetype count, Text text = Text::Filled) const;
    // A record's call as Python writes it, made now when begin() left it to its reader.
    static QString textOf(const CallRecord &record);
    // Where every journal keeps its calls' values (store/slabpool.h says why).
    static SlabPool &callPool();
    CallRecord call(CallId id) const;
    bool isPending(CallId id) const;
    // The indexes of the records among count from first that are still pending, ascending: a
    // view learns which new rows to look at again without copying them.
    std::vector<qsizetype> pendingAmong(qsizetype first, qsizetype count) const;
    // Counts the calls finished so far: a caller that spins for a call that is about to finish
    // reads this without the lock, and looks at the record only when it moves.
    quint64 finishedGeneration() const { return m_generation.load(std::memory_order_acquire); }
    // The socket's oldest call still waiting (what a program blocked on that socket waits in),
    // or 0: kept as calls begin and finish, so asking costs no scan.
    CallId oldestPending(int socketId) const;
    // All of the socket's calls still waiting, oldest first (the Socket panel lists them).
    std::vector<CallId> pendingOf(int socketId) const;

    // Blocks the calling thread until the call finishes or the timeout passes. For tests,
    // benchmarks and scripts; the window never calls it.
    bool wait(CallId id, int timeoutMs) const;

signals:
    void changed();
    // Calls finished: once per turn of the event loop at most, with no 16 ms wait, so a chain of
    // calls (CallWatcher, CallChain) goes on as soon as each call is done.
    void callsFinished();

private:

    // std, not QMutex + QWaitCondition: Qt's wait unlocks inside the (uninstrumented) library,
    // which ThreadSanitizer cannot see; pthread-based locks it sees whole.
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_finished;
    std::atomic<quint64> m_generation{0};
    ChunkedVector<CallRecord, 1024> m_records;
    // Per socket, its pending calls oldest first. A socket's list stays when it empties: a
    // responder's replies would otherwise allocate and free a node per call.
    std::unordered_map<int, std::vector<CallId>> m_pendingBySocket;
    std::atomic<quint64> m_payloadBytes{0};
    std::atomic<quint64> m_payloadNotKept{0};
    static constexpr int kChangedMs = 33;
    Coalescer m_notify{kChangedMs};
    Coalescer m_finishedNotify{0};
};

} // namespace core
