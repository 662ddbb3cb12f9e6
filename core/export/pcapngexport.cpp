#include "core/export/pcapngexport.h"

#include "core/export/exportsink.h"
#include "core/export/pcapngframes.h"
#include "core/export/pcapngsockets.h"

#include <QHash>

#include <sys/socket.h>

namespace core {

namespace {

constexpr quint16 kLinkEthernet = 1;
constexpr quint16 kLinkUpperPdu = 252; // LINKTYPE_WIRESHARK_UPPER_PDU
constexpr quint8 kNanosecondResolution = 9; // if_tsresol: 10^-9 s
constexpr quint32 kBlockSection = 0x0a0d0d0a;
constexpr quint32 kBlockInterface = 1;
constexpr quint32 kBlockPacket = 6;
constexpr quint16 kOptionEnd = 0;
constexpr quint16 kShbUserApplication = 4;
constexpr quint16 kIfName = 2;
constexpr quint16 kIfDescription = 3;
constexpr quint16 kIfTimestampResolution = 9;
constexpr quint16 kEpbFlags = 2;
constexpr quint32 kEpbInbound = 1;
constexpr quint32 kEpbOutbound = 2;

// Window scale 7 with the largest window field: an 8 MiB window, more than is ever in flight
// between the acknowledgements below, so Wireshark never sees a full window.
constexpr quint8 kWindowScale = 7;
constexpr quint16 kWindow = 0xffff;
constexpr int kSegmentsPerAck = 2;

void putLe16(QByteArray &out, quint16 value) { appendInteger<QSysInfo::LittleEndian>(out, value); }
void putLe32(QByteArray &out, quint32 value) { appendInteger<QSysInfo::LittleEndian>(out, value); }

void pad32(QByteArray &out)
{
    out.append((4 - out.size() % 4) % 4, '\0');
}

void putOption(QByteArray &body, quint16 code, QByteArrayView value)
{
    putLe16(body, code);
    putLe16(body, quint16(value.size()));
    body.append(value);
    pad32(body);
}

// pcapng's blocks (RFC draft "PCAP Now Generic"), written little-endian; the section header's
// byte-order magic tells readers so.
class PcapngBlocks
{
public:
    explicit PcapngBlocks(ExportSink &sink)
        : m_sink(sink)
    {
    }

    void sectionHeader()
    {
        QByteArray body;
        putLe32(body, 0x1a2b3c4d);
        putLe16(body, 1); // version 1.0
        putLe16(body, 0);
        putLe32(body, 0xffffffff); // section length not given
        putLe32(body, 0xffffffff);
        putOption(body, kShbUserApplication, "Socket Workbench");
        putOption(body, kOptionEnd, {});
        block(kBlockSection, body);
    }

    void interfaceDescription(quint16 linkType, QByteArrayView name, QByteArrayView description)
    {
        QByteArray body;
        putLe16(body, linkType);
        putLe16(body, 0);
        putLe32(body, 0); // snap length: none
        putOption(body, kIfName, name);
        putOption(body, kIfDescription, description);
        putOption(body, kIfTimestampResolution, QByteArrayView(&kNanosecondResolution, 1));
        putOption(body, kOptionEnd, {});
        block(kBlockInterface, body);
    }

    void packet(quint32 interfaceId, qint64 timeNs, QByteArrayView frame, qsizetype originalLength,
                Direction direction)
    {
        QByteArray body;
        body.reserve(frame.size() + 40);
        putLe32(body, interfaceId);
        putLe32(body, quint32(quint64(timeNs) >> 32));
        putLe32(body, quint32(quint64(timeNs)));
        putLe32(body, quint32(frame.size()));
        putLe32(body, quint32(originalLength));
        body.append(frame);
        pad32(body);
        QByteArray flags;
        putLe32(flags, direction == Direction::Out ? kEpbOutbound : kEpbInbound);
        putOption(body, kEpbFlags, flags);
        putOption(body, kOptionEnd, {});
        block(kBlockPacket, body);
    }

private:
    void block(quint32 type, const QByteArray &body)
    {
        QByteArray head;
        const quint32 total = quint32(12 + body.size());
        putLe32(head, type);
        putLe32(head, total);
        m_sink.add(head);
        m_sink.add(body);
        QByteArray tail;
        putLe32(tail, total);
        m_sink.add(tail);
    }

    ExportSink &m_sink;
};

bool bothLoopback(const SocketAddress &a, const SocketAddress &b)
{
    return isLoopbackAddress(a) && isLoopbackAddress(b);
}

// The MSS Linux advertises without TCP timestamps: lo's MTU is 65536 (but an IPv4 packet holds
// at most 65535 bytes), other links are taken as Ethernet (1500).
quint16 mssBetween(const SocketAddress &a, const SocketAddress &b)
{
    const bool v4 = a.family() == AF_INET;
    if (bothLoopback(a, b))
        return v4 ? 65535 - 40 : 65536 - 40 - 20;
    return v4 ? 1460 : 1440;
}

// One TCP connection as the capture shows it. ends[0] sent the SYN.
struct TcpConnection
{
    SocketAddress ends[2];
    quint32 next[2] = {}; // the sequence number each end sends next
    bool finished[2] = {};
    quint16 mss = 0;

