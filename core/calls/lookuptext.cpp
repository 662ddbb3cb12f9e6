#include "core/calls/lookuptext.h"

#include "core/net/constants.h"
#include "core/text/payload.h"

#include <netdb.h>

namespace core::lookup {

QString pythonStringList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted += pythonStrLiteral(item);
    return QLatin1Char('[') + quoted.join(QLatin1String(", ")) + QLatin1Char(']');
}

// Python passes a numeric port as an int and a service name as a str; '' means None.
QString pythonPort(const QString &port)
{
    if (port.isEmpty())
        return QStringLiteral("None");
    // As a Python int literal: 080 would be a SyntaxError.
    bool numeric = false;
    const uint value = port.toUInt(&numeric);
    return numeric ? QString::number(value) : pythonStrLiteral(port);
}

QString pythonHost(const QString &host)
{
    return host.isEmpty() ? QStringLiteral("None") : pythonStrLiteral(host);
}

QString pythonFamilyEnum(int family)
{
    const QString name = constantName(addressFamilies(), family);
    if (name == QString::number(family))
        return name;
    return QStringLiteral("<AddressFamily.%1: %2>").arg(name).arg(family);
}

QString pythonKindEnum(int type)
{
    const QString name = constantName(socketTypes(), type);
    if (name == QString::number(type))
        return name;
    return QStringLiteral("<SocketKind.%1: %2>").arg(name).arg(type);
}

QString gethostnameCall() { return QStringLiteral("socket.gethostname()"); }
QString gethostbynameCall(const QString &host) { return QStringLiteral("socket.gethostbyname(%1)").arg(pythonStrLiteral(host)); }
QString gethostbynameExCall(const QString &host) { return QStringLiteral("socket.gethostbyname_ex(%1)").arg(pythonStrLiteral(host)); }
QString gethostbyaddrCall(const QString &address) { return QStringLiteral("socket.gethostbyaddr(%1)").arg(pythonStrLiteral(address)); }

QString getaddrinfoCall(const QString &host, const QString &port, int family, int type, int proto, int flags)
{
    QString call = QStringLiteral("socket.getaddrinfo(%1, %2").arg(pythonHost(host), pythonPort(port));
    if (family || type || proto || flags) {
        call += QStringLiteral(", %1, %2, %3, %4")
                    .arg(family ? pythonConstant(addressFamilies(), family) : QStringLiteral("0"))
                    .arg(type ? pythonConstant(socketTypes(), type) : QStringLiteral("0"))
                    .arg(proto)
                    .arg(flags & AI_CANONNAME ? (flags == AI_CANONNAME ? QStringLiteral("socket.AI_CANONNAME")
                                                                       : QString::number(flags))
                                              : QString::number(flags));
    }
    return call + QLatin1Char(')');
}

QString getnameinfoCall(const SocketAddress &address, int flags)
{
    return QStringLiteral("socket.getnameinfo(%1, %2)").arg(address.toPython()).arg(flags);
}

} // namespace core::lookup
