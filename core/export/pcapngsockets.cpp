#include "core/export/pcapngsockets.h"

#include "core/export/pcapngframes.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>

namespace core {

namespace {

bool isIp(const SocketAddress &address)
{
    return address.family() == AF_INET || address.family() == AF_INET6;
}

bool isUnspecified(const SocketAddress &address)
{
    const QByteArrayView bytes = ipAddressBytes(address);
    return std::all_of(bytes.begin(), bytes.end(), [](char byte) { return byte == 0; });
}

SocketAddress loopbackAddress(int family, quint16 port)
{
    if (family == AF_INET)
        return SocketAddress::ipv4(INADDR_LOOPBACK, port);
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(port);
    in6.sin6_addr = in6addr_loopback;
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&in6), sizeof in6);
}

bool isConnectionType(int type)
{
    return type == SOCK_STREAM || type == SOCK_SEQPACKET;
}

} // namespace

PcapngSockets::PcapngSockets(const TrafficStore &store, const SocketRegistry &registry, ExportSelection selection)
{
    for (qsizetype i = 0; i < selection.size(); ++i) {
        const int id = store.at(selection[i]).socketId;
        if (!m_infos.contains(id) && registry.contains(id))
            m_infos.insert(id, registry.info(id));
    }
    for (const SocketInfo &socket : std::as_const(m_infos)) {
        if (socket.type != SOCK_DGRAM || !socket.local.isValid() || socket.local.isUnnamed())
            continue;
        m_datagramLocals.insert(endpointKey(socket.local));
        if (isIp(socket.local) && isUnspecified(socket.local))
            m_datagramLocals.insert(endpointKey(loopbackAddress(socket.local.family(), socket.local.port())));
    }
    findMirrors();
}

void PcapngSockets::findMirrors()
{
    QHash<QByteArray, QList<int>> byEnds; // local then peer
    for (const SocketInfo &socket : std::as_const(m_infos)) {
        if (isConnectionType(socket.type) && socket.local.isValid() && socket.peer.isValid())
            byEnds[endpointPairKey(socket.local, socket.peer)].append(socket.id);
    }
    for (const SocketInfo &socket : std::as_const(m_infos)) {
        if (!isConnectionType(socket.type))
            continue;
        if (socket.pairedWith >= 0) {
            if (m_infos.contains(socket.pairedWith))
                m_mirrored.insert(socket.id);
            continue;
        }
        if (!socket.local.isValid() || !socket.peer.isValid())
            continue;
        const QList<int> mirrors = byEnds.value(endpointPairKey(socket.peer, socket.local));
        const QList<int> alike = byEnds.value(endpointPairKey(socket.local, socket.peer));
        if (mirrors.size() == 1 && alike.size() == 1 && mirrors.first() != socket.id)
            m_mirrored.insert(socket.id);
    }
}

const SocketInfo *PcapngSockets::info(int socketId) const
{
    const auto it = m_infos.constFind(socketId);
    return it == m_infos.cend() ? nullptr : &*it;
}

bool PcapngSockets::shownBySender(const TrafficRecord &record, const SocketAddress &peer) const
{
    const SocketInfo *socket = info(record.socketId);
    if (!socket || record.direction != Direction::In)
        return false;
    if (isConnectionType(socket->type))
        return m_mirrored.contains(record.socketId);
    return peer.isValid() && !peer.isUnnamed() && m_datagramLocals.contains(endpointKey(peer));
}

QByteArray endpointKey(const SocketAddress &address)
{
    QByteArray key(1, char(address.family()));
    if (isIp(address)) {
        key += ipAddressBytes(address);
        key += char(address.port() >> 8);
        key += char(address.port() & 0xff);
    } else {
        key += address.unixPath();
    }
    return key;
}

QByteArray endpointPairKey(const SocketAddress &first, const SocketAddress &second)
{
    const QByteArray head = endpointKey(first);
    return QByteArray::number(head.size()) + ':' + head + endpointKey(second);
}

bool isLoopbackAddress(const SocketAddress &address)
{
    if (!isIp(address))
        return false;
    const QByteArrayView bytes = ipAddressBytes(address);
    if (address.family() == AF_INET)
        return quint8(bytes[0]) == 127;
    static const QByteArray v6Loopback = QByteArray(15, '\0') + '\1';
    static const QByteArray v4Mapped = QByteArray(10, '\0') + QByteArray(2, '\xff');
    return bytes == v6Loopback || (bytes.startsWith(v4Mapped) && quint8(bytes[12]) == 127);
}

SocketAddress sourceAddress(const SocketAddress &local, const SocketAddress &peer)
{
    if (isIp(local) && local.family() == peer.family() && isUnspecified(local) && isLoopbackAddress(peer))
        return loopbackAddress(local.family(), local.port());
    return local;
}

} // namespace core
