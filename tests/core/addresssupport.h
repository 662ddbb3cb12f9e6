#pragma once

#include "core/net/socketaddress.h"

#include <sys/socket.h>
#include <unistd.h>

// Helpers shared by the address tests: a descriptor that closes itself, and the names the kernel
// gives a socket, read back as SocketAddress.
namespace addresssupport {

// A socket descriptor closed at the end of the scope.
struct Fd
{
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

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
