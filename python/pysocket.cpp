// _swsocket: the workbench's side of `_socket` inside the embedded interpreter. Its socket type is
// the base class of the standard library's socket.socket (as CPython's _socket.socket is), and
// each method is a Call on the Workbench: journaled, run on the socket's I/O thread, waited for
// with the GIL released, and answered with the value or the exception CPython's _socket gives.
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>

#include "python/pysocket.h"
#include "python/pythonengine.h"

#include "core/text/payload.h"
#include "core/net/socketoptions.h"
#include "core/base/clock.h"
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
#include <cmath>
#include <cstring>

namespace py {

namespace {

using core::Call;
using core::CallKind;
using core::CallRecord;
using core::CallStatus;

PyObject *g_gaierror = nullptr; // _socket.gaierror, herror, of CPython's own _socket
PyObject *g_herror = nullptr;
PyObject *g_osDup = nullptr; // CPython's _socket.dup, for descriptors the workbench does not own

// Accepted or detached sockets by descriptor: socket.py's accept() and socketpair() make
// socket(fileno=fd) of what _accept() or detach() gave, and that object must be the engine's
// socket, not a new one.
QMutex g_adoptMutex;
QHash<int, int> g_accepted; // fd -> socket id
QSet<int> g_pythonSockets;   // ids of the sockets Python made

void ownedByPython(int id)
{
    QMutexLocker lock(&g_adoptMutex);
    g_pythonSockets.insert(id);
}

struct PySock
{
    PyObject_HEAD
    int id;
    int family;
    int type;
    int proto;
    double timeout; // < 0: None (blocking)
};

core::Workbench &bench()
{
    return PythonEngine::current()->workbench();
}

// Where in the script the call was made: the innermost frame outside the socket module itself.
core::CallSource callSite()
{
    core::CallSource source;
    PyFrameObject *frame = PyEval_GetFrame();
    Py_XINCREF(frame);
    while (frame) {
        PyCodeObject *code = PyFrame_GetCode(frame);
        const QString file = QString::fromUtf8(PyUnicode_AsUTF8(code->co_filename));
        Py_DECREF(code);
        if (!file.endsWith(QLatin1String("/socket.py")) && !file.endsWith(QLatin1String("/selectors.py"))) {
            const int line = PyFrame_GetLineNumber(frame);
            Py_DECREF(frame);
            if (file == QLatin1String("<console>")) {
                source.consoleInput = PythonEngine::current()->consoleInput();
            } else {
                source.file = file.startsWith(QLatin1Char('<')) ? file : QFileInfo(file).fileName();
                source.line = line;
            }
            return source;
        }
        PyFrameObject *back = PyFrame_GetBack(frame);
        Py_DECREF(frame);
        frame = back;
    }
    return source;
}

// Raises what the outcome says CPython raises. Always returns nullptr.
PyObject *raise(const CallRecord &record)
{
    const core::Outcome &o = record.outcome;
    if (o.status == CallStatus::Cancelled) {
        PyErr_SetNone(PyExc_KeyboardInterrupt);
        return nullptr;
    }
    const core::PythonError &e = o.exception;
    PyObject *type = PyExc_OSError; // CPython picks the subclass from the errno: ConnectionRefusedError...
    switch (e.kind) {
    case core::PythonErrorKind::Timeout:
        PyErr_SetString(PyExc_TimeoutError, e.message.toUtf8().constData());
        return nullptr;
    case core::PythonErrorKind::ValueError:
        PyErr_SetString(PyExc_ValueError, e.message.toUtf8().constData());
        return nullptr;
    case core::PythonErrorKind::OverflowError:
        PyErr_SetString(PyExc_OverflowError, e.message.toUtf8().constData());
        return nullptr;
    case core::PythonErrorKind::GaiError: type = g_gaierror; break;
    case core::PythonErrorKind::HError: type = g_herror; break;
    case core::PythonErrorKind::OsError:
    case core::PythonErrorKind::None: break;
    }
    if (!e.numbered) {
        PyErr_SetString(type, e.message.toUtf8().constData());
        return nullptr;
    }
    PyObject *args = Py_BuildValue("(is)", e.error, e.message.toUtf8().constData());
    PyErr_SetObject(type, args);
    Py_XDECREF(args);
    return nullptr;
}

// A pause in a spin loop: lets the other hyper-thread run and saves power.
inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// Makes the call and waits for it with the GIL released, a slice at a time: between slices
// Ctrl+C (or the window's Stop) cancels it and raises KeyboardInterrupt. False: an exception is set.
bool perform(Call call, CallRecord *record)
{
    PythonEngine *engine = PythonEngine::current();
    call.origin = engine->origin();
    call.source = callSite();
    core::Workbench &wb = engine->workbench();
    const core::CallId id = wb.submit(std::move(call));
    // Most calls finish within microseconds on an I/O thread: wait for those spinning, since a
    // futex sleep and wake-up cost more than the call itself (bench: script_calls). A call still
    // running after kSpinNs sleeps in the slices below.
    constexpr qint64 kSpinNs = 40'000;
    bool spun = false;
    Py_BEGIN_ALLOW_THREADS
    const core::Journal &journal = wb.journal();
    quint64 seen = journal.finishedGeneration();
    const qint64 until = core::monoNs() + kSpinNs;
    while (core::monoNs() < until) {
        const quint64 now = journal.finishedGeneration();
        if (now != seen) {
            seen = now;
            if (!journal.isPending(id)) {
                spun = true;
                break;
            }
        }
        cpuRelax();
    }
    Py_END_ALLOW_THREADS
    for (;;) {
        if (spun)
            break;
        bool done = false;
        Py_BEGIN_ALLOW_THREADS
        done = wb.journal().wait(id, 50);
        Py_END_ALLOW_THREADS
        if (done)
            break;
        const bool stop = engine->stopRequested().exchange(false);
        if (stop || PyErr_CheckSignals() < 0) {
            wb.cancel(id);
            Py_BEGIN_ALLOW_THREADS
            wb.journal().wait(id, 2000);
            Py_END_ALLOW_THREADS
            if (!PyErr_Occurred())
                PyErr_SetNone(PyExc_KeyboardInterrupt);
            return false;
        }
    }
    *record = wb.journal().call(id);
    if (record->outcome.status != CallStatus::Done) {
        raise(*record);
        return false;
    }
    return true;
}

Call on(PySock *self, CallKind kind)
{
    Call call;
    call.kind = kind;
    call.socketId = self->id;
    return call;
}

PyObject *pyAddress(const core::SocketAddress &address)
{
    if (!address.isValid())
        Py_RETURN_NONE;
    switch (address.family()) {
    case AF_INET:
        return Py_BuildValue("(si)", address.host().toUtf8().constData(), int(address.port()));
    case AF_INET6:
        return Py_BuildValue("(siII)", address.host().toUtf8().constData(), int(address.port()), address.flowInfo(),
                             address.scopeId());
    case AF_UNIX: {
        const QByteArray path = address.unixPath();
        if (address.isAbstract())
            return PyBytes_FromStringAndSize(path.constData(), path.size());
        return PyUnicode_DecodeFSDefaultAndSize(path.constData(), path.size());
    }
    default:
        return Py_BuildValue("(iy#)", address.family(), "", Py_ssize_t(0));
    }
}

// An address argument, as CPython's getsockaddrarg() reads it for the socket's family. A host
// name stays a name (the engine resolves it as setipaddr() does, and the journal writes it).
bool toAddress(PySock *self, PyObject *arg, const char *caller, core::TypedAddress *out)
{
    if (self->family == AF_UNIX) {
        QByteArray path;
        if (PyUnicode_Check(arg)) {
            PyObject *encoded = PyUnicode_EncodeFSDefault(arg);
            if (!encoded)
                return false;
            path = QByteArray(PyBytes_AS_STRING(encoded), PyBytes_GET_SIZE(encoded));
            Py_DECREF(encoded);
        } else {
            Py_buffer view;
            if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) != 0) {
                PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.200s'", Py_TYPE(arg)->tp_name);
                return false;
            }
            path = QByteArray(static_cast<const char *>(view.buf), view.len);
            PyBuffer_Release(&view);
        }
        sockaddr_un un{};
        if (size_t(path.size()) > sizeof un.sun_path) {
            PyErr_SetString(PyExc_OSError, "AF_UNIX path too long");
            return false;
        }
        un.sun_family = AF_UNIX;
        std::memcpy(un.sun_path, path.constData(), size_t(path.size()));
        out->address = core::SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&un),
                                                         unsigned(offsetof(sockaddr_un, sun_path) + size_t(path.size())));
        return true;
    }
    if (self->family != AF_INET && self->family != AF_INET6) {
        PyErr_Format(PyExc_OSError, "%s(): bad family", caller);
        return false;
    }
    const bool v6 = self->family == AF_INET6;
    if (!PyTuple_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s(): %s address must be tuple, not %.500s", caller, v6 ? "AF_INET6" : "AF_INET",
                     Py_TYPE(arg)->tp_name);
        return false;
    }
    const Py_ssize_t n = PyTuple_GET_SIZE(arg);
    if (v6 ? (n < 2 || n > 4) : n != 2) {
        PyErr_SetString(PyExc_TypeError, v6 ? "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"
                                            : "AF_INET address must be a pair (host, port)");
        return false;
    }
    PyObject *hostObject = PyTuple_GET_ITEM(arg, 0);
    QString host;
    if (PyUnicode_Check(hostObject)) {
        host = QString::fromUtf8(PyUnicode_AsUTF8(hostObject));
    } else if (PyBytes_Check(hostObject) || PyByteArray_Check(hostObject)) {
        host = QString::fromUtf8(PyBytes_Check(hostObject) ? PyBytes_AS_STRING(hostObject) : PyByteArray_AS_STRING(hostObject));
    } else {
        PyErr_Format(PyExc_TypeError, "str, bytes or bytearray expected, not %s", Py_TYPE(hostObject)->tp_name);
        return false;
    }
    const long port = PyLong_AsLong(PyTuple_GET_ITEM(arg, 1));
    if (port == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_OverflowError, "%s(): port must be 0-65535.", caller);
        }
        return false;
    }
    if (port < 0 || port > 65535) {
        PyErr_Format(PyExc_OverflowError, "%s(): port must be 0-65535.", caller);
        return false;
    }
    unsigned long flow = 0;
    unsigned long scope = 0;
    if (n > 2) {
        flow = PyLong_AsUnsignedLong(PyTuple_GET_ITEM(arg, 2));
        if (PyErr_Occurred())
            return false;
        if (flow > 0xfffff) {
            PyErr_Format(PyExc_OverflowError, "%s(): flowinfo must be 0-1048575.", caller);
            return false;
        }
    }
    if (n > 3) {
        scope = PyLong_AsUnsignedLong(PyTuple_GET_ITEM(arg, 3));
        if (PyErr_Occurred())
            return false;
    }
    // setipaddr(): '' is INADDR_ANY, '<broadcast>' INADDR_BROADCAST, numbers are parsed, anything
    // else is a name.
    QString numeric = host;
    if (host.isEmpty())
        numeric = v6 ? QStringLiteral("::") : QStringLiteral("0.0.0.0");
    else if (host == QLatin1String("<broadcast>") && !v6)
        numeric = QStringLiteral("255.255.255.255");
    unsigned char probe[sizeof(in6_addr)];
    const bool isNumber = inet_pton(v6 ? AF_INET6 : AF_INET, numeric.toLatin1().constData(), probe) == 1;
    if (v6) {
        sockaddr_in6 in6{};
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons(quint16(port));
        in6.sin6_flowinfo = htonl(quint32(flow));
        in6.sin6_scope_id = quint32(scope);
        if (isNumber)
            std::memcpy(&in6.sin6_addr, probe, sizeof in6.sin6_addr);
        out->address = core::SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&in6), sizeof in6);
    } else {
        sockaddr_in in{};
        in.sin_family = AF_INET;
        in.sin_port = htons(quint16(port));
        if (isNumber)
            std::memcpy(&in.sin_addr, probe, sizeof in.sin_addr);
        out->address = core::SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&in), sizeof in);
    }
    if (!isNumber)
        out->hostName = host;
    return true;
}

