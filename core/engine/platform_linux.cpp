#include "platform.h"

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace core::platform {

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

QString tcpState(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return {};
    static const char *const names[] = {"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
                                        "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"};
    if (info.tcpi_state < sizeof names / sizeof *names)
        return QString::fromLatin1(names[info.tcpi_state]);
    return QString::number(info.tcpi_state);
}

void nameThisThread(const char *name)
{
    ::pthread_setname_np(::pthread_self(), name);
}

} // namespace core::platform
