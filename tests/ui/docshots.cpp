// docshots: the screenshots in docs/, made by playing README's three stories in the real window
// at 1500×950 against real loopback peers (curl, a python3 echo server), the console, the
// responder and a descriptor passed in the Messages tab. Not a test: run by
// scripts/screenshots.sh, which writes docs/*.png. Each step waits for what it needs, bounded.
#include "core/workbench.h"
#include "ui/composer/composer.h"
#include "ui/composer/repeatcontrols.h"
#include "ui/console/consolepanel.h"
#include "ui/journal/journalpanel.h"
#include "ui/mainwindow.h"
#include "ui/responder/responderpanel.h"
#include "ui/responder/rulespanel.h"
#include "ui/socket/messagespanel.h"
#include "ui/socket/socketpanel.h"
#include "ui/sockets/socketspanel.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficpanel.h"
#include "ui/translations.h"

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPalette>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <functional>

#include <sys/socket.h>

using namespace core;

namespace {

bool waitFor(const std::function<bool()> &done, int ms = 10000)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(20);
    }
    return true;
}

void fail(const char *what)
{
    std::fprintf(stderr, "docshots: %s\n", what);
    std::exit(1);
}

void settle(ui::MainWindow &window)
{
    QTest::qWait(1100); // batched models and the status line (once a second) catch up before the picture
    window.repaint();
}

void present(ui::MainWindow &window)
{
    window.resize(1500, 950);
    window.show();
    window.activateWindow();
    if (!QTest::qWaitForWindowExposed(&window))
        fail("the window does not show");
    QTest::qWaitForWindowActive(&window, 2000);
}

void save(ui::MainWindow &window, const QString &dir, const QString &name)
{
    settle(window);
    const QString path = QDir(dir).filePath(name);
    if (!window.grab().save(path, "PNG", 0)) // 0: the smallest file zlib makes, the same pixels
        fail("cannot write a screenshot");
    std::printf("%s\n", qPrintable(path));
}

void typeAndSend(ui::MainWindow &window, const QString &text)
{
    ui::Composer *composer = window.composer();
    composer->editor()->setFocus();
    QTest::keyClicks(composer->editor(), text);
    QTest::keyClick(composer->editor(), Qt::Key_Return);
}

void raiseDock(ui::MainWindow &window, const char *name)
{
    if (auto *dock = window.findChild<QDockWidget *>(QLatin1String(name)))
        dock->raise();
}

// Selects the first traffic record of a socket whose bytes contain text: its hex dump shows.
void showRecord(ui::MainWindow &window, const QString &text)
{
    ui::TrafficModel *model = window.trafficPanel()->model();
    const bool found = waitFor([&] {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, ui::TrafficModel::DataColumn).data().toString().contains(text)) {
                window.trafficPanel()->view()->setCurrentIndex(model->index(row, 0));
                return true;
            }
        }
        return false;
    });
    if (!found)
        fail("a record is not in the traffic log");
}

void firstStart(const QString &dir)
{
    Workbench wb;
    ui::MainWindow window(wb);
    present(window);
    save(window, dir, QStringLiteral("first-start.png"));
}

// Story 1: a TCP server, curl asks, the reply is typed by hand.
void httpByHand(const QString &dir)
{
    Workbench wb;
    ui::MainWindow window(wb);
    present(window);
    window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:8080"));
    const int listener = window.socketsPanel()->tcpServer();
    if (!waitFor([&] { return wb.sockets().info(listener).state == SocketState::Listening; }))
        fail("the server does not listen (is 127.0.0.1:8080 taken?)");
    window.socketsPanel()->selectSocket(listener);
    QProcess curl;
    curl.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("http://127.0.0.1:8080/hello")});
    if (!waitFor([&] { return wb.traffic().count() > 0 && window.composer()->targetSocket() != listener; }))
        fail("curl's request did not arrive");
    const int connection = window.composer()->targetSocket();
    typeAndSend(window, QStringLiteral("HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\nhello from the workbench\\n"));
    if (!waitFor([&] { return wb.sockets().info(connection).bytesOut > 0; }))
        fail("the reply was not sent");
    window.socketsPanel()->followNewSocket(connection);
    if (!waitFor([&] { return window.socketPanel()->socketId() == connection; }))
        fail("the connection cannot be selected");
    window.socketPanel()->button(QStringLiteral("close"))->click();
    if (!waitFor([&] { return curl.state() == QProcess::NotRunning; }))
        fail("curl did not finish");
    showRecord(window, QStringLiteral("GET /hello"));
    save(window, dir, QStringLiteral("story-http-by-hand.png"));
}

