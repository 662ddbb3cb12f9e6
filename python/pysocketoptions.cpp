// _swsocket's setsockopt() and getsockopt(): any option the engine knows by its level and number.
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

} // namespace py::sock
