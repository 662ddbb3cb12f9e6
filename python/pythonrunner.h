#pragma once

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace core {
class Workbench;
}

namespace py {

class PythonEngine;

// The interpreter for a window: CPython on a thread of its own (the GUI thread never waits for
// Python), fed console lines and script files, its print() and tracebacks sent back as signals.
// Between inputs the thread holds no GIL, so threads a script started go on running.
class PythonRunner final : public QObject
{
    Q_OBJECT
public:
    explicit PythonRunner(core::Workbench &workbench, QObject *parent = nullptr);
    ~PythonRunner() override;

    bool isBusy() const { return m_busy.load(); }
    int inputNumber() const { return m_inputNumber.load(); }

public slots:
    // One line typed at the prompt; ready(more) answers whether the statement goes on.
    void push(const QString &line);
    // A script file, run as python3 runs it (sys.argv = [path]), in a fresh __main__.
    void runFile(const QString &path);
    // The names that complete text at the prompt (rlcompleter's), through completions().
    void complete(const QString &text);
    // Stops what runs: a waiting call is cancelled and KeyboardInterrupt raised. Thread-safe.
    void interrupt();

signals:
    void output(const QString &text, bool error);
    void ready(bool more);
    void scriptFinished(const QString &path, int status);
    void completions(const QString &text, const QStringList &names);
    void started(); // the interpreter is up (or failed: see output)

private:
    class Worker;
    QThread *m_thread;
    Worker *m_worker;
    std::atomic<bool> m_busy{false};
    std::atomic<int> m_inputNumber{0};
};

} // namespace py
