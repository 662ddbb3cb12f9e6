// _swsocket's sendmsg(), recvmsg() and recvmsg_into(), each one engine call: the arguments are
// read and checked as CPython's socketmodule.c reads them (in its order, with its messages), the
// result is built as it builds it: (data, [(level, type, data), ...], msg_flags, address).
#include "python/pysocketparts.h"

#include "core/net/ancillary.h"

#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

namespace py::sock {

namespace {

PyObject *ancillaryList(const core::ReceivedMessage *message)
{
    PyObject *list = PyList_New(0);
    if (!list || !message)
        return list;
    for (const core::Ancillary &item : message->ancillary) {
        PyObject *entry = Py_BuildValue("(iiy#)", item.level, item.type, item.data.constData(), Py_ssize_t(item.data.size()));
        if (!entry || PyList_Append(list, entry) != 0) {
            Py_XDECREF(entry);
            Py_DECREF(list);
            return nullptr;
        }
        Py_DECREF(entry);
    }
    return list;
}

// (head, ancdata, msg_flags, address): head is the bytes for recvmsg, their count for recvmsg_into.
PyObject *messageResult(PyObject *head, const core::Outcome &outcome)
{
    if (!head)
        return nullptr;
    PyObject *ancillary = ancillaryList(outcome.message.get());
    PyObject *address = ancillary ? pyAddress(outcome.address) : nullptr;
    if (!ancillary || !address) {
        Py_DECREF(head);
        Py_XDECREF(ancillary);
        return nullptr;
    }
    return Py_BuildValue("(NNiN)", head, ancillary, outcome.message ? outcome.message->flags : 0, address);
}

bool checkAncillarySize(Py_ssize_t size)
{
    if (size < 0 || size > Py_ssize_t(std::numeric_limits<socklen_t>::max())) {
        PyErr_SetString(PyExc_ValueError, "invalid ancillary data buffer length");
        return false;
    }
    return true;
}

} // namespace

PyObject *sockSendMsg(PyObject *object, PyObject *args)
{
    auto *self = reinterpret_cast<PySock *>(object);
    PyObject *buffers = nullptr;
    PyObject *ancillary = nullptr;
    int flags = 0;
    PyObject *addressArg = nullptr;
    if (!PyArg_ParseTuple(args, "O|OiO:sendmsg", &buffers, &ancillary, &flags, &addressArg))
        return nullptr;
    Call call = on(self, CallKind::SendMsg);
    call.flags = flags;
    if (addressArg && addressArg != Py_None) {
        core::TypedAddress typed;
        if (!toAddress(self, addressArg, "sendmsg", &typed))
            return nullptr;
        call.address = typed.address;
        call.addressHost = typed.hostName;
    }
    PyObject *parts = PySequence_Fast(buffers, "sendmsg() argument 1 must be an iterable");
    if (!parts)
        return nullptr;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(parts); ++i) {
        QByteArray bytes;
        if (!readBytes(PySequence_Fast_GET_ITEM(parts, i), &bytes)) {
            Py_DECREF(parts);
            return nullptr;
        }
        call.data += bytes;
        call.buffers.append(bytes.size());
    }
    Py_DECREF(parts);
    if (ancillary) {
        PyObject *items = PySequence_Fast(ancillary, "sendmsg() argument 2 must be an iterable");
        if (!items)
            return nullptr;
        for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(items); ++i) {
            core::Ancillary item;
            Py_buffer view;
            if (!PyArg_Parse(PySequence_Fast_GET_ITEM(items, i), "(iiy*):[sendmsg() ancillary data items]", &item.level,
                             &item.type, &view)) {
                Py_DECREF(items);
                return nullptr;
            }
            item.data = QByteArray(static_cast<const char *>(view.buf), view.len);
            PyBuffer_Release(&view);
            call.ancillary.append(std::move(item));
        }
        Py_DECREF(items);
    }
    if (!checkOpen(self))
        return nullptr;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    return PyLong_FromLongLong(record.outcome.count);
}

PyObject *sockRecvMsg(PyObject *object, PyObject *args)
{
    auto *self = reinterpret_cast<PySock *>(object);
    Py_ssize_t bufsize = 0;
    Py_ssize_t ancbufsize = 0;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "n|ni:recvmsg", &bufsize, &ancbufsize, &flags))
        return nullptr;
    if (bufsize < 0) {
        PyErr_SetString(PyExc_ValueError, "negative buffer size in recvmsg()");
        return nullptr;
    }
    if (!checkAncillarySize(ancbufsize) || !checkOpen(self))
        return nullptr;
    Call call = on(self, CallKind::RecvMsg);
    call.size = bufsize;
    call.ancillarySize = int(std::min<Py_ssize_t>(ancbufsize, std::numeric_limits<int>::max()));
    call.flags = flags;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    const QByteArray &data = record.outcome.data;
    return messageResult(PyBytes_FromStringAndSize(data.constData(), data.size()), record.outcome);
}

PyObject *sockRecvMsgInto(PyObject *object, PyObject *args)
{
    auto *self = reinterpret_cast<PySock *>(object);
    PyObject *buffers = nullptr;
    Py_ssize_t ancbufsize = 0;
    int flags = 0;
    if (!PyArg_ParseTuple(args, "O|ni:recvmsg_into", &buffers, &ancbufsize, &flags))
        return nullptr;
    if (!checkAncillarySize(ancbufsize))
        return nullptr;
    PyObject *parts = PySequence_Fast(buffers, "recvmsg_into() argument 1 must be an iterable");
    if (!parts)
        return nullptr;
    std::vector<Py_buffer> views;
    auto release = [&] {
        for (Py_buffer &view : views)
            PyBuffer_Release(&view);
        Py_DECREF(parts);
    };
    Call call = on(self, CallKind::RecvMsgInto);
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(parts); ++i) {
        Py_buffer view;
        if (!PyArg_Parse(PySequence_Fast_GET_ITEM(parts, i),
                         "w*;recvmsg_into() argument 1 must be an iterable of single-segment read-write buffers", &view)) {
            release();
            return nullptr;
        }
        views.push_back(view);
        call.buffers.append(view.len);
        call.size += view.len;
    }
    call.ancillarySize = int(std::min<Py_ssize_t>(ancbufsize, std::numeric_limits<int>::max()));
    call.flags = flags;
    if (!checkOpen(self)) {
        release();
        return nullptr;
    }
    CallRecord record;
    if (!perform(std::move(call), &record)) {
        release();
        return nullptr;
    }
    // The bytes fill the buffers in order, as the kernel's scatter would have.
    const QByteArray &data = record.outcome.data;
    qsizetype at = 0;
    for (Py_buffer &view : views) {
        const qsizetype take = std::min<qsizetype>(view.len, data.size() - at);
        if (take <= 0)
            break;
        std::memcpy(view.buf, data.constData() + at, size_t(take));
        at += take;
    }
    release();
    return messageResult(PyLong_FromSsize_t(data.size()), record.outcome);
}

} // namespace py::sock
