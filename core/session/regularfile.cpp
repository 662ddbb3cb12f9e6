#include "core/session/regularfile.h"

#include "core/net/errors.h"

#include <QCoreApplication>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace core {

namespace {

QString cannotRead(const QString &path, int error)
{
    return QCoreApplication::translate("core", "cannot read %1: %2 (%3)").arg(path, errnoMessage(error), errnoName(error));
}

} // namespace

Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes, const QString &what)
{
    const QByteArray local = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one.
    const int fd = ::open(local.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return Result<QByteArray>::failure(cannotRead(path, errno));
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        const int error = errno;
        ::close(fd);
        return Result<QByteArray>::failure(cannotRead(path, error));
    }
    if (!S_ISREG(st.st_mode)) {
        const QString kind = S_ISFIFO(st.st_mode) ? QCoreApplication::translate("core", "a FIFO")
                           : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? QCoreApplication::translate("core", "a device")
                           : S_ISDIR(st.st_mode) ? QCoreApplication::translate("core", "a directory")
                           : S_ISSOCK(st.st_mode) ? QCoreApplication::translate("core", "a socket") : QCoreApplication::translate("core", "not a regular file");
        ::close(fd);
        return Result<QByteArray>::failure(QCoreApplication::translate("core", "%1 is %2, not %3: only a regular file is read").arg(path, kind, what));
    }
    // Reads at most one byte past the limit, whatever st_size says (a file can grow meanwhile).
    QByteArray data;
    char buffer[65536];
    while (data.size() <= maxBytes) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return Result<QByteArray>::failure(cannotRead(path, error));
        }
        if (n == 0)
            break;
        data.append(buffer, n);
    }
    ::close(fd);
    if (data.size() > maxBytes)
        return Result<QByteArray>::failure(
            QCoreApplication::translate("core", "%1 is larger than %2 MiB: too large for %3").arg(path).arg(maxBytes >> 20).arg(what));
    return data;
}

} // namespace core
