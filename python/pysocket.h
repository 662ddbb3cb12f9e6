#pragma once

typedef struct _object PyObject;

namespace py {

// Creates the `_swsocket` module (the interpreter calls it through PyImport_AppendInittab).
PyObject *initSocketModule();

// Whether a socket was made by Python (socket(), socketpair(), accept()), not by the window.
bool isPythonSocket(int socketId);

} // namespace py
