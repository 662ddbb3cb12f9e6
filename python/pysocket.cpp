// _swsocket: the workbench's side of `_socket` inside the embedded interpreter. Its socket type is
// the base class of the standard library's socket.socket (as CPython's _socket.socket is), and
// each method is a Call on the Workbench: journaled, run on the socket's I/O thread, waited for
// with the GIL released, and answered with the value or the exception CPython's _socket gives.
// This file: the socket type, its life and its calls other than sending and receiving.
#include "python/pysocketparts.h"

#include <frameobject.h>

#include "python/pysocket.h"
#include "python/pythonengine.h"

#include "core/base/clock.h"
#include "core/net/constants.h"
#include "core/net/socketoptions.h"
#include "core/text/payload.h"
#include "core/workbench.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSet>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

namespace py::sock {

// ---- the socket type ------------------------------------------------------------------------

PyObject *sockNew(PyTypeObject *type, PyObject *, PyObject *)
{
    auto *self = reinterpret_cast<PySock *>(type->tp_alloc(type, 0));
    if (self) {
        self->id = -1;
        self->timeout = -1;
    }
    return reinterpret_cast<PyObject *>(self);
}

int applyTimeout(PySock *self, double seconds)
{
    Call call = on(self, CallKind::SetTimeout);
    if (seconds >= 0)
        call.seconds = seconds;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return -1;
    self->timeout = seconds;
    return 0;
}

double defaultTimeout()
{
    PyObject *module = PyImport_ImportModule("_socket");
    PyObject *value = module ? PyObject_CallMethod(module, "getdefaulttimeout", nullptr) : nullptr;
    Py_XDECREF(module);
    double seconds = -1;
    if (value && value != Py_None)
        seconds = PyFloat_AsDouble(value);
    Py_XDECREF(value);
    PyErr_Clear();
    return seconds;
}

int sockInit(PyObject *object, PyObject *args, PyObject *kwargs)
{
    auto *self = reinterpret_cast<PySock *>(object);
    static const char *keywords[] = {"family", "type", "proto", "fileno", nullptr};
    int family = -1;
    int type = -1;
    int proto = -1;
    PyObject *fileno = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|iiiO:socket", const_cast<char **>(keywords), &family, &type, &proto,
                                     &fileno))
        return -1;
    if (refusedInForkedChild("socket"))
        return -1;
    if (fileno != Py_None) {
        const long fd = PyLong_AsLong(fileno);
        if (fd == -1 && PyErr_Occurred())
            return -1;
        // socket.py's accept() and socketpair() wrap what _accept() and detach() gave: the
        // engine's socket on that descriptor, found by it (Workbench::socketOfDescriptor).
        int id = bench().socketOfDescriptor(int(fd));
        if (id < 0) {
            // A descriptor made elsewhere (os.dup, a socket passed in, a file): the engine adopts
            // it, or fails as CPython does (ValueError, EBADF, ENOTSOCK).
            Call call;
            call.kind = CallKind::FromFd;
            call.family = family;
            call.type = type;
            call.proto = proto;
            call.size = fd;
            CallRecord record;
            if (!perform(std::move(call), &record))
                return -1;
            id = record.outcome.socketId >= 0 ? record.outcome.socketId : record.value->newSocketId;
            ownedByPython(id);
        }
        // As CPython: the family, type and proto given win over the descriptor's; the timeout is
        // the default timeout (0.0 with SOCK_NONBLOCK), whatever the descriptor's mode was.
        const core::SocketInfo info = bench().sockets().info(id);
        self->id = id;
        self->family = family != -1 ? family : info.family;
        self->type = type != -1 ? core::baseSocketType(type) : info.type;
        self->proto = proto != -1 ? proto : info.proto;
        self->timeout = info.mode == core::BlockingMode::Timeout ? info.timeout
                      : info.mode == core::BlockingMode::NonBlocking ? 0.0 : -1;
        const double seconds = type != -1 && (type & SOCK_NONBLOCK) ? 0.0 : defaultTimeout();
        if (seconds != self->timeout && applyTimeout(self, seconds) < 0)
            return -1;
        return 0;
    }
    const int fullType = type == -1 ? SOCK_STREAM : type;
    self->family = family == -1 ? AF_INET : family;
    self->type = core::baseSocketType(fullType);
    self->proto = proto == -1 ? 0 : proto;
    Call call;
    call.kind = CallKind::Socket;
    call.family = self->family;
    call.type = fullType;
    call.proto = self->proto;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return -1;
    self->id = record.outcome.socketId >= 0 ? record.outcome.socketId : record.value->newSocketId;
    ownedByPython(self->id);
    if (fullType & SOCK_NONBLOCK) {
        self->timeout = 0.0; // the engine made it non-blocking (Workbench: takeType)
        return 0;
    }
    const double seconds = defaultTimeout();
    if (seconds >= 0 && applyTimeout(self, seconds) < 0)
        return -1;
    return 0;
}

