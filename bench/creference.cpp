#include "bench/creference.h"

#include "bench/peers.h"

#include "core/base/clock.h"

#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace bench::cref {

namespace {

constexpr size_t kReadSize = 128 * 1024;

void setReceiveTimeout(int fd, int ms)
{
    const timeval tv{ms / 1000, (ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

bool fillName(Endpoint &e)
{
    e.length = sizeof e.address;
    return ::getsockname(e.fd, reinterpret_cast<sockaddr *>(&e.address), &e.length) == 0;
}

Endpoint bound(int family, int type, const char *unixPath)
{
    Endpoint e;
    e.fd = ::socket(family, type | SOCK_CLOEXEC, 0);
    if (e.fd < 0)
        return e;
    int rc;
    if (family == AF_UNIX) {
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::strncpy(a.sun_path, unixPath, sizeof a.sun_path - 1);
        ::unlink(unixPath);
        rc = ::bind(e.fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    } else {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        rc = ::bind(e.fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    }
    if (rc < 0 || !fillName(e)) {
        ::close(e.fd);
        e.fd = -1;
    }
    return e;
}

} // namespace

Endpoint boundUdp()
{
    Endpoint e = bound(AF_INET, SOCK_DGRAM, nullptr);
    const int size = 4 << 20;
    if (e.fd >= 0)
        setsockopt(e.fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    return e;
}

Endpoint listening(int family, const char *unixPath, int backlog)
{
    Endpoint e = bound(family, SOCK_STREAM, unixPath);
    if (e.fd >= 0 && ::listen(e.fd, backlog) < 0) {
        ::close(e.fd);
        e.fd = -1;
    }
    return e;
}

Received recvmmsgLoop(int fd, int idleMs)
{
    // The app's batch (core/engine/socketwatch.cpp): kBatch messages of 64 KiB each per call,
    // MSG_TRUNC, each with its peer's address.
    constexpr int kBatch = 32;
    constexpr size_t kMessageSize = 64 * 1024;
    Received r;
    setReceiveTimeout(fd, idleMs);
    const std::unique_ptr<char[]> storage(new char[kBatch * kMessageSize]);
    mmsghdr messages[kBatch];
    iovec vectors[kBatch];
    sockaddr_storage peers[kBatch];
    for (;;) {
        for (int i = 0; i < kBatch; ++i) {
            vectors[i] = {storage.get() + i * kMessageSize, kMessageSize};
            messages[i] = {};
            messages[i].msg_hdr.msg_iov = &vectors[i];
            messages[i].msg_hdr.msg_iovlen = 1;
            messages[i].msg_hdr.msg_name = &peers[i];
            messages[i].msg_hdr.msg_namelen = sizeof peers[i];
        }
        // MSG_WAITFORONE: blocks (up to SO_RCVTIMEO) for the first datagram only, then takes
        // what is queued, as the app's non-blocking batch after an epoll wake-up does.
        const int n = ::recvmmsg(fd, messages, kBatch, MSG_WAITFORONE | MSG_TRUNC, nullptr);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return r; // idle: the flood and its end markers are over
        const qint64 counted = r.count;
        bool ended = false;
        for (int i = 0; i < n && !ended; ++i) {
            const char *data = static_cast<const char *>(vectors[i].iov_base);
            const size_t size = std::min<size_t>(messages[i].msg_len, kMessageSize);
            quint32 seq;
            if (size == sizeof peer::kEndMarker && std::memcmp(data, peer::kEndMarker, size) == 0) {
                ended = true;
            } else if (peer::datagramSeq(data, size, &seq)) {
                ++r.count;
                r.bytes += qint64(size);
            }
        }
        if (r.count > counted)
            r.lastWallNs = core::wallNs(); // once a batch: its last datagram has just been counted
        if (ended)
            return r;
    }
}

namespace {

// read(2) fd to EOF; where(n) says where the next read of at most n bytes goes, took(n) that it
// returned n bytes.
template<typename Where, typename Took>
Received readToEnd(int fd, Where where, Took took)
{
    Received r;
    for (;;) {
        const ssize_t n = ::read(fd, where(kReadSize), kReadSize);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        took(size_t(n));
        ++r.count;
        r.bytes += n;
        r.lastWallNs = core::wallNs();
    }
    return r;
}

int acceptOne(int listenFd, int idleMs)
{
    setReceiveTimeout(listenFd, idleMs);
    const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0)
        setReceiveTimeout(fd, idleMs);
    return fd;
}

} // namespace

Received acceptAndRead(int listenFd, int idleMs)
{
    const int fd = acceptOne(listenFd, idleMs);
    if (fd < 0)
        return {};
    const std::unique_ptr<char[]> buffer(new char[kReadSize]);
    const Received r = readToEnd(fd, [&](size_t) { return buffer.get(); }, [](size_t) {});
    ::close(fd);
    return r;
}

Received acceptAndKeep(int listenFd, int idleMs)
{
    const int fd = acceptOne(listenFd, idleMs);
    if (fd < 0)
        return {};
    constexpr size_t kBlock = size_t(4) << 20;
    std::vector<char *> blocks;
    size_t used = kBlock;
    bool failed = false;
    Received r = readToEnd(fd, [&](size_t size) -> char * {
        if (used + size > kBlock) {
            void *block = ::mmap(nullptr, kBlock, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
            if (block == MAP_FAILED) {
                failed = true;
                return nullptr; // read(2) fails with EFAULT: the round reports short
            }
            blocks.push_back(static_cast<char *>(block));
            used = 0;
        }
        return blocks.back() + used; // less room than a read: the rest is left unused, as in the store
    }, [&](size_t n) { used += n; });
    ::close(fd);
    for (char *block : blocks)
        ::munmap(block, kBlock);
    if (failed)
        r.bytes = -1; // short: the round reports it
    return r;
}

Received acceptLoop(int listenFd, int count, int firstBytes, int idleMs, std::vector<int> &held)
{
    Received r;
    setReceiveTimeout(listenFd, idleMs);
    std::vector<char> buffer(size_t(std::max(firstBytes, 1)));
    while (r.count < count) {
        const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            break;
        }
        held.push_back(fd);
        setReceiveTimeout(fd, idleMs);
        int got = 0;
        while (got < firstBytes) {
            const ssize_t n = ::read(fd, buffer.data() + got, size_t(firstBytes - got));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += int(n);
        }
        ++r.count;
        r.bytes += got;
        r.lastWallNs = core::wallNs();
    }
    return r;
}

} // namespace bench::cref
