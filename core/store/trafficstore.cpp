#include "trafficstore.h"

#include "store/clock.h"

#include <cstring>

namespace core {

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
    for (qsizetype i = 0; i < kMaxBlocks; ++i)
        delete[] m_blocks[i].load(std::memory_order_relaxed);
}

qint64 TrafficStore::append(int socketId, Direction direction, QByteArrayView payload, const SocketAddress &peer,
                            quint8 flags, quint32 wireLength, quint16 error)
{
    const qsizetype size = payload.size(); // counted even when the cap drops the bytes
    TrafficRecord record;
    record.timeNs = wallNs();
    record.socketId = socketId;
    record.direction = direction;
    record.flags = flags;
    record.error = error;
    record.length = quint32(payload.size());
    record.wireLength = wireLength ? wireLength : quint32(payload.size());

    qsizetype index;
    {
        QMutexLocker lock(&m_writeMutex);
        index = m_count.load(std::memory_order_relaxed);
        const qsizetype chunk = index / kChunkRecords;
        if (chunk >= kMaxChunks)
            return -1;
        record.peerId = peer.isValid() ? internPeer(peer) : 0;
        const quint64 limit = m_payloadLimit.load(std::memory_order_relaxed);
        if (limit && m_payloadBytes.load(std::memory_order_relaxed) + quint64(payload.size()) > limit) {
            m_droppedBytes.fetch_add(quint64(payload.size()), std::memory_order_relaxed);
            record.flags |= TrafficFlag::Dropped;
            record.length = 0;
            payload = {};
        }
        if (!payload.isEmpty()) {
            if (m_blockCount == 0 || m_blockUsed + payload.size() > m_blockCapacity) {
                if (m_blockCount >= kMaxBlocks)
                    return -1;
                m_blockCapacity = std::max(kBlockBytes, payload.size());
                m_blocks[m_blockCount].store(new char[size_t(m_blockCapacity)], std::memory_order_release);
                ++m_blockCount;
                m_blockUsed = 0;
            }
            char *block = m_blocks[m_blockCount - 1].load(std::memory_order_relaxed);
            std::memcpy(block + m_blockUsed, payload.data(), size_t(payload.size()));
            record.block = quint32(m_blockCount - 1);
            record.offset = quint32(m_blockUsed);
            m_blockUsed += payload.size();
        }
        TrafficRecord *records = m_chunks[chunk].load(std::memory_order_relaxed);
        if (!records) {
            records = new TrafficRecord[kChunkRecords];
            m_chunks[chunk].store(records, std::memory_order_release);
        }
        records[index % kChunkRecords] = record;
        m_bytes[int(direction)].fetch_add(quint64(size), std::memory_order_relaxed);
        m_payloadBytes.fetch_add(quint64(payload.size()), std::memory_order_relaxed);
        // release: a reader that sees the new count sees the record and its payload
        m_count.store(index + 1, std::memory_order_release);
    }
    m_notify.poke();
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
    QMutexLocker lock(&m_peerMutex);
    const auto it = m_peerIds.constFind(peer);
    if (it != m_peerIds.constEnd())
        return it.value();
    m_peers.push_back(peer);
    const quint32 id = quint32(m_peers.size());
    m_peerIds.insert(peer, id);
    return id;
}

} // namespace core