    int sideOf(const SocketAddress &address) const { return endpointKey(address) == endpointKey(ends[0]) ? 0 : 1; }
};

// Turns records into packets, one record at a time, in the order given.
class CaptureWriter
{
public:
    CaptureWriter(const TrafficStore &store, const PcapngSockets &sockets, ExportSink &sink)
        : m_store(store)
        , m_sockets(sockets)
        , m_blocks(sink)
    {
        m_blocks.sectionHeader();
    }

    void add(const TrafficRecord &record)
    {
        constexpr quint8 kNoPackets = TrafficFlag::Peek | TrafficFlag::Error;
        const SocketInfo *socket = m_sockets.info(record.socketId);
        // A capture holds what crossed the socket: a layer's wire records (TLS records), not the
        // application bytes they carry.
        if (!socket || (record.flags & kNoPackets) || !isWireRecord(record))
            return;
        const SocketAddress peer = record.peerId ? m_store.peer(record.peerId) : socket->peer;
        m_timeNs = record.timeNs;
        if (socket->family == AF_UNIX) {
            addUnix(*socket, record, peer);
            return;
        }
        if (socket->family != AF_INET && socket->family != AF_INET6)
            return;
        const SocketAddress local = sourceAddress(socket->local, peer);
        if (!local.isValid() || !peer.isValid() || peer.family() != local.family())
            return;
        m_localKey = endpointKey(local);
        if (socket->type == SOCK_STREAM)
            addTcp(*socket, record, local, peer);
        else if (socket->type == SOCK_DGRAM)
            addUdp(record, local, peer);
    }

private:
    void addUnix(const SocketInfo &socket, const TrafficRecord &record, const SocketAddress &peer)
    {
        const bool eof = record.flags & TrafficFlag::Eof;
        if (!eof && (m_sockets.shownBySender(record, peer) || (record.flags & TrafficFlag::Dropped)))
            return;
        const QString arrow = record.direction == Direction::Out ? QStringLiteral("\u2192") : QStringLiteral("\u2190");
        const QString other = peer.isValid() && !peer.isUnnamed() ? peer.toText() : QStringLiteral("(unnamed)");
        QString info = QStringLiteral("%1 %2 %3").arg(socket.name, arrow, other);
        if (eof)
            info += QStringLiteral(" EOF");
        const QByteArray frame = upperPduFrame("data", QStringLiteral("UNIX"), info, m_store.payload(record));
        m_blocks.packet(interface(kLinkUpperPdu), m_timeNs, frame, frame.size(), record.direction);
    }

    void addUdp(const TrafficRecord &record, const SocketAddress &local, const SocketAddress &peer)
    {
        if (m_sockets.shownBySender(record, peer) || (record.flags & (TrafficFlag::Dropped | TrafficFlag::Eof)))
            return;
        const bool out = record.direction == Direction::Out;
        const QByteArrayView payload = m_store.payload(record);
        const qsizetype wireLength = std::max<qsizetype>(record.wireLength, payload.size());
        const QByteArray frame = udpFrame(out ? local : peer, out ? peer : local, payload, wireLength);
        m_blocks.packet(interface(kLinkEthernet), m_timeNs, frame, frame.size() + wireLength - payload.size(),
                        record.direction);
    }

    void addTcp(const SocketInfo &socket, const TrafficRecord &record, const SocketAddress &local,
                const SocketAddress &peer)
    {
        const bool eof = record.flags & TrafficFlag::Eof;
        if (!eof && m_sockets.shownBySender(record, peer))
            return;
        TcpConnection &connection = connectionFor(socket.parentId >= 0 ? peer : local, socket.parentId >= 0 ? local : peer);
        const int from = connection.sideOf(record.direction == Direction::Out ? local : peer);
        if (eof)
            finish(connection, from);
        else if (record.flags & TrafficFlag::Dropped)
            connection.next[from] += record.wireLength; // a gap: "previous segment not captured"
        else
            sendData(connection, from, m_store.payload(record), record.flags & TrafficFlag::Oob);
    }

    TcpConnection &connectionFor(const SocketAddress &client, const SocketAddress &server)
    {
        const QByteArray key = endpointPairKey(client, server);
        auto it = m_connections.find(key);
        if (it != m_connections.end())
            return *it;
        TcpConnection connection;
        connection.ends[0] = client;
        connection.ends[1] = server;
        connection.mss = mssBetween(client, server);
        // Initial sequence numbers from the addresses: the same export gives the same file.
        const quint32 isn[2] = {quint32(qHash(key, 1)), quint32(qHash(key, 2))};
        it = m_connections.insert(key, connection);
        handshake(*it, isn);
        return *it;
    }

