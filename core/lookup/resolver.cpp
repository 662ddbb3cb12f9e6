#include "core/lookup/resolver.h"

#include "core/calls/lookuptext.h"
#include "core/net/constants.h"
#include "core/net/errors.h"
#include "core/text/payload.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace core::lookup {

namespace {

Outcome gaiFailure(int error)
{
    if (error == EAI_SYSTEM)
        return Outcome::osError(errno);
    return Outcome::failed(PythonError::gaiError(error), gaiErrorName(error));
}

Outcome hostFailure(int error)
{
    const QString name = error == HOST_NOT_FOUND ? QStringLiteral("HOST_NOT_FOUND")
                       : error == TRY_AGAIN     ? QStringLiteral("TRY_AGAIN")
                       : error == NO_RECOVERY   ? QStringLiteral("NO_RECOVERY")
                       : error == NO_DATA       ? QStringLiteral("NO_DATA")
                                                : QStringLiteral("h_errno %1").arg(error);
    return Outcome::failed(PythonError::hostError(error), name);
}

// Resolves an IPv4 name as CPython's setipaddr() does before the gethostby* calls, including its
// two special names: '' is INADDR_ANY and '<broadcast>' is INADDR_BROADCAST.
int resolveIpv4(const QString &host, in_addr *out)
{
    if (host.isEmpty()) {
        out->s_addr = htonl(INADDR_ANY);
        return 0;
    }
    if (host == QLatin1String("<broadcast>")) {
        out->s_addr = htonl(INADDR_BROADCAST);
        return 0;
    }
    addrinfo hints{};
    hints.ai_family = AF_INET;
    addrinfo *list = nullptr;
    const int rc = ::getaddrinfo(host.toUtf8().constData(), nullptr, &hints, &list);
    if (rc != 0)
        return rc;
    *out = reinterpret_cast<sockaddr_in *>(list->ai_addr)->sin_addr;
    freeaddrinfo(list);
    return 0;
}

QString ipv4Text(const in_addr &address)
{
    char text[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &address, text, sizeof text);
    return QString::fromLatin1(text);
}

// (hostname, aliaslist, ipaddrlist) from a struct hostent, as gethostbyname_ex/gethostbyaddr return.
Outcome hostentOutcome(const hostent &entry)
{
    auto result = std::make_shared<LookupResult>();
    result->name = QString::fromUtf8(entry.h_name);
    for (char **alias = entry.h_aliases; alias && *alias; ++alias)
        result->aliases += QString::fromUtf8(*alias);
    QStringList addresses;
    for (char **address = entry.h_addr_list; address && *address; ++address) {
        char text[INET6_ADDRSTRLEN];
        inet_ntop(entry.h_addrtype, *address, text, sizeof text);
        addresses += QString::fromLatin1(text);
        AddressInfo info;
        info.family = entry.h_addrtype;
        if (entry.h_addrtype == AF_INET) {
            in_addr in;
            std::memcpy(&in, *address, sizeof in);
            info.address = SocketAddress::ipv4(ntohl(in.s_addr), 0);
        }
        result->entries += info;
    }
    Outcome o = Outcome::ok(QStringLiteral("(%1, %2, %3)")
                                .arg(pythonStrLiteral(result->name), pythonStringList(result->aliases),
                                     pythonStringList(addresses)));
    o.lookup = result;
    return o;
}

} // namespace

Outcome gethostname()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return Outcome::osError(errno);
    auto result = std::make_shared<LookupResult>();
    result->name = QString::fromUtf8(name);
    Outcome o = Outcome::ok(pythonStrLiteral(result->name));
    o.lookup = result;
    return o;
}

Outcome gethostbyname(const QString &host)
{
    in_addr address{};
    if (const int rc = resolveIpv4(host, &address))
        return gaiFailure(rc);
    auto result = std::make_shared<LookupResult>();
    result->name = host;
    AddressInfo info;
    info.family = AF_INET;
    info.address = SocketAddress::ipv4(ntohl(address.s_addr), 0);
    result->entries += info;
    Outcome o = Outcome::ok(pythonStrLiteral(ipv4Text(address)));
    o.lookup = result;
    return o;
}

Outcome gethostbynameEx(const QString &host)
{
    in_addr address{};
    if (const int rc = resolveIpv4(host, &address))
        return gaiFailure(rc);
    hostent entry{};
    hostent *found = nullptr;
    int hostError = 0;
    std::vector<char> buffer(16384);
    const QByteArray name = host.toUtf8();
    while (gethostbyname_r(name.constData(), &entry, buffer.data(), buffer.size(), &found, &hostError) == ERANGE)
        buffer.resize(buffer.size() * 2);
    if (!found)
        return hostFailure(hostError);
    return hostentOutcome(entry);
}

