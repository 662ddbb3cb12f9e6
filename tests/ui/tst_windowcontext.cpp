#include "core/recipes/callchain.h"
#include "core/session/quickopen.h"
#include "core/workbench.h"
#include "ui/composer/composer.h"
#include "ui/guide/guidepanel.h"
#include "ui/mainwindow.h"
#include "ui/socket/socketpanel.h"
#include "ui/sockets/socketspanel.h"
#include "ui/statusline.h"
#include "ui/traffic/trafficpanel.h"
#include "ui/translations.h"
#include "ui/widgets/fieldmessage.h"

#include <QApplication>
#include <QComboBox>
#include <QTextBrowser>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace core;

namespace {

// A plain POSIX client connected to 127.0.0.1:port (the peer the window talks to), or -1.
int rawClient(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof to) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Reads from fd until want bytes have come or 5 s have passed.
QByteArray readSome(int fd, qsizetype want)
{
    QByteArray got;
    timeval wait{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    for (int i = 0; i < 100 && got.size() < want; ++i) {
        char buffer[256];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        got.append(buffer, n);
    }
    return got;
}

// What python3 prints for an exception a call raises: "socket.gaierror: [Errno -2] ...".
QString pythonRaises(const QString &code)
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QStringLiteral("import socket\ntry:\n    %1\nexcept Exception as e:\n"
                                                       "    print(f'{type(e).__module__}.{type(e).__qualname__}: {e}'"
                                                       ".replace('builtins.', ''))")
                                            .arg(code)});
    if (!python.waitForFinished(20000))
        return {};
    return QString::fromUtf8(python.readAllStandardOutput()).trimmed();
}

} // namespace

// The window keeps the context a person works in: each socket its own address and last result,
// the composer on the connection being looked at, the bytes typed whatever their notation, host
// names where Python takes them; counts read as English does. tst_windowlayout checks that
// messages never move the controls and that the layout fits each size.
class tst_WindowContext : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void countsReadAsEnglish();
    void composerFollowsTheConnection();
    void addressAndResultArePerSocket();
    void textAndHexKeepTheBytes();
    void hostNamesResolveAsPythonDoes();
    void commandLineSocketIsSelected();
    void saveSaysWhatItDid();
    void labAsksBeforeAdding();
    void labExplainsItself();
    void welcomeUntilASocketExists();
};

void tst_WindowContext::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings of a test never reach the user's
    ui::installTranslations();
}

void tst_WindowContext::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread|QAbstractItemModel")));
}

void tst_WindowContext::countsReadAsEnglish()
{
    Workbench wb;
    ui::MainWindow window(wb);
    const int first = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    QTRY_VERIFY(window.statusLine()->text().startsWith(QStringLiteral("1 socket open · 0 records")));
    wb.createSocket(AF_INET, SOCK_DGRAM);
    QTRY_VERIFY(window.statusLine()->text().startsWith(QStringLiteral("2 sockets open · 0 records")));
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    wb.send(pair.first, "x");
    QTRY_VERIFY(window.statusLine()->text().contains(QStringLiteral("4 sockets open · 1 record (")));
    window.socketsPanel()->selectSocket(first);
    QTRY_VERIFY(window.socketPanel()->findChildren<QLabel *>().size() > 0);
    bool singular = false;
    window.socketsPanel()->selectSocket(pair.first);
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 for (QLabel *label : window.socketPanel()->findChildren<QLabel *>())
                                     singular |= label->text().contains(QStringLiteral("out 1 B / 1 record\n"))
                                         || label->text().contains(QStringLiteral("out 1 B / 1 record ·"));
                                 return singular;
                             }()),
                             3000);
}