    void handshake(TcpConnection &c, const quint32 isn[2])
    {
        TcpSegment syn{isn[0], 0, TcpFlag::Syn, kWindow, 0, c.mss, kWindowScale};
        tcpPacket(c, 0, syn, {});
        TcpSegment synAck{isn[1], isn[0] + 1, TcpFlag::Syn | TcpFlag::Ack, kWindow, 0, c.mss, kWindowScale};
        tcpPacket(c, 1, synAck, {});
        c.next[0] = isn[0] + 1;
        c.next[1] = isn[1] + 1;
        acknowledge(c, 0);
    }

    void sendData(TcpConnection &c, int from, QByteArrayView bytes, bool urgent)
    {
        int unacknowledged = 0;
        for (qsizetype at = 0; at < bytes.size(); at += c.mss) {
            const QByteArrayView segment = bytes.sliced(at, std::min<qsizetype>(c.mss, bytes.size() - at));
            const bool last = at + segment.size() == bytes.size();
            TcpSegment s{c.next[from], c.next[1 - from], quint8(TcpFlag::Ack | (last ? TcpFlag::Psh : 0)), kWindow};
            if (urgent && last) {
                // MSG_OOB: the urgent pointer points just past the urgent byte, the last one sent.
                s.flags |= TcpFlag::Urg;
                s.urgent = quint16(segment.size());
            }
            tcpPacket(c, from, s, segment);
            c.next[from] += quint32(segment.size());
            if (++unacknowledged == kSegmentsPerAck || last) {
                acknowledge(c, 1 - from);
                unacknowledged = 0;
            }
        }
    }

    // from has shut down its side: its FIN, and the other end's acknowledgement.
    void finish(TcpConnection &c, int from)
    {
        if (c.finished[from])
            return;
        tcpPacket(c, from, TcpSegment{c.next[from], c.next[1 - from], TcpFlag::Fin | TcpFlag::Ack, kWindow}, {});
        c.next[from] += 1;
        c.finished[from] = true;
        acknowledge(c, 1 - from);
    }

    void acknowledge(const TcpConnection &c, int by)
    {
        tcpPacket(c, by, TcpSegment{c.next[by], c.next[1 - by], TcpFlag::Ack, kWindow}, {});
    }

    void tcpPacket(const TcpConnection &c, int from, const TcpSegment &segment, QByteArrayView payload)
    {
        const QByteArray frame = tcpFrame(c.ends[from], c.ends[1 - from], segment, payload);
        const bool out = endpointKey(c.ends[from]) == m_localKey;
        m_blocks.packet(interface(kLinkEthernet), m_timeNs, frame, frame.size(), out ? Direction::Out : Direction::In);
    }

    // The interface of a link type, described the first time a packet needs it.
    quint32 interface(quint16 linkType)
    {
        const qsizetype known = m_interfaces.indexOf(linkType);
        if (known >= 0)
            return quint32(known);
        if (linkType == kLinkEthernet)
            m_blocks.interfaceDescription(linkType, "workbench",
                                          "Socket Workbench: IP traffic rebuilt from the sockets' records");
        else
            m_blocks.interfaceDescription(linkType, "workbench-unix",
                                          "Socket Workbench: UNIX socket traffic, one exported PDU per record");
        m_interfaces.append(linkType);
        return quint32(m_interfaces.size() - 1);
    }

    const TrafficStore &m_store;
    const PcapngSockets &m_sockets;
    PcapngBlocks m_blocks;
    QList<quint16> m_interfaces; // link type by interface id
    QHash<QByteArray, TcpConnection> m_connections;
    qint64 m_timeNs = 0;     // of the record being written
    QByteArray m_localKey;   // the address of the socket that recorded it
};

bool writePcapng(const TrafficStore &store, const SocketRegistry &registry, ExportSelection selection,
                 QIODevice &out, QString *error)
{
    ExportSink sink(out, error);
    const PcapngSockets sockets(store, registry, selection);
    CaptureWriter capture(store, sockets, sink);
    for (qsizetype i = 0; i < selection.size() && !sink.failed(); ++i)
        capture.add(store.at(selection[i]));
    return sink.finish();
}

} // namespace

bool exportPcapng(const TrafficStore &store, const SocketRegistry &sockets, std::span<const qsizetype> indices,
                  QIODevice &out, QString *error)
{
    return writePcapng(store, sockets, ExportSelection{indices}, out, error);
}

bool exportPcapng(const TrafficStore &store, const SocketRegistry &sockets, QIODevice &out, QString *error)
{
    return writePcapng(store, sockets, ExportSelection{{}, store.count()}, out, error);
}

} // namespace core