Outcome gethostbyaddr(const QString &address)
{
    in6_addr in6{};
    in_addr in{};
    int family = AF_INET;
    const void *raw = &in;
    socklen_t length = sizeof in;
    if (address.isEmpty()) {
        // CPython resolves '' as a wildcard of any family here, finds several and gives up.
        return Outcome::failed(PythonError::osError(QStringLiteral("wildcard resolved to multiple address")),
                               QStringLiteral("OSError"));
    }
    if (inet_pton(AF_INET6, address.toLatin1().constData(), &in6) == 1) {
        family = AF_INET6;
        raw = &in6;
        length = sizeof in6;
    } else if (const int rc = resolveIpv4(address, &in)) {
        return gaiFailure(rc);
    }
    hostent entry{};
    hostent *found = nullptr;
    int hostError = 0;
    std::vector<char> buffer(16384);
    while (gethostbyaddr_r(raw, length, family, &entry, buffer.data(), buffer.size(), &found, &hostError) == ERANGE)
        buffer.resize(buffer.size() * 2);
    if (!found)
        return hostFailure(hostError);
    return hostentOutcome(entry);
}

Outcome getaddrinfo(const QString &host, const QString &port, int family, int type, int proto, int flags)
{
    addrinfo hints{};
    hints.ai_family = family;
    hints.ai_socktype = type;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    const QByteArray hostBytes = host.toUtf8();
    const QByteArray portBytes = port.toUtf8();
    addrinfo *list = nullptr;
    const int rc = ::getaddrinfo(host.isEmpty() ? nullptr : hostBytes.constData(),
                                 port.isEmpty() ? nullptr : portBytes.constData(), &hints, &list);
    if (rc != 0)
        return gaiFailure(rc);
    auto result = std::make_shared<LookupResult>();
    QStringList rows;
    for (addrinfo *ai = list; ai; ai = ai->ai_next) {
        AddressInfo info;
        info.family = ai->ai_family;
        info.type = ai->ai_socktype;
        info.proto = ai->ai_protocol;
        info.canonName = ai->ai_canonname ? QString::fromUtf8(ai->ai_canonname) : QString();
        info.address = SocketAddress::fromSockaddr(ai->ai_addr, ai->ai_addrlen);
        if (!info.canonName.isEmpty() && result->name.isEmpty())
            result->name = info.canonName;
        rows += QStringLiteral("(%1, %2, %3, %4, %5)")
                    .arg(pythonFamilyEnum(info.family), pythonKindEnum(info.type))
                    .arg(info.proto)
                    .arg(pythonStrLiteral(info.canonName), info.address.toPython());
        result->entries += info;
    }
    freeaddrinfo(list);
    Outcome o = Outcome::ok(QLatin1Char('[') + rows.join(QLatin1String(", ")) + QLatin1Char(']'));
    o.count = result->entries.size();
    o.lookup = result;
    return o;
}

Outcome getnameinfo(const SocketAddress &address, int flags)
{
    char host[NI_MAXHOST] = {};
    char service[NI_MAXSERV] = {};
    const int rc = ::getnameinfo(address.data(), address.length(), host, sizeof host, service, sizeof service, flags);
    if (rc != 0)
        return gaiFailure(rc);
    auto result = std::make_shared<LookupResult>();
    result->name = QString::fromUtf8(host);
    result->aliases += QString::fromUtf8(service);
    Outcome o = Outcome::ok(QStringLiteral("(%1, %2)").arg(pythonStrLiteral(result->name), pythonStrLiteral(result->aliases[0])));
    o.lookup = result;
    return o;
}

Outcome resolveAddress(const QString &host, SocketAddress *address)
{
    const int family = address->family();
    addrinfo hints{};
    hints.ai_family = family;
    addrinfo *list = nullptr;
    const int rc = ::getaddrinfo(host.toUtf8().constData(), nullptr, &hints, &list);
    if (rc != 0)
        return gaiFailure(rc);
    sockaddr_storage resolved{};
    std::memcpy(&resolved, list->ai_addr, std::min<size_t>(list->ai_addrlen, sizeof resolved));
    const socklen_t length = list->ai_addrlen;
    freeaddrinfo(list);
    if (family == AF_INET) {
        reinterpret_cast<sockaddr_in &>(resolved).sin_port = htons(address->port());
    } else {
        auto &in6 = reinterpret_cast<sockaddr_in6 &>(resolved);
        in6.sin6_port = htons(address->port());
        in6.sin6_flowinfo = htonl(address->flowInfo());
        in6.sin6_scope_id = address->scopeId();
    }
    *address = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&resolved), length);
    return Outcome::ok(address->toPython());
}

} // namespace core::lookup
