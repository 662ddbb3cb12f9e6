// The Workbench façade against real sockets on loopback: sockets and pairs made, the data calls on
// them for each family where they apply (round trips, dup, partial and whole sends, message
// boundaries, half-close, recv flags, connect_ex), options and live readings, fileno and close,
// with the journal's Python rendering and the traffic store checked.
#include "core/net/errors.h"
#include "core/text/payload.h"
#include "tests/core/testsupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace core;
using namespace testsupport;

class tst_Workbench : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void socketMatrixMatchesPython();
    void rdmIsRefusedWithTheKernelsErrno();
    void streamRoundTrip_data();
    void streamRoundTrip();
    void datagramRoundTrip_data();
    void datagramRoundTrip();
    void socketPair();
    void dupMakesASecondSocket();
    void partialSendIsVisible();
    void sendAllReportsItsCalls();
    void messageBoundaries_data();
    void messageBoundaries();
    void halfClose();
    void optionsRoundTrip();
    void liveInfo();
    void filenoAndClose();
    void recvFlags();
    void connectEx();
    void pythonValueErrors();

private:
    QTemporaryDir m_dir;
};

void tst_Workbench::init()
{
    QVERIFY(m_dir.isValid());
    // Warnings Qt prints when objects are used from the wrong thread are failures here.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

// socket() for every family and type gives the kernel's answer, the same as Python's.
void tst_Workbench::socketMatrixMatchesPython()
{
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral(R"(
import socket
for f in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX):
    for t in (1, 2, 3, 4, 5):
        try:
            socket.socket(f, t).close(); print(f, t, 0)
        except OSError as e:
            print(f, t, e.errno)
)")});
    QVERIFY(python.waitForFinished(20000));
    const QStringList lines = QString::fromLatin1(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 15);
    Workbench wb;
    for (const QString &line : lines) {
        const QStringList f = line.split(QLatin1Char(' '));
        const int family = f[0].toInt(), type = f[1].toInt(), expected = f[2].toInt();
        const auto created = wb.createSocket(family, type);
        const CallRecord r = finished(wb, created.call);
        QVERIFY2(r.finished(), qPrintable(line));
        if (expected == 0) {
            QVERIFY2(r.outcome.status == CallStatus::Done, qPrintable(line + QLatin1String(": ") + r.outcome.result));
            QVERIFY(r.outcome.result.startsWith(QStringLiteral("<socket.socket fd=")));
            finished(wb, wb.close(created.socketId));
        } else {
            QCOMPARE(r.outcome.status, CallStatus::Failed);
            QCOMPARE(r.outcome.error, expected);
            QCOMPARE(wb.sockets().info(created.socketId).state, SocketState::Error);
        }
    }
}

void tst_Workbench::rdmIsRefusedWithTheKernelsErrno()
{
    Workbench wb;
    const auto created = wb.createSocket(AF_INET, SOCK_RDM);
    const CallRecord r = finished(wb, created.call);
    QCOMPARE(r.call, QStringLiteral("sk1 = socket.socket(socket.AF_INET, socket.SOCK_RDM)"));
    QCOMPARE(r.outcome.error, ESOCKTNOSUPPORT);
    QCOMPARE(r.outcome.errorName, QStringLiteral("ESOCKTNOSUPPORT"));
    QCOMPARE(r.outcome.result, QStringLiteral("OSError: [Errno 94] Socket type not supported"));
    // Later calls on it fail the way calls on a closed socket do.
    QCOMPARE(finished(wb, wb.fileno(created.socketId)).outcome.result, QStringLiteral("-1"));
}

void tst_Workbench::streamRoundTrip_data()
{
    QTest::addColumn<int>("family");
    QTest::newRow("AF_INET") << int(AF_INET);
    QTest::newRow("AF_INET6") << int(AF_INET6);
    QTest::newRow("AF_UNIX") << int(AF_UNIX);
}