bool readBytes(PyObject *object, QByteArray *out)
{
    Py_buffer view;
    if (PyObject_GetBuffer(object, &view, PyBUF_SIMPLE) != 0)
        return false;
    *out = QByteArray(static_cast<const char *>(view.buf), view.len);
    PyBuffer_Release(&view);
    return true;
}

bool checkOpen(PySock *self)
{
    if (self->id >= 0)
        return true;
    PyObject *args = Py_BuildValue("(is)", EBADF, std::strerror(EBADF));
    PyErr_SetObject(PyExc_OSError, args);
    Py_XDECREF(args);
    return false;
}

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
    if (fileno != Py_None) {
        const long fd = PyLong_AsLong(fileno);
        if (fd == -1 && PyErr_Occurred())
            return -1;
        int id = -1;
        {
            QMutexLocker lock(&g_adoptMutex);
            if (const auto it = g_accepted.constFind(int(fd)); it != g_accepted.constEnd()) {
                id = it.value();
                g_accepted.erase(it);
            }
        }
        if (id < 0) {
            for (const core::SocketInfo &info : bench().sockets().snapshot()) {
                if (info.fd == fd && info.state != core::SocketState::Closed)
                    id = info.id;
            }
        }
        if (id < 0) {
            PyErr_SetString(PyExc_NotImplementedError,
                            "socket(fileno=...): a descriptor the workbench did not open cannot be driven through it");
            return -1;
        }
        const core::SocketInfo info = bench().sockets().info(id);
        self->id = id;
        self->family = info.family;
        self->type = info.type;
        self->proto = info.proto;
        self->timeout = info.mode == core::BlockingMode::Timeout ? info.timeout
                      : info.mode == core::BlockingMode::NonBlocking ? 0.0 : -1;
        return 0;
    }
    self->family = family == -1 ? AF_INET : family;
    self->type = type == -1 ? SOCK_STREAM : type;
    self->proto = proto == -1 ? 0 : proto;
    Call call;
    call.kind = CallKind::Socket;
    call.family = self->family;
    call.type = self->type;
    call.proto = self->proto;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return -1;
    self->id = record.outcome.socketId >= 0 ? record.outcome.socketId : record.value->newSocketId;
    ownedByPython(self->id);
    const double seconds = defaultTimeout();
    if (seconds >= 0 && applyTimeout(self, seconds) < 0)
        return -1;
    return 0;
}

