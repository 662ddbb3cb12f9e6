#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "python/pythonengine.h"

#include "python/pysocket.h"

#include "core/calls/call.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace py {

namespace {

PythonEngine *g_current = nullptr;

PyObject *initModule()
{
    return initSocketModule();
}

// Puts the workbench's calls under `_socket`, keeping everything else CPython's: the standard
// socket.py then builds socket.socket, create_connection, create_server, getfqdn... on them.
constexpr const char *kBootstrap = R"(
import sys, types
import _socket as _cpython_socket
import _swsocket
_shim = types.ModuleType('_socket', _cpython_socket.__doc__)
for _key, _value in _cpython_socket.__dict__.items():
    if _key not in ('__name__', '__doc__', '__loader__', '__spec__', '__package__'):
        setattr(_shim, _key, _value)
_shim.socket = _shim.SocketType = _swsocket.socket
for _key in ('socketpair', 'gethostname', 'gethostbyname', 'gethostbyname_ex', 'gethostbyaddr',
             'getaddrinfo', 'getnameinfo', 'dup'):
    setattr(_shim, _key, getattr(_swsocket, _key))
sys.modules['_socket'] = _shim
sys.modules.pop('socket', None)
# sendfile(): socket.py's own checks and give-ups, then one engine call (journaled as
# sk.sendfile(...)) in place of its loop of os.sendfile(), which would send behind the engine's
# back. The method keeps what it needs in its closure: the bootstrap's names are deleted below.
import socket as _socket_module
def _engine_sendfile(giveup, os, io):
    def _sendfile_use_sendfile(self, file, offset=0, count=None):
        self._check_sendfile_params(file, offset, count)
        try:
            fileno = file.fileno()
        except (AttributeError, io.UnsupportedOperation) as err:
            raise giveup(err)  # not a regular file
        try:
            fsize = os.fstat(fileno).st_size
        except OSError as err:
            raise giveup(err)  # not a regular file
        if not fsize:
            return 0  # empty file
        if self.gettimeout() == 0:
            raise ValueError("non-blocking sockets are not supported")
        sent, err = self._sendfile(fileno, offset, count or 0)
        if sent > 0 and hasattr(file, 'seek'):
            file.seek(offset + sent)
        if err is None:
            return sent
        if sent == 0 and not isinstance(err, TimeoutError):
            raise giveup(err)  # e.g. a file that cannot be read at an offset: socket.py falls back on send()
        raise err from None
    return _sendfile_use_sendfile
import io as _io
_socket_module.socket._sendfile_use_sendfile = _engine_sendfile(_socket_module._GiveupOnSendfile, _socket_module.os, _io)
del _io
# A child of os.fork() has none of the engine's threads: its socket calls fail at once.
import os as _os
_os.register_at_fork(after_in_child=_swsocket._forked)
del _os
del _key, _value, _shim, _cpython_socket, _swsocket, types, sys, _socket_module, _engine_sendfile
)";

// The exit status of an uncaught SystemExit, as python3 computes it (None: 0, an int: itself,
// anything else: printed on stderr, 1).
int systemExitStatus()
{
    PyObject *type = nullptr;
    PyObject *value = nullptr;
    PyObject *traceback = nullptr;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    int status = 0;
    PyObject *code = value ? PyObject_GetAttrString(value, "code") : nullptr;
    if (!code || code == Py_None) {
        status = 0;
    } else if (PyLong_Check(code)) {
        status = int(PyLong_AsLong(code));
    } else {
        PyObject *text = PyObject_Str(code);
        if (text) {
            std::fprintf(stderr, "%s\n", PyUnicode_AsUTF8(text));
            Py_DECREF(text);
        }
        status = 1;
    }
    PyErr_Clear();
    Py_XDECREF(code);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(traceback);
    return status;
}

} // namespace

PythonEngine::PythonEngine(core::Workbench &workbench, core::CallOrigin origin, bool signalHandlers)
    : m_workbench(workbench)
    , m_origin(origin)
{
    if (g_current || Py_IsInitialized()) {
        m_initError = QStringLiteral("an interpreter is running already");
        return;
    }
    g_current = this;
    PyImport_AppendInittab("_swsocket", &initModule);
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.parse_argv = 0;
    config.install_signal_handlers = signalHandlers ? 1 : 0;
    config.site_import = 1;
    // The interpreter the build found (Debian's), so that its standard library is the one used,
    // whatever python3 comes first on PATH.
    PyConfig_SetBytesString(&config, &config.program_name, SWB_PYTHON_EXECUTABLE);
    PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        m_initError = QString::fromUtf8(status.err_msg ? status.err_msg : "Python could not start");
        g_current = nullptr;
        return;
    }
    if (PyRun_SimpleString(kBootstrap) != 0) {
        m_initError = QStringLiteral("the socket module could not be put in place");
        return;
    }
    m_ready = true;
}

PythonEngine::~PythonEngine()
{
    if (Py_IsInitialized())
        Py_FinalizeEx(); // atexit, non-daemon threads, stdout flushed; sockets left open are closed
    g_current = nullptr;
}

PythonEngine *PythonEngine::current()
{
    return g_current;
}

void PythonEngine::stop()
{
    m_stop = true;
}

void PythonEngine::setOutputSink(std::function<void(const QString &, bool)> sink)
{
    m_sink = std::move(sink);
}

void PythonEngine::write(const QString &text, bool error) const
{
    if (m_sink)
        m_sink(text, error);
}

int PythonEngine::runFile(const QString &path, const QStringList &args)
{
    if (!m_ready) {
        std::fprintf(stderr, "socket-workbench: Python: %s\n", qPrintable(m_initError));
        return 1;
    }
    FILE *file = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!file) {
        std::fprintf(stderr, "socket-workbench: can't open file '%s': [Errno %d] %s\n", qPrintable(path), errno,
                     std::strerror(errno));
        return 2;
    }
    // sys.argv and sys.path[0] as python3 sets them for `python3 path args...`.
    PyObject *argv = PyList_New(0);
    for (const QString &arg : QStringList{path} + args) {
        PyObject *item = PyUnicode_DecodeFSDefault(QFile::encodeName(arg).constData());
        PyList_Append(argv, item);
        Py_XDECREF(item);
    }
    PySys_SetObject("argv", argv);
    Py_DECREF(argv);
    PyObject *sysPath = PySys_GetObject("path");
    PyObject *dir = PyUnicode_DecodeFSDefault(QFile::encodeName(QFileInfo(path).absoluteDir().canonicalPath()).constData());
    if (sysPath && dir)
        PyList_Insert(sysPath, 0, dir);
    Py_XDECREF(dir);

    PyObject *main = PyImport_AddModule("__main__");
    PyObject *globals = PyModule_GetDict(main);
    PyObject *file_name = PyUnicode_DecodeFSDefault(QFile::encodeName(path).constData());
    PyDict_SetItemString(globals, "__file__", file_name);
    PyDict_SetItemString(globals, "__cached__", Py_None);
    Py_XDECREF(file_name);
    PyObject *result = PyRun_FileExFlags(file, QFile::encodeName(path).constData(), Py_file_input, globals, globals, 1, nullptr);
    if (result) {
        Py_DECREF(result);
        return 0;
    }
    if (PyErr_ExceptionMatches(PyExc_SystemExit))
        return systemExitStatus();
    const bool interrupted = PyErr_ExceptionMatches(PyExc_KeyboardInterrupt);
    PyErr_Print(); // the traceback on stderr, as python3 prints it
    return interrupted ? kInterrupted : 1;
}

} // namespace py