// Collected while open: a ResourceWarning (shown under -X dev or -W), then closed, as CPython does.
void sockFinalize(PyObject *object)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (self->id >= 0 && g_forkedChild) {
        self->id = -1; // the parent's engine owns the socket: nothing to close from here
        return;
    }
    if (self->id >= 0 && PythonEngine::current()) {
        PyObject *type = nullptr;
        PyObject *value = nullptr;
        PyObject *traceback = nullptr;
        PyErr_Fetch(&type, &value, &traceback); // a finalizer keeps the exception being raised
        if (PyErr_ResourceWarning(object, 1, "unclosed %R", object) != 0) {
            if (PyErr_ExceptionMatches(PyExc_Warning))
                PyErr_WriteUnraisable(object);
            PyErr_Clear();
        }
        PyErr_Restore(type, value, traceback);
        // Closed through another object on the same descriptor: CPython's finalizer ignores that EBADF.
        if (bench().sockets().info(self->id).state != core::SocketState::Closed) {
            Call call = on(self, CallKind::Close);
            call.origin = PythonEngine::current()->origin();
            bench().submit(std::move(call));
        }
        self->id = -1;
    }
}

// A heap type (made anew by each interpreter): its instances hold a reference to it.
void sockDealloc(PyObject *object)
{
    if (PyObject_CallFinalizerFromDealloc(object) < 0)
        return;
    PyTypeObject *type = Py_TYPE(object);
    type->tp_free(object);
    Py_DECREF(type);
}

PyObject *noneCall(PySock *self, Call call)
{
    if (!checkOpen(self))
        return nullptr;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    Py_RETURN_NONE;
}

PyObject *addressCall(PySock *self, PyObject *address, CallKind kind, const char *caller)
{
    if (!checkOpen(self))
        return nullptr;
    core::TypedAddress typed;
    if (!toAddress(self, address, caller, &typed))
        return nullptr;
    Call call = on(self, kind);
    call.address = typed.address;
    call.addressHost = typed.hostName;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    if (kind == CallKind::ConnectEx)
        return PyLong_FromLongLong(record.outcome.count);
    Py_RETURN_NONE;
}

PyObject *sockBind(PyObject *self, PyObject *address)
{
    return addressCall(reinterpret_cast<PySock *>(self), address, CallKind::Bind, "bind");
}

PyObject *sockConnect(PyObject *self, PyObject *address)
{
    return addressCall(reinterpret_cast<PySock *>(self), address, CallKind::Connect, "connect");
}

PyObject *sockConnectEx(PyObject *self, PyObject *address)
{
    return addressCall(reinterpret_cast<PySock *>(self), address, CallKind::ConnectEx, "connect_ex");
}

PyObject *sockListen(PyObject *object, PyObject *args)
{
    auto *self = reinterpret_cast<PySock *>(object);
    int backlog = -1;
    if (!PyArg_ParseTuple(args, "|i:listen", &backlog))
        return nullptr;
    Call call = on(self, CallKind::Listen);
    if (PyTuple_GET_SIZE(args) > 0)
        call.backlog = backlog;
    return noneCall(self, std::move(call));
}

PyObject *sockAccept(PyObject *object, PyObject *)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (!checkOpen(self))
        return nullptr;
    CallRecord record;
    if (!perform(on(self, CallKind::Accept), &record))
        return nullptr;
    const int id = record.outcome.socketId;
    ownedByPython(id);
    const int fd = bench().sockets().info(id).fd;
    PyObject *address = pyAddress(record.outcome.address);
    if (!address)
        return nullptr;
    return Py_BuildValue("(iN)", fd, address);
}

PyObject *sockShutdown(PyObject *object, PyObject *how)
{
    auto *self = reinterpret_cast<PySock *>(object);
    const long value = PyLong_AsLong(how);
    if (value == -1 && PyErr_Occurred())
        return nullptr;
    if (value < INT_MIN || value > INT_MAX) { // CPython reads how as a C int
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return nullptr;
    }
    Call call = on(self, CallKind::Shutdown);
    call.size = value;
    return noneCall(self, std::move(call));
}

