#include "core/recipes/callchain.h"
#include "core/workbench.h"
#include "ui/journal/journalpanel.h"
#include "ui/mainwindow.h"
#include "ui/socket/socketpanel.h"
#include "ui/sockets/socketspanel.h"
#include "ui/sockets/sockettreemodel.h"
#include "ui/statusline.h"
#include "ui/traffic/trafficpanel.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QProcessEnvironment>
#include <QSet>
#include <QSpinBox>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

using namespace core;

namespace {

// Whether the kernel lists a UNIX stream socket bound to path as listening (__SO_ACCEPTCON).
bool unixListening(const QString &path)
{
    QFile table(QStringLiteral("/proc/net/unix"));
    if (!table.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 8 && fields.at(7) == QFile::encodeName(path) && (fields.at(3).toUInt(nullptr, 16) & 0x10000))
            return true;
    }
    return false;
}

// Sockets this process holds (Qt's own descriptors, opened once per process, are not counted).
int openSocketCount()
{
    int count = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : fds.entryList(QDir::System | QDir::NoDotAndDotDot)) {
        char target[64] = {};
        const QByteArray link = QFile::encodeName(fds.filePath(fd));
        if (::readlink(link.constData(), target, sizeof target - 1) > 0)
            count += std::strncmp(target, "socket:", 7) == 0;
    }
    return count;
}

// Ports listening on every IPv4 interface (0.0.0.0), from the kernel's table.
QSet<QByteArray> wildcardListeners()
{
    QSet<QByteArray> ports;
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return ports;
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 && fields.at(3) == "0A" && fields.at(1).startsWith("00000000:"))
            ports.insert(fields.at(1));
    }
    return ports;
}

} // namespace

// The window as a whole: every control named for screen readers, sessions saved and opened,
// the Loopback echo lab exported as a script python3 runs, and the command line's checks.
class tst_MainWindow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void everyControlHasAnAccessibleName();
    void exampleExportsAScriptPythonRuns();
    void sessionSaveAndOpen();
    void sessionFileThatIsNotOursIsRefused();
    void commandLineRejectsBadOpeners();
    void commandLineOpensListeners();
    void commandLineSameListenerTwice();
    void commandLineRefusesSessionsThatAreNotFiles();
    void closingWithAThousandSocketsIsQuickAndClean();
    void helpAndVersionNeedNoDisplay();
    void sessionFailureIsShown();
    void stateShownIsTheSocketsState();
    void everyPanelHasAKey();
};

void tst_MainWindow::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread|QAbstractItemModel")));
}

void tst_MainWindow::everyControlHasAnAccessibleName()
{
    Workbench wb;
    ui::MainWindow window(wb);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList missing;
    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        for (QWidget *w : dock->widget()->findChildren<QWidget *>()) {
            const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QPlainTextEdit *>(w);
            // Parts of a composite control (a spin box's editor, a combo's list, tab scrollers)
            // are named by the control that holds them.
            QWidget *parent = w->parentWidget();
            const bool part = qobject_cast<QAbstractSpinBox *>(parent) || qobject_cast<QComboBox *>(parent)
                || qobject_cast<QTabBar *>(parent) || qobject_cast<QAbstractItemView *>(parent)
                || qobject_cast<QLineEdit *>(parent) || (parent && parent->inherits("QComboBoxPrivateContainer"))
                || w->inherits("QComboBoxListView") || w->inherits("QToolBarExtension");
            if (control && !part && w->accessibleName().isEmpty())
                missing << QStringLiteral("%1 '%2' in %3").arg(QString::fromLatin1(w->metaObject()->className()),
                                                              w->objectName(), dock->windowTitle());
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String("\n"))));
}

void tst_MainWindow::exampleExportsAScriptPythonRuns()
{
    Workbench wb;
    ui::MainWindow window(wb);
    CallChain *lab = window.startExample();
    QSignalSpy done(lab, &CallChain::finished);
    QVERIFY(done.wait(10000));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.py"));
    QString error;
    QVERIFY2(window.journalPanel()->exportScript(path, &error), qPrintable(error));
    QProcess python;
    python.start(QStringLiteral("python3"), {path});
    QVERIFY(python.waitForFinished(20000));
    const QString out = QString::fromUtf8(python.readAllStandardOutput());
    QVERIFY2(python.exitCode() == 0, qPrintable(QString::fromUtf8(python.readAllStandardError()) + out));
    // The lab's bind was to port 0: the script asks its own socket for the port it got.
    QVERIFY(out.contains(QStringLiteral("b'hello, server\\n'")));
    QVERIFY(out.contains(QStringLiteral("b'HELLO, CLIENT\\n'")));
    // ...and prints it first, so a person running it knows where to connect.
    QVERIFY2(out.startsWith(QStringLiteral("('127.0.0.1', ")), qPrintable(out));
}

