#pragma once

#include <QString>

namespace core {

// errno as people read it: the symbolic name (ECONNREFUSED), the C library's message, and the
// exception CPython raises for it (ConnectionRefusedError: [Errno 111] Connection refused). The
// python*Error texts are PythonError's (net/pythonerror.h), which outcomes carry as values.
QString errnoName(int error);
QString errnoMessage(int error);
QString pythonExceptionClass(int error);
QString pythonOsError(int error);

// getaddrinfo/getnameinfo failures (EAI_*), rendered as socket.gaierror.
QString gaiErrorName(int error);
QString pythonGaiError(int error);

// gethostbyaddr failures (h_errno), rendered as socket.herror.
QString pythonHostError(int error);

// A call that ran out of its settimeout() deadline.
QString pythonTimeoutError();

} // namespace core
