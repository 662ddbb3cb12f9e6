#include "core/net/constants.h"
#include "core/workbench.h"
#include "ui/composer/composer.h"
#include "ui/mainwindow.h"
#include "ui/socket/optionspanel.h"
#include "ui/socket/socketpanel.h"
#include "ui/sockets/socketspanel.h"
#include "ui/sockets/sockettreemodel.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficpanel.h"
#include "ui/translations.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace core;

// The issue's three users, each driving the real window offscreen against real loopback peers.
class tst_UserStories : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void developerTestsAServer();
    void studentLearnsSockets();
    void protocolDebuggerRepliesToOnePeer();
    void unixSeqpacketKeepsBoundaries();
    void badInputIsExplainedAndNothingIsSent();
    void socketTreeModelPassesTheTester();

private:
    int rowsOf(int socketId, Direction direction) const;
    QByteArray bytesOf(int socketId, Direction direction) const;
    QPushButton *findButton(QWidget *in, const QString &name) const;

    std::unique_ptr<Workbench> m_wb;
    std::unique_ptr<ui::MainWindow> m_window;
};

void tst_UserStories::initTestCase()
{
    ui::installTranslations(); // as the app does: counts read "18 bytes", "1 record"
}

void tst_UserStories::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread|QAbstractItemModel")));
    m_wb = std::make_unique<Workbench>();
    m_window = std::make_unique<ui::MainWindow>(*m_wb);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_UserStories::cleanup()
{
    m_window.reset();
    m_wb.reset();
}

int tst_UserStories::rowsOf(int socketId, Direction direction) const
{
    int n = 0;
    for (qsizetype i = 0; i < m_wb->traffic().count(); ++i) {
        const TrafficRecord r = m_wb->traffic().at(i);
        n += r.socketId == socketId && r.direction == direction && r.length > 0;
    }
    return n;
}

QByteArray tst_UserStories::bytesOf(int socketId, Direction direction) const
{
    QByteArray all;
    for (qsizetype i = 0; i < m_wb->traffic().count(); ++i) {
        const TrafficRecord r = m_wb->traffic().at(i);
        if (r.socketId == socketId && r.direction == direction && !(r.flags & TrafficFlag::Peek))
            all += m_wb->traffic().payload(r).toByteArray();
    }
    return all;
}

QPushButton *tst_UserStories::findButton(QWidget *in, const QString &name) const
{
    for (QPushButton *b : in->findChildren<QPushButton *>()) {
        if (b->accessibleName() == name)
            return b;
    }
    qWarning("no button %s", qPrintable(name));
    return nullptr;
}

