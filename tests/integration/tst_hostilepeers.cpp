#include "tests/core/testsupport.h"
#include "ui/mainwindow.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficpanel.h"

#include <QRegularExpression>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace core;
using namespace testsupport;

// Peers that misbehave, on loopback, against the core and the window's models. Each test checks
// that everything the peer sent before the fault is recorded, that the fault shows as its errno,
// that a bystander socket still works, and that the window's traffic model keeps up.
class tst_HostilePeers : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void resetMidStream();
    void peerKeepsSendingAfterWeHalfClose();
    void slowloris();
    void burstOf100MiB();
    void largestAndEmptyDatagrams();
    void thousandPeersConnectAndReset();
    void terminalEscapesStayEscaped();

private:
    quint16 watchedListener();
    int rawClient(quint16 port) const;
    QByteArray recorded(int socketId) const;
    int acceptedSocket() const;
    void bystanderStillWorks();
    void modelKeepsUp();

    std::unique_ptr<Workbench> m_wb;
    std::unique_ptr<ui::MainWindow> m_window;
    QTemporaryDir m_dir;
    int m_listener = -1;
};

void tst_HostilePeers::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread|QAbstractItemModel")));
    m_wb = std::make_unique<Workbench>();
    m_window = std::make_unique<ui::MainWindow>(*m_wb);
    m_window->show();
}

void tst_HostilePeers::cleanup()
{
    m_window.reset();
    m_wb.reset();
}

quint16 tst_HostilePeers::watchedListener()
{
    const Listener l = listener(*m_wb, AF_INET, m_dir);
    m_listener = l.id;
    m_wb->setWatch(l.id, true);
    return l.address.port();
}

int tst_HostilePeers::rawClient(quint16 port) const
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(port);
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&target), sizeof target) != 0)
        qWarning("raw client could not connect: %s", strerror(errno));
    return fd;
}

QByteArray tst_HostilePeers::recorded(int socketId) const
{
    QByteArray all;
    for (qsizetype i = 0; i < m_wb->traffic().count(); ++i) {
        const TrafficRecord r = m_wb->traffic().at(i);
        if (r.socketId == socketId && r.direction == Direction::In)
            all += m_wb->traffic().payload(r).toByteArray();
    }
    return all;
}

int tst_HostilePeers::acceptedSocket() const
{
    for (const SocketInfo &info : m_wb->sockets().snapshot()) {
        if (info.parentId == m_listener)
            return info.id;
    }
    return -1;
}

// Another socket, untouched by the fault, still sends and receives.
void tst_HostilePeers::bystanderStillWorks()
{
    const auto pair = m_wb->socketPair(AF_UNIX, SOCK_DGRAM);
    QVERIFY(succeeded(finished(*m_wb, m_wb->send(pair.first, "still here"))));
    QCOMPARE(finished(*m_wb, m_wb->recv(pair.second, 64)).outcome.data, QByteArray("still here"));
}

void tst_HostilePeers::modelKeepsUp()
{
    ui::TrafficModel *model = m_window->trafficPanel()->model();
    QTRY_COMPARE_WITH_TIMEOUT(qsizetype(model->rowCount()), m_wb->traffic().count(), 3000);
}

void tst_HostilePeers::resetMidStream()
{
    const quint16 port = watchedListener();
    const int peer = rawClient(port);
    const QByteArray sent(64 * 1024, 'r');
    QCOMPARE(::send(peer, sent.constData(), size_t(sent.size()), MSG_NOSIGNAL), ssize_t(sent.size()));
    QTRY_VERIFY_WITH_TIMEOUT(acceptedSocket() > 0, 3000);
    const int conn = acceptedSocket();
    QTRY_COMPARE_WITH_TIMEOUT(recorded(conn).size(), sent.size(), 5000);
    const linger reset{1, 0};
    ::setsockopt(peer, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(peer); // RST
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(conn).lastError, ECONNRESET, 3000);
    QCOMPARE(m_wb->sockets().info(conn).state, SocketState::Error);
    const TrafficRecord last = m_wb->traffic().at(m_wb->traffic().count() - 1);
    QVERIFY(last.flags & TrafficFlag::Error);
    QCOMPARE(int(last.error), ECONNRESET);
    QCOMPARE(recorded(conn), sent);
    bystanderStillWorks();
    modelKeepsUp();
}