void tst_Workbench::streamRoundTrip()
{
    QFETCH(int, family);
    const int fdsBefore = openFdCount();
    {
        Workbench wb;
        const Listener l = listener(wb, family, m_dir);
        QVERIFY(l.address.isValid());
        QCOMPARE(wb.sockets().info(l.id).state, SocketState::Listening);

        const int client = wb.createSocket(family, SOCK_STREAM).socketId;
        const CallId connectCall = wb.connect(client, l.address);
        const CallRecord accepted = finished(wb, wb.accept(l.id));
        QVERIFY(succeeded(accepted));
        QVERIFY(succeeded(finished(wb, connectCall)));
        const int server = accepted.outcome.socketId;
        QVERIFY(server > 0);
        QCOMPARE(accepted.call, QStringLiteral("sk%1, addr = sk%2.accept()").arg(server).arg(l.id));
        QVERIFY2(accepted.outcome.result.startsWith(QStringLiteral("(<socket.socket fd=")), qPrintable(accepted.outcome.result));
        QVERIFY(accepted.outcome.result.endsWith(accepted.outcome.address.toPython() + QLatin1Char(')')));

        const CallRecord sent = finished(wb, wb.send(client, "hello"));
        QCOMPARE(sent.call, QStringLiteral("sk%1.send(b'hello')").arg(client));
        QCOMPARE(sent.outcome.result, QStringLiteral("5"));
        const CallRecord got = finished(wb, wb.recv(server, 100));
        QCOMPARE(got.call, QStringLiteral("sk%1.recv(100)").arg(server));
        QCOMPARE(got.outcome.result, QStringLiteral("b'hello'"));
        QCOMPARE(got.outcome.data, QByteArray("hello"));

        // The accepted end's peer is the client's own name, and the other way round.
        const CallRecord clientName = finished(wb, wb.sockName(client));
        const CallRecord serverPeer = finished(wb, wb.peerName(server));
        QCOMPARE(serverPeer.outcome.address, clientName.outcome.address);
        QCOMPARE(finished(wb, wb.peerName(client)).outcome.address, l.address);

        // One Out record on the client and one In record on the accepted socket, same bytes.
        QTRY_COMPARE_WITH_TIMEOUT(wb.traffic().count(), 2, 2000);
        const TrafficRecord out = wb.traffic().at(0);
        const TrafficRecord in = wb.traffic().at(1);
        QCOMPARE(out.socketId, client);
        QCOMPARE(out.direction, Direction::Out);
        QCOMPARE(in.socketId, server);
        QCOMPARE(in.direction, Direction::In);
        QCOMPARE(wb.traffic().payload(in), QByteArrayView("hello"));
        QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(server).bytesIn, quint64(5), 2000);
        QCOMPARE(wb.sockets().info(server).parentId, l.id);

        for (int id : {client, server, l.id})
            QVERIFY(succeeded(finished(wb, wb.close(id))));
        QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(client).state, SocketState::Closed, 2000);
        QVERIFY(wb.sockets().info(client).pythonRepr().startsWith(QStringLiteral("<socket.socket [closed] fd=-1")));
    }
    QCOMPARE(openFdCount(), fdsBefore);
}

void tst_Workbench::datagramRoundTrip_data()
{
    QTest::addColumn<int>("family");
    QTest::newRow("AF_INET") << int(AF_INET);
    QTest::newRow("AF_INET6") << int(AF_INET6);
    QTest::newRow("AF_UNIX") << int(AF_UNIX);
}

void tst_Workbench::datagramRoundTrip()
{
    QFETCH(int, family);
    Workbench wb;
    const int a = wb.createSocket(family, SOCK_DGRAM).socketId;
    const int b = wb.createSocket(family, SOCK_DGRAM).socketId;
    wb.bind(a, loopback(family, m_dir, QStringLiteral("a")));
    wb.bind(b, loopback(family, m_dir, QStringLiteral("b")));
    const SocketAddress aName = finished(wb, wb.sockName(a)).outcome.address;
    const SocketAddress bName = finished(wb, wb.sockName(b)).outcome.address;

    const CallRecord sent = finished(wb, wb.sendTo(a, "ping", bName));
    QCOMPARE(sent.call, QStringLiteral("sk%1.sendto(b'ping', %2)").arg(a).arg(bName.toPython()));
    QCOMPARE(sent.outcome.count, 4);
    const CallRecord got = finished(wb, wb.recvFrom(b, 1024));
    QVERIFY(succeeded(got));
    QCOMPARE(got.outcome.data, QByteArray("ping"));
    QCOMPARE(got.outcome.address, aName);
    QCOMPARE(got.outcome.result, QStringLiteral("(b'ping', %1)").arg(aName.toPython()));

    // The received record carries the sender as its peer, so a reply can go to exactly it.
    QTRY_COMPARE_WITH_TIMEOUT(wb.traffic().count(), 2, 2000);
    const TrafficRecord in = wb.traffic().at(1);
    QCOMPARE(wb.traffic().peer(in.peerId), aName);
    QVERIFY(succeeded(finished(wb, wb.sendTo(b, "pong", wb.traffic().peer(in.peerId)))));
    QCOMPARE(finished(wb, wb.recvFrom(a, 1024)).outcome.data, QByteArray("pong"));
}

