#pragma once

#include "core/net/socketaddress.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QSysInfo>
#include <QtEndian>

namespace core {

// The frames a pcapng export writes around the bytes a socket moved: made-up Ethernet, IPv4 or
// IPv6 and TCP or UDP headers carrying the sockets' real addresses and ports, with the checksums
// a receiver would verify (IPv4 header; TCP and UDP over the pseudo-header), so Wireshark
// dissects them as a loopback capture. UNIX sockets have no such headers: their bytes go in
// Wireshark's "exported PDU" frames instead. Plain byte building, no state.

// Appends an integer in a byte order: network order in the headers, little-endian in the pcapng
// blocks around them.
template <QSysInfo::Endian Order, typename T>
void appendInteger(QByteArray &out, T value)
{
    const T ordered = Order == QSysInfo::BigEndian ? qToBigEndian(value) : qToLittleEndian(value);
    out.append(reinterpret_cast<const char *>(&ordered), sizeof ordered);
}

namespace TcpFlag {
enum : quint8 { Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10, Urg = 0x20 };
}

struct TcpSegment
{
    quint32 seq = 0;
    quint32 ack = 0;
    quint8 flags = 0;
    quint16 window = 0;
    quint16 urgent = 0;
    quint16 mss = 0;        // with SYN: the MSS option, and the window-scale option with windowScale
    quint8 windowScale = 0;
};

// The address bytes as an IP header carries them: 4 for AF_INET, 16 for AF_INET6.
QByteArrayView ipAddressBytes(const SocketAddress &address);

// Ethernet with zero MACs, as Linux's lo shows in a capture.
QByteArray tcpFrame(const SocketAddress &source, const SocketAddress &destination, const TcpSegment &segment,
                    QByteArrayView payload);

// wireLength is the datagram's real size when payload holds only its first bytes (a truncated
// read): the headers then say the real size and the frame stops short, as a capture with a
// snap length would; the checksum cannot be checked then and Wireshark does not try.
QByteArray udpFrame(const SocketAddress &source, const SocketAddress &destination, QByteArrayView payload,
                    qsizetype wireLength);

// LINKTYPE_WIRESHARK_UPPER_PDU: TLVs naming the dissector ("data": the bytes as they are), the
// Protocol column and the Info column, then the payload.
QByteArray upperPduFrame(QByteArrayView dissector, const QString &protocol, const QString &info,
                         QByteArrayView payload);

// RFC 1071: the 16-bit one's complement of the one's complement sum (of a header, or of a
// pseudo-header followed by a segment).
class InternetChecksum
{
public:
    void add(QByteArrayView bytes);
    quint16 value() const;

private:
    quint64 m_sum = 0;
    bool m_odd = false; // the last add ended half way through a 16-bit word
};

} // namespace core
