#include "core/net/constants.h"

#include <QStringList>

#include <sys/socket.h>

namespace core {

namespace {

constexpr NamedValue kFamilies[] = {{"AF_INET", AF_INET}, {"AF_INET6", AF_INET6}, {"AF_UNIX", AF_UNIX}};
constexpr NamedValue kTypes[] = {{"SOCK_STREAM", SOCK_STREAM}, {"SOCK_DGRAM", SOCK_DGRAM},
                                 {"SOCK_RAW", SOCK_RAW},       {"SOCK_RDM", SOCK_RDM},
                                 {"SOCK_SEQPACKET", SOCK_SEQPACKET}};
constexpr NamedValue kMsgFlags[] = {{"MSG_PEEK", MSG_PEEK},   {"MSG_WAITALL", MSG_WAITALL},
                                    {"MSG_DONTWAIT", MSG_DONTWAIT}, {"MSG_OOB", MSG_OOB},
                                    {"MSG_TRUNC", MSG_TRUNC}, {"MSG_DONTROUTE", MSG_DONTROUTE},
                                    {"MSG_MORE", MSG_MORE},   {"MSG_EOR", MSG_EOR}};
constexpr NamedValue kShutdown[] = {{"SHUT_RD", SHUT_RD}, {"SHUT_WR", SHUT_WR}, {"SHUT_RDWR", SHUT_RDWR}};

} // namespace

std::span<const NamedValue> addressFamilies() { return kFamilies; }
std::span<const NamedValue> socketTypes() { return kTypes; }
std::span<const NamedValue> messageFlags() { return kMsgFlags; }
std::span<const NamedValue> shutdownModes() { return kShutdown; }

QString constantName(std::span<const NamedValue> table, int value)
{
    for (const auto &entry : table) {
        if (entry.value == value)
            return QString::fromLatin1(entry.name);
    }
    return QString::number(value);
}

int constantValue(std::span<const NamedValue> table, QStringView name, int fallback)
{
    for (const auto &entry : table) {
        if (name == QLatin1String(entry.name))
            return entry.value;
    }
    return fallback;
}

QString pythonConstant(std::span<const NamedValue> table, int value)
{
    for (const auto &entry : table) {
        if (entry.value == value)
            return QStringLiteral("socket.") + QLatin1String(entry.name);
    }
    return QString::number(value);
}

int baseSocketType(int type)
{
    return type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
}

QString pythonSocketType(int type)
{
    QString text = pythonConstant(socketTypes(), baseSocketType(type));
    if (type & SOCK_NONBLOCK)
        text += QStringLiteral(" | socket.SOCK_NONBLOCK");
    if (type & SOCK_CLOEXEC)
        text += QStringLiteral(" | socket.SOCK_CLOEXEC");
    return text;
}

QString pythonFlags(int flags)
{
    if (!flags)
        return QStringLiteral("0");
    QStringList parts;
    int rest = flags;
    for (const auto &entry : kMsgFlags) {
        if ((rest & entry.value) == entry.value) {
            parts += QStringLiteral("socket.") + QLatin1String(entry.name);
            rest &= ~entry.value;
        }
    }
    if (rest)
        parts += QStringLiteral("0x%1").arg(rest, 0, 16);
    return parts.join(QLatin1String(" | "));
}

namespace sock {
const int AfInet = AF_INET, AfInet6 = AF_INET6, AfUnix = AF_UNIX;
const int Stream = SOCK_STREAM, Dgram = SOCK_DGRAM, Raw = SOCK_RAW, Rdm = SOCK_RDM, SeqPacket = SOCK_SEQPACKET;
const int ShutRd = SHUT_RD, ShutWr = SHUT_WR, ShutRdWr = SHUT_RDWR;
const int MsgPeek = MSG_PEEK, MsgWaitAll = MSG_WAITALL, MsgDontWait = MSG_DONTWAIT, MsgOob = MSG_OOB,
          MsgTrunc = MSG_TRUNC, MsgCtrunc = MSG_CTRUNC;
const int SolSocket = SOL_SOCKET;
} // namespace sock

} // namespace core
