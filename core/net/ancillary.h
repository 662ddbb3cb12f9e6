#pragma once

#include "core/base/result.h"

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

// The items the window names and reads: SCM_RIGHTS, SCM_CREDENTIALS, SCM_TIMESTAMP(NS),
// IP_PKTINFO, IP_TTL, IP_TOS, IPV6_PKTINFO, IPV6_HOPLIMIT, IPV6_TCLASS. -1 for another.
int ancillaryKind(int level, int type);
// SOL_SOCKET, SCM_RIGHTS; the number for one without a name.
QString ancillaryLevelName(int level);
QString ancillaryTypeName(int level, int type);
// What a person typed in the ancillary editor: a name (SOL_SOCKET, socket.SCM_RIGHTS) or a number.
Result<int> parseAncillaryLevel(QStringView text);
Result<int> parseAncillaryType(int level, QStringView text);
// What the item says, as people read it: "SCM_RIGHTS: descriptors 7, 8", "SCM_CREDENTIALS: pid
// 41, uid 1000, gid 1000", "SCM_TIMESTAMPNS: 2026-12-07 09:30:01.123456789 UTC", "IP_PKTINFO:
// interface 1, to 127.0.0.1, local 127.0.0.1"; an unknown item by its numbers and hex bytes.
QString describeAncillary(const Ancillary &item);
// SCM_RIGHTS: the descriptors the item carries (empty for another item).
QList<int> ancillaryDescriptors(const Ancillary &item);
// Items to send: descriptors over a UNIX socket, and credentials (the kernel checks them).
Ancillary descriptorsItem(const QList<int> &fds);
Ancillary credentialsItem(qint64 pid, qint64 uid, qint64 gid);
// This process's own credentials, as SCM_CREDENTIALS sends them.
Ancillary ownCredentialsItem();
// socket.CMSG_SPACE for this many descriptors: the ancbufsize that holds them.
int descriptorSpace(int descriptors);

} // namespace core
