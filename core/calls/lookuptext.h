#pragma once

#include "core/net/socketaddress.h"

#include <QString>
#include <QStringList>

namespace core::lookup {

// The Python spelling of each call, for the journal.
QString gethostnameCall();
QString gethostbynameCall(const QString &host);
QString gethostbynameExCall(const QString &host);
QString getaddrinfoCall(const QString &host, const QString &port, int family, int type, int proto, int flags);
QString gethostbyaddrCall(const QString &address);
QString getnameinfoCall(const SocketAddress &address, int flags);

// Python's repr of a getaddrinfo family/kind: <AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>.
QString pythonFamilyEnum(int family);
QString pythonKindEnum(int type);

// Python literals of a lookup's arguments and results: ['a', 'b']; a port as int or str ('' is
// None); a host as str ('' is None).
QString pythonStringList(const QStringList &items);
QString pythonPort(const QString &port);
QString pythonHost(const QString &host);

} // namespace core::lookup