// Story 2: UDP call by call, and the errors a student meets.
void udpAndErrors(const QString &dir)
{
    Workbench wb;
    ui::MainWindow window(wb);
    present(window);
    ui::SocketPanel *panel = window.socketPanel();
    const int server = window.socketsPanel()->newSocket(AF_INET, SOCK_DGRAM);
    waitFor([&] { return panel->socketId() == server; });
    panel->addressField()->setText(QStringLiteral("127.0.0.1:9999"));
    panel->button(QStringLiteral("bind"))->click();
    if (!waitFor([&] { return wb.sockets().info(server).state == SocketState::Bound; }))
        fail("bind 127.0.0.1:9999 failed");
    const int client = window.socketsPanel()->newSocket(AF_INET, SOCK_DGRAM);
    waitFor([&] { return panel->socketId() == client; });
    for (QRadioButton *radio : panel->findChildren<QRadioButton *>()) {
        if (radio->accessibleName() == QStringLiteral("Non-blocking"))
            radio->click();
    }
    waitFor([&] { return wb.sockets().info(client).mode == BlockingMode::NonBlocking; });
    panel->button(QStringLiteral("recvfrom"))->click(); // BlockingIOError: nothing to read
    waitFor([&] { return panel->resultLabel()->text().contains(QStringLiteral("BlockingIOError")); });
    window.composer()->sendToField()->setText(QStringLiteral("127.0.0.1:9999"));
    typeAndSend(window, QStringLiteral("ping\\n"));
    waitFor([&] { return wb.sockets().info(client).bytesOut > 0; });
    window.socketsPanel()->followNewSocket(server);
    waitFor([&] { return panel->socketId() == server; });
    panel->button(QStringLiteral("recvfrom"))->click();
    waitFor([&] { return panel->resultLabel()->text().contains(QStringLiteral("b'ping\\n'")); });
    const int tcp = window.socketsPanel()->newSocket(AF_INET, SOCK_STREAM);
    waitFor([&] { return panel->socketId() == tcp; });
    panel->addressField()->setText(QStringLiteral("127.0.0.1:1"));
    panel->button(QStringLiteral("connect"))->click();
    if (!waitFor([&] { return panel->resultLabel()->text().contains(QStringLiteral("ConnectionRefusedError")); }))
        fail("connect to port 1 was not refused");
    save(window, dir, QStringLiteral("story-udp-and-errors.png"));
}

