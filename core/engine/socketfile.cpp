#include "core/engine/socketfile.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace core {

void SocketFile::remember(const SocketAddress &bound)
{
    if (bound.family() != AF_UNIX || bound.isAbstract() || bound.isUnnamed())
        return;
    const QByteArray path = bound.unixPath();
    struct stat st;
    if (::lstat(path.constData(), &st) == 0 && S_ISSOCK(st.st_mode)) {
        m_path = path;
        m_device = quint64(st.st_dev);
        m_inode = quint64(st.st_ino);
    }
}

QString SocketFile::removeIfOurs()
{
    if (m_path.isEmpty())
        return {};
    const QByteArray path = std::exchange(m_path, {});
    struct stat st;
    if (::lstat(path.constData(), &st) != 0 || !S_ISSOCK(st.st_mode) || quint64(st.st_dev) != m_device
        || quint64(st.st_ino) != m_inode)
        return {};
    return ::unlink(path.constData()) == 0 ? QString::fromLocal8Bit(path) : QString();
}

void OwnedFd::reset()
{
    if (m_fd >= 0)
        ::close(std::exchange(m_fd, -1));
}

} // namespace core
