#pragma once

#include "core/net/socketaddress.h"
#include "tests/core/testsupport.h"

#include <sys/socket.h>
#include <unistd.h>

// Helpers shared by the address tests: a descriptor that closes itself (testsupport's), and the names the kernel
// gives a socket, read back as SocketAddress.
namespace addresssupport {

using testsupport::Fd;

inline core::SocketAddress localName(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    return core::SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
}

inline core::SocketAddress peerName(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    return core::SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
}

} // namespace addresssupport
