#pragma once

#include "core/base/result.h"

#include <QMetaType>
#include <QString>

#include <array>
#include <cstddef>

struct sockaddr;

namespace core {

// A socket address of any family (AF_INET, AF_INET6, AF_UNIX), held as the kernel's sockaddr
// bytes so it can be handed to bind/connect/sendto unchanged. Renders itself as Python writes
// it (('127.0.0.1', 8080), ('::1', 8080, 0, 0), '/tmp/x.sock', b'\x00name') and as short text
// for tables (127.0.0.1:8080, [::1]:8080, /tmp/x.sock, @name).
class SocketAddress
{
public:
    SocketAddress() = default;
    static SocketAddress fromSockaddr(const sockaddr *address, unsigned length);
    static SocketAddress ipv4(quint32 hostOrderAddress, quint16 port);

    bool isValid() const { return m_length > 0; }
    int family() const;
    const sockaddr *data() const;
    unsigned length() const { return m_length; }

    // IP families: the numeric host, port, flow info and scope id. UNIX: the path. An IPv6 host
    // with a scope id says it as people write it (fe80::1%lo); pythonHost() is the host as
    // Python's address tuples give it, without the scope (their 4th item holds it).
    QString host() const;
    QString pythonHost() const;
    quint16 port() const;
    // The same IP address with another port; other families are returned unchanged.
    SocketAddress withPort(quint16 port) const;
    // The same IPv6 address with another flow info and scope id; other families unchanged.
    SocketAddress withFlowAndScope(quint32 flowInfo, quint32 scopeId) const;
    quint32 flowInfo() const;
    quint32 scopeId() const;
    bool isUnnamed() const;    // AF_UNIX with no name (an unbound or autobind-less socket)
    bool isAbstract() const;   // AF_UNIX in the abstract namespace (first byte NUL)
    QByteArray unixPath() const;

    QString toPython() const;
    QString toText() const;

    bool operator==(const SocketAddress &other) const;
    bool operator!=(const SocketAddress &other) const { return !(*this == other); }

private:
    std::array<unsigned char, 128> m_storage{};
    unsigned m_length = 0;
};

size_t qHash(const SocketAddress &address, size_t seed = 0);

// Parses an address typed by a person for a socket of the given family. Accepted forms:
//   AF_INET:  127.0.0.1:8080, localhost:8080, ('127.0.0.1', 8080)
//   AF_INET6: [::1]:8080, [fe80::1%lo]:8080, ::1 8080, ('::1', 8080, 0, 0), localhost:8080
//   AF_UNIX:  /path/to.sock, relative/path, @abstract-name, \0abstract-name (an abstract name takes
//             the payload escapes, \x00 \\ ..., as toText() writes them)
// Errors name what is wrong (bad IP, port outside 0-65535, empty host, path over 107 bytes).
Result<SocketAddress> parseAddress(QStringView text, int family);

// An address as a person typed it for bind, connect or sendto: numeric (address is complete), or
// with a host name still to resolve (hostName as typed; address has the family, the port and,
// for AF_INET6, the flow info and scope id; the host is filled in when the name is resolved).
struct TypedAddress
{
    TypedAddress() = default;
    TypedAddress(const SocketAddress &numeric) : address(numeric) {} // NOLINT: a numeric address is a typed one
    SocketAddress address;
    QString hostName;
    bool needsLookup() const { return !hostName.isEmpty(); }
    bool isValid() const { return address.isValid(); }
    // As Python source writes the argument: ('example.com', 80), or address.toPython().
    QString toPython() const;
    // As a person types it back: example.com:80, or address.toText().
    QString toText() const;
};

// As parseAddress, and host names are accepted too (example.com:80, ('example.com', 80)), as
// Python's bind, connect and sendto take them; "localhost" stays a name here, resolved like any.
Result<TypedAddress> parseTypedAddress(QStringView text, int family);

// Parses a port number (0-65535) or reports why it is not one.
Result<quint16> parsePort(QStringView text);

} // namespace core

Q_DECLARE_METATYPE(core::SocketAddress)