// Garbage-collected while open: closed, as CPython closes it (its ResourceWarning is not shown).
void sockFinalize(PyObject *object)
{
    auto *self = reinterpret_cast<PySock *>(object);
    if (self->id >= 0 && PythonEngine::current()) {
        Call call = on(self, CallKind::Close);
        call.origin = PythonEngine::current()->origin();
        bench().submit(std::move(call));
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
    {
        QMutexLocker lock(&g_adoptMutex);
        g_accepted.insert(fd, id);
    }
    PyObject *address = pyAddress(record.outcome.address);
    if (!address)
        return nullptr;
    return Py_BuildValue("(iN)", fd, address);
}

PyObject *sendCall(PySock *self, CallKind kind, PyObject *data, int flags, PyObject *address, const char *caller)
{
    if (!checkOpen(self))
        return nullptr;
    Call call = on(self, kind);
    if (!readBytes(data, &call.data))
        return nullptr;
    call.dataSize = call.data.size();
    call.flags = flags;
    if (address) {
        core::TypedAddress typed;
        if (!toAddress(self, address, caller, &typed))
            return nullptr;
        call.address = typed.address;
        call.addressHost = typed.hostName;
    }
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    if (kind == CallKind::SendAll)
        Py_RETURN_NONE;
    return PyLong_FromLongLong(record.outcome.count);
}

PyObject *sockSend(PyObject *self, PyObject *args)
{
    PyObject *data = nullptr;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "O|i:send", &data, &flags))
        return nullptr;
    return sendCall(reinterpret_cast<PySock *>(self), CallKind::Send, data, flags, nullptr, "send");
}