void tst_Workbench::socketPair()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    const CallRecord r = finished(wb, pair.call);
    QCOMPARE(r.call, QStringLiteral("sk1, sk2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)"));
    QVERIFY(QRegularExpression(QStringLiteral(R"(^\(<socket.socket fd=\d+, family=1, type=1, proto=0>, <socket.socket fd=\d+, family=1, type=1, proto=0>\)$)"))
                .match(r.outcome.result).hasMatch());
    finished(wb, wb.sendAll(pair.first, "abc"));
    QCOMPARE(finished(wb, wb.recvFrom(pair.second, 10)).outcome.result, QStringLiteral("(b'abc', None)"));
}

// socket.dup(): a second socket on a duplicate descriptor, journaled as Python writes it; the
// two close independently.
void tst_Workbench::dupMakesASecondSocket()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    const CallRecord made = finished(wb, wb.dup(pair.first));
    QVERIFY(succeeded(made));
    const int copy = made.outcome.socketId;
    QCOMPARE(made.call, QStringLiteral("sk%1 = sk%2.dup()").arg(copy).arg(pair.first));
    QVERIFY(wb.sockets().info(copy).fd >= 0);
    QVERIFY(wb.sockets().info(copy).fd != wb.sockets().info(pair.first).fd);
    QCOMPARE(wb.sockets().info(copy).state, SocketState::Connected);
    QVERIFY(succeeded(finished(wb, wb.close(pair.first))));
    QVERIFY(succeeded(finished(wb, wb.sendAll(copy, "still open"))));
    QCOMPARE(finished(wb, wb.recv(pair.second, 100)).outcome.data, QByteArray("still open"));
    QCOMPARE(finished(wb, wb.dup(pair.first)).outcome.result, QStringLiteral("OSError: [Errno 9] Bad file descriptor"));
}

void tst_Workbench::partialSendIsVisible()
{
    Workbench wb;
    const Connection c = connection(wb, AF_INET, m_dir);
    const OptionSpec *sndbuf = findOption(u"SO_SNDBUF");
    const OptionSpec *rcvbuf = findOption(u"SO_RCVBUF");
    wb.setOption(c.client, *sndbuf, encodeOption(*sndbuf, u"4096").value());
    wb.setOption(c.accepted, *rcvbuf, encodeOption(*rcvbuf, u"4096").value());
    finished(wb, wb.setBlocking(c.client, false));
    const QByteArray payload(100000, 'x');
    const CallRecord first = finished(wb, wb.send(c.client, payload));
    QVERIFY(succeeded(first));
    QVERIFY2(first.outcome.count > 0 && first.outcome.count < payload.size(), qPrintable(first.outcome.result));
    QVERIFY(first.outcome.note.contains(QStringLiteral("partial send")));
    QCOMPARE(first.call, QStringLiteral("sk%1.send(b'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'…<100000 bytes>)").arg(c.client));
    // Keep sending until the kernel says EAGAIN: bounded, the buffers hold far less than this.
    CallRecord r;
    for (int i = 0; i < 200; ++i) {
        r = finished(wb, wb.send(c.client, payload));
        if (r.outcome.status == CallStatus::Failed)
            break;
    }
    QCOMPARE(r.outcome.error, EAGAIN);
    QCOMPARE(r.outcome.result, QStringLiteral("BlockingIOError: [Errno 11] Resource temporarily unavailable"));
}

