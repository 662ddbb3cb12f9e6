#pragma once

#include "core/calls/outcome.h"
#include "core/net/socketaddress.h"

namespace core::lookup {

// Blocking name lookups, each rendered as the socket module's function would return or raise.
// They run on lookup threads (see Workbench), never on an I/O thread or the GUI thread.
Outcome gethostname();
Outcome gethostbyname(const QString &host);
Outcome gethostbynameEx(const QString &host);
Outcome getaddrinfo(const QString &host, const QString &port, int family, int type, int proto, int flags);
Outcome gethostbyaddr(const QString &address);
Outcome getnameinfo(const SocketAddress &address, int flags);
// The host name of a bind/connect/sendto address, resolved as CPython's setipaddr() does (the
// first getaddrinfo answer of the socket's family). On success *address gets that host and keeps
// its port (and AF_INET6 flow info and scope id); on failure the Outcome is the socket.gaierror.
Outcome resolveAddress(const QString &host, SocketAddress *address);

} // namespace core::lookup