PyObject *sockSendAll(PyObject *self, PyObject *args)
{
    PyObject *data = nullptr;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "O|i:sendall", &data, &flags))
        return nullptr;
    return sendCall(reinterpret_cast<PySock *>(self), CallKind::SendAll, data, flags, nullptr, "sendall");
}

PyObject *sockSendTo(PyObject *self, PyObject *args)
{
    PyObject *data = nullptr;
    PyObject *address = nullptr;
    int flags = 0;
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n == 2) {
        if (!PyArg_ParseTuple(args, "OO:sendto", &data, &address))
            return nullptr;
    } else if (n == 3) {
        if (!PyArg_ParseTuple(args, "OiO:sendto", &data, &flags, &address))
            return nullptr;
    } else {
        PyErr_Format(PyExc_TypeError, "sendto() takes 2 or 3 arguments (%zd given)", n);
        return nullptr;
    }
    return sendCall(reinterpret_cast<PySock *>(self), CallKind::SendTo, data, flags, address, "sendto");
}

bool recvCall(PySock *self, CallKind kind, Py_ssize_t size, int flags, CallRecord *record)
{
    if (!checkOpen(self))
        return false;
    Call call = on(self, kind);
    call.size = size;
    call.flags = flags;
    return perform(std::move(call), record);
}

PyObject *sockRecv(PyObject *self, PyObject *args)
{
    Py_ssize_t size = 0;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "n|i:recv", &size, &flags))
        return nullptr;
    CallRecord record;
    if (!recvCall(reinterpret_cast<PySock *>(self), CallKind::Recv, size, flags, &record))
        return nullptr;
    return PyBytes_FromStringAndSize(record.outcome.data.constData(), record.outcome.data.size());
}