void tst_HostilePeers::peerKeepsSendingAfterWeHalfClose()
{
    const quint16 port = watchedListener();
    const int peer = rawClient(port);
    QTRY_VERIFY_WITH_TIMEOUT(acceptedSocket() > 0, 3000);
    const int conn = acceptedSocket();
    QVERIFY(succeeded(finished(*m_wb, m_wb->shutdown(conn, SHUT_WR))));
    char buffer[16];
    QCOMPARE(::recv(peer, buffer, sizeof buffer, 0), ssize_t(0)); // the peer sees our FIN
    QByteArray sent;
    for (int i = 0; i < 100; ++i) {
        const QByteArray chunk = QByteArray::number(i).rightJustified(8, '0');
        QCOMPARE(::send(peer, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL), ssize_t(chunk.size()));
        sent += chunk;
    }
    ::close(peer);
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(conn).state, SocketState::ShutDown, 3000);
    QCOMPARE(recorded(conn), sent);
    bystanderStillWorks();
    modelKeepsUp();
}

// One byte every 100 ms for 5 s: 50 records of one byte, each recorded as it comes.
void tst_HostilePeers::slowloris()
{
    const quint16 port = watchedListener();
    std::atomic<int> sent{0};
    std::thread peer([&, port] {
        const int fd = rawClient(port);
        for (int i = 0; i < 50; ++i) {
            ::send(fd, "s", 1, MSG_NOSIGNAL);
            ++sent;
            ::usleep(100'000);
        }
        ::close(fd);
    });
    QTRY_VERIFY_WITH_TIMEOUT(acceptedSocket() > 0, 3000);
    const int conn = acceptedSocket();
    // While the peer dribbles, the bystander is served at once.
    bystanderStillWorks();
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(conn).state, SocketState::HalfClosedRead, 15000);
    peer.join();
    QCOMPARE(recorded(conn), QByteArray(50, 's'));
    QVERIFY(m_wb->sockets().info(conn).recordsIn >= 25); // bytes arrive apart, as apart records
    modelKeepsUp();
}

void tst_HostilePeers::burstOf100MiB()
{
    const quint16 port = watchedListener();
    constexpr qsizetype kTotal = 100 << 20;
    quint64 sentSum = 0;
    std::thread peer([&, port] {
        const int fd = rawClient(port);
        QByteArray block(1 << 20, '\0');
        for (qsizetype offset = 0; offset < kTotal; offset += block.size()) {
            for (qsizetype i = 0; i < block.size(); ++i)
                block[i] = char((offset + i) * 2654435761u >> 24);
            for (const char c : block)
                sentSum += quint8(c);
            const char *p = block.constData();
            qsizetype left = block.size();
            while (left > 0) {
                const ssize_t n = ::send(fd, p, size_t(left), MSG_NOSIGNAL);
                if (n <= 0)
                    return;
                p += n;
                left -= n;
            }
        }
        ::close(fd);
    });
    QTRY_VERIFY_WITH_TIMEOUT(acceptedSocket() > 0, 3000);
    const int conn = acceptedSocket();
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(conn).state, SocketState::HalfClosedRead, 60000);
    peer.join();
    QCOMPARE(qsizetype(m_wb->sockets().info(conn).bytesIn), kTotal);
    quint64 recordedSum = 0;
    for (qsizetype i = 0; i < m_wb->traffic().count(); ++i) {
        const TrafficRecord r = m_wb->traffic().at(i);
        if (r.socketId == conn)
            for (const char c : m_wb->traffic().payload(r))
                recordedSum += quint8(c);
    }
    QCOMPARE(recordedSum, sentSum);
    bystanderStillWorks();
    modelKeepsUp();
}

