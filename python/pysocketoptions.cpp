// _swsocket's setsockopt() and getsockopt(): any option by its level and number.
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

// As CPython's sock_setsockopt: an int that fits, else a bytes-like object (an int out of range
// ends there too: "a bytes-like object is required, not 'int'"). Any level and number: the kernel
// says whether the option exists.
PyObject *sockSetSockOpt(PyObject *object, PyObject *args)
{
    auto *self = reinterpret_cast<PySock *>(object);
    int level = 0;
    int optname = 0;
    PyObject *value = nullptr;
    core::OptionValue option;
    if (PyTuple_GET_SIZE(args) == 4) {
        // setsockopt(level, option, None, optlen): a null buffer of optlen bytes (an unsigned
        // int, unchecked, as CPython's "I" reads it).
        PyObject *none = nullptr;
        unsigned int optlen = 0;
        if (!PyArg_ParseTuple(args, "iiO!I:setsockopt", &level, &optname, Py_TYPE(Py_None), &none, &optlen)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, "setsockopt() takes exactly 3 arguments (4 given)");
            return nullptr;
        }
        option.nullLength = optlen;
        option.python = QStringLiteral("None, %1").arg(optlen);
        option.text = option.python;
        Call call = on(self, CallKind::SetOption);
        call.option = core::OptionRef::byNumber(level, optname);
        call.optionValue = option;
        return noneCall(self, std::move(call));
    }
    if (PyTuple_GET_SIZE(args) != 3) {
        PyErr_Format(PyExc_TypeError, "setsockopt() takes exactly 3 arguments (%zd given)", PyTuple_GET_SIZE(args));
        return nullptr;
    }
    if (!PyArg_ParseTuple(args, "iiO:setsockopt", &level, &optname, &value))
        return nullptr;
    int flag = 0;
    if (self->family == AF_VSOCK) {
        // AF_VSOCK's options are 64-bit (CPython: "iiK"), whatever the level.
        const unsigned long long wide = PyLong_AsUnsignedLongLongMask(value);
        if (PyErr_Occurred())
            return nullptr;
        const quint64 bits = wide;
        option.raw = QByteArray(reinterpret_cast<const char *>(&bits), sizeof bits);
        option.python = QString::number(bits);
        option.text = option.python;
    } else if (PyLong_Check(value) && PyArg_Parse(value, "i", &flag)) {
        option.raw = QByteArray(reinterpret_cast<const char *>(&flag), sizeof flag);
        option.python = QString::number(flag);
        option.text = option.python;
    } else {
        PyErr_Clear();
        if (!readBytes(value, &option.raw))
            return nullptr;
        option.python = core::pythonBytesLiteral(option.raw);
        option.text = core::spacedHex(option.raw);
    }
    Call call = on(self, CallKind::SetOption);
    call.option = core::OptionRef::byNumber(level, optname);
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
    if (buflen < 0 || buflen > 1024) {
        PyErr_SetString(PyExc_OSError, "getsockopt buflen out of range");
        return nullptr;
    }
    if (!checkOpen(self))
        return nullptr;
    const bool vsock = self->family == AF_VSOCK && buflen == 0; // a 64-bit value, as CPython reads it
    Call call = on(self, CallKind::GetOption);
    call.option = core::OptionRef::byNumber(level, optname);
    call.optionBuffer = vsock ? int(sizeof(quint64)) : buflen;
    CallRecord record;
    if (!perform(std::move(call), &record))
        return nullptr;
    const QByteArray &raw = record.outcome.data;
    if (vsock) {
        quint64 wide = 0;
        std::memcpy(&wide, raw.constData(), std::min<size_t>(sizeof wide, size_t(raw.size())));
        return PyLong_FromUnsignedLongLong(wide);
    }
    if (buflen > 0)
        return PyBytes_FromStringAndSize(raw.constData(), raw.size());
    int value = 0;
    std::memcpy(&value, raw.constData(), std::min<size_t>(sizeof value, size_t(raw.size())));
    return PyLong_FromLong(value);
}

} // namespace py::sock