void tst_Workbench::sendAllReportsItsCalls()
{
    Workbench wb;
    const Connection c = connection(wb, AF_INET, m_dir);
    wb.setWatch(c.accepted, true);
    const QByteArray payload(4 << 20, 'y');
    const CallRecord r = finished(wb, wb.sendAll(c.client, payload), 20000);
    QVERIFY(succeeded(r));
    QCOMPARE(r.outcome.result, QStringLiteral("None"));
    QCOMPARE(r.outcome.count, payload.size());
    QVERIFY2(r.outcome.note.contains(QStringLiteral("send() call")), qPrintable(r.outcome.note));
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(c.accepted).bytesIn, quint64(payload.size()), 10000);
    QCOMPARE(wb.traffic().bytes(Direction::Out), quint64(payload.size()));
}

void tst_Workbench::messageBoundaries_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("kept");
    QTest::newRow("UDP") << int(AF_INET) << int(SOCK_DGRAM) << true;
    QTest::newRow("UNIX dgram") << int(AF_UNIX) << int(SOCK_DGRAM) << true;
    QTest::newRow("UNIX seqpacket") << int(AF_UNIX) << int(SOCK_SEQPACKET) << true;
    QTest::newRow("UNIX stream") << int(AF_UNIX) << int(SOCK_STREAM) << false;
    QTest::newRow("TCP") << int(AF_INET) << int(SOCK_STREAM) << false;
}

void tst_Workbench::messageBoundaries()
{
    QFETCH(int, family);
    QFETCH(int, type);
    QFETCH(bool, kept);
    Workbench wb;
    int sender, receiver;
    if (family == AF_UNIX) {
        const auto pair = wb.socketPair(family, type);
        sender = pair.first;
        receiver = pair.second;
    } else if (type == SOCK_DGRAM) {
        sender = wb.createSocket(family, type).socketId;
        receiver = wb.createSocket(family, type).socketId;
        wb.bind(receiver, loopback(family, m_dir));
        wb.connect(sender, finished(wb, wb.sockName(receiver)).outcome.address);
    } else {
        const Connection c = connection(wb, family, m_dir);
        sender = c.client;
        receiver = c.accepted;
    }
    // Sent before watching: the three messages are all queued when the receiver reads.
    for (const char *m : {"one", "two", "three"})
        QVERIFY(succeeded(finished(wb, wb.send(sender, m))));
    wb.setWatch(receiver, true);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(receiver).bytesIn, quint64(11), 3000);
    QByteArrayList received;
    for (qsizetype i = 0; i < wb.traffic().count(); ++i) {
        const TrafficRecord rec = wb.traffic().at(i);
        if (rec.socketId == receiver && rec.direction == Direction::In)
            received += wb.traffic().payload(rec).toByteArray();
    }
    if (kept)
        QCOMPARE(received, QByteArrayList({"one", "two", "three"}));
    else
        QCOMPARE(received.join(), QByteArray("onetwothree"));
}

void tst_Workbench::halfClose()
{
    Workbench wb;
    const Connection c = connection(wb, AF_INET, m_dir);
    const CallRecord shut = finished(wb, wb.shutdown(c.client, SHUT_WR));
    QCOMPARE(shut.call, QStringLiteral("sk%1.shutdown(socket.SHUT_WR)").arg(c.client));
    QVERIFY(succeeded(shut));
    const CallRecord eof = finished(wb, wb.recv(c.accepted, 100));
    QCOMPARE(eof.outcome.result, QStringLiteral("b''"));
    QVERIFY(eof.outcome.note.contains(QStringLiteral("EOF")));
    // The peer can still send, and the half-closed side can still read.
    QVERIFY(succeeded(finished(wb, wb.send(c.accepted, "still here"))));
    QCOMPARE(finished(wb, wb.recv(c.client, 100)).outcome.data, QByteArray("still here"));
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(c.client).state, SocketState::HalfClosedWrite, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(c.accepted).state, SocketState::HalfClosedRead, 2000);
    // Sending on the shut side fails with EPIPE and the process lives on.
    const CallRecord pipe = finished(wb, wb.send(c.client, "x"));
    QCOMPARE(pipe.outcome.error, EPIPE);
    QCOMPARE(pipe.outcome.result, QStringLiteral("BrokenPipeError: [Errno 32] Broken pipe"));
}