void tst_HostilePeers::largestAndEmptyDatagrams()
{
    const int udp = m_wb->createSocket(AF_INET, SOCK_DGRAM).socketId;
    m_wb->bind(udp, loopback(AF_INET, m_dir));
    m_wb->setWatch(udp, true);
    const SocketAddress target = finished(*m_wb, m_wb->sockName(udp)).outcome.address;
    const int peer = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const int big = 65507;
    const int bufsize = 1 << 20;
    ::setsockopt(peer, SOL_SOCKET, SO_SNDBUF, &bufsize, sizeof bufsize);
    const QByteArray largest(big, 'L');
    QCOMPARE(::sendto(peer, largest.constData(), size_t(big), 0, target.data(), target.length()), ssize_t(big));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(::sendto(peer, "", 0, 0, target.data(), target.length()), ssize_t(0));
    ::close(peer);
    QTRY_COMPARE_WITH_TIMEOUT(m_wb->sockets().info(udp).recordsIn, quint64(4), 3000);
    QList<quint32> lengths;
    for (qsizetype i = 0; i < m_wb->traffic().count(); ++i) {
        const TrafficRecord r = m_wb->traffic().at(i);
        if (r.socketId == udp && r.direction == Direction::In) {
            QVERIFY(!(r.flags & (TrafficFlag::Truncated | TrafficFlag::Eof)));
            lengths << r.length;
        }
    }
    QCOMPARE(lengths, QList<quint32>({65507, 0, 0, 0}));
    QCOMPARE(recorded(udp), largest);
    bystanderStillWorks();
    modelKeepsUp();
}

// A thousand peers connect and reset at once. The listener survives them and serves the next.
void tst_HostilePeers::thousandPeersConnectAndReset()
{
    rlimit limit;
    getrlimit(RLIMIT_NOFILE, &limit);
    const rlimit saved = limit;
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 4096);
    setrlimit(RLIMIT_NOFILE, &limit);
    const quint16 port = watchedListener();
    QList<int> peers;
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(port);
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < 1000; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        ::connect(fd, reinterpret_cast<sockaddr *>(&target), sizeof target);
        peers << fd;
    }
    const linger reset{1, 0};
    for (int fd : peers) {
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        ::close(fd);
    }
    // The next, well-behaved peer is accepted and heard.
    const int good = rawClient(port);
    QCOMPARE(::send(good, "after the storm", 15, MSG_NOSIGNAL), ssize_t(15));
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 for (const SocketInfo &info : m_wb->sockets().snapshot()) {
                                     if (info.parentId == m_listener && info.bytesIn == 15
                                         && recorded(info.id) == QByteArray("after the storm"))
                                         return true;
                                 }
                                 return false;
                             }()),
                             20000);
    ::close(good);
    QCOMPARE(m_wb->sockets().info(m_listener).state, SocketState::Listening);
    // Every accepted peer that reset shows ECONNRESET (or EOF if it closed before it was read).
    for (const SocketInfo &info : m_wb->sockets().snapshot()) {
        if (info.parentId == m_listener && info.bytesIn == 0)
            QTRY_VERIFY_WITH_TIMEOUT(m_wb->sockets().info(info.id).state == SocketState::Error
                                         || m_wb->sockets().info(info.id).state == SocketState::HalfClosedRead, 5000);
    }
    bystanderStillWorks();
    modelKeepsUp();
    setrlimit(RLIMIT_NOFILE, &saved);
}

// Received bytes are data, never interpreted: control sequences reach the window escaped.
void tst_HostilePeers::terminalEscapesStayEscaped()
{
    const quint16 port = watchedListener();
    const int peer = rawClient(port);
    const QByteArray nasty("\x1b[2J\x1b]0;owned\x07\r\x00\xff", 17);
    QCOMPARE(::send(peer, nasty.constData(), size_t(nasty.size()), MSG_NOSIGNAL), ssize_t(nasty.size()));
    QTRY_VERIFY_WITH_TIMEOUT(acceptedSocket() > 0 && recorded(acceptedSocket()) == nasty, 3000);
    ::close(peer);
    ui::TrafficModel *model = m_window->trafficPanel()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 3000);
    const QString shown = model->index(0, ui::TrafficModel::DataColumn).data().toString();
    QCOMPARE(shown, QStringLiteral("\\x1b[2J\\x1b]0;owned\\x07\\r\\x00\\xff"));
    for (const QChar c : shown)
        QVERIFY(c.isPrint());
}

QTEST_MAIN(tst_HostilePeers)
#include "tst_hostilepeers.moc"
