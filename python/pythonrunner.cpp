#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "python/pythonrunner.h"

#include "python/pysocket.h"
#include "python/pythonengine.h"

#include "core/calls/call.h"
#include "core/workbench.h"

#include <QThread>

#include <thread>

namespace py {

namespace {

// The console's interpreter state, kept out of the user's namespace: sys.stdout and sys.stderr
// write to the window, an InteractiveConsole runs the lines, rlcompleter completes names, and
// the window's sockets are bound to the names the journal gives them.
constexpr const char *kConsoleBootstrap = R"(
import sys, types
# No readline: the window is not a terminal (rlcompleter works without it).
sys.modules['readline'] = None
import code, rlcompleter, socket, _swsocket

class _Output:
    encoding = 'utf-8'
    errors = 'replace'
    def __init__(self, error):
        self._error = error
    def write(self, text):
        _swsocket._write(str(text), self._error)
        return len(text)
    def flush(self):
        pass
    def isatty(self):
        return False

sys.stdout = _Output(False)
sys.stderr = _Output(True)
_state = types.ModuleType('__swconsole__')
sys.modules['__swconsole__'] = _state
_state.namespace = {'__name__': '__console__', '__doc__': None, '__builtins__': __builtins__, 'socket': socket}
_state.console = code.InteractiveConsole(_state.namespace, filename='<console>')
_state.completer = rlcompleter.Completer(_state.namespace)

def _complete(text):
    names = []
    while len(names) < 500:
        name = _state.completer.complete(text, len(names))
        if name is None:
            break
        names.append(name)
    return names

def _adopt(pairs):
    for name, fd in pairs:
        if name not in _state.namespace:
            try:
                _state.namespace[name] = socket.socket(fileno=fd)
            except (OSError, NotImplementedError):
                pass

def _run(path):
    import runpy, traceback
    sys.argv = [path]
    try:
        runpy.run_path(path, run_name='__main__')
        return 0
    except SystemExit as e:
        if e.code is None:
            return 0
        if isinstance(e.code, int):
            return e.code
        print(e.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1

_state.complete = _complete
_state.adopt = _adopt
_state.run = _run
del _Output, _complete, _adopt, _run
)";

PyObject *stateFunction(const char *name)
{
    PyObject *module = PyImport_ImportModule("__swconsole__");
    PyObject *function = module ? PyObject_GetAttrString(module, name) : nullptr;
    Py_XDECREF(module);
    return function;
}

QString toQString(PyObject *object)
{
    return object && PyUnicode_Check(object) ? QString::fromUtf8(PyUnicode_AsUTF8(object)) : QString();
}

} // namespace

class PythonRunner::Worker final : public QObject
{
public:
    Worker(core::Workbench &workbench, PythonRunner *runner)
        : m_workbench(workbench)
        , m_runner(runner)
    {
    }

    ~Worker() override
    {
        m_live = nullptr;
        if (m_engine && m_engine->isReady())
            PyEval_RestoreThread(static_cast<PyThreadState *>(m_engine->threadState()));
        m_engine.reset(); // finalizes: the console's sockets are closed
    }

    void start()
    {
        m_engine = std::make_unique<PythonEngine>(m_workbench, core::CallOrigin::Console, false);
        if (!m_engine->isReady()) {
            emit m_runner->output(QStringLiteral("Python could not start: %1\n").arg(m_engine->initError()), true);
            emit m_runner->started();
            return;
        }
        PythonRunner *runner = m_runner;
        m_engine->setOutputSink([runner](const QString &text, bool error) { emit runner->output(text, error); });
        if (PyRun_SimpleString(kConsoleBootstrap) != 0)
            emit m_runner->output(QStringLiteral("The console could not be set up\n"), true);
        m_mainThread = PyThreadState_Get()->thread_id;
        m_live = m_engine.get();
        m_engine->setThreadState(PyEval_SaveThread());
        emit m_runner->started();
    }

    bool enter()
    {
        if (!m_engine || !m_engine->isReady())
            return false;
        PyEval_RestoreThread(static_cast<PyThreadState *>(m_engine->threadState()));
        m_runner->m_busy = true;
        m_engine->stopRequested() = false;
        return true;
    }

    void leave()
    {
        PyErr_Clear();
        m_runner->m_busy = false;
        m_engine->setThreadState(PyEval_SaveThread());
    }

