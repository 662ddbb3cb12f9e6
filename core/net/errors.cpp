#include "core/net/errors.h"

#include "core/net/pythonerror.h"

#include <netdb.h>

#include <cerrno>
#include <cstring>

namespace core {

namespace {

struct ErrnoEntry
{
    int value;
    const char *name;
};

#define SWB_ERRNO(e) {e, #e}
// Linux errno values a socket program can meet; EWOULDBLOCK/EDEADLOCK/ENOTSUP alias others.
constexpr ErrnoEntry kErrnos[] = {
    SWB_ERRNO(EPERM), SWB_ERRNO(ENOENT), SWB_ERRNO(ESRCH), SWB_ERRNO(EINTR), SWB_ERRNO(EIO),
    SWB_ERRNO(ENXIO), SWB_ERRNO(E2BIG), SWB_ERRNO(ENOEXEC), SWB_ERRNO(EBADF), SWB_ERRNO(ECHILD),
    SWB_ERRNO(EAGAIN), SWB_ERRNO(ENOMEM), SWB_ERRNO(EACCES), SWB_ERRNO(EFAULT), SWB_ERRNO(EBUSY),
    SWB_ERRNO(EEXIST), SWB_ERRNO(EXDEV), SWB_ERRNO(ENODEV), SWB_ERRNO(ENOTDIR), SWB_ERRNO(EISDIR),
    SWB_ERRNO(EINVAL), SWB_ERRNO(ENFILE), SWB_ERRNO(EMFILE), SWB_ERRNO(ENOTTY), SWB_ERRNO(EFBIG),
    SWB_ERRNO(ENOSPC), SWB_ERRNO(ESPIPE), SWB_ERRNO(EROFS), SWB_ERRNO(EMLINK), SWB_ERRNO(EPIPE),
    SWB_ERRNO(EDOM), SWB_ERRNO(ERANGE), SWB_ERRNO(EDEADLK), SWB_ERRNO(ENAMETOOLONG),
    SWB_ERRNO(ENOLCK), SWB_ERRNO(ENOSYS), SWB_ERRNO(ENOTEMPTY), SWB_ERRNO(ELOOP),
    SWB_ERRNO(ENOMSG), SWB_ERRNO(ENOSTR), SWB_ERRNO(ENODATA), SWB_ERRNO(ETIME), SWB_ERRNO(ENOSR),
    SWB_ERRNO(ENONET), SWB_ERRNO(ENOLINK), SWB_ERRNO(EPROTO), SWB_ERRNO(EBADMSG),
    SWB_ERRNO(EOVERFLOW), SWB_ERRNO(EILSEQ), SWB_ERRNO(ENOTSOCK), SWB_ERRNO(EDESTADDRREQ),
    SWB_ERRNO(EMSGSIZE), SWB_ERRNO(EPROTOTYPE), SWB_ERRNO(ENOPROTOOPT), SWB_ERRNO(EPROTONOSUPPORT),
    SWB_ERRNO(ESOCKTNOSUPPORT), SWB_ERRNO(EOPNOTSUPP), SWB_ERRNO(EPFNOSUPPORT),
    SWB_ERRNO(EAFNOSUPPORT), SWB_ERRNO(EADDRINUSE), SWB_ERRNO(EADDRNOTAVAIL), SWB_ERRNO(ENETDOWN),
    SWB_ERRNO(ENETUNREACH), SWB_ERRNO(ENETRESET), SWB_ERRNO(ECONNABORTED), SWB_ERRNO(ECONNRESET),
    SWB_ERRNO(ENOBUFS), SWB_ERRNO(EISCONN), SWB_ERRNO(ENOTCONN), SWB_ERRNO(ESHUTDOWN),
    SWB_ERRNO(ETOOMANYREFS), SWB_ERRNO(ETIMEDOUT), SWB_ERRNO(ECONNREFUSED), SWB_ERRNO(EHOSTDOWN),
    SWB_ERRNO(EHOSTUNREACH), SWB_ERRNO(EALREADY), SWB_ERRNO(EINPROGRESS), SWB_ERRNO(ESTALE),
    SWB_ERRNO(EDQUOT), SWB_ERRNO(ECANCELED), SWB_ERRNO(EOWNERDEAD), SWB_ERRNO(ENOTRECOVERABLE),
};
#undef SWB_ERRNO

constexpr ErrnoEntry kGaiErrors[] = {
    {EAI_BADFLAGS, "EAI_BADFLAGS"}, {EAI_NONAME, "EAI_NONAME"}, {EAI_AGAIN, "EAI_AGAIN"},
    {EAI_FAIL, "EAI_FAIL"}, {EAI_FAMILY, "EAI_FAMILY"}, {EAI_SOCKTYPE, "EAI_SOCKTYPE"},
    {EAI_SERVICE, "EAI_SERVICE"}, {EAI_MEMORY, "EAI_MEMORY"}, {EAI_SYSTEM, "EAI_SYSTEM"},
    {EAI_OVERFLOW, "EAI_OVERFLOW"}, {EAI_NODATA, "EAI_NODATA"}, {EAI_ADDRFAMILY, "EAI_ADDRFAMILY"},
};

} // namespace

QString errnoName(int error)
{
    for (const auto &e : kErrnos) {
        if (e.value == error)
            return QString::fromLatin1(e.name);
    }
    // The rest (ETXTBSY, EBADFD, ...) from the C library (glibc 2.32+) rather than a made-up "E26".
    if (const char *name = strerrorname_np(error))
        return QString::fromLatin1(name);
    return QStringLiteral("E%1").arg(error);
}

QString errnoMessage(int error)
{
    char buffer[256];
    // GNU strerror_r: returns a pointer that may or may not be the buffer.
    return QString::fromLocal8Bit(strerror_r(error, buffer, sizeof buffer));
}

// CPython maps errno to OSError subclasses (PEP 3151); everything else stays OSError.
QString pythonExceptionClass(int error)
{
    switch (error) {
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS:
        return QStringLiteral("BlockingIOError");
    case ECHILD:
        return QStringLiteral("ChildProcessError");
    case EPIPE:
    case ESHUTDOWN:
        return QStringLiteral("BrokenPipeError");
    case ECONNABORTED:
        return QStringLiteral("ConnectionAbortedError");
    case ECONNREFUSED:
        return QStringLiteral("ConnectionRefusedError");
    case ECONNRESET:
        return QStringLiteral("ConnectionResetError");
    case EEXIST:
        return QStringLiteral("FileExistsError");
    case ENOENT:
        return QStringLiteral("FileNotFoundError");
    case EISDIR:
        return QStringLiteral("IsADirectoryError");
    case ENOTDIR:
        return QStringLiteral("NotADirectoryError");
    case EINTR:
        return QStringLiteral("InterruptedError");
    case EACCES:
    case EPERM:
        return QStringLiteral("PermissionError");
    case ESRCH:
        return QStringLiteral("ProcessLookupError");
    case ETIMEDOUT:
        return QStringLiteral("TimeoutError");
    default:
        return QStringLiteral("OSError");
    }
}

QString pythonOsError(int error)
{
    return PythonError::osError(error).text();
}

QString gaiErrorName(int error)
{
    for (const auto &e : kGaiErrors) {
        if (e.value == error)
            return QString::fromLatin1(e.name);
    }
    return QStringLiteral("EAI_%1").arg(error);
}

QString pythonGaiError(int error)
{
    return PythonError::gaiError(error).text();
}

QString pythonHostError(int error)
{
    return PythonError::hostError(error).text();
}

QString pythonTimeoutError()
{
    return PythonError::timeout().text();
}

} // namespace core