// Story 3: a python3 echo server tested from the window, then the session exported as a script.
void echoAndReplay(const QString &dir)
{
    Workbench wb;
    ui::MainWindow window(wb);
    present(window);
    QProcess server;
    server.start(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral(R"(
import socket
s = socket.create_server(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
for _ in range(2):
    c, _ = s.accept()
    with c:
        while data := c.recv(4096):
            c.sendall(data)
)")});
    if (!server.waitForReadyRead(10000))
        fail("the echo server did not start");
    const QString port = QString::fromLatin1(server.readLine()).trimmed();
    window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:") + port);
    const int client = window.socketsPanel()->tcpClient();
    if (!waitFor([&] { return wb.sockets().info(client).state == SocketState::Connected; }))
        fail("the client did not connect");
    typeAndSend(window, QStringLiteral("hello, echo\\n"));
    waitFor([&] { return wb.sockets().info(client).bytesIn >= 12; });
    typeAndSend(window, QStringLiteral("a second line\\n"));
    waitFor([&] { return wb.sockets().info(client).bytesIn >= 26; });
    QTemporaryDir scripts;
    const QString script = scripts.filePath(QStringLiteral("echo-session.py"));
    QString error;
    if (!window.journalPanel()->exportScript(script, &error))
        fail("export failed");
    raiseDock(window, "journalDock");
    showRecord(window, QStringLiteral("a second line"));
    save(window, dir, QStringLiteral("story-echo-and-replay.png"));
    window.close();
    server.kill();
    server.waitForFinished(5000);
}

// The console: Python typed into the window, its sockets in the tree and its bytes in the log.
void console(const QString &dir)
{
    Workbench wb;
    ui::MainWindow window(wb);
    present(window);
    ui::ConsolePanel *panel = window.console();
    raiseDock(window, "consoleDock");
    const QStringList lines{
        QStringLiteral("a, b = socket.socketpair()"),
        QStringLiteral("a.sendall(b'hello from the console\\n')"),
        QStringLiteral("print(b.recv(100))"),
        QStringLiteral("srv = socket.create_server(('127.0.0.1', 0))"),
        QStringLiteral("srv"),
        QStringLiteral("socket.create_connection(('127.0.0.1', 1))"),
    };
    for (const QString &line : lines) {
        bool idle = false;
        const auto connection = QObject::connect(panel, &ui::ConsolePanel::idle, [&idle] { idle = true; });
        panel->submit(line);
        if (!waitFor([&] { return idle; }))
            fail("the console did not answer");
        QObject::disconnect(connection);
    }
    showRecord(window, QStringLiteral("hello from the console"));
    save(window, dir, QStringLiteral("console.png"));
}

// The protocol-debugging kit: a listener that answers by rules, and a client that repeats a
// request with a counter; curl and the repeated client are answered without a click.
void responder(const QString &dir)
{
    Workbench wb;
    ui::MainWindow window(wb);
    present(window);
    window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:8081"));
    const int listener = window.socketsPanel()->tcpServer();
    if (!waitFor([&] { return wb.sockets().info(listener).state == SocketState::Listening; }))
        fail("the server does not listen (is 127.0.0.1:8081 taken?)");
    window.socketsPanel()->selectSocket(listener);
    raiseDock(window, "responderDock");
    ui::RulesPanel *rules = window.responderPanel()->rules();
    Rule http;
    http.match = MatchKind::Regex;
    http.pattern = QStringLiteral("^GET (\\S+)");
    http.reply = ReplyKind::Template;
    http.replyText = QStringLiteral("HTTP/1.0 200 OK\\r\\n\\r\\nyou asked for {1}, request #{counter}\\n");
    http.after = AfterReply::Close;
    http.note = QStringLiteral("a tiny web server");
    Rule ping;
    ping.match = MatchKind::StartsWith;
    ping.pattern = QStringLiteral("ping");
    ping.reply = ReplyKind::Template;
    ping.replyText = QStringLiteral("pong {counter} at {time}\\n");
    Rule rest;
    rest.reply = ReplyKind::Echo;
    rules->setRules({http, ping, rest});
    rules->editRule(http);
    QProcess curl;
    curl.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("http://127.0.0.1:8081/index.html")});
    if (!waitFor([&] { return curl.waitForFinished(100); }))
        fail("curl was not answered");
    // A client that pings every 200 ms.
    window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:8081"));
    const int client = window.socketsPanel()->tcpClient();
    if (!waitFor([&] { return wb.sockets().info(client).state == SocketState::Connected; }))
        fail("the client does not connect");
    window.socketsPanel()->selectSocket(client);
    window.composer()->editor()->setPlainText(QStringLiteral("ping {counter}\\n"));
    window.composer()->repeatControls()->intervalBox()->setValue(200);
    window.composer()->repeatControls()->countBox()->setValue(0);
    if (window.composer()->repeatControls()->start(false) < 0)
        fail("the schedule did not start");
    if (!waitFor([&] { return !wb.schedules().isEmpty() && wb.schedules().first().sent >= 6; }))
        fail("the schedule does not send");
    window.socketsPanel()->selectSocket(listener);
    raiseDock(window, "responderDock");
    window.responderPanel()->setCurrentIndex(0);
    settle(window);
    showRecord(window, QStringLiteral("pong 5"));
    save(window, dir, QStringLiteral("responder.png"));
    window.responderPanel()->showSchedules();
    settle(window);
    save(window, dir, QStringLiteral("schedules.png"));
}

