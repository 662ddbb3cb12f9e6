#pragma once
// The parts of `_swsocket` (python/pysocket.h) that its files share: the socket object, the way a
// method becomes a Call and waits for it, and the conversions between Python's values and ours.
// pycalls.cpp: the plumbing; pysocket.cpp: the socket type; pysocketoptions.cpp and
// pysocketio.cpp: its options and its sending and receiving methods; pymessages.cpp: sendmsg and
// recvmsg; pymodule.cpp: the module's functions and the module itself.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "core/workbench.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QSet>

namespace py::sock {

using core::Call;
using core::CallKind;
using core::CallRecord;
using core::CallStatus;

struct PySock
{
    PyObject_HEAD
    int id;
    int family;
    int type;
    int proto;
    double timeout; // < 0: None (blocking)
};

extern PyObject *g_gaierror; // _socket.gaierror, herror, of CPython's own _socket
extern PyObject *g_herror;
extern PyObject *g_osDup; // CPython's _socket.dup, for descriptors the workbench does not own
extern PyTypeObject *g_socketType; // this interpreter's _socket.socket

extern QMutex g_adoptMutex;       // guards g_pythonSockets
extern QSet<int> g_pythonSockets;  // ids of the sockets Python made

void ownedByPython(int id);
core::Workbench &bench();
bool perform(Call call, CallRecord *record);
// Set in a child of os.fork(): the engine's I/O threads stayed in the parent, so every socket call
// fails at once (RuntimeError) instead of waiting for a thread that does not exist.
extern bool g_forkedChild;
// True, with the RuntimeError set, in such a child.
bool refusedInForkedChild(const char *name);
Call on(PySock *self, CallKind kind);
PyObject *pyAddress(const core::SocketAddress &address);
bool toAddress(PySock *self, PyObject *arg, const char *caller, core::TypedAddress *out);
bool readBytes(PyObject *object, QByteArray *out);
bool checkOpen(PySock *self);

// The socket type (pysocket.cpp).
PyObject *sockNew(PyTypeObject *type, PyObject *, PyObject *);
PyTypeObject *makeSocketType();
// A call whose Python result is None: made, waited for, and None or the exception.
PyObject *noneCall(PySock *self, Call call);

// Its options (pysocketoptions.cpp).
PyObject *sockSetSockOpt(PyObject *object, PyObject *args);
PyObject *sockGetSockOpt(PyObject *object, PyObject *args);

// Its methods that move bytes (pysocketio.cpp).
PyObject *sockSend(PyObject *self, PyObject *args);
PyObject *sockSendAll(PyObject *self, PyObject *args);
PyObject *sockSendTo(PyObject *self, PyObject *args);
// _sendfile(fileno, offset, count) -> (sent, exception or None): the engine's sendfile, for socket.py's method.
PyObject *sockSendFile(PyObject *self, PyObject *args);
PyObject *sockRecv(PyObject *self, PyObject *args);
PyObject *sockRecvFrom(PyObject *self, PyObject *args);
PyObject *sockRecvInto(PyObject *self, PyObject *args, PyObject *kwargs);
PyObject *sockRecvFromInto(PyObject *self, PyObject *args, PyObject *kwargs);
PyObject *sockSendMsg(PyObject *, PyObject *);
PyObject *sockRecvMsg(PyObject *, PyObject *);
PyObject *sockRecvMsgInto(PyObject *, PyObject *);

} // namespace py::sock
