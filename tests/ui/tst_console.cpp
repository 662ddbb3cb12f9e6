#include "core/workbench.h"
#include "ui/console/consolepanel.h"
#include "ui/mainwindow.h"
#include "ui/sockets/socketspanel.h"
#include "ui/sockets/sockettreemodel.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using namespace core;

// The Python console of the window, over the real embedded interpreter: a typed call goes through
// the workbench (journal, tree), Stop interrupts a waiting call and a busy loop, the window's
// sockets are there by name, and output and tracebacks read as Python writes them. One
// interpreter per process: the tests share one window.
class tst_Console : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void typedCallsGoThroughTheWorkbench();
    void stopCancelsAWaitingCall();
    void stopInterruptsABusyLoop();
    void windowSocketsByName();
    void continuationAndTracebacks();
    void runsAScript();
    void completesAndRemembers();

private:
    // Runs a line and waits for the prompt to come back.
    bool run(const QString &line, int ms = 10000);
    QString output() const { return m_window->console()->output()->toPlainText(); }

    std::unique_ptr<Workbench> m_wb;
    std::unique_ptr<ui::MainWindow> m_window;
};

void tst_Console::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_wb = std::make_unique<Workbench>();
    m_window = std::make_unique<ui::MainWindow>(*m_wb);
    ui::ConsolePanel *console = m_window->console();
    QVERIFY(console);
    QVERIFY(run(QStringLiteral("import sys")));
}

void tst_Console::cleanupTestCase()
{
    m_window.reset(); // Python finalizes: the console's sockets close
    m_wb.reset();
}

bool tst_Console::run(const QString &line, int ms)
{
    ui::ConsolePanel *console = m_window->console();
    QSignalSpy idle(console, &ui::ConsolePanel::idle);
    console->submit(line);
    return idle.wait(ms);
}

void tst_Console::typedCallsGoThroughTheWorkbench()
{
    const qsizetype before = m_wb->journal().count();
    QVERIFY(run(QStringLiteral("s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)")));
    QVERIFY(run(QStringLiteral("s.bind(('127.0.0.1', 0))")));
    QVERIFY(run(QStringLiteral("print('bound', s.getsockname()[0])")));
    QVERIFY2(output().contains(QStringLiteral("bound 127.0.0.1")), qPrintable(output()));
    QCOMPARE(m_wb->journal().count(), before + 3);
    const CallRecord made = m_wb->journal().at(before);
    QCOMPARE(made.value->origin, CallOrigin::Console);
    QVERIFY2(made.value->source.consoleInput >= 1, qPrintable(made.value->source.text()));
    QVERIFY(made.value->source.text().startsWith(QStringLiteral("console [")));
    QVERIFY(made.call.endsWith(QStringLiteral(" = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)")));
    const int id = made.value->newSocketId;
    QTRY_COMPARE(m_window->socketsPanel()->model()->indexOf(id).isValid(), true); // in the tree
    QCOMPARE(m_wb->sockets().info(id).state, SocketState::Bound);
}

void tst_Console::stopCancelsAWaitingCall()
{
    QVERIFY(run(QStringLiteral("a, b = socket.socketpair()")));
    ui::ConsolePanel *console = m_window->console();
    QSignalSpy idle(console, &ui::ConsolePanel::idle);
    console->submit(QStringLiteral("a.recv(10)"));
    QTRY_VERIFY(m_wb->journal().count() > 0 && !m_wb->journal().at(m_wb->journal().count() - 1).finished());
    QVERIFY(console->isWaiting());
    QVERIFY(console->stopButton()->isEnabled());
    QTest::mouseClick(console->stopButton(), Qt::LeftButton);
    QVERIFY(idle.wait(5000));
    QVERIFY2(output().contains(QStringLiteral("KeyboardInterrupt")), qPrintable(output()));
    const CallRecord recv = m_wb->journal().at(m_wb->journal().count() - 1);
    QCOMPARE(recv.outcome.status, CallStatus::Cancelled);
    QVERIFY(run(QStringLiteral("b.send(b'still works'); print(a.recv(20))")));
    QVERIFY2(output().contains(QStringLiteral("b'still works'")), qPrintable(output()));
}

