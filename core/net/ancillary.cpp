#include "core/net/ancillary.h"

#include "core/text/payload.h"

#include <QStringList>

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace core {

QByteArray encodeAncillary(const QList<Ancillary> &items)
{
    qsizetype size = 0;
    for (const Ancillary &item : items)
        size += qsizetype(CMSG_SPACE(size_t(item.data.size())));
    QByteArray control(size, '\0');
    if (items.isEmpty())
        return control;
    msghdr message{};
    message.msg_control = control.data();
    message.msg_controllen = size_t(control.size());
    cmsghdr *header = CMSG_FIRSTHDR(&message);
    for (const Ancillary &item : items) {
        header->cmsg_level = item.level;
        header->cmsg_type = item.type;
        header->cmsg_len = CMSG_LEN(size_t(item.data.size()));
        std::memcpy(CMSG_DATA(header), item.data.constData(), size_t(item.data.size()));
        header = CMSG_NXTHDR(&message, header);
    }
    return control;
}

QList<Ancillary> decodeAncillary(const msghdr &message)
{
    QList<Ancillary> items;
    if (!message.msg_control || message.msg_controllen < sizeof(cmsghdr))
        return items;
    const auto *begin = static_cast<const char *>(message.msg_control);
    const char *end = begin + message.msg_controllen;
    for (const cmsghdr *header = CMSG_FIRSTHDR(&message); header;
         header = CMSG_NXTHDR(const_cast<msghdr *>(&message), const_cast<cmsghdr *>(header))) {
        const auto *data = reinterpret_cast<const char *>(CMSG_DATA(header));
        if (header->cmsg_len < CMSG_LEN(0) || data > end)
            break;
        // The item's length as the kernel wrote it, cut at the end of the buffer (MSG_CTRUNC).
        const qsizetype length = std::min<qsizetype>(qsizetype(header->cmsg_len - CMSG_LEN(0)), end - data);
        items.append(Ancillary{header->cmsg_level, header->cmsg_type, QByteArray(data, length)});
    }
    return items;
}

namespace {

QString levelName(int level)
{
    switch (level) {
    case SOL_SOCKET: return QStringLiteral("socket.SOL_SOCKET");
    case IPPROTO_IP: return QStringLiteral("socket.IPPROTO_IP");
    case IPPROTO_IPV6: return QStringLiteral("socket.IPPROTO_IPV6");
    default: return QString::number(level);
    }
}

QString typeName(int level, int type)
{
    if (level == SOL_SOCKET && type == SCM_RIGHTS)
        return QStringLiteral("socket.SCM_RIGHTS");
    if (level == SOL_SOCKET && type == SCM_CREDENTIALS)
        return QStringLiteral("socket.SCM_CREDENTIALS");
    if (level == IPPROTO_IP && type == IP_PKTINFO)
        return QStringLiteral("socket.IP_PKTINFO");
    if (level == IPPROTO_IPV6 && type == IPV6_PKTINFO)
        return QStringLiteral("socket.IPV6_PKTINFO");
    return QString::number(type);
}

QString listOf(const QList<Ancillary> &items, bool names)
{
    QStringList parts;
    for (const Ancillary &item : items) {
        parts += QStringLiteral("(%1, %2, %3)")
                     .arg(names ? levelName(item.level) : QString::number(item.level),
                          names ? typeName(item.level, item.type) : QString::number(item.type),
                          pythonBytesLiteral(item.data));
    }
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

} // namespace

QString pythonAncillaryArgument(const QList<Ancillary> &items)
{
    return listOf(items, true);
}

QString pythonAncillaryResult(const QList<Ancillary> &items)
{
    return listOf(items, false);
}

} // namespace core