PyObject *sockClose(PyObject *object, PyObject *)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (self->id < 0)
        Py_RETURN_NONE; // closing twice is allowed
    const int id = self->id;
    Call call = on(self, CallKind::Close);
    self->id = -1;
    CallRecord record;
    call.socketId = id;
    call.size = 1; // this object holds the descriptor: EBADF if another closed it
    if (!perform(std::move(call), &record)) {
        // ECONNRESET from close() is ignored by CPython; anything else is raised.
        if (record.outcome.error == ECONNRESET) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        return nullptr;
    }
    Py_RETURN_NONE;
}

// The descriptor leaves this object, not the engine: the engine keeps the socket, and the object
// that socket(fileno=fd) makes next takes it over (socket.py's socketpair() does exactly that).
PyObject *sockDetach(PyObject *object, PyObject *)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (self->id < 0)
        return PyLong_FromLong(-1);
    const int fd = bench().sockets().info(self->id).fd;
    self->id = -1;
    return PyLong_FromLong(fd);
}

PyObject *sockFileno(PyObject *object, PyObject *)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (self->id < 0)
        return PyLong_FromLong(-1);
    return PyLong_FromLong(bench().sockets().info(self->id).fd);
}

PyObject *nameCall(PyObject *object, CallKind kind)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (!checkOpen(self))
        return nullptr;
    CallRecord record;
    if (!perform(on(self, kind), &record))
        return nullptr;
    return pyAddress(record.outcome.address);
}

PyObject *sockGetSockName(PyObject *self, PyObject *)
{
    return nameCall(self, CallKind::SockName);
}

PyObject *sockGetPeerName(PyObject *self, PyObject *)
{
    return nameCall(self, CallKind::PeerName);
}

PyObject *sockGetTimeout(PyObject *object, PyObject *)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (self->timeout < 0)
        Py_RETURN_NONE;
    return PyFloat_FromDouble(self->timeout);
}

PyObject *sockSetTimeout(PyObject *object, PyObject *value)
{
    auto *self = reinterpret_cast<PySock *>(object);
    double seconds = -1;
    if (value != Py_None) {
        seconds = PyFloat_AsDouble(value);
        if (seconds == -1 && PyErr_Occurred())
            return nullptr;
        if (std::isnan(seconds)) {
            PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
            return nullptr;
        }
        if (seconds < 0) {
            PyErr_SetString(PyExc_ValueError, "Timeout value out of range");
            return nullptr;
        }
    }
    if (!checkOpen(self))
        return nullptr;
    if (applyTimeout(self, seconds) < 0)
        return nullptr;
    Py_RETURN_NONE;
}

PyObject *sockSetBlocking(PyObject *object, PyObject *flag)
{
    auto *self = reinterpret_cast<PySock *>(object);
    // An integer, as CPython reads it (setblocking(None) is a TypeError, not False).
    const long value = PyLong_AsLong(flag);
    if (value == -1 && PyErr_Occurred())
        return nullptr;
    const bool blocking = value != 0;
    if (!checkOpen(self))
        return nullptr;
    Call call = on(self, CallKind::SetBlocking);
    call.size = blocking;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    self->timeout = blocking ? -1 : 0.0;
    Py_RETURN_NONE;
}

PyObject *sockGetBlocking(PyObject *object, PyObject *)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (!checkOpen(self))
        return nullptr;
    return PyBool_FromLong(self->timeout != 0.0);
}

PyObject *sockRepr(PyObject *object)
{
    auto *self = reinterpret_cast<PySock *>(object);
    const int fd = self->id >= 0 ? bench().sockets().info(self->id).fd : -1;
    return PyUnicode_FromFormat("<socket object, fd=%d, family=%d, type=%d, proto=%d>", fd, self->family, self->type,
                                self->proto);
}

PyObject *getFamily(PyObject *self, void *)
{
    return PyLong_FromLong(reinterpret_cast<PySock *>(self)->family);
}

PyObject *getType(PyObject *self, void *)
{
    return PyLong_FromLong(reinterpret_cast<PySock *>(self)->type);
}

PyObject *getProto(PyObject *self, void *)
{
    return PyLong_FromLong(reinterpret_cast<PySock *>(self)->proto);
}

