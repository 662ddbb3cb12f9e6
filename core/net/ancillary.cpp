#include "core/net/ancillary.h"

#include "core/text/payload.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include <arpa/inet.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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

struct KnownItem
{
    int level;
    int type;
    const char *name;
};

// The items the window names and reads (Python 3.11 names all but IP_PKTINFO and SCM_TIMESTAMP(NS)).
constexpr KnownItem kKnown[] = {
    {SOL_SOCKET, SCM_RIGHTS, "SCM_RIGHTS"},
    {SOL_SOCKET, SCM_CREDENTIALS, "SCM_CREDENTIALS"},
    {SOL_SOCKET, SO_TIMESTAMP, "SCM_TIMESTAMP"},
    {SOL_SOCKET, SO_TIMESTAMPNS, "SCM_TIMESTAMPNS"},
    {IPPROTO_IP, IP_PKTINFO, "IP_PKTINFO"},
    {IPPROTO_IP, IP_TTL, "IP_TTL"},
    {IPPROTO_IP, IP_TOS, "IP_TOS"},
    {IPPROTO_IPV6, IPV6_PKTINFO, "IPV6_PKTINFO"},
    {IPPROTO_IPV6, IPV6_HOPLIMIT, "IPV6_HOPLIMIT"},
    {IPPROTO_IPV6, IPV6_TCLASS, "IPV6_TCLASS"},
};

struct KnownLevel
{
    int level;
    const char *name;
};

constexpr KnownLevel kLevels[] = {{SOL_SOCKET, "SOL_SOCKET"}, {IPPROTO_IP, "IPPROTO_IP"}, {IPPROTO_IPV6, "IPPROTO_IPV6"}};

QString address4(const in_addr &address)
{
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &address, text, sizeof text);
    return QString::fromLatin1(text);
}

template<typename T>
bool read(const QByteArray &data, T *out)
{
    if (data.size() < qsizetype(sizeof(T)))
        return false;
    std::memcpy(out, data.constData(), sizeof(T));
    return true;
}

QString utcTime(qint64 seconds, qint64 fraction, int digits)
{
    const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return QStringLiteral("%1.%2 UTC").arg(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
        .arg(fraction, digits, 10, QLatin1Char('0'));
}

// What the item's bytes say, or empty when they are not the struct its type names (cut short).
QString reading(const Ancillary &item)
{
    const int kind = ancillaryKind(item.level, item.type);
    if (kind < 0)
        return {};
    const KnownItem &known = kKnown[kind];
    if (known.level == SOL_SOCKET && known.type == SCM_RIGHTS) {
        QStringList fds;
        for (const int fd : ancillaryDescriptors(item))
            fds << QString::number(fd);
        return fds.isEmpty() ? QString() : QCoreApplication::translate("core", "descriptors %1").arg(fds.join(QLatin1String(", ")));
    }
    if (known.level == SOL_SOCKET && known.type == SCM_CREDENTIALS) {
        ucred credentials{};
        if (!read(item.data, &credentials))
            return {};
        return QCoreApplication::translate("core", "pid %1, uid %2, gid %3").arg(credentials.pid).arg(credentials.uid).arg(credentials.gid);
    }
    if (known.level == SOL_SOCKET && known.type == SO_TIMESTAMPNS) {
        timespec time{};
        return read(item.data, &time) ? utcTime(time.tv_sec, time.tv_nsec, 9) : QString();
    }
    if (known.level == SOL_SOCKET && known.type == SO_TIMESTAMP) {
        timeval time{};
        return read(item.data, &time) ? utcTime(time.tv_sec, time.tv_usec, 6) : QString();
    }
    if (known.level == IPPROTO_IP && known.type == IP_PKTINFO) {
        in_pktinfo info{};
        if (!read(item.data, &info))
            return {};
        return QCoreApplication::translate("core", "interface %1, to %2, local %3").arg(info.ipi_ifindex).arg(address4(info.ipi_addr), address4(info.ipi_spec_dst));
    }
    if (known.level == IPPROTO_IPV6 && known.type == IPV6_PKTINFO) {
        in6_pktinfo info{};
        if (!read(item.data, &info))
            return {};
        char text[INET6_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET6, &info.ipi6_addr, text, sizeof text);
        return QCoreApplication::translate("core", "interface %1, to %2").arg(info.ipi6_ifindex).arg(QString::fromLatin1(text));
    }
    // IP_TTL, IP_TOS, IPV6_HOPLIMIT, IPV6_TCLASS: an int (IP_TOS a byte).
    if (item.data.size() == 1)
        return QString::number(quint8(item.data.at(0)));
    int value = 0;
    return read(item.data, &value) ? QString::number(value) : QString();
}

} // namespace