// A listener selected: the composer sends on its newest connection, and says so; with none, it
// says why a listener cannot send.
void tst_WindowContext::composerFollowsTheConnection()
{
    Workbench wb;
    ui::MainWindow window(wb);
    window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:0"));
    const int listener = window.socketsPanel()->tcpServer();
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(listener).state, SocketState::Listening, 3000);
    window.socketsPanel()->selectSocket(listener);
    ui::Composer *composer = window.composer();
    QTRY_VERIFY(composer->statusLabel()->text().contains(QStringLiteral("BrokenPipeError")));

    const int peer = rawClient(wb.sockets().info(listener).local.port());
    QVERIFY(peer >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(composer->targetSocket() >= 0 && composer->targetSocket() != listener, 5000);
    const int connection = composer->targetSocket();
    QCOMPARE(wb.sockets().info(connection).parentId, listener);
    QVERIFY(composer->statusLabel()->text().contains(wb.sockets().info(connection).name));

    composer->editor()->setFocus();
    QTest::keyClicks(composer->editor(), QStringLiteral("hi\\r\\n"));
    QTest::keyClick(composer->editor(), Qt::Key_Return);
    QCOMPARE(readSome(peer, 4), QByteArray("hi\r\n"));
    QCOMPARE(composer->editor()->toPlainText(), QString()); // the next message can be typed at once
    QTRY_VERIFY(composer->statusLabel()->text().contains(QStringLiteral("→ 4")));

    // A second client: the composer moves to it.
    const int second = rawClient(wb.sockets().info(listener).local.port());
    QTRY_VERIFY_WITH_TIMEOUT(composer->targetSocket() > connection, 5000);
    QTest::keyClick(composer->editor(), Qt::Key_Up);
    QTest::keyClick(composer->editor(), Qt::Key_Return);
    QCOMPARE(readSome(second, 4), QByteArray("hi\r\n"));
    ::close(peer);
    ::close(second);
}

