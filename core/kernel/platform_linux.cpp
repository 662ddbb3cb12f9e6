#include "core/kernel/platform.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace core::platform {

int describeSocket(int fd, SocketKind *kind)
{
    int values[4] = {0, 0, 0, 0};
    const int names[4] = {SO_DOMAIN, SO_TYPE, SO_PROTOCOL, SO_ACCEPTCONN};
    for (int i = 0; i < 4; ++i) {
        socklen_t length = sizeof values[i];
        if (::getsockopt(fd, SOL_SOCKET, names[i], &values[i], &length) != 0)
            return errno;
    }
    *kind = SocketKind{values[0], values[1], values[2], values[3] != 0};
    return 0;
}

int setNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        return errno;
    return 0;
}

int queuedIn(int fd)
{
    int value = 0;
    return ::ioctl(fd, SIOCINQ, &value) == 0 ? value : -1;
}

int queuedOut(int fd)
{
    int value = 0;
    return ::ioctl(fd, SIOCOUTQ, &value) == 0 ? value : -1;
}

TcpState tcpState(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return TcpState::Unknown;
    return static_cast<TcpState>(info.tcpi_state);
}

void nameThisThread(const char *name)
{
    ::pthread_setname_np(::pthread_self(), name);
}

long descriptorsLeft()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return -1;
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    long open = -1; // the directory's own descriptor is listed too
    while (const dirent *entry = ::readdir(dir))
        open += entry->d_name[0] != '.';
    ::closedir(dir);
    return std::max(0L, long(limit.rlim_cur) - open);
}

QByteArray filePath(int fd)
{
    char target[4096];
    const QByteArray link = "/proc/self/fd/" + QByteArray::number(fd);
    const ssize_t n = ::readlink(link.constData(), target, sizeof target);
    if (n <= 0 || n == ssize_t(sizeof target) || target[0] != '/')
        return {};
    const QByteArray path(target, n);
    return path.endsWith(" (deleted)") ? QByteArray() : path;
}

long raiseDescriptorLimit()
{
    constexpr rlim_t kMost = 1 << 20;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    const rlim_t wanted = limit.rlim_max == RLIM_INFINITY ? kMost : std::min(limit.rlim_max, kMost);
    if (limit.rlim_cur < wanted) {
        limit.rlim_cur = wanted;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    return long(limit.rlim_cur);
}

} // namespace core::platform