PyObject *sockRecvFrom(PyObject *self, PyObject *args)
{
    Py_ssize_t size = 0;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "n|i:recvfrom", &size, &flags))
        return nullptr;
    CallRecord record;
    if (!recvCall(reinterpret_cast<PySock *>(self), CallKind::RecvFrom, size, flags, &record))
        return nullptr;
    PyObject *address = pyAddress(record.outcome.address);
    if (!address)
        return nullptr;
    return Py_BuildValue("(y#N)", record.outcome.data.constData(), Py_ssize_t(record.outcome.data.size()), address);
}

// recv_into / recvfrom_into: a recv into the engine, then the bytes copied into the buffer.
PyObject *intoCall(PyObject *self, PyObject *args, PyObject *kwargs, CallKind kind)
{
    static const char *keywords[] = {"buffer", "nbytes", "flags", nullptr};
    Py_buffer view;
    Py_ssize_t size = 0;
    int flags = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, kind == CallKind::Recv ? "w*|ni:recv_into" : "w*|ni:recvfrom_into",
                                     const_cast<char **>(keywords), &view, &size, &flags))
        return nullptr;
    if (size < 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, kind == CallKind::Recv ? "negative buffersize in recv_into"
                                                                 : "negative buffersize in recvfrom_into");
        return nullptr;
    }
    if (size == 0)
        size = view.len;
    if (size > view.len) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, kind == CallKind::Recv ? "buffer too small for requested bytes"
                                                                 : "nbytes is greater than the length of the buffer");
        return nullptr;
    }
    CallRecord record;
    if (!recvCall(reinterpret_cast<PySock *>(self), kind, size, flags, &record)) {
        PyBuffer_Release(&view);
        return nullptr;
    }
    const QByteArray &data = record.outcome.data;
    std::memcpy(view.buf, data.constData(), size_t(std::min<qsizetype>(data.size(), size)));
    PyBuffer_Release(&view);
    if (kind == CallKind::Recv)
        return PyLong_FromSsize_t(data.size());
    PyObject *address = pyAddress(record.outcome.address);
    if (!address)
        return nullptr;
    return Py_BuildValue("(nN)", Py_ssize_t(data.size()), address);
}

PyObject *sockRecvInto(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return intoCall(self, args, kwargs, CallKind::Recv);
}

PyObject *sockRecvFromInto(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return intoCall(self, args, kwargs, CallKind::RecvFrom);
}

PyObject *sockShutdown(PyObject *object, PyObject *how)
{
    auto *self = reinterpret_cast<PySock *>(object);
    const long value = PyLong_AsLong(how);
    if (value == -1 && PyErr_Occurred())
        return nullptr;
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
    {
        QMutexLocker lock(&g_adoptMutex);
        g_accepted.insert(fd, self->id);
    }
    self->id = -1;
    return PyLong_FromLong(fd);
}

// What the engine has no call for yet: said plainly, never done behind its back.
PyObject *notHere(const char *what)
{
    PyErr_Format(PyExc_NotImplementedError, "%s: not routed through the workbench's engine", what);
    return nullptr;
}

PyObject *sockSendMsg(PyObject *, PyObject *)
{
    return notHere("sendmsg()");
}

PyObject *sockRecvMsg(PyObject *, PyObject *)
{
    return notHere("recvmsg()");
}