void tst_WindowContext::addressAndResultArePerSocket()
{
    Workbench wb;
    ui::MainWindow window(wb);
    ui::SocketPanel *panel = window.socketPanel();
    const int a = window.socketsPanel()->newSocket(AF_INET, SOCK_STREAM);
    const int b = window.socketsPanel()->newSocket(AF_INET, SOCK_STREAM);
    QTRY_COMPARE(panel->socketId(), b);
    window.socketsPanel()->selectSocket(a);
    QTRY_COMPARE(panel->socketId(), a);
    panel->addressField()->setText(QStringLiteral("127.0.0.1:1")); // nothing listens on port 1
    panel->button(QStringLiteral("connect"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultLabel()->text().contains(QStringLiteral("ConnectionRefusedError")), 5000);
    QVERIFY2(panel->resultLabel()->property("failed").toBool(), qPrintable(panel->resultLabel()->text()));

    window.socketsPanel()->selectSocket(b);
    QTRY_COMPARE(panel->socketId(), b);
    QCOMPARE(panel->addressField()->text(), QString()); // nothing typed for b yet
    QCOMPARE(panel->resultLabel()->text(), QString());  // and no call made on it
    QVERIFY(!panel->resultLabel()->property("failed").toBool());
    panel->addressField()->setText(QStringLiteral("127.0.0.1:0"));
    panel->button(QStringLiteral("bind"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultLabel()->text().contains(QStringLiteral("None")), 5000);

    window.socketsPanel()->selectSocket(a);
    QTRY_COMPARE(panel->socketId(), a);
    QCOMPARE(panel->addressField()->text(), QStringLiteral("127.0.0.1:1"));
    QVERIFY(panel->resultLabel()->text().contains(QStringLiteral("ConnectionRefusedError")));
    QVERIFY(panel->resultLabel()->property("failed").toBool());
    window.socketsPanel()->selectSocket(b);
    QTRY_COMPARE(panel->socketId(), b);
    QCOMPARE(panel->addressField()->text(), QStringLiteral("127.0.0.1:0"));
    QVERIFY(panel->resultLabel()->text().contains(QStringLiteral("sk%1.bind(('127.0.0.1', 0))").arg(b)));
}

void tst_WindowContext::textAndHexKeepTheBytes()
{
    Workbench wb;
    ui::MainWindow window(wb);
    ui::Composer *composer = window.composer();
    composer->setMode(ui::Composer::Text);
    composer->editor()->setPlainText(QStringLiteral("Hello\\r\\n"));
    QCOMPARE(composer->payload().value(), QByteArray("Hello\r\n"));
    composer->setMode(ui::Composer::Hex);
    QCOMPARE(composer->editor()->toPlainText(), QStringLiteral("48 65 6c 6c 6f 0d 0a"));
    QCOMPARE(composer->payload().value(), QByteArray("Hello\r\n"));
    composer->editor()->setPlainText(QStringLiteral("e4 b8 ad 00 ff 5c"));
    composer->setMode(ui::Composer::Text);
    QCOMPARE(composer->editor()->toPlainText(), QString::fromUtf8("\u4e2d\\x00\\xff\\\\"));
    QCOMPARE(composer->payload().value(), QByteArray("\xe4\xb8\xad\x00\xff\\", 6));
    // Text that does not decode stays text: switching would change the bytes.
    composer->editor()->setPlainText(QStringLiteral("bad \\q"));
    composer->setMode(ui::Composer::Hex);
    QCOMPARE(composer->modeBox()->currentIndex(), int(ui::Composer::Text));
    QCOMPARE(composer->editor()->toPlainText(), QStringLiteral("bad \\q"));
    QVERIFY(composer->preview()->text().contains(QStringLiteral("unknown escape")));
}

// bind, connect and sendto take host names as Python's do: the journal shows the name as typed,
// the name is resolved off the GUI thread, a call queued behind it keeps its place, and a name
// that does not resolve raises what python3 raises.
void tst_WindowContext::hostNamesResolveAsPythonDoes()
{
    Workbench wb;
    ui::MainWindow window(wb);
    const int listener = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    wb.bind(listener, parseAddress(QStringLiteral("127.0.0.1:0"), AF_INET).value());
    wb.listen(listener, 4);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(listener).state, SocketState::Listening, 3000);
    const quint16 port = wb.sockets().info(listener).local.port();

    ui::SocketPanel *panel = window.socketPanel();
    const int client = window.socketsPanel()->newSocket(AF_INET, SOCK_STREAM);
    QTRY_COMPARE(panel->socketId(), client);
    panel->addressField()->setText(QStringLiteral("localhost:%1").arg(port));
    QVERIFY(!panel->addressMessage()->hasMessage());
    panel->button(QStringLiteral("connect"))->click();
    const CallId sent = wb.send(client, "queued behind the lookup");
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(client).state, SocketState::Connected, 10000);
    QCOMPARE(panel->resultLabel()->text().section(QLatin1Char('\n'), 0, 0),
             QStringLiteral(">>> sk%1.connect(('localhost', %2))").arg(client).arg(port));
    QVERIFY(wb.journal().wait(sent, 5000));
    QCOMPARE(wb.journal().call(sent).outcome.result, QStringLiteral("24"));
    QCOMPARE(wb.sockets().info(client).peer.toText(), QStringLiteral("127.0.0.1:%1").arg(port));

    const int other = window.socketsPanel()->newSocket(AF_INET, SOCK_STREAM);
    QTRY_COMPARE(panel->socketId(), other);
    panel->addressField()->setText(QStringLiteral("no-such-host.invalid:80"));
    panel->button(QStringLiteral("connect"))->click();
    const QString expected = pythonRaises(QStringLiteral("socket.socket().connect(('no-such-host.invalid', 80))"));
    QVERIFY(expected.startsWith(QStringLiteral("socket.gaierror")));
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultLabel()->text().contains(QLatin1Char('\n') + expected), 20000);
    QCOMPARE(wb.sockets().info(other).state, SocketState::Created);

    // Not a name, not an address: said at the field, nothing called.
    const qsizetype calls = wb.journal().count();
    panel->addressField()->setText(QStringLiteral("bad!host:80"));
    QVERIFY(panel->addressMessage()->message().contains(QStringLiteral("nor a host name")));
    panel->button(QStringLiteral("connect"))->click();
    QCOMPARE(wb.journal().count(), calls);
}

// What --connect (or a session) opened is selected, as a quick action selects its socket.
void tst_WindowContext::commandLineSocketIsSelected()
{
    Workbench wb;
    const int listener = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    wb.bind(listener, parseAddress(QStringLiteral("127.0.0.1:0"), AF_INET).value());
    wb.listen(listener, 4);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(listener).state, SocketState::Listening, 3000);
    ui::MainWindow window(wb);
    QCOMPARE(window.socketsPanel()->currentSocket(), -1);
    Session quick;
    quick.sockets.append(parseQuickOpen(QStringLiteral("tcp://127.0.0.1:%1").arg(wb.sockets().info(listener).local.port()),
                                        false)
                             .value());
    window.applySession(quick);
    QTRY_VERIFY_WITH_TIMEOUT(window.socketsPanel()->currentSocket() > listener, 5000);
    const int opened = window.socketsPanel()->currentSocket();
    QCOMPARE(wb.sockets().info(opened).state, SocketState::Connected);
    QCOMPARE(window.socketPanel()->socketId(), opened);
    QCOMPARE(window.composer()->targetSocket(), opened);
}