// A developer connects to an HTTP-ish server, types the request with escapes, presses Enter,
// reads the reply in the log as text and hex; the server closes, and they connect again.
void tst_UserStories::developerTestsAServer()
{
    QProcess server;
    server.start(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral(R"(
import socket
s = socket.socket(); s.settimeout(20)
s.bind(('127.0.0.1', 0)); s.listen(2)
print(s.getsockname()[1], flush=True)
for _ in range(2):
    c, _ = s.accept(); c.settimeout(20)
    req = b''
    while not req.endswith(b'\r\n\r\n'):
        chunk = c.recv(1024)
        if not chunk: break
        req += chunk
    c.sendall(b'HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello')
    c.close()
)")});
    QVERIFY(server.waitForReadyRead(10000));
    const QString port = QString::fromLatin1(server.readLine()).trimmed();

    ui::SocketsPanel *sockets = m_window->socketsPanel();
    sockets->quickAddress()->setText(QStringLiteral("127.0.0.1:") + port);
    QTest::mouseClick(findButton(sockets, QStringLiteral("TCP client")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->socketPanel()->socketId() > 0, 3000);
    const int client = m_window->socketPanel()->socketId();
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(client).state, SocketState::Connected, 5000);

    ui::Composer *composer = m_window->composer();
    composer->editor()->setFocus();
    QTest::keyClicks(composer->editor(), QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"));
    QVERIFY(composer->preview()->text().contains(QStringLiteral("18 bytes")));
    QTest::keyClick(composer->editor(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(bytesOf(client, Direction::Out), QByteArray("GET / HTTP/1.0\r\n\r\n"), 5000);
    QCOMPARE(composer->editor()->toPlainText(), QString()); // ready for the next message
    QTRY_COMPARE_WITH_TIMEOUT(bytesOf(client, Direction::In), QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello"), 5000);

    // The reply in the log: text preview with escapes visible, and its hex dump.
    ui::TrafficModel *model = m_window->trafficPanel()->model();
    int replyRow = -1;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 for (int row = 0; row < model->rowCount(); ++row) {
                                     if (model->index(row, 6).data().toString().contains(QStringLiteral("HTTP/1.0 200 OK\\r\\n")))
                                         replyRow = row;
                                 }
                                 return replyRow >= 0;
                             }()),
                             3000);
    QTableView *view = m_window->trafficPanel()->view();
    view->setCurrentIndex(model->index(replyRow, 0));
    bool hexShown = false;
    for (QPlainTextEdit *edit : m_window->trafficPanel()->findChildren<QPlainTextEdit *>())
        hexShown |= edit->toPlainText().contains(QStringLiteral("48 54 54 50 2f 31 2e 30"));
    QVERIFY(hexShown);
    // The server closed: the log shows EOF; connecting again makes a new socket that works.
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(client).state, SocketState::HalfClosedRead, 5000);
    QTest::mouseClick(findButton(sockets, QStringLiteral("TCP client")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->socketPanel()->socketId() > client, 3000);
    const int second = m_window->socketPanel()->socketId();
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(second).state, SocketState::Connected, 5000);
    composer->editor()->setFocus();
    QTest::keyClick(composer->editor(), Qt::Key_Up); // the last message sent comes back
    QCOMPARE(composer->editor()->toPlainText(), QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"));
    QTest::keyClick(composer->editor(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(bytesOf(second, Direction::In).endsWith("hello"), 5000);
    // The QTRY loops above run the event loop, so the process may already be reaped.
    QVERIFY(server.state() == QProcess::NotRunning || server.waitForFinished(10000));
    QCOMPARE(server.exitCode(), 0);
}

// A student: socket, bind, listen(2), two clients, accept shows the connection under its
// listener with the peer address; non-blocking recv raises BlockingIOError; a 100000-byte send
// returns less; shutdown(SHUT_WR) and the peer reads b''.
void tst_UserStories::studentLearnsSockets()
{
    ui::SocketsPanel *sockets = m_window->socketsPanel();
    ui::SocketPanel *panel = m_window->socketPanel();
    const int listener = sockets->newSocket(sock::AfInet, sock::Stream);
    QTRY_COMPARE_WITH_TIMEOUT(panel->socketId(), listener, 3000);
    panel->addressField()->setText(QStringLiteral("127.0.0.1:0"));
    QTest::mouseClick(panel->button(QStringLiteral("bind")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultLabel()->text().contains(QStringLiteral("None")), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->button(QStringLiteral("listen"))->property("suggested").toBool(), 3000);
    for (QSpinBox *spin : panel->findChildren<QSpinBox *>()) {
        if (spin->accessibleName() == QStringLiteral("Backlog"))
            spin->setValue(2);
    }
    QTest::mouseClick(panel->button(QStringLiteral("listen")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultLabel()->text().contains(QStringLiteral("sk%1.listen(2)").arg(listener)), 3000);
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(listener).state, SocketState::Listening, 3000);
    const SocketAddress address = m_wb->sockets().info(listener).local;
    QVERIFY(address.port() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(panel->button(QStringLiteral("accept"))->property("suggested").toBool(), 3000);

    // Two clients from the same window.
    QList<int> clients;
    for (int i = 0; i < 2; ++i) {
        const int c = sockets->newSocket(sock::AfInet, sock::Stream);
        QTRY_COMPARE_WITH_TIMEOUT(panel->socketId(), c, 3000);
        panel->addressField()->setText(address.toText());
        QTest::mouseClick(panel->button(QStringLiteral("connect")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(c).state, SocketState::Connected, 3000);
        clients << c;
    }
    sockets->selectSocket(listener);
    QTRY_COMPARE_WITH_TIMEOUT(panel->socketId(), listener, 3000);
    QTest::mouseClick(panel->button(QStringLiteral("accept")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultLabel()->text().contains(QStringLiteral("raddr=")), 3000);
    // The accepted connection sits under its listener, with the first client's address as peer.
    ui::SocketTreeModel *tree = sockets->model();
    const QModelIndex listenerIndex = tree->indexOf(listener);
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(listenerIndex), 1, 3000);
    const int accepted = tree->socketId(tree->index(0, 0, listenerIndex));
    const SocketAddress clientName = m_wb->sockets().info(clients[0]).local;
    QCOMPARE(tree->index(0, ui::SocketTreeModel::Peer, listenerIndex).data().toString(), clientName.toText());
    QVERIFY(sockets->view()->isExpanded(listenerIndex));

    // Non-blocking recv on the accepted socket: nothing there yet.
    sockets->selectSocket(accepted);
    QTRY_COMPARE_WITH_TIMEOUT(panel->socketId(), accepted, 3000);
    for (QRadioButton *radio : panel->findChildren<QRadioButton *>()) {
        if (radio->accessibleName() == QStringLiteral("Non-blocking"))
            QTest::mouseClick(radio, Qt::LeftButton);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(accepted).mode, BlockingMode::NonBlocking, 3000);
    QTest::mouseClick(panel->button(QStringLiteral("recv")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultLabel()->text().contains(
                                 QStringLiteral("BlockingIOError: [Errno 11] Resource temporarily unavailable")), 3000);
    QVERIFY(panel->resultLabel()->text().contains(QStringLiteral("EAGAIN")));

    // Small buffers on both ends (through the options tab), then a 100000-byte send returns less.
    auto setOption = [&](int socketId, const char *name, const QString &value) {
        sockets->selectSocket(socketId);
        QTRY_COMPARE_WITH_TIMEOUT(panel->socketId(), socketId, 3000);
        ui::OptionsPanel *options = panel->findChild<ui::OptionsPanel *>();
        const auto items = options->table()->findItems(QString::fromLatin1(name), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        options->table()->selectRow(items.first()->row());
        options->valueField()->setText(value);
        QTest::mouseClick(findButton(options, QStringLiteral("setsockopt")), Qt::LeftButton);
        auto setTo = [&] {
            const core::OptionValue *set = m_wb->sockets().info(socketId).options.find(QString::fromLatin1(name));
            return set && set->text == value;
        };
        QTRY_VERIFY_WITH_TIMEOUT(setTo(), 3000);
    };
    setOption(accepted, "SO_RCVBUF", QStringLiteral("4096"));
    setOption(clients[0], "SO_SNDBUF", QStringLiteral("4096"));
    for (QRadioButton *radio : panel->findChildren<QRadioButton *>()) {
        if (radio->accessibleName() == QStringLiteral("Non-blocking"))
            QTest::mouseClick(radio, Qt::LeftButton);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(clients[0]).mode, BlockingMode::NonBlocking, 3000);
    ui::Composer *composer = m_window->composer();
    composer->editor()->setPlainText(QString(100000, QLatin1Char('x')));
    QTest::mouseClick(findButton(composer, QStringLiteral("send")), Qt::LeftButton);
    const QLabel *status = nullptr;
    for (QLabel *label : composer->findChildren<QLabel *>()) {
        if (label->text().startsWith(QStringLiteral("Sends on")))
            status = label;
    }
    QVERIFY(status);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("partial send")), 3000);
    const qint64 sent = qint64(m_wb->sockets().info(clients[0]).bytesOut);
    QVERIFY2(sent > 0 && sent < 100000, qPrintable(QString::number(sent)));

    // shutdown(SHUT_WR) on the second client: once accepted, its peer reads b''.
    sockets->selectSocket(clients[1]);
    QTRY_COMPARE_WITH_TIMEOUT(panel->socketId(), clients[1], 3000);
    QTest::mouseClick(panel->button(QStringLiteral("shutdown")), Qt::LeftButton); // SHUT_WR is the default
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(clients[1]).state, SocketState::HalfClosedWrite, 3000);
    sockets->selectSocket(listener);
    QTRY_COMPARE_WITH_TIMEOUT(panel->socketId(), listener, 3000);
    QTest::mouseClick(panel->button(QStringLiteral("accept")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(listenerIndex), 2, 3000);
    const int second = tree->socketId(tree->index(1, 0, listenerIndex));
    sockets->selectSocket(second);
    QTRY_COMPARE_WITH_TIMEOUT(panel->socketId(), second, 3000);
    QTest::mouseClick(panel->button(QStringLiteral("recv")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->resultLabel()->text().contains(QStringLiteral("\nb''")), 3000);
}

// A protocol debugger: a watched UDP socket hears two peers; picking one peer's datagram in the
// log and pressing sendto replies to exactly that peer.
void tst_UserStories::protocolDebuggerRepliesToOnePeer()
{
    ui::SocketsPanel *sockets = m_window->socketsPanel();
    sockets->quickAddress()->setText(QStringLiteral("127.0.0.1:0"));
    QTest::mouseClick(findButton(sockets, QStringLiteral("UDP socket")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->socketPanel()->socketId() > 0, 3000);
    const int udp = m_window->socketPanel()->socketId();
    QTRY_VERIFY_WITH_TIMEOUT(m_wb->sockets().info(udp).watching && m_wb->sockets().info(udp).local.port() > 0, 3000);
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(m_wb->sockets().info(udp).local.port());
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    // Two peers made with plain POSIX calls, each bound to its own port.
    int peers[2];
    quint16 ports[2];
    for (int i = 0; i < 2; ++i) {
        peers[i] = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(peers[i], reinterpret_cast<sockaddr *>(&local), sizeof local), 0);
        socklen_t length = sizeof local;
        ::getsockname(peers[i], reinterpret_cast<sockaddr *>(&local), &length);
        ports[i] = ntohs(local.sin_port);
        const QByteArray hello = "hello from peer " + QByteArray::number(i);
        QCOMPARE(::sendto(peers[i], hello.constData(), size_t(hello.size()), 0, reinterpret_cast<sockaddr *>(&target), sizeof target),
                 ssize_t(hello.size()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(rowsOf(udp, Direction::In), 2, 3000);

    // Pick peer 1's datagram in the log.
    ui::TrafficModel *model = m_window->trafficPanel()->model();
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 for (int r = 0; r < model->rowCount(); ++r) {
                                     if (model->index(r, 6).data().toString().contains(QStringLiteral("peer 1")))
                                         row = r;
                                 }
                                 return row >= 0;
                             }()),
                             3000);
    QCOMPARE(model->index(row, 4).data().toString(), QStringLiteral("127.0.0.1:%1").arg(ports[1]));
    m_window->trafficPanel()->view()->setCurrentIndex(model->index(row, 0));
    ui::Composer *composer = m_window->composer();
    QTRY_COMPARE_WITH_TIMEOUT(composer->sendToField()->text(), QStringLiteral("127.0.0.1:%1").arg(ports[1]), 3000);
    composer->editor()->setPlainText(QStringLiteral("reply\\x00"));
    QTest::mouseClick(findButton(composer, QStringLiteral("sendto")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(rowsOf(udp, Direction::Out), 1, 3000);

    char buffer[64];
    const ssize_t n = ::recv(peers[1], buffer, sizeof buffer, MSG_DONTWAIT);
    QCOMPARE(QByteArray(buffer, int(n)), QByteArray("reply\0", 6));
    QCOMPARE(::recv(peers[0], buffer, sizeof buffer, MSG_DONTWAIT), ssize_t(-1)); // the other peer got nothing
    for (int fd : peers)
        ::close(fd);
}

void tst_UserStories::unixSeqpacketKeepsBoundaries()
{
    ui::SocketsPanel *sockets = m_window->socketsPanel();
    const int first = sockets->newSocketPair(sock::AfUnix, sock::SeqPacket);
    const int second = first + 1;
    QTRY_COMPARE_WITH_TIMEOUT(m_window->socketPanel()->socketId(), first, 3000);
    m_wb->setWatch(second, true);
    ui::Composer *composer = m_window->composer();
    for (const char *message : {"one", "two", "three"}) {
        composer->editor()->setPlainText(QString::fromLatin1(message));
        QTest::mouseClick(findButton(composer, QStringLiteral("send")), Qt::LeftButton);
    }
    QTRY_COMPARE_WITH_TIMEOUT(rowsOf(second, Direction::In), 3, 3000);
    QCOMPARE(bytesOf(second, Direction::In), QByteArray("onetwothree"));
    // The socket's counters are published within IoThread::kCountsNs of the records.
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(second).recordsIn, quint64(3), 1000);
}

void tst_UserStories::badInputIsExplainedAndNothingIsSent()
{
    ui::SocketsPanel *sockets = m_window->socketsPanel();
    const int pair = sockets->newSocketPair(sock::AfUnix, sock::Stream);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->socketPanel()->socketId(), pair, 3000);
    ui::Composer *composer = m_window->composer();
    composer->setMode(ui::Composer::Hex);
    composer->editor()->setPlainText(QStringLiteral("48 65 6"));
    QVERIFY(composer->preview()->text().contains(QStringLiteral("odd number of hex digits")));
    QTest::mouseClick(findButton(composer, QStringLiteral("send")), Qt::LeftButton);
    composer->setMode(ui::Composer::Text); // hex that does not decode cannot be shown as text
    QCOMPARE(composer->modeBox()->currentIndex(), int(ui::Composer::Hex));
    QCOMPARE(composer->editor()->toPlainText(), QStringLiteral("48 65 6"));
    QVERIFY(composer->preview()->text().contains(QStringLiteral("odd number of hex digits")));
    composer->editor()->clear();
    composer->setMode(ui::Composer::Text);
    QCOMPARE(composer->modeBox()->currentIndex(), int(ui::Composer::Text));
    composer->editor()->setPlainText(QStringLiteral("bad \\q escape"));
    QVERIFY(composer->preview()->text().contains(QStringLiteral("unknown escape \\q at character 5")));
    QTest::mouseClick(findButton(composer, QStringLiteral("sendall")), Qt::LeftButton);
    QCOMPARE(composer->editor()->toPlainText(), QStringLiteral("bad \\q escape")); // what was typed stays
    composer->setMode(ui::Composer::File);
    composer->fileField()->setText(QStringLiteral("/nonexistent/file.bin"));
    QVERIFY(composer->preview()->text().contains(QStringLiteral("no file at")));
    QTest::mouseClick(findButton(composer, QStringLiteral("send")), Qt::LeftButton);

    ui::SocketPanel *panel = m_window->socketPanel();
    panel->addressField()->setText(QStringLiteral("/") + QString(120, QLatin1Char('a')));
    QTest::mouseClick(panel->button(QStringLiteral("bind")), Qt::LeftButton);
    bool explained = false;
    for (QLabel *label : panel->findChildren<QLabel *>())
        explained |= label->isVisible() && label->toolTip().contains(QStringLiteral("the limit is 107")); // whole in the tooltip
    QVERIFY(explained);
    // Calls are journaled the moment they are made: nothing beyond socketpair() was called.
    QCOMPARE(m_wb->journal().count(), 1);
    QCOMPARE(m_wb->traffic().count(), 0);
}

void tst_UserStories::socketTreeModelPassesTheTester()
{
    ui::SocketTreeModel *tree = m_window->socketsPanel()->model();
    QAbstractItemModelTester tester(tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_window->startExample(ui::MainWindow::ExistingSockets::Keep) != nullptr, true);
    QTRY_VERIFY_WITH_TIMEOUT(tree->rowCount() == 2 && tree->rowCount(tree->index(0, 0)) == 1, 5000);
    // The lab exchanged a message each way.
    QTRY_VERIFY_WITH_TIMEOUT(m_wb->traffic().count() >= 4, 5000);
}

QTEST_MAIN(tst_UserStories)
#include "tst_userstories.moc"
