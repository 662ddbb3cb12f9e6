#pragma once

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace core {
class Workbench;
enum class CallOrigin : quint8;
}

namespace py {

// CPython embedded in the workbench. Inside it `import socket` is the standard library's own
// socket.py over a `_socket` whose socket type, socketpair and name lookups are the workbench's:
// every call a script makes is a Call on the Workbench, journaled and run on the I/O threads, and
// answered with the values and exceptions CPython's `_socket` gives. Everything else of `_socket`
// (constants, inet_aton, htons, getdefaulttimeout...) is CPython's own.
//
// One interpreter per process (CPython's rule). Calls wait with the GIL released, in short
// slices, so other Python threads run and Ctrl+C (or stop()) cancels the waiting call and raises
// KeyboardInterrupt in the script.
class PythonEngine final
{
public:
    // origin: what the journal says made the calls (Script for --run and files, Console).
    // signalHandlers: Python's own SIGINT handler (Ctrl+C raises KeyboardInterrupt), for a
    // process that is the script's; a window keeps its own handling.
    PythonEngine(core::Workbench &workbench, core::CallOrigin origin, bool signalHandlers);
    ~PythonEngine();
    PythonEngine(const PythonEngine &) = delete;
    PythonEngine &operator=(const PythonEngine &) = delete;

    bool isReady() const { return m_ready; }
    QString initError() const { return m_initError; }

    // Runs a script as python3 would run `python3 path args...`: sys.argv, __main__, its
    // directory first on sys.path. Returns the exit status (an uncaught exception prints its
    // traceback on stderr and gives 1; SystemExit gives its code; an uncaught KeyboardInterrupt
    // gives kInterrupted: python3 then ends by SIGINT, once everything is flushed).
    static constexpr int kInterrupted = -2;
    int runFile(const QString &path, const QStringList &args);

    // Asks the waiting call (if any) to stop and raises KeyboardInterrupt in the script at its
    // next chance. Thread-safe.
    void stop();

    // Where print() and tracebacks go when not to the process's stdout and stderr (the console).
    void setOutputSink(std::function<void(const QString &text, bool error)> sink);
    void write(const QString &text, bool error) const;
    bool hasOutputSink() const { return bool(m_sink); }
    // The console input being run, for the journal's "console [N]".
    void setConsoleInput(int number) { m_consoleInput = number; }
    int consoleInput() const { return m_consoleInput.load(); }
    // The interpreter's state for this engine's thread, to hand the GIL over between inputs.
    void *threadState() const { return m_threadState; }
    void setThreadState(void *state) { m_threadState = state; }

    static PythonEngine *current();
    core::Workbench &workbench() const { return m_workbench; }
    core::CallOrigin origin() const { return m_origin; }
    void setOrigin(core::CallOrigin origin) { m_origin = origin; }
    std::atomic<bool> &stopRequested() { return m_stop; }

private:
    core::Workbench &m_workbench;
    core::CallOrigin m_origin;
    bool m_ready = false;
    QString m_initError;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_consoleInput{0};
    std::function<void(const QString &, bool)> m_sink;
    void *m_threadState = nullptr;
};

} // namespace py