void tst_WindowContext::saveSaysWhatItDid()
{
    QTemporaryDir dir;
    Workbench wb;
    ui::MainWindow window(wb);
    wb.createSocket(AF_INET, SOCK_DGRAM);
    wb.createSocket(AF_INET, SOCK_STREAM);
    QTRY_COMPARE(wb.sockets().ids().size(), 2);
    const QString path = dir.filePath(QStringLiteral("two.json"));
    QString error;
    QVERIFY(window.saveSessionFile(path, &error));
    QVERIFY2(window.statusLine()->text().startsWith(QStringLiteral("Saved 2 sockets to %1").arg(path)),
             qPrintable(window.statusLine()->text()));
    QVERIFY(window.statusLine()->styleSheet().isEmpty()); // word of success, not an alarm
}

void tst_WindowContext::labAsksBeforeAdding()
{
    Workbench wb;
    ui::MainWindow window(wb);
    const int mine = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    QTRY_COMPARE(wb.sockets().openCount(), 1);
    // With Close, what was open is closed before the lab opens its three.
    CallChain *lab = window.startExample(ui::MainWindow::ExistingSockets::Close);
    QVERIFY(lab);
    QSignalSpy done(lab, &CallChain::finished);
    QVERIFY(done.wait(10000));
    QTRY_COMPARE(wb.sockets().info(mine).state, SocketState::Closed);
    QTRY_COMPARE(wb.sockets().openCount(), 3);
    // Asked, and cancelled: nothing opens.
    QTimer::singleShot(0, &window, [&window] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(w))
                box->reject();
        }
    });
    QCOMPARE(window.startExample(), nullptr);
    QCOMPARE(wb.sockets().openCount(), 3);
}

void tst_WindowContext::labExplainsItself()
{
    Workbench wb;
    ui::MainWindow window(wb);
    CallChain *lab = window.startExample();
    QVERIFY(lab);
    QSignalSpy done(lab, &CallChain::finished);
    QVERIFY(done.wait(10000));
    const QString notes = window.guidePanel()->labNotes()->toPlainText();
    // Every call the lab made, as the journal wrote it, with its result and an explanation.
    for (qsizetype i = 0; i < wb.journal().count(); ++i) {
        const CallRecord record = wb.journal().at(i);
        QVERIFY2(notes.contains(QStringLiteral(">>> ") + record.call), qPrintable(record.call));
        QVERIFY2(notes.contains(record.outcome.result), qPrintable(record.outcome.result));
    }
    QVERIFY(notes.contains(QStringLiteral("Port 0: the kernel picks a free port")));
    QVERIFY(notes.contains(QStringLiteral("sk3 is a new socket")));
    QTRY_COMPARE(window.socketsPanel()->currentSocket(), 2); // the client, to try the composer on
    QVERIFY(window.guidePanel()->labNotes()->isVisibleTo(&window));
}

void tst_WindowContext::welcomeUntilASocketExists()
{
    Workbench wb;
    ui::MainWindow window(wb);
    QWidget *welcome = window.centralPage();
    QCOMPARE(welcome->objectName(), QStringLiteral("welcomePage"));
    QPushButton *server = nullptr;
    for (QPushButton *b : welcome->findChildren<QPushButton *>())
        server = b->accessibleName() == QStringLiteral("TCP server") ? b : server;
    QVERIFY(server);
    window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:0"));
    server->click();
    QTRY_COMPARE(window.centralPage(), static_cast<QWidget *>(window.trafficPanel()));
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(window.socketsPanel()->currentSocket()).state, SocketState::Listening, 3000);
}

QTEST_MAIN(tst_WindowContext)
#include "tst_windowcontext.moc"
