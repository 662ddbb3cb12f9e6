#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

struct msghdr;

namespace core {

// One item of sendmsg()'s ancdata or of what recvmsg() returns: (cmsg_level, cmsg_type,
// cmsg_data), as Python's socket module holds it. SCM_RIGHTS carries descriptors, SCM_CREDENTIALS
// a struct ucred, IP_PKTINFO a struct in_pktinfo: the bytes are the kernel's.
struct Ancillary
{
    int level = 0;
    int type = 0;
    QByteArray data;

    bool operator==(const Ancillary &) const = default;
};

// The control buffer sendmsg(2) takes for these items (CMSG_SPACE each, aligned as the kernel
// reads them); empty for none.
QByteArray encodeAncillary(const QList<Ancillary> &items);
// The items recvmsg(2) left in a message's control buffer; a last item cut short by MSG_CTRUNC
// keeps the bytes that arrived, as CPython's recvmsg does.
QList<Ancillary> decodeAncillary(const msghdr &message);

// Python: [(socket.SOL_SOCKET, socket.SCM_RIGHTS, b'\x05\x00\x00\x00')] for a call's argument
// (names where the module has them), [(1, 1, b'\x05\x00\x00\x00')] as Python prints a result.
QString pythonAncillaryArgument(const QList<Ancillary> &items);
QString pythonAncillaryResult(const QList<Ancillary> &items);

} // namespace core
