#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace py {
class PythonRunner;
}

namespace ui {

// The Python console: a prompt (>>> and ... for continuation lines) over the embedded
// interpreter, with the output of print() and tracebacks as Python shows them, history kept
// across runs (Up/Down), Tab completion, Stop (Ctrl+C) for what runs, and Run script….
// Sockets made by clicks are there under the journal's names (sk1, sk2...); sockets made here
// appear in the tree. Nothing here waits: Python runs on its own thread.
class ConsolePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ConsolePanel(py::PythonRunner &runner, QWidget *parent = nullptr);

    QLineEdit *input() const { return m_input; }
    QPlainTextEdit *output() const { return m_output; }
    QPushButton *stopButton() const { return m_stop; }
    bool isWaiting() const { return m_waiting; }

public slots:
    void submit(const QString &line);
    void runScript(const QString &path);
    void chooseScript();

signals:
    void idle(); // the last input or script has finished

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void append(const QString &text, bool error);
    void setWaiting(bool waiting);
    void showPrompt(bool more);
    void remember(const QString &line);

    py::PythonRunner &m_runner;
    QPlainTextEdit *m_output;
    QLabel *m_prompt;
    QLineEdit *m_input;
    QPushButton *m_stop;
    QPushButton *m_run;
    QStringList m_history;
    QString m_completing; // the input before the name being completed
    int m_historyAt = -1;
    bool m_waiting = false;
    bool m_more = false;
};

} // namespace ui
