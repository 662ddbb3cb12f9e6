// _swsocket's module functions (socketpair, dup, the name lookups, the console's output) and
// the module itself, with the socket type.
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
#include <cmath>
#include <cstring>

namespace py {

namespace sock {

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
        s->type = core::baseSocketType(type);
        s->proto = proto;
        if (type & SOCK_NONBLOCK)
            s->timeout = 0.0;
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
    // As CPython's socket_getaddrinfo: a str host is IDNA-encoded (bücher.example is looked up as
    // xn--bcher-kva.example), a str port UTF-8; what cannot be encoded raises the codec's error.
    Call call;
    call.kind = CallKind::GetAddrInfo;
    if (PyUnicode_Check(host)) {
        PyObject *idna = PyUnicode_AsEncodedString(host, "idna", nullptr);
        if (!idna)
            return nullptr;
        call.host = QString::fromUtf8(PyBytes_AS_STRING(idna));
        Py_DECREF(idna);
    } else if (PyBytes_Check(host)) {
        call.host = QString::fromUtf8(PyBytes_AS_STRING(host));
    } else if (host != Py_None) {
        PyErr_SetString(PyExc_TypeError, "getaddrinfo() argument 1 must be string or None");
        return nullptr;
    }
    if (PyLong_CheckExact(port)) {
        const long number = PyLong_AsLong(port);
        if (number == -1 && PyErr_Occurred())
            return nullptr;
        call.port = QString::number(number);
    } else if (PyUnicode_Check(port)) {
        const char *text = PyUnicode_AsUTF8(port);
        if (!text)
            return nullptr;
        call.port = QString::fromUtf8(text);
    } else if (PyBytes_Check(port)) {
        call.port = QString::fromUtf8(PyBytes_AS_STRING(port));
    } else if (port != Py_None) {
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
    if (flow > 0xfffff) {
        PyErr_SetString(PyExc_OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
        return nullptr;
    }
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
    if (!v6 && PyTuple_GET_SIZE(sa) != 2) {
        PyErr_SetString(PyExc_OSError, "IPv4 sockaddr must be 2 tuple");
        return nullptr;
    }
    Call call;
    call.kind = CallKind::GetNameInfo;
    // As CPython: the tuple's flow info and scope id replace what the host said (fe80::1%lo).
    call.address = v6 ? address.value().withFlowAndScope(flow, scope) : address.value();
    call.flags = flags;
    CallRecord record;
    if (!lookup(std::move(call), &record))
        return nullptr;
    const auto &found = record.outcome.lookup;
    const QString name = found ? found->name : QString();
    const QString service = found && !found->aliases.isEmpty() ? found->aliases.first() : QString::number(port);
    return Py_BuildValue("(ss)", name.toUtf8().constData(), service.toUtf8().constData());
}

// os.register_at_fork(after_in_child=...) calls it: see g_forkedChild.
PyObject *modForked(PyObject *, PyObject *)
{
    g_forkedChild = true;
    Py_RETURN_NONE;
}

// _socket.dup(fd), which socket.dup() and socket.fromfd() use: a descriptor of a workbench socket
// is duplicated by the engine (a dup() call, journaled: the copy is a socket of its own, sk5 =
// sk1.dup()), and the next socket(fileno=...) of the new descriptor takes that socket over. Any
// other descriptor is CPython's business.
PyObject *modDup(PyObject *, PyObject *arg)
{
    if (refusedInForkedChild("dup"))
        return nullptr;
    const long fd = PyLong_AsLong(arg);
    if (fd == -1 && PyErr_Occurred())
        return nullptr;
    const int id = bench().socketOfDescriptor(int(fd));
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
    return PyLong_FromLong(bench().sockets().info(copy).fd);
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
    {"_forked", modForked, METH_NOARGS, "marks this process as a child of os.fork()"},
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

} // namespace sock

using namespace sock;

PyObject *initSocketModule()
{
    Py_XDECREF(g_gaierror);
    Py_XDECREF(g_herror);
    g_gaierror = g_herror = nullptr;
    g_socketType = makeSocketType();
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
