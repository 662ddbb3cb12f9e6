#pragma once

#include "core/net/socketaddress.h"
#include "core/store/trafficstore.h"

#include <QString>

#include <span>

class QIODevice;

namespace core {

class SocketRegistry;

// The traffic log written out for people and for other tools, and the few spellings of a record
// that the window and the exports share. Plain functions over the stores: no widgets, so they run
// headless and in tests. Writers return false and fill *error (when given) if the device fails.

// "TRUNC EOF PEEK OOB ERROR" for the flags that are set; empty when none is.
QString trafficFlagsText(quint8 flags);

// A record's wall time in local time, to the microsecond: 14:03:07.123456, or with the date
// 2024-05-01 14:03:07.123456.
QString trafficTimeText(qint64 timeNs, bool withDate = false);

// The socket's Python name (sk3), or #3 when the registry does not know the socket.
QString trafficSocketName(const SocketRegistry &sockets, int socketId);

// The peer a record was exchanged with: its own when it carries one (datagrams, connected
// sockets), else the socket's current peer; invalid when neither is known.
SocketAddress trafficPeer(const TrafficStore &store, const SocketRegistry &sockets, const TrafficRecord &record);

// ECONNREFUSED (errno 111): Connection refused
QString trafficErrorText(int error);

// One line saying everything about a record but its bytes:
// #12  14:03:07.123456  sk3  ← in  127.0.0.1:5353  10 of 100 bytes  [TRUNC]
QString trafficSummary(const TrafficStore &store, const SocketRegistry &sockets, qsizetype index,
                       bool withDate = false);

// Text dump: for each record its summary line (with the date), then a hexdump -C of its payload
// indented by two spaces, then a blank line. Without indices: every record in the store.
bool exportText(const TrafficStore &store, const SocketRegistry &sockets, std::span<const qsizetype> indices,
                QIODevice &out, QString *error = nullptr);
bool exportText(const TrafficStore &store, const SocketRegistry &sockets, QIODevice &out, QString *error = nullptr);

// CSV as RFC 4180 has it (CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes
// doubled), one header row, then one row per record:
//   seq,time_ns,socket,direction,peer,length,wire_length,flags,errno,hex
// seq is the record's 1-based number (the # column), direction is in or out, flags are spelled
// as trafficFlagsText, errno is the number (empty when none), hex the payload's lowercase digits.
bool exportCsv(const TrafficStore &store, const SocketRegistry &sockets, std::span<const qsizetype> indices,
               QIODevice &out, QString *error = nullptr);
bool exportCsv(const TrafficStore &store, const SocketRegistry &sockets, QIODevice &out, QString *error = nullptr);

// The bytes one socket moved in one direction, concatenated in order: a stream's contents as the
// application saw them. MSG_PEEK records are skipped (those bytes were read again later), and so
// are EOF and error records; a truncated datagram contributes the bytes that were stored.
bool exportRaw(const TrafficStore &store, int socketId, Direction direction, QIODevice &out,
               QString *error = nullptr);

} // namespace core