void tst_Workbench::optionsRoundTrip()
{
    Workbench wb;
    const int s = wb.createSocket(AF_INET6, SOCK_STREAM).socketId;
    const OptionSpec &reuse = *findOption(u"SO_REUSEADDR");
    const CallRecord set = finished(wb, wb.setOption(s, reuse, encodeOption(reuse, u"on").value()));
    QCOMPARE(set.call, QStringLiteral("sk1.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"));
    QVERIFY(succeeded(set));
    const CallRecord get = finished(wb, wb.getOption(s, reuse));
    QCOMPARE(get.call, QStringLiteral("sk1.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)"));
    QCOMPARE(get.outcome.result, QStringLiteral("1"));

    const OptionSpec &type = *findOption(u"SO_TYPE");
    QCOMPARE(finished(wb, wb.getOption(s, type)).outcome.count, SOCK_STREAM);

    const OptionSpec &linger = *findOption(u"SO_LINGER");
    QVERIFY(succeeded(finished(wb, wb.setOption(s, linger, encodeOption(linger, u"1,5").value()))));
    const CallRecord l = finished(wb, wb.getOption(s, linger));
    QCOMPARE(l.call, QStringLiteral("sk1.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)"));
    QCOMPARE(l.outcome.result, QStringLiteral("b'\\x01\\x00\\x00\\x00\\x05\\x00\\x00\\x00'"));
    QCOMPARE(l.outcome.note, QStringLiteral("on, 5 s"));

    const OptionSpec &v6only = *findOption(u"IPV6_V6ONLY");
    QVERIFY(succeeded(finished(wb, wb.setOption(s, v6only, encodeOption(v6only, u"1").value()))));
    QCOMPARE(finished(wb, wb.getOption(s, v6only)).outcome.count, 1);

    const OptionSpec &nodelay = *findOption(u"TCP_NODELAY");
    QVERIFY(succeeded(finished(wb, wb.setOption(s, nodelay, encodeOption(nodelay, u"1").value()))));
    QCOMPARE(finished(wb, wb.getOption(s, nodelay)).outcome.count, 1);

    // An option of the wrong level for the socket gets the kernel's errno, not a crash.
    const OptionSpec &ttl = *findOption(u"IP_MULTICAST_TTL");
    const int udp = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    QVERIFY(succeeded(finished(wb, wb.setOption(udp, ttl, encodeOption(ttl, u"4").value()))));
    QCOMPARE(finished(wb, wb.getOption(udp, ttl)).outcome.count, 4);
}

void tst_Workbench::liveInfo()
{
    Workbench wb;
    const Connection c = connection(wb, AF_INET, m_dir);
    finished(wb, wb.sendAll(c.client, QByteArray(1000, 'z')));
    wb.refreshLive(c.accepted);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(c.accepted).rxQueue, 1000, 3000);
    QCOMPARE(wb.sockets().info(c.accepted).tcpState, TcpState::Established);
    QCOMPARE(tcpStateName(TcpState::Established), QStringLiteral("ESTABLISHED"));
    // Option values are read too, without journal entries: inspection is not a call.
    const qsizetype journalBefore = wb.journal().count();
    wb.refreshLive(c.client);
    auto reading = [&](const char *name) {
        const OptionReading *read = wb.sockets().info(c.client).optionValues.find(QString::fromLatin1(name));
        return read ? read->text() : QStringLiteral("(not read)");
    };
    QTRY_COMPARE_WITH_TIMEOUT(reading("SO_TYPE"), QStringLiteral("1"), 3000);
    QCOMPARE(reading("TCP_NODELAY"), QStringLiteral("0"));
    QCOMPARE(reading("IPV6_V6ONLY"), QStringLiteral("EOPNOTSUPP")); // the kernel's own answer
    // Typed: an error is its errno, not a text that starts with E.
    const OptionReading *v6only = wb.sockets().info(c.client).optionValues.find(u"IPV6_V6ONLY");
    QVERIFY(v6only && !v6only->ok());
    QCOMPARE(v6only->error, EOPNOTSUPP);
    QCOMPARE(wb.journal().count(), journalBefore);
}

