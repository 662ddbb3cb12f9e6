#include "core/net/socketoptions.h"

#include "core/net/errors.h"
#include "core/text/payload.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace core {

namespace {

constexpr OptionSpec kOptions[] = {
    {"SO_REUSEADDR", "SOL_SOCKET", SOL_SOCKET, SO_REUSEADDR, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Allow bind() to a local address still in TIME_WAIT")},
    {"SO_REUSEPORT", "SOL_SOCKET", SOL_SOCKET, SO_REUSEPORT, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Let several sockets bind the same address and port")},
    {"SO_BROADCAST", "SOL_SOCKET", SOL_SOCKET, SO_BROADCAST, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Permit sending datagrams to a broadcast address")},
    {"SO_KEEPALIVE", "SOL_SOCKET", SOL_SOCKET, SO_KEEPALIVE, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Send TCP keepalive probes on an idle connection")},
    {"SO_LINGER", "SOL_SOCKET", SOL_SOCKET, SO_LINGER, OptionKind::Linger,
     QT_TRANSLATE_NOOP("core", "What close() does with unsent data: 'on,seconds' or 'off'; '1,0' makes close() send RST")},
    {"SO_RCVBUF", "SOL_SOCKET", SOL_SOCKET, SO_RCVBUF, OptionKind::Int,
     QT_TRANSLATE_NOOP("core", "Receive buffer size in bytes (the kernel doubles what you set)")},
    {"SO_SNDBUF", "SOL_SOCKET", SOL_SOCKET, SO_SNDBUF, OptionKind::Int,
     QT_TRANSLATE_NOOP("core", "Send buffer size in bytes (the kernel doubles what you set)")},
    {"SO_RCVLOWAT", "SOL_SOCKET", SOL_SOCKET, SO_RCVLOWAT, OptionKind::Int,
     QT_TRANSLATE_NOOP("core", "Minimum bytes before a read is woken")},
    {"SO_OOBINLINE", "SOL_SOCKET", SOL_SOCKET, SO_OOBINLINE, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Receive TCP urgent data in the normal stream")},
    {"SO_ERROR", "SOL_SOCKET", SOL_SOCKET, SO_ERROR, OptionKind::ReadOnlyInt,
     QT_TRANSLATE_NOOP("core", "The pending socket error (reading clears it)")},
    {"SO_TYPE", "SOL_SOCKET", SOL_SOCKET, SO_TYPE, OptionKind::ReadOnlyInt, QT_TRANSLATE_NOOP("core", "The socket type")},
    {"SO_RXQ_OVFL", "SOL_SOCKET", SOL_SOCKET, SO_RXQ_OVFL, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Report datagrams the kernel dropped because the receive buffer was full"), false},
    {"SO_PASSCRED", "SOL_SOCKET", SOL_SOCKET, SO_PASSCRED, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Receive the sender's pid, uid and gid (SCM_CREDENTIALS) with each recvmsg() on a UNIX socket")},
    {"SO_TIMESTAMPNS", "SOL_SOCKET", SOL_SOCKET, SO_TIMESTAMPNS, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Receive the kernel's receive time (SCM_TIMESTAMPNS) with each recvmsg()"), false},
    {"TCP_NODELAY", "IPPROTO_TCP", IPPROTO_TCP, TCP_NODELAY, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Disable Nagle's algorithm: send small segments at once")},
    {"TCP_KEEPIDLE", "IPPROTO_TCP", IPPROTO_TCP, TCP_KEEPIDLE, OptionKind::Int,
     QT_TRANSLATE_NOOP("core", "Seconds idle before the first keepalive probe")},
    {"TCP_MAXSEG", "IPPROTO_TCP", IPPROTO_TCP, TCP_MAXSEG, OptionKind::Int, QT_TRANSLATE_NOOP("core", "Maximum segment size")},
    {"IP_TTL", "IPPROTO_IP", IPPROTO_IP, IP_TTL, OptionKind::Int, QT_TRANSLATE_NOOP("core", "Time to live of outgoing unicast packets")},
    {"IP_TOS", "IPPROTO_IP", IPPROTO_IP, IP_TOS, OptionKind::Int, QT_TRANSLATE_NOOP("core", "Type of service byte")},
    {"IP_MULTICAST_TTL", "IPPROTO_IP", IPPROTO_IP, IP_MULTICAST_TTL, OptionKind::Int,
     QT_TRANSLATE_NOOP("core", "Time to live of outgoing multicast datagrams")},
    {"IP_MULTICAST_LOOP", "IPPROTO_IP", IPPROTO_IP, IP_MULTICAST_LOOP, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Deliver our own multicast datagrams back to us")},
    {"IP_PKTINFO", "IPPROTO_IP", IPPROTO_IP, IP_PKTINFO, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Receive a datagram's destination address and interface (IP_PKTINFO) with each recvmsg()"), false},
    {"IP_ADD_MEMBERSHIP", "IPPROTO_IP", IPPROTO_IP, IP_ADD_MEMBERSHIP, OptionKind::Membership4,
     QT_TRANSLATE_NOOP("core", "Join a multicast group: 'group' or 'group,interface-address'")},
    {"IP_DROP_MEMBERSHIP", "IPPROTO_IP", IPPROTO_IP, IP_DROP_MEMBERSHIP, OptionKind::Membership4,
     QT_TRANSLATE_NOOP("core", "Leave a multicast group: 'group' or 'group,interface-address'")},
    {"IPV6_V6ONLY", "IPPROTO_IPV6", IPPROTO_IPV6, IPV6_V6ONLY, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Accept only IPv6 (no IPv4-mapped addresses)")},
    {"IPV6_UNICAST_HOPS", "IPPROTO_IPV6", IPPROTO_IPV6, IPV6_UNICAST_HOPS, OptionKind::Int,
     QT_TRANSLATE_NOOP("core", "Hop limit of outgoing unicast packets")},
    {"IPV6_MULTICAST_HOPS", "IPPROTO_IPV6", IPPROTO_IPV6, IPV6_MULTICAST_HOPS, OptionKind::Int,
     QT_TRANSLATE_NOOP("core", "Hop limit of outgoing multicast packets")},
    {"IPV6_MULTICAST_LOOP", "IPPROTO_IPV6", IPPROTO_IPV6, IPV6_MULTICAST_LOOP, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Deliver our own IPv6 multicast back to us")},
    {"IPV6_RECVPKTINFO", "IPPROTO_IPV6", IPPROTO_IPV6, IPV6_RECVPKTINFO, OptionKind::Bool,
     QT_TRANSLATE_NOOP("core", "Receive a datagram's destination address and interface (IPV6_PKTINFO) with each recvmsg()")},
    {"IPV6_JOIN_GROUP", "IPPROTO_IPV6", IPPROTO_IPV6, IPV6_JOIN_GROUP, OptionKind::Membership6,
     QT_TRANSLATE_NOOP("core", "Join an IPv6 multicast group: 'group' or 'group,interface'")},
    {"IPV6_LEAVE_GROUP", "IPPROTO_IPV6", IPPROTO_IPV6, IPV6_LEAVE_GROUP, OptionKind::Membership6,
     QT_TRANSLATE_NOOP("core", "Leave an IPv6 multicast group: 'group' or 'group,interface'")},
};

Result<OptionValue> intValue(QStringView text, bool flag)
{
    const QString t = text.trimmed().toString().toLower();
    if (flag) {
        if (t == QLatin1String("on") || t == QLatin1String("true") || t == QLatin1String("yes"))
            return intValue(u"1", false);
        if (t == QLatin1String("off") || t == QLatin1String("false") || t == QLatin1String("no"))
            return intValue(u"0", false);
    }
    // Decimal, or hex after 0x. Not base 0: C's octal would make "064" mean 52.
    bool ok = false;
    const bool hex = t.startsWith(QLatin1String("0x"));
    const QString digits = hex ? t.mid(2) : t;
    const bool signedHex = hex && (digits.startsWith(QLatin1Char('-')) || digits.startsWith(QLatin1Char('+')));
    const int value = signedHex ? 0 : digits.toInt(&ok, hex ? 16 : 10);
    if (!ok)
        return Result<OptionValue>::failure(
            flag ? QCoreApplication::translate("core", "'%1' is not 0/1 (or on/off)").arg(text.toString())
                 : QCoreApplication::translate("core", "'%1' is not an integer").arg(text.toString()), 0);
    return OptionValue{QByteArray(reinterpret_cast<const char *>(&value), sizeof value), QString::number(value)};
}

Result<OptionValue> lingerValue(QStringView text)
{
    const QString t = text.trimmed().toString().toLower();
    linger l{};
    if (t == QLatin1String("off") || t == QLatin1String("0")) {
        l.l_onoff = 0;
    } else {
        QString rest = t;
        if (rest.startsWith(QLatin1String("on")))
            rest = QStringLiteral("1") + rest.mid(2);
        const QStringList parts = rest.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
        bool ok1 = false, ok2 = false;
        if (parts.size() == 2) {
            l.l_onoff = parts[0].toInt(&ok1);
            l.l_linger = parts[1].toInt(&ok2);
        }
        if (!ok1 || !ok2 || l.l_linger < 0)
            return Result<OptionValue>::failure(
                QCoreApplication::translate("core", "write 'on,SECONDS' (e.g. 1,0 to reset on close) or 'off'"), 0);
    }
    return OptionValue{QByteArray(reinterpret_cast<const char *>(&l), sizeof l),
                       QStringLiteral("struct.pack('ii', %1, %2)").arg(l.l_onoff).arg(l.l_linger)};
}

Result<OptionValue> membership4(QStringView text)
{
    const QStringList parts = text.trimmed().toString().split(QLatin1Char(','));
    ip_mreq mreq{};
    const QString group = parts.value(0).trimmed();
    const QString iface = parts.size() > 1 ? parts[1].trimmed() : QStringLiteral("0.0.0.0");
    if (parts.size() > 2 || inet_pton(AF_INET, group.toLatin1().constData(), &mreq.imr_multiaddr) != 1)
        return Result<OptionValue>::failure(QCoreApplication::translate("core", "write a group address like 224.0.0.251[,interface-ip]"), 0);
    if (inet_pton(AF_INET, iface.toLatin1().constData(), &mreq.imr_interface) != 1)
        return Result<OptionValue>::failure(QCoreApplication::translate("core", "'%1' is not an IPv4 interface address").arg(iface));
    return OptionValue{QByteArray(reinterpret_cast<const char *>(&mreq), sizeof mreq),
                       QStringLiteral("socket.inet_aton('%1') + socket.inet_aton('%2')").arg(group, iface)};
}

Result<OptionValue> membership6(QStringView text)
{
    const QStringList parts = text.trimmed().toString().split(QLatin1Char(','));
    ipv6_mreq mreq{};
    const QString group = parts.value(0).trimmed();
    if (parts.size() > 2 || inet_pton(AF_INET6, group.toLatin1().constData(), &mreq.ipv6mr_multiaddr) != 1)
        return Result<OptionValue>::failure(QCoreApplication::translate("core", "write a group address like ff02::1[,interface]"), 0);
    if (parts.size() > 1) {
        const QString iface = parts[1].trimmed();
        bool ok = false;
        mreq.ipv6mr_interface = iface.toUInt(&ok);
        if (!ok)
            mreq.ipv6mr_interface = if_nametoindex(iface.toLatin1().constData());
        if (!ok && !mreq.ipv6mr_interface)
            return Result<OptionValue>::failure(QCoreApplication::translate("core", "no network interface named '%1'").arg(iface));
    }
    return OptionValue{QByteArray(reinterpret_cast<const char *>(&mreq), sizeof mreq),
                       QStringLiteral("socket.inet_pton(socket.AF_INET6, '%1') + struct.pack('@I', %2)")
                           .arg(group).arg(mreq.ipv6mr_interface)};
}

} // namespace

std::span<const OptionSpec> socketOptions() { return kOptions; }

QString optionHelp(const OptionSpec &spec)
{
    return QCoreApplication::translate("core", spec.help);
}

const OptionSpec *findOption(QStringView name)
{
    for (const auto &spec : kOptions) {
        if (name == QLatin1String(spec.name))
            return &spec;
    }
    return nullptr;
}

static Result<OptionValue> encodeOptionValue(const OptionSpec &spec, QStringView text)
{
    switch (spec.kind) {
    case OptionKind::Int:
        return intValue(text, false);
    case OptionKind::Bool:
        return intValue(text, true);
    case OptionKind::Linger:
        return lingerValue(text);
    case OptionKind::Membership4:
        return membership4(text);
    case OptionKind::Membership6:
        return membership6(text);
    case OptionKind::ReadOnlyInt:
        return Result<OptionValue>::failure(QCoreApplication::translate("core", "%1 can only be read").arg(QLatin1String(spec.name)));
    }
    return Result<OptionValue>::failure(QCoreApplication::translate("core", "unknown option kind"));
}

Result<OptionValue> encodeOption(const OptionSpec &spec, QStringView text)
{
    Result<OptionValue> result = encodeOptionValue(spec, text);
    if (result)
        result.value().text = text.trimmed().toString();
    return result;
}

namespace {

struct LevelName
{
    const char *name;
    int level;
};

constexpr LevelName kLevels[] = {{"SOL_SOCKET", SOL_SOCKET}, {"IPPROTO_IP", IPPROTO_IP}, {"IPPROTO_TCP", IPPROTO_TCP},
                                 {"IPPROTO_UDP", IPPROTO_UDP}, {"IPPROTO_IPV6", IPPROTO_IPV6}, {"SOL_IP", SOL_IP},
                                 {"SOL_TCP", SOL_TCP}};

QString withoutModule(QStringView text)
{
    QString t = text.trimmed().toString();
    if (t.startsWith(QLatin1String("socket."), Qt::CaseInsensitive))
        t = t.mid(7);
    return t;
}

} // namespace

Result<OptionRef> parseOptionRef(QStringView levelText, QStringView optionText)
{
    const QString levelName = withoutModule(levelText);
    int level = -1;
    for (const LevelName &known : kLevels) {
        if (levelName.compare(QLatin1String(known.name), Qt::CaseInsensitive) == 0)
            level = known.level;
    }
    bool ok = level >= 0;
    if (!ok)
        level = levelName.toInt(&ok, 0);
    if (!ok || level < 0)
        return Result<OptionRef>::failure(QCoreApplication::translate("core", "the level is a number or SOL_SOCKET, IPPROTO_TCP, "
                                                                              "IPPROTO_IP, IPPROTO_IPV6, IPPROTO_UDP"));
    const QString optionName = withoutModule(optionText);
    for (const OptionSpec &entry : kOptions) {
        if (entry.level == level && optionName.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0)
            return OptionRef(&entry);
    }
    const int optname = optionName.toInt(&ok, 0);
    if (!ok || optname < 0)
        return Result<OptionRef>::failure(QCoreApplication::translate("core", "the option is a number (or the name of one "
                                                                              "in the table, of this level)"));
    return OptionRef::byNumber(level, optname);
}

Result<OptionValue> encodeRawOption(QStringView text, bool bytes)
{
    Result<OptionValue> value = bytes ? Result<OptionValue>(OptionValue{}) : intValue(text, false);
    if (bytes) {
        const auto raw = decodeHex(text);
        if (!raw)
            return Result<OptionValue>::failure(raw.error().message, raw.error().position);
        value.value().raw = raw.value();
        value.value().python = pythonBytesLiteral(raw.value());
    }
    if (value)
        value.value().text = text.trimmed().toString();
    return value;
}

int optionBufferSize(const OptionSpec &spec)
{
    switch (spec.kind) {
    case OptionKind::Linger:
        return int(sizeof(linger));
    case OptionKind::Membership4:
        return int(sizeof(ip_mreq));
    case OptionKind::Membership6:
        return int(sizeof(ipv6_mreq));
    default:
        return 0;
    }
}

QString describeOption(const OptionSpec &spec, QByteArrayView raw)
{
    if (spec.kind == OptionKind::Linger && raw.size() >= qsizetype(sizeof(linger))) {
        linger l;
        std::memcpy(&l, raw.data(), sizeof l);
        return l.l_onoff ? QStringLiteral("on, %1 s").arg(l.l_linger) : QStringLiteral("off");
    }
    if (optionBufferSize(spec) == 0 && raw.size() >= qsizetype(sizeof(int))) {
        int value;
        std::memcpy(&value, raw.data(), sizeof value);
        return QString::number(value);
    }
    return spacedHex(raw);
}

QString pythonOptionResult(const OptionSpec &spec, QByteArrayView raw)
{
    // An int option's answer reads as Python's int; a struct's, or an answer too short for an int,
    // as its bytes (what getsockopt with a buflen returns).
    const bool asInt = optionBufferSize(spec) == 0 && raw.size() >= qsizetype(sizeof(int));
    return OptionRef::pythonResult(raw, asInt ? 0 : int(std::max<qsizetype>(raw.size(), 1)));
}

QString pythonOptionArgs(const OptionSpec &spec)
{
    if (!spec.inPython)
        return QStringLiteral("socket.%1, %2").arg(QLatin1String(spec.levelName)).arg(spec.optname);
    return QStringLiteral("socket.%1, socket.%2").arg(QLatin1String(spec.levelName), QLatin1String(spec.name));
}

OptionRef::OptionRef(const OptionSpec *known)
    : level(known ? known->level : 0)
    , optname(known ? known->optname : 0)
    , spec(known)
{
}

OptionRef OptionRef::byNumber(int level, int optname)
{
    for (const OptionSpec &entry : kOptions) {
        if (entry.level == level && entry.optname == optname)
            return OptionRef(&entry);
    }
    OptionRef ref;
    ref.level = level;
    ref.optname = optname;
    return ref;
}

int OptionRef::bufferSize() const
{
    return spec ? optionBufferSize(*spec) : 0;
}

QString OptionRef::pythonArgs() const
{
    return spec ? pythonOptionArgs(*spec) : QStringLiteral("%1, %2").arg(level).arg(optname);
}

QString OptionRef::pythonResult(QByteArrayView raw, int buflen)
{
    if (buflen == 0) {
        int value = 0;
        std::memcpy(&value, raw.data(), std::min(sizeof value, size_t(raw.size())));
        return QString::number(value);
    }
    return pythonBytesLiteral(raw);
}

QString OptionRef::describe(QByteArrayView raw) const
{
    if (spec)
        return describeOption(*spec, raw);
    if (raw.size() == qsizetype(sizeof(int))) {
        int value;
        std::memcpy(&value, raw.data(), sizeof value);
        return QString::number(value);
    }
    return spacedHex(raw);
}

void OptionSettings::set(const OptionSpec &spec, OptionValue value)
{
    for (OptionSetting &setting : m_settings) {
        if (setting.spec == &spec) {
            setting.value = std::move(value);
            return;
        }
    }
    m_settings.append(OptionSetting{&spec, std::move(value)});
}

const OptionValue *OptionSettings::find(const OptionSpec &spec) const
{
    for (const OptionSetting &setting : m_settings) {
        if (setting.spec == &spec)
            return &setting.value;
    }
    return nullptr;
}

const OptionValue *OptionSettings::find(QStringView name) const
{
    const OptionSpec *spec = findOption(name);
    return spec ? find(*spec) : nullptr;
}

QString OptionReading::text() const
{
    return ok() ? describeOption(*spec, raw) : errnoName(error);
}

const OptionReading *OptionReadings::find(QStringView name) const
{
    for (const OptionReading &reading : m_readings) {
        if (QLatin1String(reading.spec->name) == name)
            return &reading;
    }
    return nullptr;
}

bool optionAppliesTo(const OptionSpec &spec, int family)
{
    if (spec.kind == OptionKind::Membership4)
        return family == AF_INET || family == AF_INET6;
    if (spec.kind == OptionKind::Membership6)
        return family == AF_INET6;
    return true;
}

} // namespace core
