#pragma once

#include <QString>

#include <span>

namespace core {

// The socket module's constants that the workbench offers by name, with the kernel's values,
// so code above the core (the window) can list and name them without the C headers.
struct NamedValue
{
    const char *name;
    int value;
};

std::span<const NamedValue> addressFamilies();  // AF_INET, AF_INET6, AF_UNIX
std::span<const NamedValue> socketTypes();      // SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_SEQPACKET
std::span<const NamedValue> messageFlags();     // MSG_PEEK, MSG_WAITALL, MSG_DONTWAIT, MSG_OOB, ...
std::span<const NamedValue> shutdownModes();    // SHUT_RD, SHUT_WR, SHUT_RDWR

// "AF_INET", or the number when the value has no name in the table.
QString constantName(std::span<const NamedValue> table, int value);
int constantValue(std::span<const NamedValue> table, QStringView name, int fallback = -1);

// Python spelling: socket.AF_INET; flags as socket.MSG_PEEK | socket.MSG_DONTWAIT (0 when none).
QString pythonConstant(std::span<const NamedValue> table, int value);
QString pythonFlags(int flags);
// socket.SOCK_STREAM, with the creation flags Linux takes in the type: socket.SOCK_STREAM |
// socket.SOCK_NONBLOCK | socket.SOCK_CLOEXEC.
QString pythonSocketType(int type);
// The type without those flags, as CPython keeps it (sock.type is SOCK_STREAM whatever was passed).
int baseSocketType(int type);

namespace sock {
extern const int AfInet, AfInet6, AfUnix;
extern const int Stream, Dgram, Raw, Rdm, SeqPacket;
extern const int ShutRd, ShutWr, ShutRdWr;
extern const int MsgPeek, MsgWaitAll, MsgDontWait, MsgOob, MsgTrunc, MsgCtrunc;
extern const int SolSocket;
} // namespace sock

} // namespace core
