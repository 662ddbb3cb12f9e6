#pragma once

#include "core/net/socketaddress.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <utility>

namespace core {

// The UNIX socket file a bind() created, remembered by device and inode so that closing removes
// that very file and nothing else: a file swapped in since, or a symlink, is left alone.
// (Python leaves the file; the window tidies up what its own sockets made.)
class SocketFile final
{
public:
    // After a successful bind: remembers the file if the address is a path that is now a socket.
    void remember(const SocketAddress &bound);
    // Removes the remembered file if it is still ours; returns its path, or an empty string.
    QString removeIfOurs();

private:
    QByteArray m_path;
    quint64 m_device = 0;
    quint64 m_inode = 0;
};

// A descriptor that closes when its owner goes: moved, never copied (sendfile's file).
class OwnedFd final
{
public:
    OwnedFd() = default;
    explicit OwnedFd(int fd) : m_fd(fd) {}
    OwnedFd(OwnedFd &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    OwnedFd &operator=(OwnedFd &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    OwnedFd(const OwnedFd &) = delete;
    OwnedFd &operator=(const OwnedFd &) = delete;
    ~OwnedFd() { reset(); }
    int get() const { return m_fd; }
    void reset();

private:
    int m_fd = -1;
};

// A growing pause between retries: first, doubled each time, at most max. For accept under
// EMFILE and for a blocking connect to a full AF_UNIX backlog.
class Backoff final
{
public:
    constexpr Backoff(qint64 firstNs, qint64 maxNs) : m_first(firstNs), m_max(maxNs) {}
    // The next pause.
    qint64 next()
    {
        m_step = m_step ? std::min(m_step * 2, m_max) : m_first;
        return m_step;
    }
    void reset() { m_step = 0; }
    bool started() const { return m_step != 0; }

private:
    qint64 m_first;
    qint64 m_max;
    qint64 m_step = 0;
};

} // namespace core
