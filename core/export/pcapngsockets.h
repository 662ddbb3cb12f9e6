#pragma once

#include "core/export/exportsink.h"
#include "core/store/socketregistry.h"
#include "core/store/trafficstore.h"

#include <QByteArray>
#include <QHash>
#include <QSet>

namespace core {

// The sockets a pcapng export writes records of, and which of them talk to each other. When
// both ends of a connection are in the export (a client and the socket its listener accepted,
// whose addresses mirror each other; the two ends of a socketpair) or a datagram comes from a
// socket in the export, the sender's records carry the bytes and the receiver's are left out.
// UNIX clients of one listener all look alike (unnamed, connected to the same path), so there
// an accepted socket is paired only when it and its client are the only ones of that path.
class PcapngSockets final
{
public:
    PcapngSockets(const TrafficStore &store, const SocketRegistry &registry, ExportSelection selection);

    const SocketInfo *info(int socketId) const;
    // True for a received record whose bytes the export writes from the sender's own records.
    bool shownBySender(const TrafficRecord &record, const SocketAddress &peer) const;

private:
    void findMirrors();

    QHash<int, SocketInfo> m_infos;   // the sockets with records in the export
    QSet<int> m_mirrored;             // connected sockets whose other end is in the export too
    QSet<QByteArray> m_datagramLocals; // endpointKey of each datagram socket's local address
};

// One address as a comparable key: family, IP and port, or the UNIX path (abstract or not).
QByteArray endpointKey(const SocketAddress &address);
// Two addresses as one key, in order.
QByteArray endpointPairKey(const SocketAddress &first, const SocketAddress &second);

bool isLoopbackAddress(const SocketAddress &address);

// The address a socket's packets to peer come from: its local address, except that a socket
// bound to the wildcard (0.0.0.0, ::) sends to a loopback peer from 127.0.0.1 / ::1, as the
// kernel picks.
SocketAddress sourceAddress(const SocketAddress &local, const SocketAddress &peer);

} // namespace core
