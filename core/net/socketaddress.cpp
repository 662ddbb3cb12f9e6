// The address value: sockaddr storage, its parts, and how Python and people read it (parsing
// what people type is in addressparse.cpp).
#include "core/net/socketaddress.h"

#include "core/text/payload.h"

#include <QCoreApplication>
#include <QHashFunctions>
#include <QStringDecoder>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>

namespace core {

namespace {

// The numeric IPv6 address without a %scope suffix.
QString ipv6Text(const sockaddr_in6 &in6)
{
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
    return QString::fromLatin1(text);
}

} // namespace

SocketAddress SocketAddress::fromSockaddr(const sockaddr *address, unsigned length)
{
    SocketAddress result;
    if (!address || length < sizeof(sa_family_t))
        return result;
    length = std::min<unsigned>(length, result.m_storage.size());
    std::memcpy(result.m_storage.data(), address, length);
    result.m_length = length;
    return result;
}

SocketAddress SocketAddress::ipv4(quint32 hostOrderAddress, quint16 port)
{
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(port);
    in.sin_addr.s_addr = htonl(hostOrderAddress);
    return fromSockaddr(reinterpret_cast<const sockaddr *>(&in), sizeof in);
}

int SocketAddress::family() const
{
    if (!m_length)
        return AF_UNSPEC;
    sa_family_t family;
    std::memcpy(&family, m_storage.data(), sizeof family);
    return family;
}

const sockaddr *SocketAddress::data() const
{
    return reinterpret_cast<const sockaddr *>(m_storage.data());
}

QString SocketAddress::host() const
{
    char text[INET6_ADDRSTRLEN] = {};
    switch (family()) {
    case AF_INET: {
        sockaddr_in in;
        std::memcpy(&in, m_storage.data(), sizeof in);
        inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
        return QString::fromLatin1(text);
    }
    case AF_INET6: {
        sockaddr_in6 in6;
        std::memcpy(&in6, m_storage.data(), sizeof in6);
        QString host = ipv6Text(in6);
        if (in6.sin6_scope_id) {
            char name[IF_NAMESIZE] = {};
            host += QLatin1Char('%')
                + (if_indextoname(in6.sin6_scope_id, name) ? QString::fromLatin1(name)
                                                           : QString::number(in6.sin6_scope_id));
        }
        return host;
    }
    case AF_UNIX: {
        // As parseAddress encodes it; a leading U+FEFF is part of the name, not a mark to drop.
        QStringDecoder decode(QStringConverter::System, QStringConverter::Flag::ConvertInitialBom);
        return decode(unixPath());
    }
    default:
        return {};
    }
}

QString SocketAddress::pythonHost() const
{
    if (family() != AF_INET6)
        return host();
    sockaddr_in6 in6;
    std::memcpy(&in6, m_storage.data(), sizeof in6);
    return ipv6Text(in6);
}

SocketAddress SocketAddress::withFlowAndScope(quint32 flowInfo, quint32 scopeId) const
{
    if (family() != AF_INET6)
        return *this;
    SocketAddress copy = *this;
    const quint32 flow = htonl(flowInfo);
    std::memcpy(copy.m_storage.data() + offsetof(sockaddr_in6, sin6_flowinfo), &flow, sizeof flow);
    std::memcpy(copy.m_storage.data() + offsetof(sockaddr_in6, sin6_scope_id), &scopeId, sizeof scopeId);
    return copy;
}

SocketAddress SocketAddress::withPort(quint16 port) const
{
    SocketAddress copy = *this;
    const quint16 network = htons(port);
    if (family() == AF_INET)
        std::memcpy(copy.m_storage.data() + offsetof(sockaddr_in, sin_port), &network, sizeof network);
    else if (family() == AF_INET6)
        std::memcpy(copy.m_storage.data() + offsetof(sockaddr_in6, sin6_port), &network, sizeof network);
    return copy;
}

quint16 SocketAddress::port() const
{
    switch (family()) {
    case AF_INET: {
        sockaddr_in in;
        std::memcpy(&in, m_storage.data(), sizeof in);
        return ntohs(in.sin_port);
    }
    case AF_INET6: {
        sockaddr_in6 in6;
        std::memcpy(&in6, m_storage.data(), sizeof in6);
        return ntohs(in6.sin6_port);
    }
    default:
        return 0;
    }
}

quint32 SocketAddress::flowInfo() const
{
    if (family() != AF_INET6)
        return 0;
    sockaddr_in6 in6;
    std::memcpy(&in6, m_storage.data(), sizeof in6);
    return ntohl(in6.sin6_flowinfo);
}

quint32 SocketAddress::scopeId() const
{
    if (family() != AF_INET6)
        return 0;
    sockaddr_in6 in6;
    std::memcpy(&in6, m_storage.data(), sizeof in6);
    return in6.sin6_scope_id;
}

QByteArray SocketAddress::unixPath() const
{
    if (family() != AF_UNIX || m_length <= offsetof(sockaddr_un, sun_path))
        return {};
    const char *path = reinterpret_cast<const char *>(m_storage.data()) + offsetof(sockaddr_un, sun_path);
    const int size = int(m_length - offsetof(sockaddr_un, sun_path));
    if (size > 0 && path[0] == '\0')
        return QByteArray(path, size); // abstract: every byte counts, NULs included
    return QByteArray(path, int(strnlen(path, size)));
}

bool SocketAddress::isUnnamed() const
{
    return family() == AF_UNIX && unixPath().isEmpty();
}

bool SocketAddress::isAbstract() const
{
    const QByteArray path = unixPath();
    return family() == AF_UNIX && !path.isEmpty() && path.at(0) == '\0';
}

QString SocketAddress::toPython() const
{
    switch (family()) {
    case AF_INET:
        return QStringLiteral("('%1', %2)").arg(host()).arg(port());
    case AF_INET6: {
        // As CPython 3.7+ does: the scope is the 4th item only, never a '%lo' suffix on the host.
        return QStringLiteral("('%1', %2, %3, %4)").arg(pythonHost()).arg(port()).arg(flowInfo()).arg(scopeId());
    }
    case AF_UNIX:
        if (isAbstract())
            return pythonBytesLiteral(unixPath());
        return pythonStrLiteral(host());
    default:
        return QStringLiteral("None");
    }
}

QString SocketAddress::toText() const
{
    switch (family()) {
    case AF_INET:
        return QStringLiteral("%1:%2").arg(host()).arg(port());
    case AF_INET6:
        return QStringLiteral("[%1]:%2").arg(host()).arg(port());
    case AF_UNIX:
        if (isUnnamed())
            return QStringLiteral("(unnamed)");
        if (isAbstract()) {
            // Escaped as payloads are, and a trailing space too: parseAddress trims the text.
            QString name = escapedText(unixPath().mid(1));
            if (name.endsWith(QLatin1Char(' ')))
                name.replace(name.size() - 1, 1, QStringLiteral("\\x20"));
            return QLatin1Char('@') + name;
        }
        return host();
    default:
        return QString();
    }
}

bool SocketAddress::operator==(const SocketAddress &other) const
{
    return m_length == other.m_length && std::memcmp(m_storage.data(), other.m_storage.data(), m_length) == 0;
}

size_t qHash(const SocketAddress &address, size_t seed)
{
    return qHashBits(address.data(), address.length(), seed);
}

QString TypedAddress::toPython() const
{
    if (!needsLookup())
        return address.toPython();
    if (address.family() == AF_INET6 && (address.flowInfo() || address.scopeId()))
        return QStringLiteral("('%1', %2, %3, %4)").arg(hostName).arg(address.port()).arg(address.flowInfo()).arg(address.scopeId());
    return QStringLiteral("('%1', %2)").arg(hostName).arg(address.port());
}

QString TypedAddress::toText() const
{
    return needsLookup() ? QStringLiteral("%1:%2").arg(hostName).arg(address.port()) : address.toText();
}

} // namespace core
