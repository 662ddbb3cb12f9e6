#include "core/export/pcapngframes.h"

#include <netinet/in.h>

#include <algorithm>

namespace core {

namespace {

constexpr quint16 kEtherTypeIpv4 = 0x0800;
constexpr quint16 kEtherTypeIpv6 = 0x86dd;
constexpr quint8 kProtocolTcp = 6;
constexpr quint8 kProtocolUdp = 17;
constexpr quint8 kHopLimit = 64;

// Wireshark's exported-PDU tags (wsutil/exported_pdu_tlvs.h).
constexpr quint16 kPduEndOfOptions = 0;
constexpr quint16 kPduDissectorName = 12;
constexpr quint16 kPduProtocolColumn = 33;
constexpr quint16 kPduInfoColumn = 36; // newer than tshark 4.0, which lists it as an unknown tag

void put16(QByteArray &out, quint16 value) { appendInteger<QSysInfo::BigEndian>(out, value); }
void put32(QByteArray &out, quint32 value) { appendInteger<QSysInfo::BigEndian>(out, value); }

void set16(QByteArray &out, qsizetype at, quint16 value)
{
    qToBigEndian(value, out.data() + at);
}

// Ethernet and the IP header for a transport segment of transportLength bytes.
QByteArray ipFrame(const SocketAddress &source, const SocketAddress &destination, quint8 protocol,
                   qsizetype transportLength)
{
    QByteArray frame(12, '\0'); // destination and source MAC: zero, as on lo
    frame.reserve(14 + 40 + 20 + transportLength);
    if (source.family() == AF_INET) {
        put16(frame, kEtherTypeIpv4);
        const qsizetype header = frame.size();
        frame.append(char(0x45)); // version 4, 5 words of header
        frame.append('\0');
        put16(frame, quint16(20 + transportLength));
        put16(frame, 0);      // identification: unused with DF
        put16(frame, 0x4000); // DF, as Linux sends TCP and most UDP
        frame.append(char(kHopLimit));
        frame.append(char(protocol));
        put16(frame, 0);
        frame.append(ipAddressBytes(source));
        frame.append(ipAddressBytes(destination));
        InternetChecksum sum;
        sum.add(QByteArrayView(frame).sliced(header, 20));
        set16(frame, header + 10, sum.value());
    } else {
        put16(frame, kEtherTypeIpv6);
        put32(frame, 0x60000000); // version 6, no traffic class or flow label
        put16(frame, quint16(transportLength));
        frame.append(char(protocol));
        frame.append(char(kHopLimit));
        frame.append(ipAddressBytes(source));
        frame.append(ipAddressBytes(destination));
    }
    return frame;
}

// The sum over the pseudo-header that TCP and UDP checksums start from (RFC 793, RFC 8200 8.1).
InternetChecksum pseudoHeader(const SocketAddress &source, const SocketAddress &destination, quint8 protocol,
                              qsizetype transportLength)
{
    InternetChecksum sum;
    sum.add(ipAddressBytes(source));
    sum.add(ipAddressBytes(destination));
    QByteArray rest;
    if (source.family() == AF_INET) {
        rest.append('\0');
        rest.append(char(protocol));
        put16(rest, quint16(transportLength));
    } else {
        put32(rest, quint32(transportLength));
        rest.append(3, '\0');
        rest.append(char(protocol));
    }
    sum.add(rest);
    return sum;
}

QByteArray tcpOptions(const TcpSegment &segment)
{
    QByteArray options;
    if (segment.mss) {
        options.append(char(2)); // MSS
        options.append(char(4));
        put16(options, segment.mss);
        options.append(char(1)); // NOP, so the window scale ends on a word
        options.append(char(3)); // window scale
        options.append(char(3));
        options.append(char(segment.windowScale));
    }
    return options;
}

void putPduTag(QByteArray &out, quint16 tag, QByteArrayView value)
{
    // Strings are padded with NULs to a 32-bit boundary, the padding counted in the length.
    const qsizetype padded = (value.size() + 3) & ~qsizetype(3);
    put16(out, tag);
    put16(out, quint16(padded));
    out.append(value);
    out.append(padded - value.size(), '\0');
}

} // namespace

QByteArrayView ipAddressBytes(const SocketAddress &address)
{
    if (address.family() == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(address.data());
        return QByteArrayView(reinterpret_cast<const char *>(&in->sin_addr), 4);
    }
    const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(address.data());
    return QByteArrayView(reinterpret_cast<const char *>(&in6->sin6_addr), 16);
}

void InternetChecksum::add(QByteArrayView bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const quint8 byte = quint8(bytes[i]);
        m_sum += m_odd ? byte : quint32(byte) << 8;
        m_odd = !m_odd;
    }
}

quint16 InternetChecksum::value() const
{
    quint64 sum = m_sum;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

QByteArray tcpFrame(const SocketAddress &source, const SocketAddress &destination, const TcpSegment &segment,
                    QByteArrayView payload)
{
    const QByteArray options = tcpOptions(segment);
    const qsizetype headerLength = 20 + options.size();
    QByteArray tcp;
    tcp.reserve(headerLength + payload.size());
    put16(tcp, source.port());
    put16(tcp, destination.port());
    put32(tcp, segment.seq);
    put32(tcp, segment.ack);
    tcp.append(char((headerLength / 4) << 4));
    tcp.append(char(segment.flags));
    put16(tcp, segment.window);
    put16(tcp, 0);
    put16(tcp, segment.urgent);
    tcp.append(options);
    tcp.append(payload);
    InternetChecksum sum = pseudoHeader(source, destination, kProtocolTcp, tcp.size());
    sum.add(tcp);
    set16(tcp, 16, sum.value());
    return ipFrame(source, destination, kProtocolTcp, tcp.size()) + tcp;
}

QByteArray udpFrame(const SocketAddress &source, const SocketAddress &destination, QByteArrayView payload,
                    qsizetype wireLength)
{
    const qsizetype udpLength = 8 + std::max(wireLength, payload.size());
    QByteArray udp;
    udp.reserve(8 + payload.size());
    put16(udp, source.port());
    put16(udp, destination.port());
    put16(udp, quint16(udpLength));
    put16(udp, 0);
    udp.append(payload);
    InternetChecksum sum = pseudoHeader(source, destination, kProtocolUdp, udpLength);
    sum.add(udp);
    // 0 means "no checksum" to UDP: a sum of 0 is sent as its other form, 0xffff (RFC 768).
    set16(udp, 6, sum.value() ? sum.value() : 0xffff);
    return ipFrame(source, destination, kProtocolUdp, udpLength) + udp;
}

QByteArray upperPduFrame(QByteArrayView dissector, const QString &protocol, const QString &info,
                         QByteArrayView payload)
{
    QByteArray frame;
    putPduTag(frame, kPduDissectorName, dissector);
    putPduTag(frame, kPduProtocolColumn, protocol.toUtf8());
    putPduTag(frame, kPduInfoColumn, info.toUtf8());
    put16(frame, kPduEndOfOptions);
    put16(frame, 0);
    frame.append(payload);
    return frame;
}

} // namespace core