void tst_Workbench::filenoAndClose()
{
    Workbench wb;
    const auto created = wb.createSocket(AF_INET, SOCK_DGRAM);
    const CallRecord r = finished(wb, wb.fileno(created.socketId));
    QVERIFY(r.outcome.count >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(created.socketId).fd, int(r.outcome.count), 2000);
    QVERIFY(::fcntl(int(r.outcome.count), F_GETFD) >= 0);
    finished(wb, wb.close(created.socketId));
    QCOMPARE(finished(wb, wb.fileno(created.socketId)).outcome.result, QStringLiteral("-1"));
    const CallRecord after = finished(wb, wb.send(created.socketId, "x"));
    QCOMPARE(after.outcome.result, QStringLiteral("OSError: [Errno 9] Bad file descriptor"));
    QVERIFY(succeeded(finished(wb, wb.close(created.socketId)))); // closing twice is allowed, as in Python
}

void tst_Workbench::recvFlags()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    finished(wb, wb.sendAll(pair.first, "peekaboo"));
    const CallRecord peek = finished(wb, wb.recv(pair.second, 4, MSG_PEEK));
    QCOMPARE(peek.call, QStringLiteral("sk2.recv(4, socket.MSG_PEEK)"));
    QCOMPARE(peek.outcome.data, QByteArray("peek"));
    QCOMPARE(finished(wb, wb.recv(pair.second, 100)).outcome.data, QByteArray("peekaboo"));

    // MSG_WAITALL in blocking mode gathers until bufsize bytes have come.
    const CallId waitAll = wb.recv(pair.second, 6, MSG_WAITALL);
    finished(wb, wb.sendAll(pair.first, "abc"));
    QVERIFY(!wb.journal().wait(waitAll, 100));
    finished(wb, wb.sendAll(pair.first, "defgh"));
    QCOMPARE(finished(wb, waitAll).outcome.data, QByteArray("abcdef"));
    QCOMPARE(finished(wb, wb.recv(pair.second, 100)).outcome.data, QByteArray("gh"));
}

void tst_Workbench::connectEx()
{
    Workbench wb;
    // A bound but not listening socket: its port refuses connections.
    const int closedPort = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    wb.bind(closedPort, loopback(AF_INET, m_dir));
    const SocketAddress refused = finished(wb, wb.sockName(closedPort)).outcome.address;
    const int c = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    const CallRecord r = finished(wb, wb.connectEx(c, refused));
    QCOMPARE(r.call, QStringLiteral("sk%1.connect_ex(%2)").arg(c).arg(refused.toPython()));
    QCOMPARE(r.outcome.status, CallStatus::Done);
    QCOMPARE(r.outcome.result, QStringLiteral("111"));
    QCOMPARE(r.outcome.errorName, QStringLiteral("ECONNREFUSED"));

    const Listener l = listener(wb, AF_INET, m_dir);
    const int ok = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    QCOMPARE(finished(wb, wb.connectEx(ok, l.address)).outcome.result, QStringLiteral("0"));
    const int nb = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    wb.setBlocking(nb, false);
    QCOMPARE(finished(wb, wb.connectEx(nb, l.address)).outcome.result, QStringLiteral("115"));
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(nb).state, SocketState::Connected, 3000);
}

void tst_Workbench::pythonValueErrors()
{
    Workbench wb;
    const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    QCOMPARE(finished(wb, wb.recv(s, -1)).outcome.result, QStringLiteral("ValueError: negative buffersize in recv"));
    QCOMPARE(finished(wb, wb.setTimeout(s, -1.0)).outcome.result, QStringLiteral("ValueError: Timeout value out of range"));
    QCOMPARE(finished(wb, wb.listen(s)).call, QStringLiteral("sk1.listen()"));
}

QTEST_GUILESS_MAIN(tst_Workbench)
#include "tst_workbench.moc"