// A descriptor passed over a UNIX socketpair in the Socket panel's Messages tab: a UDP socket's fd
// goes with SCM_RIGHTS and credentials, and the other end adopts it as a new socket.
void passDescriptor(const QString &dir)
{
    Workbench wb;
    ui::MainWindow window(wb);
    present(window);
    ui::SocketPanel *panel = window.socketPanel();
    const int udp = window.socketsPanel()->newSocket(AF_INET, SOCK_DGRAM);
    waitFor([&] { return panel->socketId() == udp; });
    panel->addressField()->setText(QStringLiteral("127.0.0.1:0"));
    panel->button(QStringLiteral("bind"))->click();
    if (!waitFor([&] { return wb.sockets().info(udp).state == SocketState::Bound; }))
        fail("bind 127.0.0.1:0 failed");
    const int first = window.socketsPanel()->newSocketPair(AF_UNIX, SOCK_STREAM);
    if (!waitFor([&] { return wb.sockets().contains(first) && wb.sockets().contains(first + 1); }))
        fail("socketpair() made no sockets");
    const int second = first + 1;
    window.socketsPanel()->followNewSocket(first);
    waitFor([&] { return panel->socketId() == first; });
    auto *tabs = panel->findChild<QTabWidget *>();
    tabs->setCurrentIndex(2);
    ui::MessagesPanel *messages = panel->messages();
    messages->setSocket(first);
    messages->passChoice()->setCurrentIndex(messages->passChoice()->findData(udp));
    messages->addDescriptor();
    messages->addCredentials();
    messages->dataField()->setText(QStringLiteral("take this\\n"));
    messages->sendMessage();
    if (!waitFor([&] { return panel->resultLabel()->text().contains(QStringLiteral("sendmsg")); }))
        fail("sendmsg() did not finish");
    wb.setOption(second, OptionRef::byNumber(SOL_SOCKET, SO_PASSCRED), encodeRawOption(u"1", false).value());
    window.socketsPanel()->followNewSocket(second);
    waitFor([&] { return panel->socketId() == second; });
    messages->receiveMessage();
    if (!waitFor([&] { return wb.sockets().contains(second + 1); }))
        fail("recvmsg() adopted no descriptor");
    save(window, dir, QStringLiteral("socket-messages.png"));
}

// Fusion's colours for a dark desktop theme, as KDE's Breeze Dark and GNOME's Adwaita-dark give them.
QPalette darkPalette()
{
    const QColor window(0x35, 0x35, 0x35), base(0x2a, 0x2a, 0x2a), text(0xe6, 0xe6, 0xe6), disabled(0x80, 0x80, 0x80);
    QPalette palette(text, window);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x31, 0x31, 0x31));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ToolTipBase, QColor(0x20, 0x20, 0x20));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x6f, 0xb8));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb0, 0x9c, 0xff));
    for (const QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

} // namespace

int main(int argc, char **argv)
{
    QStandardPaths::setTestModeEnabled(true); // no settings of a previous run
    QApplication app(argc, argv);
    // SWB_DOCSHOTS_DARK=1: the shots in a dark theme (docs/dark.png), set before any window is made.
    if (qEnvironmentVariableIntValue("SWB_DOCSHOTS_DARK")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
    }
    ui::installTranslations();
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs");
    QDir().mkpath(dir);
    firstStart(dir);
    httpByHand(dir);
    udpAndErrors(dir);
    echoAndReplay(dir);
    console(dir);
    responder(dir);
    passDescriptor(dir);
    return 0;
}