void tst_MainWindow::sessionSaveAndOpen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.json"));
    const QString unixPath = dir.filePath(QStringLiteral("lab.sock"));
    {
        Workbench wb;
        ui::MainWindow window(wb);
        window.socketsPanel()->quickAddress()->setText(unixPath);
        window.socketsPanel()->unixServer();
        window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:0"));
        window.socketsPanel()->udpSocket();
        QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(1).state == SocketState::Listening && wb.sockets().info(1).watching
                                     && wb.sockets().info(2).state == SocketState::Bound && wb.sockets().info(2).watching,
                                 3000);
        QString error;
        QVERIFY2(window.saveSessionFile(path, &error), qPrintable(error));
        wb.close(1);
    }
    QFile::remove(unixPath); // the socket file stays after close, as in Python; the session binds anew
    Workbench wb;
    ui::MainWindow window(wb);
    QString error;
    QVERIFY2(window.openSessionFile(path, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(1).state == SocketState::Listening && wb.sockets().info(1).watching, 3000);
    QCOMPARE(wb.sockets().info(1).local.toText(), unixPath);
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(2).state == SocketState::Bound && wb.sockets().info(2).watching, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(window.socketsPanel()->model()->rowCount(), 2, 3000);

    // Opened once more, replacing what the window has: its sockets close first, which frees the
    // listener's path for the session's own bind; their names are taken, so the new ones move on.
    QVERIFY2(window.openSessionFile(path, &error, ui::MainWindow::ExistingSockets::Close), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(3).state == SocketState::Listening && wb.sockets().info(3).watching, 3000);
    QCOMPARE(wb.sockets().info(1).state, SocketState::Closed);
    QCOMPARE(wb.sockets().info(2).state, SocketState::Closed);
    QCOMPARE(wb.sockets().info(3).local.toText(), unixPath);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(4).state, SocketState::Bound, 3000);
}

void tst_MainWindow::sessionFileThatIsNotOursIsRefused()
{
    QTemporaryDir dir;
    Workbench wb;
    ui::MainWindow window(wb);
    QString error;
    QVERIFY(!window.openSessionFile(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.contains(QStringLiteral("cannot read"), Qt::CaseInsensitive), qPrintable(error));
    const QString other = dir.filePath(QStringLiteral("other.json"));
    QFile file(other);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"name": "a package.json, say"})");
    file.close();
    QVERIFY(!window.openSessionFile(other, &error));
    QVERIFY2(error.contains(QStringLiteral("not a Socket Workbench session")), qPrintable(error));
    QCOMPARE(wb.journal().count(), 0); // nothing was opened
}

void tst_MainWindow::commandLineRejectsBadOpeners()
{
    QProcess app;
    app.start(QStringLiteral(SWB_APP_PATH), {QStringLiteral("--listen"), QStringLiteral("tcp://127.0.0.1:99999")});
    QVERIFY(app.waitForFinished(20000));
    QCOMPARE(app.exitCode(), 2);
    QVERIFY(QString::fromUtf8(app.readAllStandardError()).contains(QStringLiteral("outside 0-65535")));
}

// --listen opens a watched listener; a connection to it is accepted and recorded. The app runs
// offscreen and is ended by the test.
void tst_MainWindow::commandLineOpensListeners()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cli.sock"));
    QProcess app;
    app.start(QStringLiteral(SWB_APP_PATH), {QStringLiteral("--listen"), QStringLiteral("unix:") + path});
    QVERIFY(app.waitForStarted(10000));
    // bind makes the file and listen comes a call later: connect only once the kernel says listening.
    QTRY_VERIFY_WITH_TIMEOUT(unixListening(path), 10000);
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"),
                                             QStringLiteral("import socket,sys; s=socket.socket(socket.AF_UNIX); s.settimeout(10); "
                                                            "s.connect(sys.argv[1]); s.sendall(b'hi'); print('ok')"),
                                             path});
    QVERIFY(python.waitForFinished(20000));
    QCOMPARE(QString::fromUtf8(python.readAllStandardOutput()).trimmed(), QStringLiteral("ok"));
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
}

