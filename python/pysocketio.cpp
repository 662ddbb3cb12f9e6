// _swsocket's socket methods that move bytes: send, sendall, sendto, the engine's sendfile, recv,
// recvfrom, recv_into, recvfrom_into (sendmsg and recvmsg are in pymessages.cpp).
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
#include <cmath>
#include <cstring>

namespace py::sock {

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

// socket.sendfile()'s engine call: the bytes sent and, when it failed, the exception (not raised:
// socket.py decides between giving up on sendfile, when nothing was sent, and raising it).
PyObject *sockSendFile(PyObject *self, PyObject *args)
{
    int fd = -1;
    long long offset = 0;
    long long count = 0;
    if (!PyArg_ParseTuple(args, "iLL:_sendfile", &fd, &offset, &count))
        return nullptr;
    auto *sock = reinterpret_cast<PySock *>(self);
    if (!checkOpen(sock))
        return nullptr;
    Call call = on(sock, CallKind::SendFile);
    call.descriptor = fd;
    call.offset = offset;
    call.size = count;
    CallRecord record;
    if (perform(std::move(call), &record))
        return Py_BuildValue("(LO)", static_cast<long long>(record.outcome.count), Py_None);
    if (!PyErr_ExceptionMatches(PyExc_OSError))
        return nullptr; // KeyboardInterrupt, a ValueError of the arguments: raised as they are
    PyObject *type = nullptr;
    PyObject *value = nullptr;
    PyObject *traceback = nullptr;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    if (traceback)
        PyException_SetTraceback(value, traceback);
    Py_XDECREF(type);
    Py_XDECREF(traceback);
    return Py_BuildValue("(LN)", static_cast<long long>(std::max<qint64>(record.outcome.count, 0)), value);
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

} // namespace py::sock
