#include "core/engine/streamlayer.h"

#include "core/kernel/platform.h"

#include <cerrno>

namespace core {

namespace {

// EAGAIN is the plain layer's only wait: the direction of the call itself.
LayerMove fromSyscall(ssize_t n, Step wait)
{
    if (n >= 0)
        return LayerMove::moved(n);
    return errno == EAGAIN ? LayerMove::wait(wait) : LayerMove::failed(errno);
}

} // namespace

LayerMove PlainLayer::send(int fd, QByteArrayView bytes, int flags, const sockaddr *to, socklen_t toLength)
{
    flags |= MSG_NOSIGNAL; // a closed peer is EPIPE for the call, not SIGPIPE for the process
    const ssize_t n = platform::retryEintr([&] {
        return to ? ::sendto(fd, bytes.data(), size_t(bytes.size()), flags, to, toLength)
                  : ::send(fd, bytes.data(), size_t(bytes.size()), flags);
    });
    return fromSyscall(n, Step::WaitWrite);
}

LayerMove PlainLayer::receive(int fd, char *buffer, qsizetype size, int flags, sockaddr *from, socklen_t *fromLength)
{
    const socklen_t room = fromLength ? *fromLength : 0;
    const ssize_t n = platform::retryEintr([&] {
        if (fromLength)
            *fromLength = room;
        return ::recvfrom(fd, buffer, size_t(size), flags, from, fromLength);
    });
    return fromSyscall(n, Step::WaitRead);
}

LayerMove PlainLayer::sendMessage(int fd, const msghdr &message, int flags)
{
    const ssize_t n = platform::retryEintr([&] { return ::sendmsg(fd, &message, flags | MSG_NOSIGNAL); });
    return fromSyscall(n, Step::WaitWrite);
}

LayerMove PlainLayer::receiveMessage(int fd, msghdr *message, int flags)
{
    // recvmsg rewrites the lengths: an attempt after EINTR starts from the sizes given.
    const socklen_t nameRoom = message->msg_namelen;
    const size_t controlRoom = message->msg_controllen;
    const ssize_t n = platform::retryEintr([&] {
        message->msg_namelen = nameRoom;
        message->msg_controllen = controlRoom;
        return ::recvmsg(fd, message, flags);
    });
    return fromSyscall(n, Step::WaitRead);
}

} // namespace core
