#pragma once

#include "core/base/coalescer.h"
#include "core/net/socketaddress.h"

#include <QByteArrayView>
#include <QHash>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

namespace core {

enum class Direction : quint8 { In = 0, Out = 1 };

namespace TrafficFlag {
enum : quint8 {
    Truncated = 1, // datagram longer than the buffer: wireLength holds its real size
    Eof = 2,       // recv returned 0 bytes: the peer shut down its side
    Error = 4,     // the syscall failed: error holds errno, no payload
    Peek = 8,      // MSG_PEEK: the bytes are still queued and will be read again
    Oob = 16,      // MSG_OOB: urgent data
    Dropped = 32,  // the store's payload cap was reached: the record is kept, its bytes are not
};
}

// Which layer of a socket's byte path a record belongs to. Plain: the socket has no layer between,
// so its bytes are both the wire's and the application's. With a layer (TLS), its application
// records hold what the program sent and received (what the log, the rules and Follow show) and
// its wire records what the layer moved on the socket (what a pcapng capture writes).
enum class TrafficLayer : quint8 { Plain = 0, Application = 1, Wire = 2 };

// One send/recv syscall. Fixed size (40 bytes), payload kept apart in the store's arena.
struct TrafficRecord
{
    qint64 timeNs = 0;      // wall clock, ns since the epoch
    qint32 socketId = 0;
    quint32 peerId = 0;     // interned peer address; 0 when the socket is connected
    quint32 block = 0;
    quint32 offset = 0;
    quint32 length = 0;     // bytes stored
    quint32 wireLength = 0; // bytes the syscall moved (bigger than length only when truncated)
    quint16 error = 0;
    Direction direction = Direction::In;
    quint8 flags = 0;
    TrafficLayer layer = TrafficLayer::Plain;
};
static_assert(sizeof(TrafficRecord) == 40, "traffic records stay compact");

// What the program sent and received: the log's, the rules' and Follow's records.
inline bool isApplicationRecord(const TrafficRecord &record) { return record.layer != TrafficLayer::Wire; }
// What went over the socket itself: a capture's records.
inline bool isWireRecord(const TrafficRecord &record) { return record.layer != TrafficLayer::Application; }

// The traffic store: append-only, written by the I/O threads, read by index from any thread
// without a lock and without copying payloads. Records live in fixed-size chunks and payloads in
// an append-only arena of large blocks, so neither moves once written. appended() is coalesced.
class TrafficStore final : public QObject
{
    Q_OBJECT
public:
    explicit TrafficStore(QObject *parent = nullptr);
    ~TrafficStore() override;

    qint64 append(int socketId, Direction direction, QByteArrayView payload, const SocketAddress &peer = {},
                  quint8 flags = 0, quint32 wireLength = 0, quint16 error = 0,
                  TrafficLayer layer = TrafficLayer::Plain);

    // A writer's own piece of the payload arena, for a syscall to read into directly (a watched
    // stream's recv) rather than through a buffer and a copy. Used by one thread at a time.
    struct ReadSpace
    {
        char *data = nullptr; // where the next read may write
        qsizetype size = 0;   // how many bytes it may write there

    private:
        friend class TrafficStore;
        qsizetype block = -1;
        qsizetype offset = 0;
    };
    // Makes room for at least bytes (a fresh block when the one held has less); false when the
    // store has no block left: then read elsewhere and append().
    bool prepare(ReadSpace &space, qsizetype bytes);
    // Records the first length bytes of the space as one syscall's payload and moves past them
    // (past the payload cap the record is kept and its bytes are not, as append() does).
    qint64 commit(ReadSpace &space, int socketId, Direction direction, qsizetype length, const SocketAddress &peer = {},
                  TrafficLayer layer = TrafficLayer::Plain);

    qsizetype count() const { return m_count.load(std::memory_order_acquire); }
    TrafficRecord at(qsizetype index) const;
    // Valid for the life of the store.
    QByteArrayView payload(const TrafficRecord &record) const;
    SocketAddress peer(quint32 peerId) const;

    // The application's bytes each way (Plain and Application records, not a layer's wire
    // records, and not MSG_PEEK's).
    quint64 bytes(Direction direction) const;

    // The most payload bytes the store keeps. Past it, records are still appended (time, socket,
    // direction, length) but their bytes are dropped and counted, so memory stays bounded and
    // nothing is lost silently. 0 means no cap.
    void setPayloadLimit(quint64 bytes) { m_payloadLimit.store(bytes, std::memory_order_relaxed); }
    quint64 payloadLimit() const { return m_payloadLimit.load(std::memory_order_relaxed); }
    quint64 payloadBytes() const { return m_payloadBytes.load(std::memory_order_relaxed); }
    quint64 droppedBytes() const { return m_droppedBytes.load(std::memory_order_relaxed); }
    // Records that could not be kept at all (past the store's 268 million records): counted,
    // with their bytes in droppedBytes().
    quint64 lostRecords() const { return m_lostRecords.load(std::memory_order_relaxed); }
    static constexpr quint64 kDefaultPayloadLimit = quint64(4) << 30;

signals:
    void appended(qsizetype count);

private:
    static constexpr qsizetype kChunkRecords = 4096;
    static constexpr qsizetype kMaxChunks = 1 << 16;
    static constexpr qsizetype kBlockBytes = 4 << 20;
    static constexpr qsizetype kMaxBlocks = 1 << 16;

    class BlockReserve;

    quint32 internPeer(const SocketAddress &peer); // under m_writeMutex
    // The rest run under m_writeMutex.
    bool keepsLocked(qsizetype bytes); // false (and counted as dropped) past the payload cap
    qsizetype newBlockLocked(qsizetype capacity); // its index, -1 when none can be had
    qsizetype publishLocked(const TrafficRecord &record, qsizetype counted);

    QMutex m_writeMutex;
    std::atomic<qsizetype> m_count{0};
    std::unique_ptr<std::atomic<TrafficRecord *>[]> m_chunks;
    std::unique_ptr<std::atomic<char *>[]> m_blocks;
    qsizetype m_blockCount = 0;
    qsizetype m_currentBlock = -1; // the block append() fills; ReadSpaces hold others
    qsizetype m_blockUsed = 0;
    qsizetype m_blockCapacity = 0;
    std::vector<qsizetype> m_blockSizes; // under m_writeMutex
    std::unique_ptr<BlockReserve> m_reserve; // under m_writeMutex; started once traffic is heavy
    std::atomic<quint64> m_bytes[2] = {0, 0};
    std::atomic<quint64> m_payloadLimit{kDefaultPayloadLimit};
    std::atomic<quint64> m_payloadBytes{0};
    std::atomic<quint64> m_droppedBytes{0};
    std::atomic<quint64> m_lostRecords{0};

    SocketAddress m_lastPeer; // under m_writeMutex
    quint32 m_lastPeerId = 0;
    mutable QMutex m_peerMutex;
    std::deque<SocketAddress> m_peers;
    QHash<SocketAddress, quint32> m_peerIds;

    Coalescer m_notify;
};

} // namespace core