// --listen given twice for one address: the second bind fails, which is said on stderr, and
// nothing runs after it for that socket: no listen() on an unbound socket, so nothing listens on
// 0.0.0.0 where nobody asked.
void tst_MainWindow::commandLineSameListenerTwice()
{
    const QSet<QByteArray> before = wildcardListeners();
    const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(probe, reinterpret_cast<sockaddr *>(&in), sizeof in), 0);
    socklen_t length = sizeof in;
    ::getsockname(probe, reinterpret_cast<sockaddr *>(&in), &length);
    ::close(probe);
    const QString url = QStringLiteral("tcp://127.0.0.1:%1").arg(ntohs(in.sin_port));
    QProcess app;
    app.start(QStringLiteral(SWB_APP_PATH), {QStringLiteral("--listen"), url, QStringLiteral("--listen"), url});
    QVERIFY(app.waitForStarted(10000));
    QString err;
    QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(app.readAllStandardError()), err.contains(QStringLiteral("did not run"))), 10000);
    QVERIFY2(err.contains(QStringLiteral("--listen ") + url), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("OSError: [Errno 98] Address already in use")), qPrintable(err));
    QTest::qWait(300); // a listen() that ran anyway would show by now
    QCOMPARE(wildcardListeners() - before, QSet<QByteArray>());
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
}

// A device or a FIFO given as a session: refused at once with a message (it used to read
// /dev/zero until memory ran out, and hang on a FIFO before the window appeared).
void tst_MainWindow::commandLineRefusesSessionsThatAreNotFiles()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("session.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const auto &[path, kind] : {std::pair{QStringLiteral("/dev/zero"), QStringLiteral("a device")},
                                     std::pair{fifo, QStringLiteral("a FIFO")}}) {
        QProcess app;
        app.start(QStringLiteral(SWB_APP_PATH), {path});
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitCode(), 2);
        const QString err = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(err.contains(kind), qPrintable(err));
    }
}

// A session's socket that stops at a failed call is said in the status line (in red) and
// selected, so the socket panel shows what failed.
void tst_MainWindow::sessionFailureIsShown()
{
    Workbench wb;
    ui::MainWindow window(wb);
    window.show();
    core::Session session;
    core::SocketSpec spec;
    spec.family = AF_INET;
    spec.type = SOCK_STREAM;
    spec.connect = core::parseAddress(QStringLiteral("127.0.0.1:1"), AF_INET).value();
    spec.watch = true;
    session.sockets << spec;
    window.applySession(session);
    QTRY_VERIFY_WITH_TIMEOUT(window.statusLine()->notice().contains(QStringLiteral("ConnectionRefusedError")), 5000);
    QVERIFY(window.statusLine()->text().startsWith(window.statusLine()->notice()));
    QVERIFY(window.statusLine()->notice().contains(QStringLiteral("its 1 later step did not run")));
    QTRY_COMPARE_WITH_TIMEOUT(window.socketPanel()->socketId(), 1, 3000);
}

// --help and --version print and exit 0 on a machine with no display at all.
void tst_MainWindow::helpAndVersionNeedNoDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));
    for (const auto &[arg, expect] : {std::pair{QStringLiteral("--help"), QStringLiteral("--listen <url>")},
                                      std::pair{QStringLiteral("--version"), QStringLiteral("Socket Workbench")}}) {
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(SWB_APP_PATH), {arg});
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const QString out = QString::fromUtf8(app.readAllStandardOutput());
        QVERIFY2(out.contains(expect), qPrintable(out + QString::fromUtf8(app.readAllStandardError())));
    }
}

