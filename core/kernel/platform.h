#pragma once

#include "core/kernel/tcpstate.h"

#include <QByteArray>

#include <cerrno>

namespace core::platform {

// The Linux-only reads behind a small seam, so another OS needs only this file's twin.
int queuedIn(int fd);     // bytes waiting to be read (SIOCINQ), -1 when not available
int queuedOut(int fd);    // bytes not yet acknowledged/sent (SIOCOUTQ), -1 when not available
TcpState tcpState(int fd); // TCP_INFO's state; Unknown when it cannot be read
// What the kernel says a descriptor is (SO_DOMAIN, SO_TYPE, SO_PROTOCOL, SO_ACCEPTCONN).
struct SocketKind
{
    int family = 0;
    int type = 0;
    int proto = 0;
    bool listening = false;
};
// 0, or the errno: EBADF for a descriptor that is not open, ENOTSOCK for one that is no socket.
int describeSocket(int fd, SocketKind *kind);
// Sets O_NONBLOCK, keeping the descriptor's other status flags; 0 or the errno.
int setNonBlocking(int fd);
// Names the calling thread for top, perf and gdb (at most 15 characters on Linux).
void nameThisThread(const char *name);
// Descriptors this process may still open: RLIMIT_NOFILE's soft limit less those open now
// (/proc/self/fd); -1 when not known.
long descriptorsLeft();
// Raises RLIMIT_NOFILE's soft limit to the hard limit (at most 1,048,576): a desktop session's
// soft limit is 1024, too few for "Connect N clients" up to 10,000. Returns the soft limit now.
long raiseDescriptorLimit();

// The path of the file a descriptor has open (/proc/self/fd/N), empty when it names none: a pipe,
// a socket, a file deleted since it was opened.
QByteArray filePath(int fd);

// Runs a syscall again while it fails with EINTR.
template<typename Fn>
auto retryEintr(Fn fn)
{
    for (;;) {
        auto result = fn();
        if (!(result < 0 && errno == EINTR))
            return result;
    }
}

} // namespace core::platform
