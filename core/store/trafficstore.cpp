#include "core/store/trafficstore.h"

#include "core/base/clock.h"

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <new>
#include <thread>
#include <utility>

#ifdef __linux__
#include <pthread.h>
#include <sys/mman.h>
#endif

namespace core {

namespace {

// Payload blocks come from the kernel already populated: one mmap(MAP_POPULATE) per block
// instead of a page fault per 4 KiB as the bytes arrive. Elsewhere, plain heap blocks.
char *allocateBlock(qsizetype size)
{
#ifdef MAP_POPULATE
    void *block = ::mmap(nullptr, size_t(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    return block == MAP_FAILED ? nullptr : static_cast<char *>(block);
#else
    return new (std::nothrow) char[size_t(size)];
#endif
}

void freeBlock(char *block, qsizetype size)
{
#ifdef MAP_POPULATE
    ::munmap(block, size_t(size));
#else
    Q_UNUSED(size);
    delete[] block;
#endif
}

} // namespace

// Keeps a populated payload block ready, made on a thread of its own, so that a writer does not
// wait while the kernel hands out and zeroes 4 MiB: that was a quarter of a watched stream's
// read time (bench/tcp_stream, perf). Made ahead, beside the reads, in the time the other core
// has to spare; a writer that finds none ready makes its own.
class TrafficStore::BlockReserve final
{
public:
    explicit BlockReserve(qsizetype blockBytes) : m_blockBytes(blockBytes), m_thread([this] { run(); }) {}

    ~BlockReserve()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wanted.notify_one();
        m_thread.join();
        if (m_spare)
            freeBlock(m_spare, m_blockBytes);
    }

    // The spare block (nullptr when it is not ready); the next one is made at once.
    char *take()
    {
        char *block;
        {
            std::lock_guard lock(m_mutex);
            block = std::exchange(m_spare, nullptr);
            m_failed = false;
        }
        m_wanted.notify_one();
        return block;
    }

private:
    void run()
    {
#ifdef __linux__
        ::pthread_setname_np(::pthread_self(), "swb-store"); // for top and perf
#endif
        std::unique_lock lock(m_mutex);
        while (true) {
            // After a failed allocation, the next try waits for the next take().
            m_wanted.wait(lock, [this] { return m_stop || (!m_spare && !m_failed); });
            if (m_stop)
                return;
            lock.unlock();
            char *block = allocateBlock(m_blockBytes);
            lock.lock();
            m_spare = block;
            m_failed = !block;
        }
    }

    const qsizetype m_blockBytes;
    std::mutex m_mutex;
    std::condition_variable m_wanted;
    char *m_spare = nullptr;
    bool m_failed = false;
    bool m_stop = false;
    std::thread m_thread; // last: starts once the members above exist
};

TrafficStore::TrafficStore(QObject *parent)
    : QObject(parent)
    , m_chunks(new std::atomic<TrafficRecord *>[kMaxChunks])
    , m_blocks(new std::atomic<char *>[kMaxBlocks])
{
    for (qsizetype i = 0; i < kMaxChunks; ++i)
        m_chunks[i].store(nullptr, std::memory_order_relaxed);
    for (qsizetype i = 0; i < kMaxBlocks; ++i)
        m_blocks[i].store(nullptr, std::memory_order_relaxed);
    connect(&m_notify, &Coalescer::fired, this, [this] { emit appended(count()); });
}

TrafficStore::~TrafficStore()
{
    for (qsizetype i = 0; i < kMaxChunks; ++i)
        delete[] m_chunks[i].load(std::memory_order_relaxed);
    for (qsizetype i = 0; i < m_blockCount; ++i)
        freeBlock(m_blocks[i].load(std::memory_order_relaxed), m_blockSizes[size_t(i)]);
}

qint64 TrafficStore::append(int socketId, Direction direction, QByteArrayView payload, const SocketAddress &peer,
                            quint8 flags, quint32 wireLength, quint16 error, TrafficLayer layer)
{
    const qsizetype size = payload.size(); // counted even when the cap drops the bytes
    TrafficRecord record;
    record.timeNs = wallNs();
    record.socketId = socketId;
    record.direction = direction;
    record.layer = layer;
    record.flags = flags;
    record.error = error;
    record.length = quint32(payload.size());
    record.wireLength = wireLength ? wireLength : quint32(payload.size());

    qsizetype index;
    {
        QMutexLocker lock(&m_writeMutex);
        if (m_count.load(std::memory_order_relaxed) / kChunkRecords >= kMaxChunks) {
            m_lostRecords.fetch_add(1, std::memory_order_relaxed);
            m_droppedBytes.fetch_add(quint64(size), std::memory_order_relaxed);
            return -1;
        }
        record.peerId = peer.isValid() ? internPeer(peer) : 0;
        if (!keepsLocked(size)) {
            record.flags |= TrafficFlag::Dropped;
            record.length = 0;
            payload = {};
        }
        if (!payload.isEmpty() && (m_currentBlock < 0 || m_blockUsed + payload.size() > m_blockCapacity)) {
            const qsizetype capacity = std::max(kBlockBytes, payload.size());
            const qsizetype block = newBlockLocked(capacity);
            if (block < 0) {
                // No memory for the bytes: the record is kept without them, as past the cap.
                m_droppedBytes.fetch_add(quint64(size), std::memory_order_relaxed);
                record.flags |= TrafficFlag::Dropped;
                record.length = 0;
                payload = {};
            } else {
                m_currentBlock = block;
                m_blockCapacity = capacity;
                m_blockUsed = 0;
            }
        }
        if (!payload.isEmpty()) {
            char *block = m_blocks[m_currentBlock].load(std::memory_order_relaxed);
            std::memcpy(block + m_blockUsed, payload.data(), size_t(payload.size()));
            record.block = quint32(m_currentBlock);
            record.offset = quint32(m_blockUsed);
            m_blockUsed += payload.size();
        }
        index = publishLocked(record, size);
    }
    m_notify.poke();
    return index;
}

bool TrafficStore::prepare(ReadSpace &space, qsizetype bytes)
{
    if (space.size >= bytes)
        return true;
    if (bytes > kBlockBytes)
        return false;
    QMutexLocker lock(&m_writeMutex);
    const qsizetype block = newBlockLocked(kBlockBytes);
    if (block < 0)
        return false;
    // The rest of the block held before is left unused: at most bytes of every kBlockBytes.
    space.block = block;
    space.offset = 0;
    space.data = m_blocks[block].load(std::memory_order_relaxed);
    space.size = kBlockBytes;
    return true;
}

qint64 TrafficStore::commit(ReadSpace &space, int socketId, Direction direction, qsizetype length,
                            const SocketAddress &peer, TrafficLayer layer)
{
    TrafficRecord record;
    record.timeNs = wallNs();
    record.socketId = socketId;
    record.direction = direction;
    record.layer = layer;
    record.wireLength = quint32(length);
    qsizetype index;
    {
        QMutexLocker lock(&m_writeMutex);
        if (m_count.load(std::memory_order_relaxed) / kChunkRecords >= kMaxChunks || length > space.size) {
            m_lostRecords.fetch_add(1, std::memory_order_relaxed);
            m_droppedBytes.fetch_add(quint64(length), std::memory_order_relaxed);
            return -1;
        }
        record.peerId = peer.isValid() ? internPeer(peer) : 0;
        if (keepsLocked(length)) {
            record.length = quint32(length);
            record.block = quint32(space.block);
            record.offset = quint32(space.offset);
            space.offset += length;
            space.data += length;
            space.size -= length;
        } else {
            record.flags = TrafficFlag::Dropped; // the bytes stay where they are, to be overwritten
        }
        index = publishLocked(record, length);
    }
    m_notify.poke();
    return index;
}

bool TrafficStore::keepsLocked(qsizetype bytes)
{
    const quint64 limit = m_payloadLimit.load(std::memory_order_relaxed);
    if (!limit || m_payloadBytes.load(std::memory_order_relaxed) + quint64(bytes) <= limit)
        return true;
    m_droppedBytes.fetch_add(quint64(bytes), std::memory_order_relaxed);
    return false;
}

qsizetype TrafficStore::newBlockLocked(qsizetype capacity)
{
    if (m_blockCount >= kMaxBlocks)
        return -1;
    char *fresh = m_reserve && capacity == kBlockBytes ? m_reserve->take() : nullptr;
    if (!fresh)
        fresh = allocateBlock(capacity);
    if (!fresh)
        return -1;
    // A store that has kept a few blocks' worth is getting real traffic: from then on, blocks
    // are made ahead. A quiet store never starts the thread.
    if (!m_reserve && m_payloadBytes.load(std::memory_order_relaxed) >= quint64(2 * kBlockBytes))
        m_reserve = std::make_unique<BlockReserve>(kBlockBytes);
    m_blockSizes.push_back(capacity);
    m_blocks[m_blockCount].store(fresh, std::memory_order_release);
    return m_blockCount++;
}

qsizetype TrafficStore::publishLocked(const TrafficRecord &record, qsizetype counted)
{
    const qsizetype index = m_count.load(std::memory_order_relaxed);
    const qsizetype chunk = index / kChunkRecords;
    TrafficRecord *records = m_chunks[chunk].load(std::memory_order_relaxed);
    if (!records) {
        records = new TrafficRecord[kChunkRecords];
        m_chunks[chunk].store(records, std::memory_order_release);
    }
    records[index % kChunkRecords] = record;
    // Peeked bytes stay queued and are counted when they are read for real; a layer's wire
    // records are counted by the application records they carry.
    if (!(record.flags & TrafficFlag::Peek) && isApplicationRecord(record))
        m_bytes[int(record.direction)].fetch_add(quint64(counted), std::memory_order_relaxed);
    m_payloadBytes.fetch_add(record.length, std::memory_order_relaxed);
    // release: a reader that sees the new count sees the record and its payload
    m_count.store(index + 1, std::memory_order_release);
    return index;
}

TrafficRecord TrafficStore::at(qsizetype index) const
{
    if (index < 0 || index >= count())
        return {};
    const TrafficRecord *records = m_chunks[index / kChunkRecords].load(std::memory_order_acquire);
    return records[index % kChunkRecords];
}

QByteArrayView TrafficStore::payload(const TrafficRecord &record) const
{
    if (!record.length)
        return {};
    const char *block = m_blocks[record.block].load(std::memory_order_acquire);
    return QByteArrayView(block + record.offset, record.length);
}

SocketAddress TrafficStore::peer(quint32 peerId) const
{
    QMutexLocker lock(&m_peerMutex);
    if (peerId == 0 || peerId > m_peers.size())
        return {};
    return m_peers[peerId - 1];
}

quint64 TrafficStore::bytes(Direction direction) const
{
    return m_bytes[int(direction)].load(std::memory_order_relaxed);
}

quint32 TrafficStore::internPeer(const SocketAddress &peer)
{
    // A flood comes from one peer: the last one is remembered (under m_writeMutex), so the
    // writers do not contend with the window's readers of m_peers for every datagram.
    if (m_lastPeerId && peer == m_lastPeer)
        return m_lastPeerId;
    QMutexLocker lock(&m_peerMutex);
    auto it = m_peerIds.constFind(peer);
    if (it == m_peerIds.constEnd()) {
        m_peers.push_back(peer);
        it = m_peerIds.insert(peer, quint32(m_peers.size()));
    }
    m_lastPeer = peer;
    m_lastPeerId = it.value();
    return m_lastPeerId;
}

} // namespace core