PyObject *sockRecvMsgInto(PyObject *, PyObject *)
{
    return notHere("recvmsg_into()");
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
    const int blocking = PyObject_IsTrue(flag);
    if (blocking < 0)
        return nullptr;
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

const core::OptionSpec *findSpec(int level, int optname)
{
    for (const core::OptionSpec &spec : core::socketOptions()) {
        if (spec.level == level && spec.optname == optname)
            return &spec;
    }
    return nullptr;
}

PyObject *unknownOption(const char *caller, int level, int optname)
{
    PyErr_Format(PyExc_NotImplementedError, "%s(%d, %d): an option the workbench does not know", caller, level, optname);
    return nullptr;
}

PyObject *sockSetSockOpt(PyObject *object, PyObject *args)
{
    auto *self = reinterpret_cast<PySock *>(object);
    int level = 0;
    int optname = 0;
    PyObject *value = nullptr;
    if (!PyArg_ParseTuple(args, "iiO:setsockopt", &level, &optname, &value))
        return nullptr;
    const core::OptionSpec *spec = findSpec(level, optname);
    if (!spec)
        return unknownOption("setsockopt", level, optname);
    core::OptionValue option;
    if (PyLong_Check(value)) {
        const long number = PyLong_AsLong(value);
        if (number == -1 && PyErr_Occurred())
            return nullptr;
        const int flag = int(number);
        option.raw = QByteArray(reinterpret_cast<const char *>(&flag), sizeof flag);
        option.python = QString::number(number);
        option.text = option.python;
    } else if (value == Py_None) {
        PyErr_SetString(PyExc_NotImplementedError, "setsockopt(level, option, None, optlen) is not supported");
        return nullptr;
    } else {
        if (!readBytes(value, &option.raw))
            return nullptr;
        option.python = core::pythonBytesLiteral(option.raw);
        option.text = core::spacedHex(option.raw);
    }
    Call call = on(self, CallKind::SetOption);
    call.option = spec;
    call.optionValue = option;
    return noneCall(self, std::move(call));
}

PyObject *sockGetSockOpt(PyObject *object, PyObject *args)
{
    auto *self = reinterpret_cast<PySock *>(object);
    int level = 0;
    int optname = 0;
    int buflen = 0;
    if (!PyArg_ParseTuple(args, "ii|i:getsockopt", &level, &optname, &buflen))
        return nullptr;
    const core::OptionSpec *spec = findSpec(level, optname);
    if (!spec)
        return unknownOption("getsockopt", level, optname);
    if (!checkOpen(self))
        return nullptr;
    Call call = on(self, CallKind::GetOption);
    call.option = spec;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    const QByteArray &raw = record.outcome.data;
    if (buflen > 0)
        return PyBytes_FromStringAndSize(raw.constData(), std::min<qsizetype>(raw.size(), buflen));
    int value = 0;
    std::memcpy(&value, raw.constData(), std::min<size_t>(sizeof value, size_t(raw.size())));
    return PyLong_FromLong(value);
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
    {"shutdown", sockShutdown, METH_O, "shutdown(how)"},
    {"sendmsg", sockSendMsg, METH_VARARGS, "sendmsg(): not available here"},
    {"recvmsg", sockRecvMsg, METH_VARARGS, "recvmsg(): not available here"},
    {"recvmsg_into", sockRecvMsgInto, METH_VARARGS, "recvmsg_into(): not available here"},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef g_getset[] = {
    {"family", getFamily, nullptr, "the socket family", nullptr},
    {"type", getType, nullptr, "the socket type", nullptr},
    {"proto", getProto, nullptr, "the socket protocol", nullptr},
    {"timeout", getTimeoutAttr, nullptr, "the socket timeout", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyTypeObject *g_socketType = nullptr; // this interpreter's _socket.socket

// ---- module functions -------------------------------------------------------------------------

PyObject *modSocketPair(PyObject *, PyObject *args)
{
    int family = AF_UNIX;
    int type = SOCK_STREAM;
    int proto = 0;
    if (!PyArg_ParseTuple(args, "|iii:socketpair", &family, &type, &proto))
        return nullptr;
    Call call;
    call.kind = CallKind::SocketPair;
    call.family = family;
    call.type = type;
    call.proto = proto;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    PyObject *pair[2] = {nullptr, nullptr};
    for (int i = 0; i < 2; ++i) {
        auto *s = reinterpret_cast<PySock *>(sockNew(g_socketType, nullptr, nullptr));
        if (!s) {
            Py_XDECREF(pair[0]);
            return nullptr;
        }
        s->id = record.value->newSocketId + i;
        ownedByPython(s->id);
        s->family = family;
        s->type = type;
        s->proto = proto;
        pair[i] = reinterpret_cast<PyObject *>(s);
    }
    return Py_BuildValue("(NN)", pair[0], pair[1]);
}

bool lookup(Call call, CallRecord *record)
{
    return perform(std::move(call), record);
}

QString textArgument(PyObject *object)
{
    if (PyUnicode_Check(object))
        return QString::fromUtf8(PyUnicode_AsUTF8(object));
    if (PyBytes_Check(object))
        return QString::fromUtf8(PyBytes_AS_STRING(object));
    return {};
}

PyObject *hostCall(PyObject *args, CallKind kind, const char *format)
{
    const char *host = nullptr;
    if (!PyArg_ParseTuple(args, format, &host))
        return nullptr;
    Call call;
    call.kind = kind;
    call.host = QString::fromUtf8(host);
    CallRecord record;
    if (!lookup(std::move(call), &record))
        return nullptr;
    const auto &found = record.outcome.lookup;
    if (kind == CallKind::GetHostByName)
        return PyUnicode_FromString(found && !found->entries.isEmpty() ? found->entries.first().address.host().toUtf8().constData()
                                                                      : "");
    PyObject *aliases = PyList_New(0);
    PyObject *addresses = PyList_New(0);
    if (found) {
        for (const QString &alias : found->aliases) {
            PyObject *item = PyUnicode_FromString(alias.toUtf8().constData());
            PyList_Append(aliases, item);
            Py_XDECREF(item);
        }
        for (const core::AddressInfo &entry : found->entries) {
            PyObject *item = PyUnicode_FromString(entry.address.host().toUtf8().constData());
            PyList_Append(addresses, item);
            Py_XDECREF(item);
        }
    }
    return Py_BuildValue("(sNN)", found ? found->name.toUtf8().constData() : "", aliases, addresses);
}

PyObject *modGetHostName(PyObject *, PyObject *)
{
    Call call;
    call.kind = CallKind::GetHostName;
    CallRecord record;
    if (!lookup(std::move(call), &record))
        return nullptr;
    const auto &found = record.outcome.lookup;
    return PyUnicode_FromString(found ? found->name.toUtf8().constData() : "");
}

PyObject *modGetHostByName(PyObject *, PyObject *args)
{
    return hostCall(args, CallKind::GetHostByName, "s:gethostbyname");
}

PyObject *modGetHostByNameEx(PyObject *, PyObject *args)
{
    return hostCall(args, CallKind::GetHostByNameEx, "s:gethostbyname_ex");
}

PyObject *modGetHostByAddr(PyObject *, PyObject *args)
{
    return hostCall(args, CallKind::GetHostByAddr, "s:gethostbyaddr");
}

PyObject *modGetAddrInfo(PyObject *, PyObject *args, PyObject *kwargs)
{
    static const char *keywords[] = {"host", "port", "family", "type", "proto", "flags", nullptr};
    PyObject *host = nullptr;
    PyObject *port = nullptr;
    int family = 0;
    int type = 0;
    int proto = 0;
    int flags = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO|iiii:getaddrinfo", const_cast<char **>(keywords), &host, &port,
                                     &family, &type, &proto, &flags))
        return nullptr;
    Call call;
    call.kind = CallKind::GetAddrInfo;
    call.host = host == Py_None ? QString() : textArgument(host);
    if (PyLong_Check(port))
        call.port = QString::number(PyLong_AsLong(port));
    else if (port != Py_None)
        call.port = textArgument(port);
    if (host != Py_None && !PyUnicode_Check(host) && !PyBytes_Check(host)) {
        PyErr_SetString(PyExc_TypeError, "getaddrinfo() argument 1 must be string or None");
        return nullptr;
    }
    if (port != Py_None && !PyLong_Check(port) && !PyUnicode_Check(port) && !PyBytes_Check(port)) {
        PyErr_SetString(PyExc_OSError, "Int or String expected");
        return nullptr;
    }
    call.family = family;
    call.type = type;
    call.proto = proto;
    call.flags = flags;
    CallRecord record;
    if (!lookup(std::move(call), &record))
        return nullptr;
    PyObject *list = PyList_New(0);
    if (record.outcome.lookup) {
        for (const core::AddressInfo &entry : record.outcome.lookup->entries) {
            PyObject *address = pyAddress(entry.address);
            PyObject *item = Py_BuildValue("(iiisN)", entry.family, entry.type, entry.proto,
                                           entry.canonName.toUtf8().constData(), address);
            PyList_Append(list, item);
            Py_XDECREF(item);
        }
    }
    return list;
}

PyObject *modGetNameInfo(PyObject *, PyObject *args)
{
    PyObject *sa = nullptr;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "Oi:getnameinfo", &sa, &flags))
        return nullptr;
    if (!PyTuple_Check(sa)) {
        PyErr_SetString(PyExc_TypeError, "getnameinfo() argument 1 must be a tuple");
        return nullptr;
    }
    const char *host = nullptr;
    int port = 0;
    unsigned int flow = 0;
    unsigned int scope = 0;
    if (!PyArg_ParseTuple(sa, "si|II;getnameinfo(): illegal sockaddr argument", &host, &port, &flow, &scope))
        return nullptr;
    const QString text = QString::fromUtf8(host);
    const bool v6 = text.contains(QLatin1Char(':'));
    const auto address = core::parseAddress(v6 ? QStringLiteral("[%1]:%2").arg(text).arg(port) : QStringLiteral("%1:%2").arg(text).arg(port),
                                            v6 ? AF_INET6 : AF_INET);
    if (!address) {
        PyObject *args2 = Py_BuildValue("(is)", EAI_NONAME, gai_strerror(EAI_NONAME));
        PyErr_SetObject(g_gaierror, args2);
        Py_XDECREF(args2);
        return nullptr;
    }
    Call call;
    call.kind = CallKind::GetNameInfo;
    call.address = address.value();
    call.flags = flags;
    CallRecord record;
    if (!lookup(std::move(call), &record))
        return nullptr;
    const auto &found = record.outcome.lookup;
    const QString name = found ? found->name : QString();
    const QString service = found && !found->aliases.isEmpty() ? found->aliases.first() : QString::number(port);
    return Py_BuildValue("(ss)", name.toUtf8().constData(), service.toUtf8().constData());
}