int ancillaryKind(int level, int type)
{
    for (size_t i = 0; i < std::size(kKnown); ++i) {
        if (kKnown[i].level == level && kKnown[i].type == type)
            return int(i);
    }
    return -1;
}

QString ancillaryLevelName(int level)
{
    for (const KnownLevel &known : kLevels) {
        if (known.level == level)
            return QString::fromLatin1(known.name);
    }
    return QString::number(level);
}

QString ancillaryTypeName(int level, int type)
{
    const int kind = ancillaryKind(level, type);
    return kind >= 0 ? QString::fromLatin1(kKnown[kind].name) : QString::number(type);
}

Result<int> parseAncillaryLevel(QStringView text)
{
    const QString t = text.trimmed().toString();
    for (const KnownLevel &known : kLevels) {
        if (t.compare(QLatin1String(known.name), Qt::CaseInsensitive) == 0
            || t.compare(QLatin1String("socket.") + QLatin1String(known.name), Qt::CaseInsensitive) == 0)
            return known.level;
    }
    bool ok = false;
    const int level = t.toInt(&ok, 0);
    if (!ok || level < 0)
        return InputError{QCoreApplication::translate("core", "the level is a number or SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6: %1")
                         .arg(t.isEmpty() ? QStringLiteral("(empty)") : t)};
    return level;
}

Result<int> parseAncillaryType(int level, QStringView text)
{
    QString t = text.trimmed().toString();
    if (t.startsWith(QLatin1String("socket."), Qt::CaseInsensitive))
        t = t.mid(7);
    for (const KnownItem &known : kKnown) {
        if (known.level == level && t.compare(QLatin1String(known.name), Qt::CaseInsensitive) == 0)
            return known.type;
    }
    bool ok = false;
    const int type = t.toInt(&ok, 0);
    if (!ok || type < 0)
        return InputError{QCoreApplication::translate("core", "the type is a number or a name of its level (SCM_RIGHTS, "
                                                         "SCM_CREDENTIALS, IP_PKTINFO...): %1")
                         .arg(t.isEmpty() ? QStringLiteral("(empty)") : t)};
    return type;
}

QList<int> ancillaryDescriptors(const Ancillary &item)
{
    QList<int> fds;
    if (item.level != SOL_SOCKET || item.type != SCM_RIGHTS)
        return fds;
    for (qsizetype at = 0; at + qsizetype(sizeof(int)) <= item.data.size(); at += qsizetype(sizeof(int))) {
        int fd = -1;
        std::memcpy(&fd, item.data.constData() + at, sizeof fd);
        fds << fd;
    }
    return fds;
}

Ancillary descriptorsItem(const QList<int> &fds)
{
    Ancillary item{SOL_SOCKET, SCM_RIGHTS, {}};
    for (const int fd : fds)
        item.data.append(reinterpret_cast<const char *>(&fd), sizeof fd);
    return item;
}

Ancillary credentialsItem(qint64 pid, qint64 uid, qint64 gid)
{
    ucred credentials{};
    credentials.pid = pid_t(pid);
    credentials.uid = uid_t(uid);
    credentials.gid = gid_t(gid);
    return Ancillary{SOL_SOCKET, SCM_CREDENTIALS, QByteArray(reinterpret_cast<const char *>(&credentials), sizeof credentials)};
}

Ancillary ownCredentialsItem()
{
    return credentialsItem(::getpid(), ::getuid(), ::getgid());
}

int descriptorSpace(int descriptors)
{
    return int(CMSG_SPACE(size_t(descriptors) * sizeof(int)));
}

QString describeAncillary(const Ancillary &item)
{
    const QString name = QStringLiteral("%1/%2").arg(ancillaryLevelName(item.level), ancillaryTypeName(item.level, item.type));
    const QString says = reading(item);
    if (!says.isEmpty())
        return QStringLiteral("%1: %2").arg(ancillaryTypeName(item.level, item.type), says);
    return QStringLiteral("%1: %2").arg(name, item.data.isEmpty() ? QCoreApplication::translate("core", "(no data)") : spacedHex(item.data));
}

QString pythonAncillaryArgument(const QList<Ancillary> &items)
{
    return listOf(items, true);
}

QString pythonAncillaryResult(const QList<Ancillary> &items)
{
    return listOf(items, false);
}

} // namespace core
