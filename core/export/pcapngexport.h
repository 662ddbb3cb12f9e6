#pragma once

#include "core/store/trafficstore.h"

#include <QString>

#include <span>

class QIODevice;

namespace core {

class SocketRegistry;

// The traffic log as a pcapng capture that Wireshark and tshark open: each record becomes the
// packets that carried it, made up from the sockets' real addresses and ports, with the record's
// wall time (nanosecond resolution) and its direction (inbound/outbound for the socket that
// recorded it) in epb_flags.
//
// - TCP: each connection opens with SYN, SYN-ACK, ACK before its first record and carries
//   consistent sequence and acknowledgement numbers, so "Follow TCP Stream" gives back the bytes.
//   A record is split into segments of the MSS that Linux advertises without TCP timestamps:
//   65495 (IPv4) / 65476 (IPv6) between loopback addresses (lo's MTU is 65536), else 1460 / 1440
//   (Ethernet's 1500). The receiver acknowledges every second segment and the end of each record,
//   as delayed ACK does. An EOF record becomes the peer's FIN and its acknowledgement.
// - UDP: one packet per datagram.
// - UNIX sockets: LINKTYPE_WIRESHARK_UPPER_PDU (252) frames, one per record, whose exported-PDU
//   tags name the "data" dissector and fill the Protocol (UNIX) and Info columns (which socket,
//   which way, the path; Wireshark 4.0 does not know the Info tag yet and only lists it); an EOF
//   gets an empty one. tshark opens these as it does its own "Export PDUs" files.
// - When both ends of a connection are workbench sockets in the export (a client and the socket
//   its listener accepted, the two ends of a socketpair, two datagram sockets sending to each
//   other), each byte is written once, as a capture on lo would show it: from the sender's
//   records; the receiver's copies are left out.
// - Left out: MSG_PEEK reads (the bytes are read again), errors, raw sockets, and sockets the
//   registry does not know. Records whose bytes the store dropped (its payload cap) move the TCP
//   sequence on without a packet, so Wireshark shows "previous segment not captured" there.
//
// Returns false and fills *error (when given) if the device fails. Without indices: every record.
bool exportPcapng(const TrafficStore &store, const SocketRegistry &sockets, std::span<const qsizetype> indices,
                  QIODevice &out, QString *error = nullptr);
bool exportPcapng(const TrafficStore &store, const SocketRegistry &sockets, QIODevice &out, QString *error = nullptr);

} // namespace core
