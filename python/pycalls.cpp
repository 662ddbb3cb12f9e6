// _swsocket's plumbing: a method's Call made and waited for with the GIL released, its outcome
// raised as CPython raises it, and addresses and buffers between Python's values and ours.
#include "python/pysocketparts.h"

#include <frameobject.h>

#include "python/pysocket.h"
#include "python/pythonengine.h"

#include "core/base/clock.h"
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
#include <atomic>
#include <cmath>
#include <cstring>

namespace py {

namespace sock {

PyObject *g_gaierror = nullptr;
PyObject *g_herror = nullptr;
PyObject *g_osDup = nullptr;
PyTypeObject *g_socketType = nullptr;

QMutex g_adoptMutex;
QSet<int> g_pythonSockets;

void ownedByPython(int id)
{
    QMutexLocker lock(&g_adoptMutex);
    g_pythonSockets.insert(id);
}



core::Workbench &bench()
{
    return PythonEngine::current()->workbench();
}

// The name of the Python thread making a call, or empty on the interpreter's main thread (the
// script's or the console's own thread: naming it would say nothing). threading is looked at only
// from other threads, so a single-threaded script pays one comparison per call.
QString callingThread()
{
    static std::atomic<unsigned long> mainIdent{0}; // the interpreter's main thread, once known
    const unsigned long ident = PyThread_get_thread_ident();
    if (ident == mainIdent.load(std::memory_order_relaxed))
        return {};
    PyObject *threading = PyImport_ImportModule("threading");
    QString name;
    if (threading) {
        PyObject *main = PyObject_CallMethod(threading, "main_thread", nullptr);
        PyObject *current = PyObject_CallMethod(threading, "current_thread", nullptr);
        if (main && current && main == current) {
            mainIdent.store(ident, std::memory_order_relaxed);
        } else if (current) {
            if (PyObject *value = PyObject_GetAttrString(current, "name")) {
                if (const char *utf8 = PyUnicode_Check(value) ? PyUnicode_AsUTF8(value) : nullptr)
                    name = QString::fromUtf8(utf8);
                Py_DECREF(value);
            }
        }
        Py_XDECREF(main);
        Py_XDECREF(current);
        Py_DECREF(threading);
    }
    PyErr_Clear(); // a thread being torn down has no name to give; the call goes on without it
    return name;
}

// Where in the script the call was made: the innermost frame outside the socket module itself.
core::CallSource callSite()
{
    core::CallSource source;
    source.thread = callingThread();
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
bool g_forkedChild = false;

bool refusedInForkedChild(const char *name)
{
    if (!g_forkedChild)
        return false;
    PyErr_Format(PyExc_RuntimeError,
                 "%s() in a child of os.fork(): the workbench's I/O threads are in the parent process; "
                 "make socket calls in the parent, or use threads",
                 name);
    return true;
}

bool perform(Call call, CallRecord *record)
{
    if (refusedInForkedChild(qPrintable(core::callKindName(call.kind))))
        return false;
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
        return Py_BuildValue("(siII)", address.pythonHost().toUtf8().constData(), int(address.port()), address.flowInfo(),
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

} // namespace sock

bool isPythonSocket(int socketId)
{
    QMutexLocker lock(&sock::g_adoptMutex);
    return sock::g_pythonSockets.contains(socketId);
}

} // namespace py