PyObject *getTimeoutAttr(PyObject *self, void *)
{
    return sockGetTimeout(self, nullptr);
}

PyMethodDef g_methods[] = {
    {"_accept", sockAccept, METH_NOARGS, "_accept() -> (fd, address)"},
    {"bind", sockBind, METH_O, "bind(address)"},
    {"close", sockClose, METH_NOARGS, "close()"},
    {"connect", sockConnect, METH_O, "connect(address)"},
    {"connect_ex", sockConnectEx, METH_O, "connect_ex(address) -> errno"},
    {"detach", sockDetach, METH_NOARGS, "detach() -> fd; the engine keeps the socket for socket(fileno=fd)"},
    {"fileno", sockFileno, METH_NOARGS, "fileno() -> integer"},
    {"getpeername", sockGetPeerName, METH_NOARGS, "getpeername() -> address info"},
    {"getsockname", sockGetSockName, METH_NOARGS, "getsockname() -> address info"},
    {"getsockopt", sockGetSockOpt, METH_VARARGS, "getsockopt(level, option[, buffersize]) -> value"},
    {"setsockopt", sockSetSockOpt, METH_VARARGS, "setsockopt(level, option, value)"},
    {"gettimeout", sockGetTimeout, METH_NOARGS, "gettimeout() -> timeout"},
    {"settimeout", sockSetTimeout, METH_O, "settimeout(timeout)"},
    {"getblocking", sockGetBlocking, METH_NOARGS, "getblocking()"},
    {"setblocking", sockSetBlocking, METH_O, "setblocking(flag)"},
    {"listen", sockListen, METH_VARARGS, "listen([backlog])"},
    {"recv", sockRecv, METH_VARARGS, "recv(buffersize[, flags]) -> data"},
    {"recvfrom", sockRecvFrom, METH_VARARGS, "recvfrom(buffersize[, flags]) -> (data, address info)"},
    {"recv_into", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sockRecvInto)), METH_VARARGS | METH_KEYWORDS,
     "recv_into(buffer, [nbytes[, flags]]) -> nbytes_read"},
    {"recvfrom_into", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sockRecvFromInto)),
     METH_VARARGS | METH_KEYWORDS, "recvfrom_into(buffer[, nbytes[, flags]]) -> (nbytes, address info)"},
    {"send", sockSend, METH_VARARGS, "send(data[, flags]) -> count"},
    {"sendall", sockSendAll, METH_VARARGS, "sendall(data[, flags])"},
    {"sendto", sockSendTo, METH_VARARGS, "sendto(data[, flags], address) -> count"},
    {"_sendfile", sockSendFile, METH_VARARGS, "_sendfile(fileno, offset, count) -> (sent, exception or None)"},
    {"shutdown", sockShutdown, METH_O, "shutdown(how)"},
    {"sendmsg", sockSendMsg, METH_VARARGS, "sendmsg(buffers[, ancdata[, flags[, address]]]) -> count"},
    {"recvmsg", sockRecvMsg, METH_VARARGS, "recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)"},
    {"recvmsg_into", sockRecvMsgInto, METH_VARARGS, "recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address)"},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef g_getset[] = {
    {"family", getFamily, nullptr, "the socket family", nullptr},
    {"type", getType, nullptr, "the socket type", nullptr},
    {"proto", getProto, nullptr, "the socket protocol", nullptr},
    {"timeout", getTimeoutAttr, nullptr, "the socket timeout", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyTypeObject *makeSocketType()
{
    static PyType_Slot typeSlots[] = { // not "slots": a Qt keyword
        {Py_tp_doc, const_cast<char *>("socket(family=AF_INET, type=SOCK_STREAM, proto=0): a socket of the workbench")},
        {Py_tp_methods, g_methods},
        {Py_tp_getset, g_getset},
        {Py_tp_new, reinterpret_cast<void *>(sockNew)},
        {Py_tp_init, reinterpret_cast<void *>(sockInit)},
        {Py_tp_dealloc, reinterpret_cast<void *>(sockDealloc)},
        {Py_tp_finalize, reinterpret_cast<void *>(sockFinalize)},
        {Py_tp_repr, reinterpret_cast<void *>(sockRepr)},
        {0, nullptr},
    };
    static PyType_Spec spec = {"_socket.socket", int(sizeof(PySock)), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, typeSlots};
    return reinterpret_cast<PyTypeObject *>(PyType_FromSpec(&spec));
}

} // namespace py::sock