// What the window says about a socket is the socket's state now: a closed socket has no TCP
// state, a failed one still holds its descriptor (and counts as open), and the backlog box shows
// what a listener listens with.
void tst_MainWindow::stateShownIsTheSocketsState()
{
    Workbench wb;
    ui::MainWindow window(wb);
    window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:0"));
    const int server = window.socketsPanel()->tcpServer();
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(server).state, SocketState::Listening, 3000);
    window.socketsPanel()->selectSocket(server);
    QList<QSpinBox *> boxes = window.findChildren<QSpinBox *>();
    QSpinBox *box = nullptr;
    for (QSpinBox *b : boxes)
        box = b->accessibleName() == QStringLiteral("Backlog") ? b : box;
    QVERIFY(box);
    QTRY_COMPARE(box->value(), wb.sockets().info(server).backlog);

    const int refused = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    wb.connect(refused, core::parseAddress(QStringLiteral("127.0.0.1:1"), AF_INET).value());
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(refused).state, SocketState::Error, 3000);
    QCOMPARE(wb.sockets().openCount(), 2); // the failed socket holds a descriptor too

    wb.refreshLive(server);
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(server).tcpState != core::TcpState::Unknown, 3000);
    wb.close(server);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(server).state, SocketState::Closed, 3000);
    QCOMPARE(wb.sockets().info(server).tcpState, core::TcpState::Unknown);
    QCOMPARE(wb.sockets().info(server).txQueue, -1);
    QCOMPARE(wb.sockets().openCount(), 1);
}

// What closing the window does in the app (app/main.cpp): the window goes, then the workbench,
// with 1,000 sockets shown and every one of them with a call still waiting.
void tst_MainWindow::closingWithAThousandSocketsIsQuickAndClean()
{
    QTemporaryDir dir;
    auto wb = std::make_unique<Workbench>();
    auto window = std::make_unique<ui::MainWindow>(*wb);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    const int socketsBefore = openSocketCount(); // after the window: Qt's own, if any, are open
    QList<CallId> waiting;
    for (int i = 0; i < 500; ++i) {
        const int l = wb->createSocket(AF_UNIX, SOCK_STREAM).socketId;
        wb->bind(l, *parseAddress(dir.filePath(QStringLiteral("l%1.sock").arg(i)), AF_UNIX));
        wb->listen(l, 4);
        waiting << wb->accept(l);
    }
    for (int i = 0; i < 250; ++i) {
        const auto pair = wb->socketPair(AF_UNIX, SOCK_STREAM);
        waiting << wb->recv(pair.first, 10) << wb->recv(pair.second, 10);
    }
    ui::SocketTreeModel *tree = window->socketsPanel()->model();
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(), 1000, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(QDir(dir.path()).entryList(QDir::System).size(), 500, 10000);
    QVERIFY(wb->journal().isPending(waiting.first()));
    QVERIFY(wb->journal().isPending(waiting.last()));

    QElapsedTimer timer;
    timer.start();
    QVERIFY(window->close());
    window.reset();
    wb.reset();
    const qint64 elapsed = timer.elapsed();
    qInfo("closed with 1,000 sockets and 1,000 waiting calls in %lld ms", elapsed);
    QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    QCOMPARE(QDir(dir.path()).entryList(QDir::System | QDir::Files).size(), 0);
    QCOMPARE(openSocketCount(), socketsBefore);
}

void tst_MainWindow::everyPanelHasAKey()
{
    // Alt+1…9 bring a panel forward, hidden or behind a tab, with the focus on its first control.
    Workbench wb;
    ui::MainWindow window(wb);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QList<std::pair<int, QString>> docks{{Qt::Key_1, QStringLiteral("socketsDock")}, {Qt::Key_2, QStringLiteral("socketDock")},
                                               {Qt::Key_4, QStringLiteral("composerDock")}, {Qt::Key_5, QStringLiteral("journalDock")},
                                               {Qt::Key_6, QStringLiteral("consoleDock")}, {Qt::Key_7, QStringLiteral("lookupDock")},
                                               {Qt::Key_8, QStringLiteral("responderDock")}, {Qt::Key_9, QStringLiteral("payloadsDock")}};
    for (const auto &[key, name] : docks) {
        auto *dock = window.findChild<QDockWidget *>(name);
        QVERIFY(dock);
        dock->hide();
        QTest::keyClick(&window, Qt::Key(key), Qt::AltModifier);
        QTRY_VERIFY2(dock->isVisible(), qPrintable(name));
        QTRY_VERIFY2(QApplication::focusWidget() && dock->isAncestorOf(QApplication::focusWidget()), qPrintable(name));
    }
    // Alt+3: the traffic log, even while the welcome page is the central one.
    auto *traffic = window.findChild<ui::TrafficPanel *>();
    QVERIFY(traffic);
    QTest::keyClick(&window, Qt::Key_3, Qt::AltModifier);
    QTRY_VERIFY(traffic->isVisible());
    QTRY_VERIFY(QApplication::focusWidget() && traffic->isAncestorOf(QApplication::focusWidget()));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
