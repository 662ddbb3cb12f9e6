#include "core/net/pythonerror.h"

#include "core/net/errors.h"

#include <netdb.h>

#include <utility>

namespace core {

PythonError PythonError::osError(int error)
{
    return {PythonErrorKind::OsError, error, errnoMessage(error), true};
}

PythonError PythonError::osError(QString message)
{
    return {PythonErrorKind::OsError, 0, std::move(message)};
}

PythonError PythonError::timeout()
{
    return {PythonErrorKind::Timeout, 0, QStringLiteral("timed out")};
}

PythonError PythonError::gaiError(int error)
{
    return {PythonErrorKind::GaiError, error, QString::fromLocal8Bit(gai_strerror(error)), true};
}

PythonError PythonError::hostError(int error)
{
    return {PythonErrorKind::HError, error, QString::fromLocal8Bit(hstrerror(error)), true};
}

PythonError PythonError::valueError(QString message)
{
    return {PythonErrorKind::ValueError, 0, std::move(message)};
}

PythonError PythonError::overflowError(QString message)
{
    return {PythonErrorKind::OverflowError, 0, std::move(message)};
}

QString PythonError::className() const
{
    switch (kind) {
    case PythonErrorKind::None: break;
    case PythonErrorKind::OsError: return error ? pythonExceptionClass(error) : QStringLiteral("OSError");
    case PythonErrorKind::Timeout: return QStringLiteral("TimeoutError");
    case PythonErrorKind::GaiError: return QStringLiteral("socket.gaierror");
    case PythonErrorKind::HError: return QStringLiteral("socket.herror");
    case PythonErrorKind::ValueError: return QStringLiteral("ValueError");
    case PythonErrorKind::OverflowError: return QStringLiteral("OverflowError");
    }
    return {};
}

QString PythonError::text() const
{
    if (!isSet())
        return {};
    // An exception made with (errno, message) prints both; one made with a message alone, just it.
    if (numbered)
        return QStringLiteral("%1: [Errno %2] %3").arg(className()).arg(error).arg(message);
    return QStringLiteral("%1: %2").arg(className(), message);
}

} // namespace core
