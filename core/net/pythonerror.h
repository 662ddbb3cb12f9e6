#pragma once

#include <QString>

namespace core {

// Which exception CPython raises. OsError stands for OSError and the subclass its errno selects
// (ConnectionRefusedError for ECONNREFUSED ...), as CPython's own PyErr_SetFromErrno picks it.
enum class PythonErrorKind : quint8 {
    None,
    OsError,       // errno in `error`; 0 with a message of its own ("wildcard resolved to multiple address")
    Timeout,       // TimeoutError('timed out'): a settimeout() deadline passed
    GaiError,      // socket.gaierror: EAI_* in `error`
    HError,        // socket.herror: h_errno in `error`
    ValueError,    // argument checks CPython makes before any syscall
    OverflowError,
};

// An exception as a value: its kind, its number and its message (the exception's args). The
// journal's text and the embedded interpreter's exception object are both made from it; nothing
// reads the text back.
struct PythonError
{
    PythonErrorKind kind = PythonErrorKind::None;
    int error = 0;
    QString message;
    bool numbered = false; // made with (error, message) as args, as OSError(111, '...'); else (message,)

    static PythonError osError(int error);
    static PythonError osError(QString message); // OSError without an errno
    static PythonError timeout();
    static PythonError gaiError(int error);
    static PythonError hostError(int error);
    static PythonError valueError(QString message);
    static PythonError overflowError(QString message);

    bool isSet() const { return kind != PythonErrorKind::None; }
    // The class as Python names it in a traceback's last line: ConnectionRefusedError, socket.gaierror.
    QString className() const;
    // As python3 prints it: "ConnectionRefusedError: [Errno 111] Connection refused".
    QString text() const;
};

} // namespace core
