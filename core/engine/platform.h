#pragma once

#include <QString>

#include <cerrno>

namespace core::platform {

// The Linux-only reads behind a small seam, so another OS needs only this file's twin.
int queuedIn(int fd);     // bytes waiting to be read (SIOCINQ), -1 when not available
int queuedOut(int fd);    // bytes not yet acknowledged/sent (SIOCOUTQ), -1 when not available
QString tcpState(int fd); // TCP_INFO's state: ESTABLISHED, CLOSE_WAIT, ...; empty when unknown
// Names the calling thread for top, perf and gdb (at most 15 characters on Linux).
void nameThisThread(const char *name);

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
