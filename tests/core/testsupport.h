#pragma once

#include "core/net/constants.h"
#include "core/workbench.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <dirent.h>
#include <sys/socket.h>
#include <unistd.h>

// Helpers shared by the core tests: descriptor counts, waiting for journaled calls, and
// ready-made loopback endpoints driven through the Workbench itself.
namespace testsupport {

// A call value on a socket, as the façade would make it (size: bufsize, backlog-free calls' number).
inline core::Call callOn(core::CallKind kind, int socketId, qint64 size = 0, QByteArray data = {})
{
    core::Call call;
    call.kind = kind;
    call.socketId = socketId;
    call.size = size;
    call.data = std::move(data);
    return call;
}

// A descriptor closed at the end of the scope.
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

inline int openFdCount()
{
    int count = 0;
    if (DIR *dir = opendir("/proc/self/fd")) {
        while (readdir(dir))
            ++count;
        closedir(dir);
    }
    return count;
}

// Threads of this process: a waiting call must not cost one.
inline int threadCount()
{
    int count = 0;
    if (DIR *dir = opendir("/proc/self/task")) {
        while (dirent *e = readdir(dir))
            count += e->d_name[0] != '.';
        closedir(dir);
    }
    return count;
}

// The epoll sets this process has open (each I/O thread has one).
inline QList<int> epollFds()
{
    QList<int> fds;
    if (DIR *dir = opendir("/proc/self/fd")) {
        while (dirent *e = readdir(dir)) {
            char target[64] = {};
            const QByteArray link = QByteArray("/proc/self/fd/") + e->d_name;
            if (readlink(link.constData(), target, sizeof target - 1) > 0 && qstrcmp(target, "anon_inode:[eventpoll]") == 0)
                fds << QByteArray(e->d_name).toInt();
        }
        closedir(dir);
    }
    return fds;
}

// How many descriptors an epoll set watches: the kernel lists each as a "tfd:" line.
inline int watchedBy(int epollFd)
{
    QFile info(QStringLiteral("/proc/self/fdinfo/%1").arg(epollFd));
    if (!info.open(QIODevice::ReadOnly))
        return -1;
    int count = 0;
    for (const QByteArray &line : info.readAll().split('\n'))
        count += line.startsWith("tfd:");
    return count;
}

// Waits (bounded) for a call to finish and returns its record.
inline core::CallRecord finished(core::Workbench &wb, core::CallId id, int timeoutMs = 5000)
{
    if (!wb.journal().wait(id, timeoutMs))
        qWarning("call %llu did not finish within %d ms: %s", id, timeoutMs, qPrintable(wb.journal().call(id).call));
    return wb.journal().call(id);
}

inline bool succeeded(const core::CallRecord &r)
{
    if (r.outcome.status != core::CallStatus::Done)
        qWarning("%s -> %s", qPrintable(r.call), qPrintable(r.outcome.result));
    return r.outcome.status == core::CallStatus::Done;
}

inline core::SocketAddress address(const QString &text, int family)
{
    const auto parsed = core::parseAddress(text, family);
    if (!parsed)
        qWarning("bad test address %s: %s", qPrintable(text), qPrintable(parsed.error().message));
    return parsed ? parsed.value() : core::SocketAddress();
}

// An address on loopback with an ephemeral port, or a fresh path in dir for AF_UNIX.
inline core::SocketAddress loopback(int family, const QTemporaryDir &dir, const QString &name = QStringLiteral("s"))
{
    if (family == AF_INET)
        return address(QStringLiteral("127.0.0.1:0"), family);
    if (family == AF_INET6)
        return address(QStringLiteral("[::1]:0"), family);
    return address(dir.filePath(name + QStringLiteral(".sock")), family);
}

// A created, bound and listening stream socket; returns its id and real address.
struct Listener
{
    int id = -1;
    core::SocketAddress address;
};

inline Listener listener(core::Workbench &wb, int family, const QTemporaryDir &dir, int type = SOCK_STREAM,
                         const QString &name = QStringLiteral("listener"))
{
    Listener l;
    const auto created = wb.createSocket(family, type);
    l.id = created.socketId;
    wb.bind(l.id, loopback(family, dir, name));
    wb.listen(l.id, 16);
    const core::CallRecord named = finished(wb, wb.sockName(l.id));
    l.address = named.outcome.address;
    return l;
}

// A listener, a client connected to it and the accepted end.
struct Connection
{
    Listener server;
    int client = -1;
    int accepted = -1;
};

inline Connection connection(core::Workbench &wb, int family, const QTemporaryDir &dir, int type = SOCK_STREAM)
{
    Connection c;
    c.server = listener(wb, family, dir, type);
    c.client = wb.createSocket(family, type).socketId;
    const core::CallId connected = wb.connect(c.client, c.server.address);
    const core::CallRecord accepted = finished(wb, wb.accept(c.server.id));
    finished(wb, connected);
    c.accepted = accepted.outcome.socketId;
    return c;
}

} // namespace testsupport