// _socket.dup(fd), which socket.dup() and socket.fromfd() use: a descriptor of a workbench socket
// is duplicated by the engine (a dup() call, journaled: the copy is a socket of its own, sk5 =
// sk1.dup()), and the next socket(fileno=...) of the new descriptor takes that socket over. Any
// other descriptor is CPython's business.
PyObject *modDup(PyObject *, PyObject *arg)
{
    const long fd = PyLong_AsLong(arg);
    if (fd == -1 && PyErr_Occurred())
        return nullptr;
    int id = -1;
    for (const core::SocketInfo &info : bench().sockets().snapshot()) {
        if (info.fd == fd && info.state != core::SocketState::Closed)
            id = info.id;
    }
    if (id < 0)
        return PyObject_CallOneArg(g_osDup, arg);
    Call call;
    call.kind = CallKind::Dup;
    call.socketId = id;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    const int copy = record.outcome.socketId;
    ownedByPython(copy);
    const int copyFd = bench().sockets().info(copy).fd;
    {
        QMutexLocker lock(&g_adoptMutex);
        g_accepted.insert(copyFd, copy);
    }
    return PyLong_FromLong(copyFd);
}

// print() and tracebacks of the console: sys.stdout and sys.stderr write here.
PyObject *modWrite(PyObject *, PyObject *args)
{
    const char *text = nullptr;
    int error = 0;
    if (!PyArg_ParseTuple(args, "sp:_write", &text, &error))
        return nullptr;
    PythonEngine::current()->write(QString::fromUtf8(text), error);
    Py_RETURN_NONE;
}