    // The window's sockets, under the names the journal gives them (sk1...), for the console.
    void adoptWindowSockets()
    {
        PyObject *pairs = PyList_New(0);
        for (const core::SocketInfo &info : m_workbench.sockets().snapshot()) {
            if (info.fd < 0 || info.state == core::SocketState::Closed || isPythonSocket(info.id))
                continue;
            PyObject *pair = Py_BuildValue("(si)", info.name.toUtf8().constData(), info.fd);
            PyList_Append(pairs, pair);
            Py_XDECREF(pair);
        }
        PyObject *adopt = stateFunction("adopt");
        PyObject *result = adopt ? PyObject_CallOneArg(adopt, pairs) : nullptr;
        if (!result)
            PyErr_Print();
        Py_XDECREF(result);
        Py_XDECREF(adopt);
        Py_DECREF(pairs);
    }

    void push(const QString &line)
    {
        if (!enter()) {
            emit m_runner->ready(false);
            return;
        }
        m_engine->setConsoleInput(m_runner->m_inputNumber.fetch_add(1) + 1);
        adoptWindowSockets();
        PyObject *module = PyImport_ImportModule("__swconsole__");
        PyObject *console = module ? PyObject_GetAttrString(module, "console") : nullptr;
        PyObject *more = console ? PyObject_CallMethod(console, "push", "s", line.toUtf8().constData()) : nullptr;
        bool goesOn = false;
        if (more) {
            goesOn = PyObject_IsTrue(more) == 1;
        } else if (PyErr_ExceptionMatches(PyExc_SystemExit)) {
            PyErr_Clear();
            m_engine->write(QStringLiteral("(exit() leaves a script, not the window: close the window to quit)\n"), true);
            Py_XDECREF(PyObject_CallMethod(console, "resetbuffer", nullptr));
            PyErr_Clear();
        } else {
            PyErr_Print();
        }
        Py_XDECREF(more);
        Py_XDECREF(console);
        Py_XDECREF(module);
        leave();
        emit m_runner->ready(goesOn);
    }

    void runFile(const QString &path)
    {
        if (!enter()) {
            emit m_runner->scriptFinished(path, 1);
            return;
        }
        m_engine->setOrigin(core::CallOrigin::Script);
        PyObject *run = stateFunction("run");
        PyObject *status = run ? PyObject_CallFunction(run, "s", path.toUtf8().constData()) : nullptr;
        const int code = status ? int(PyLong_AsLong(status)) : 1;
        if (!status)
            PyErr_Print();
        Py_XDECREF(status);
        Py_XDECREF(run);
        m_engine->setOrigin(core::CallOrigin::Console);
        leave();
        emit m_runner->scriptFinished(path, code);
    }

    void complete(const QString &text)
    {
        QStringList names;
        if (enter()) {
            PyObject *function = stateFunction("complete");
            PyObject *list = function ? PyObject_CallFunction(function, "s", text.toUtf8().constData()) : nullptr;
            for (Py_ssize_t i = 0; list && i < PyList_Size(list); ++i)
                names << toQString(PyList_GetItem(list, i));
            Py_XDECREF(list);
            Py_XDECREF(function);
            leave();
        }
        emit m_runner->completions(text, names);
    }

    void interrupt()
    {
        PythonEngine *engine = m_live.load();
        if (!engine)
            return;
        engine->stop(); // a call waiting on the engine
        if (!m_runner->m_busy)
            return;
        // Pure Python (a loop with no socket call): KeyboardInterrupt at its next bytecode, set from
        // a helper thread so that the GUI thread never waits for the GIL.
        const unsigned long target = m_mainThread;
        std::thread([target] {
            PyGILState_STATE gil = PyGILState_Ensure();
            PyThreadState_SetAsyncExc(target, PyExc_KeyboardInterrupt);
            PyGILState_Release(gil);
        }).detach();
    }

private:
    core::Workbench &m_workbench;
    PythonRunner *m_runner;
    std::unique_ptr<PythonEngine> m_engine;
    std::atomic<PythonEngine *> m_live{nullptr}; // the engine once ready, for interrupt() from any thread
    std::atomic<unsigned long> m_mainThread{0};
};

PythonRunner::PythonRunner(core::Workbench &workbench, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new Worker(workbench, this))
{
    m_thread->setObjectName(QStringLiteral("python"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [this] { m_worker->start(); });
}

PythonRunner::~PythonRunner()
{
    interrupt();
    // The worker ends (and Python finalizes) on its own thread.
    QMetaObject::invokeMethod(m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void PythonRunner::push(const QString &line)
{
    QMetaObject::invokeMethod(m_worker, [this, line] { m_worker->push(line); });
}

void PythonRunner::runFile(const QString &path)
{
    QMetaObject::invokeMethod(m_worker, [this, path] { m_worker->runFile(path); });
}

void PythonRunner::complete(const QString &text)
{
    QMetaObject::invokeMethod(m_worker, [this, text] { m_worker->complete(text); });
}

void PythonRunner::interrupt()
{
    m_worker->interrupt();
}

} // namespace py