void tst_Console::stopInterruptsABusyLoop()
{
    ui::ConsolePanel *console = m_window->console();
    QVERIFY(run(QStringLiteral("n = 0")));
    QVERIFY(run(QStringLiteral("while True: n += 1"))); // a block: the prompt asks for more
    QSignalSpy idle(console, &ui::ConsolePanel::idle);
    console->submit(QString()); // the empty line that ends the block, and runs it
    QTRY_VERIFY(console->isWaiting());
    QTest::qWait(100); // let it loop (a busy loop has no event to wait for)
    QVERIFY(console->stopButton()->isEnabled());
    console->stopButton()->click();
    QVERIFY(idle.wait(5000));
    QTRY_VERIFY(!console->isWaiting());
    QVERIFY2(output().contains(QStringLiteral("KeyboardInterrupt")), qPrintable(output()));
}

void tst_Console::windowSocketsByName()
{
    const int id = m_wb->createSocket(AF_INET, SOCK_STREAM).socketId;
    m_wb->bind(id, parseAddress(QStringLiteral("127.0.0.1:0"), AF_INET).value());
    QTRY_COMPARE(m_wb->sockets().info(id).state, SocketState::Bound);
    const quint16 port = m_wb->sockets().info(id).local.port();
    QVERIFY(run(QStringLiteral("print(sk%1.getsockname()[1])").arg(id)));
    QVERIFY2(output().contains(QString::number(port)), qPrintable(output()));
}

void tst_Console::continuationAndTracebacks()
{
    QVERIFY(run(QStringLiteral("def twice(x):")));
    QCOMPARE(m_window->console()->findChild<QLineEdit *>() != nullptr, true);
    QVERIFY(run(QStringLiteral("    return 2 * x")));
    QVERIFY(run(QString()));
    QVERIFY(run(QStringLiteral("print(twice(21))")));
    QVERIFY(output().contains(QStringLiteral("\n42\n")));
    QVERIFY(run(QStringLiteral("socket.socket().connect(('127.0.0.1', 1))")));
    QVERIFY2(output().contains(QStringLiteral("ConnectionRefusedError: [Errno 111] Connection refused")), qPrintable(output()));
    QVERIFY(run(QStringLiteral("1/0")));
    QVERIFY(output().contains(QStringLiteral("ZeroDivisionError: division by zero")));
}

void tst_Console::runsAScript()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("script.py"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("import socket\na, b = socket.socketpair()\na.sendall(b'from a script')\nprint(b.recv(100))\n");
    file.close();
    ui::ConsolePanel *console = m_window->console();
    QSignalSpy idle(console, &ui::ConsolePanel::idle);
    const qsizetype before = m_wb->journal().count();
    m_window->runScript(path);
    QVERIFY(idle.wait(10000));
    QVERIFY2(output().contains(QStringLiteral("b'from a script'")), qPrintable(output()));
    QVERIFY(output().contains(QStringLiteral("ended with exit status 0")));
    const CallRecord made = m_wb->journal().at(before);
    QCOMPARE(made.value->source.file, QStringLiteral("script.py"));
    QCOMPARE(made.value->source.line, 2);
    QCOMPARE(made.value->source.text(), QStringLiteral("script.py:2"));
}

// Tab completes the name before the cursor (rlcompleter's answer); what was run is kept in the
// settings for the next run, and Up brings it back.
void tst_Console::completesAndRemembers()
{
    ui::ConsolePanel *console = m_window->console();
    QLineEdit *input = console->input();
    input->setText(QStringLiteral("x = socket.socketp"));
    QTest::keyClick(input, Qt::Key_Tab);
    QTRY_COMPARE(input->text(), QStringLiteral("x = socket.socketpair("));
    input->clear();
    QVERIFY(run(QStringLiteral("remembered = 1")));
    QVERIFY(QSettings().value(QStringLiteral("console/history")).toStringList().contains(QStringLiteral("remembered = 1")));
    QTest::keyClick(input, Qt::Key_Up);
    QCOMPARE(input->text(), QStringLiteral("remembered = 1"));
}

QTEST_MAIN(tst_Console)
#include "tst_console.moc"