PyMethodDef g_functions[] = {
    {"_write", modWrite, METH_VARARGS, "_write(text, error): the console's output"},
    {"dup", modDup, METH_O, "dup(integer) -> integer: a duplicate descriptor"},
    {"socketpair", modSocketPair, METH_VARARGS, "socketpair([family[, type[, proto]]]) -> (socket object, socket object)"},
    {"gethostname", modGetHostName, METH_NOARGS, "gethostname() -> string"},
    {"gethostbyname", modGetHostByName, METH_VARARGS, "gethostbyname(host) -> address"},
    {"gethostbyname_ex", modGetHostByNameEx, METH_VARARGS, "gethostbyname_ex(host) -> (name, aliaslist, addresslist)"},
    {"gethostbyaddr", modGetHostByAddr, METH_VARARGS, "gethostbyaddr(host) -> (name, aliaslist, addresslist)"},
    {"getaddrinfo", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(modGetAddrInfo)), METH_VARARGS | METH_KEYWORDS,
     "getaddrinfo(host, port [, family, type, proto, flags]) -> list of (family, type, proto, canonname, sockaddr)"},
    {"getnameinfo", modGetNameInfo, METH_VARARGS, "getnameinfo(sockaddr, flags) --> (host, port)"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef g_module = {PyModuleDef_HEAD_INIT, "_swsocket", "The workbench's socket calls, for the embedded interpreter",
                        -1, g_functions, nullptr, nullptr, nullptr, nullptr};

} // namespace

bool isPythonSocket(int socketId)
{
    QMutexLocker lock(&g_adoptMutex);
    return g_pythonSockets.contains(socketId);
}

PyObject *initSocketModule()
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
    Py_XDECREF(g_gaierror);
    Py_XDECREF(g_herror);
    g_gaierror = g_herror = nullptr;
    g_socketType = reinterpret_cast<PyTypeObject *>(PyType_FromSpec(&spec));
    if (!g_socketType)
        return nullptr;
    PyObject *real = PyImport_ImportModule("_socket");
    if (!real)
        return nullptr;
    g_gaierror = PyObject_GetAttrString(real, "gaierror");
    g_herror = PyObject_GetAttrString(real, "herror");
    Py_XDECREF(g_osDup);
    g_osDup = PyObject_GetAttrString(real, "dup");
    Py_DECREF(real);
    if (!g_gaierror || !g_herror || !g_osDup)
        return nullptr;
    PyObject *module = PyModule_Create(&g_module);
    if (!module)
        return nullptr;
    Py_INCREF(g_socketType);
    if (PyModule_AddObject(module, "socket", reinterpret_cast<PyObject *>(g_socketType)) < 0) {
        Py_DECREF(g_socketType);
        Py_DECREF(module);
        return nullptr;
    }
    return module;
}

} // namespace py
