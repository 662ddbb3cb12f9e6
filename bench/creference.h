#pragma once

#include <QtGlobal>

#include <sys/socket.h>

#include <vector>

// The bare C references: the same receiving I/O as the app does, with plain blocking syscalls
// on a thread of their own and nothing else (no store, no journal, no window). Every loop ends
// when its work is done or after idleMs without progress.
namespace bench::cref {

struct Endpoint
{
    int fd = -1;
    sockaddr_storage address{};
    socklen_t length = 0;
    const sockaddr *sockaddrPtr() const { return reinterpret_cast<const sockaddr *>(&address); }
};

// A UDP socket bound to 127.0.0.1 on a port the kernel picks, with the receive buffer the app
// asks for on a watched datagram socket (SO_RCVBUF 4 MiB, capped by net.core.rmem_max).
Endpoint boundUdp();
// A stream socket listening on 127.0.0.1 (AF_INET) or at unixPath (AF_UNIX).
Endpoint listening(int family, const char *unixPath, int backlog);

struct Received
{
    qint64 count = 0;      // datagrams, reads or connections
    qint64 bytes = 0;
    qint64 lastWallNs = 0; // when the last one arrived
};

// recvmmsg(2) loop in the app's batches (32 datagrams a call, 64 KiB each, MSG_TRUNC): counts
// our 64-byte datagrams until the end marker arrives.
Received recvmmsgLoop(int fd, int idleMs);
// accept(2) one connection, then read(2) it to EOF in 128 KiB reads (the app's read size).
Received acceptAndRead(int listenFd, int idleMs);
// The same, but keeping every byte as a store must: each read goes into fresh memory (4 MiB
// blocks from mmap(MAP_POPULATE), freed at the end), where acceptAndRead reuses one buffer.
Received acceptAndKeep(int listenFd, int idleMs);
// accept4(2) count connections and read(2) each one's first firstBytes; the descriptors are
// held (appended to held) so that all connections stay open at once, as in the app.
Received acceptLoop(int listenFd, int count, int firstBytes, int idleMs, std::vector<int> &held);

} // namespace bench::cref
