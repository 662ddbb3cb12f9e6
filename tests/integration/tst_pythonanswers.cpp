// The engine against python3 where a sequence of calls used to give answers Python never gives:
// each test runs the same calls under python3 (its real socket module, on loopback) and through
// the Workbench, and compares the results line by line as Python prints them.
#include "core/text/payload.h"
#include "tests/core/testsupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <time.h>

using namespace core;
using namespace testsupport;

namespace {

// Runs a python3 script and returns its stdout lines (arguments after the script).
QStringList python(const QString &script, const QStringList &args = {})
{
    QProcess p;
    p.start(QStringLiteral("python3"), QStringList{QStringLiteral("-c"), script} + args);
    if (!p.waitForFinished(20000) || p.exitCode() != 0)
        qWarning("python3 failed: %s", p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The prelude every script shares: r(f) prints f()'s repr or the exception as Python shows it.
const QString kPrelude = QStringLiteral(
    "import socket, sys, os\n"
    "def r(f):\n"
    "    try: print(repr(f()))\n"
    "    except Exception as e: print(type(e).__name__ + ': ' + str(e))\n");

// How python's r() would print a finished call of ours.
QString shown(const CallRecord &record)
{
    return record.outcome.result;
}

qint64 processCpuNs()
{
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// CPU the whole process used over ms of waiting in the event loop.
double cpuPercentOver(int ms)
{
    const qint64 before = processCpuNs();
    QTest::qWait(ms);
    return double(processCpuNs() - before) / (ms * 1e6) * 100.0;
}

quint16 closedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&in), sizeof in);
    socklen_t length = sizeof in;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&in), &length);
    ::close(fd);
    return ntohs(in.sin_port);
}

int countJournal(Workbench &wb, const QString &callPart, const QString &resultPart)
{
    int n = 0;
    for (qsizetype i = 0; i < wb.journal().count(); ++i) {
        const CallRecord r = wb.journal().at(i);
        n += r.call.contains(callPart) && r.outcome.result.contains(resultPart);
    }
    return n;
}

} // namespace

class tst_PythonAnswers : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void refusedConnectRetried_data();
    void refusedConnectRetried();
    void unixFullBacklog_data();
    void unixFullBacklog();
    void unixFullBacklogBlockingWaits();
    void recvZero();
    void timeouts();
    void hugeTimeoutWaits();
    void negativeBacklog();
    void connectExAfterClose();
    void msgTruncOnStream();
    void watchedListenerShutdown_data();
    void watchedListenerShutdown();
    void datagramReadSideShut();
    void peekIsNotCountedTwice();
    void cancelAnswersFalseWhenFinished();
    void threadsThatCannotStartAreReported();
};

void tst_PythonAnswers::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_PythonAnswers::refusedConnectRetried_data()
{
    QTest::addColumn<double>("timeout"); // < 0: blocking
    QTest::newRow("blocking") << -1.0;
    QTest::newRow("timeout 2") << 2.0;
}

// python3: blocking, every retry is refused; with a timeout, ECONNABORTED and ECONNREFUSED alternate.
void tst_PythonAnswers::refusedConnectRetried()
{
    QFETCH(double, timeout);
    const quint16 port = closedPort();
    const QStringList expected = python(kPrelude + QStringLiteral(
        "c = socket.socket(); c.settimeout(None if float(sys.argv[2]) < 0 else float(sys.argv[2]))\n"
        "for i in range(4): r(lambda: c.connect(('127.0.0.1', int(sys.argv[1]))))\n"),
        {QString::number(port), QString::number(timeout)});
    QCOMPARE(expected.size(), 4);
    Workbench wb;
    const int c = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    if (timeout > 0)
        wb.setTimeout(c, timeout);
    QStringList ours;
    for (int i = 0; i < 4; ++i)
        ours << shown(finished(wb, wb.connect(c, address(QStringLiteral("127.0.0.1:%1").arg(port), AF_INET))));
    QCOMPARE(ours, expected);
}

void tst_PythonAnswers::unixFullBacklog_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("stream") << int(SOCK_STREAM);
    QTest::newRow("seqpacket") << int(SOCK_SEQPACKET);
}

// listen(0) takes one client; then a client with a timeout gets BlockingIOError at once and a
// non-blocking connect_ex returns 11, where the engine used to report success.
void tst_PythonAnswers::unixFullBacklog()
{
    QFETCH(int, type);
    QTemporaryDir dir;
    const QStringList expected = python(kPrelude + QStringLiteral(
        "t = int(sys.argv[2]); l = socket.socket(socket.AF_UNIX, t); l.bind(sys.argv[1]); l.listen(0)\n"
        "cs = [socket.socket(socket.AF_UNIX, t) for i in range(3)]\n"
        "for c in cs: c.settimeout(2)\n"
        "r(lambda: cs[0].connect(sys.argv[1])); r(lambda: cs[1].connect(sys.argv[1]))\n"
        "cs[2].setblocking(False); r(lambda: cs[2].connect_ex(sys.argv[1])); r(lambda: cs[2].getpeername())\n"),
        {dir.filePath(QStringLiteral("py.sock")), QString::number(type)});
    QCOMPARE(expected.size(), 4);

    Workbench wb;
    const SocketAddress path = address(dir.filePath(QStringLiteral("wb.sock")), AF_UNIX);
    const int l = wb.createSocket(AF_UNIX, type).socketId;
    wb.bind(l, path);
    QVERIFY(succeeded(finished(wb, wb.listen(l, 0))));
    int cs[3];
    for (int &c : cs) {
        c = wb.createSocket(AF_UNIX, type).socketId;
        wb.setTimeout(c, 2.0);
    }
    QStringList ours;
    ours << shown(finished(wb, wb.connect(cs[0], path))) << shown(finished(wb, wb.connect(cs[1], path)));
    wb.setBlocking(cs[2], false);
    ours << shown(finished(wb, wb.connectEx(cs[2], path))) << shown(finished(wb, wb.peerName(cs[2])));
    QCOMPARE(ours, expected);
    QVERIFY(wb.sockets().info(cs[1]).state != SocketState::Connected);
    QVERIFY(!wb.sockets().info(cs[2]).peer.isValid());
}

// Blocking, the kernel would wait until the listener accepts: so does the engine (retrying
// with a pause, no busy loop), and the wait can be cancelled.
void tst_PythonAnswers::unixFullBacklogBlockingWaits()
{
    QTemporaryDir dir;
    Workbench wb;
    const SocketAddress path = address(dir.filePath(QStringLiteral("full.sock")), AF_UNIX);
    const int l = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
    wb.bind(l, path);
    QVERIFY(succeeded(finished(wb, wb.listen(l, 0))));
    const int first = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
    QVERIFY(succeeded(finished(wb, wb.connect(first, path))));
    const int waiting = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
    const CallId connect = wb.connect(waiting, path);
    const int cancelled = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
    const CallId abandoned = wb.connect(cancelled, path);
    QVERIFY(cpuPercentOver(500) < 10.0);
    QVERIFY(wb.journal().isPending(connect));
    QVERIFY(wb.journal().isPending(abandoned));
    QVERIFY(wb.cancel(abandoned));
    QCOMPARE(finished(wb, abandoned).outcome.status, CallStatus::Cancelled);
    QVERIFY(succeeded(finished(wb, wb.accept(l)))); // room in the backlog: the waiting client gets in
    const CallRecord done = finished(wb, connect, 3000);
    QVERIFY(succeeded(done));
    QVERIFY2(done.outcome.note.contains(QStringLiteral("backlog was full")), qPrintable(done.outcome.note));
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(waiting).state, SocketState::Connected, 3000);
}

// recv(0) returns b'' at once whatever the socket (connected and empty, unconnected, UDP with a
// datagram queued, closed), and the datagram is still there; recvfrom(0) does consume it.
void tst_PythonAnswers::recvZero()
{
    const QStringList expected = python(kPrelude + QStringLiteral(
        "a, b = socket.socketpair(); r(lambda: a.recv(0))\n"
        "t = socket.socket(); r(lambda: t.recv(0))\n"
        "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0)); u.sendto(b'hi', u.getsockname())\n"
        "r(lambda: u.recv(0)); r(lambda: u.recv(10))\n"
        "u.sendto(b'gone', u.getsockname()); r(lambda: len(u.recvfrom(0)[0])); u.setblocking(False); r(lambda: u.recv(10))\n"
        "t.close(); r(lambda: t.recv(0))\n"));
    QCOMPARE(expected.size(), 7);
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    finished(wb, pair.call);
    QStringList ours;
    ours << shown(finished(wb, wb.recv(pair.first, 0), 1000));
    const int t = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    ours << shown(finished(wb, wb.recv(t, 0), 1000));
    const int u = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(u, address(QStringLiteral("127.0.0.1:0"), AF_INET));
    const SocketAddress self = finished(wb, wb.sockName(u)).outcome.address;
    finished(wb, wb.sendTo(u, "hi", self));
    ours << shown(finished(wb, wb.recv(u, 0), 1000)) << shown(finished(wb, wb.recv(u, 10)));
    finished(wb, wb.sendTo(u, "gone", self));
    ours << QString::number(finished(wb, wb.recvFrom(u, 0)).outcome.data.size());
    wb.setBlocking(u, false);
    ours << shown(finished(wb, wb.recv(u, 10)));
    finished(wb, wb.close(t));
    ours << shown(finished(wb, wb.recv(t, 0), 1000));
    QCOMPARE(ours, expected);
}

// settimeout as CPython checks it, and gettimeout's whole nanoseconds.
void tst_PythonAnswers::timeouts()
{
    const QList<double> values{qInf(), 1e10, 9223372036.0, 9223372037.0, qQNaN(), 1e-12, 1.5e-9, -1.0, -1e-12, -0.0, 2.5};
    QString list;
    for (double v : values)
        list += pythonFloatArgument(v) + QLatin1Char(',');
    const QStringList expected = python(kPrelude + QStringLiteral(
        "s = socket.socket()\n"
        "for v in [%1]:\n"
        "    s.settimeout(None); r(lambda: s.settimeout(v)); r(lambda: s.gettimeout())\n").arg(list));
    QCOMPARE(expected.size(), 2 * values.size());
    Workbench wb;
    const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    QStringList ours;
    for (double v : values) {
        wb.setTimeout(s, std::nullopt);
        ours << shown(finished(wb, wb.setTimeout(s, v))) << shown(finished(wb, wb.getTimeout(s)));
    }
    QCOMPARE(ours, expected);
    // The journal writes what a script would: float('inf'), never inf.0.
    QCOMPARE(countJournal(wb, QStringLiteral("settimeout(float('inf'))"), QStringLiteral("OverflowError")), 1);
    QCOMPARE(countJournal(wb, QStringLiteral("inf.0"), QString()), 0);
}

// The largest timeout CPython takes (~292 years) must not overflow the deadline into the past.
void tst_PythonAnswers::hugeTimeoutWaits()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    finished(wb, pair.call);
    QVERIFY(succeeded(finished(wb, wb.setTimeout(pair.first, 9223372036.0))));
    const CallId recv = wb.recv(pair.first, 10);
    QTest::qWait(300);
    QVERIFY(wb.journal().isPending(recv));
    finished(wb, wb.sendAll(pair.second, "late"));
    QCOMPARE(finished(wb, recv).outcome.result, QStringLiteral("b'late'"));
}

// listen(-1): CPython raises the backlog to 0; the kernel would read -1 as its maximum.
// TCP_INFO's tcpi_sacked holds a listener's backlog.
void tst_PythonAnswers::negativeBacklog()
{
    const QStringList expected = python(QStringLiteral(
        "import socket, struct\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(-1)\n"
        "print(struct.unpack_from('I', s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104), 28)[0])\n"));
    QCOMPARE(expected, QStringList{QStringLiteral("0")});
    Workbench wb;
    const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    wb.bind(s, address(QStringLiteral("127.0.0.1:0"), AF_INET));
    const CallRecord listened = finished(wb, wb.listen(s, -1));
    QVERIFY(succeeded(listened));
    QCOMPARE(listened.call, QStringLiteral("sk1.listen(-1)"));
    tcp_info info{};
    socklen_t length = sizeof info;
    QCOMPARE(::getsockopt(wb.sockets().info(s).fd, IPPROTO_TCP, TCP_INFO, &info, &length), 0);
    QCOMPARE(QString::number(info.tcpi_sacked), expected.first());
}

void tst_PythonAnswers::connectExAfterClose()
{
    const QStringList expected = python(kPrelude + QStringLiteral(
        "s = socket.socket(); s.close(); r(lambda: s.connect_ex(('127.0.0.1', 1))); r(lambda: s.connect(('127.0.0.1', 1)))\n"));
    Workbench wb;
    const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    finished(wb, wb.close(s));
    const SocketAddress to = address(QStringLiteral("127.0.0.1:1"), AF_INET);
    QCOMPARE((QStringList{shown(finished(wb, wb.connectEx(s, to))), shown(finished(wb, wb.connect(s, to)))}), expected);
}

// MSG_TRUNC on a stream discards the bytes in the kernel: nothing of them reached our buffer,
// so the traffic log must not show whatever the buffer held.
void tst_PythonAnswers::msgTruncOnStream()
{
    QTemporaryDir dir;
    Workbench wb;
    const Connection c = connection(wb, AF_INET, dir);
    finished(wb, wb.sendAll(c.client, "hello"));
    QTRY_VERIFY_WITH_TIMEOUT((wb.refreshLive(c.accepted), wb.sockets().info(c.accepted).rxQueue == 5), 3000);
    const qsizetype before = wb.traffic().count();
    const CallRecord r = finished(wb, wb.recv(c.accepted, 10, MSG_TRUNC));
    QVERIFY(succeeded(r));
    QCOMPARE(r.outcome.count, 5);
    QCOMPARE(r.outcome.data, QByteArray(5, '\0'));
    QVERIFY(r.outcome.note.contains(QStringLiteral("discarded 5 bytes")));
    QCOMPARE(wb.traffic().count(), before + 1);
    const TrafficRecord record = wb.traffic().at(before);
    QCOMPARE(record.length, 0u);
    QCOMPARE(record.wireLength, 5u);
    QVERIFY(record.flags & TrafficFlag::Truncated);
}

void tst_PythonAnswers::watchedListenerShutdown_data()
{
    QTest::addColumn<int>("how");
    QTest::newRow("SHUT_RD") << int(SHUT_RD);
    QTest::newRow("SHUT_RDWR") << int(SHUT_RDWR);
}

// A watched listener shut down for reading stops listening: the failing accept is reported once,
// as accept() raises it, watch mode ends and the process is idle (it used to spin a core).
void tst_PythonAnswers::watchedListenerShutdown()
{
    QFETCH(int, how);
    const QStringList expected = python(kPrelude + QStringLiteral(
        "l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen(); l.shutdown(int(sys.argv[1])); r(lambda: l.accept())\n"),
        {QString::number(how)});
    QTemporaryDir dir;
    Workbench wb;
    const Listener l = listener(wb, AF_INET, dir);
    wb.setWatch(l.id, true);
    QVERIFY(succeeded(finished(wb, wb.shutdown(l.id, how))));
    QTRY_COMPARE_WITH_TIMEOUT(countJournal(wb, QStringLiteral("sk1.accept()"), expected.value(0)), 1, 3000);
    QVERIFY(cpuPercentOver(500) < 10.0);
    QCOMPARE(countJournal(wb, QStringLiteral("sk1.accept()"), QString()), 1);
    for (qsizetype i = 0; i < wb.journal().count(); ++i) {
        const CallRecord r = wb.journal().at(i);
        if (r.call.contains(QStringLiteral("accept()")))
            QCOMPARE(r.value->origin, CallOrigin::Watch);
    }
    QCOMPARE(wb.sockets().info(l.id).state, SocketState::ShutDown);
    QCOMPARE(shown(finished(wb, wb.accept(l.id))), expected.value(0));
}

// A datagram socket shut down for reading is readable for ever with nothing to read: watch mode
// says so once and stops; a blocking recv returns b'' as the kernel's does; with a timeout it
// waits out the deadline quietly and raises TimeoutError, as python3 does.
void tst_PythonAnswers::datagramReadSideShut()
{
    const QStringList expected = python(kPrelude + QStringLiteral(
        "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0)); u.connect(u.getsockname())\n"
        "u.shutdown(socket.SHUT_RD); r(lambda: u.recv(10)); u.settimeout(0.3); r(lambda: u.recv(10))\n"
        "u.setblocking(False); r(lambda: u.recv(10))\n"));
    QCOMPARE(expected.size(), 3);
    Workbench wb;
    const int u = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(u, address(QStringLiteral("127.0.0.1:0"), AF_INET));
    wb.connect(u, finished(wb, wb.sockName(u)).outcome.address);
    wb.setWatch(u, true);
    QVERIFY(succeeded(finished(wb, wb.shutdown(u, SHUT_RD))));
    QTRY_VERIFY_WITH_TIMEOUT(wb.traffic().count() == 1 && (wb.traffic().at(0).flags & TrafficFlag::Eof), 3000);
    QVERIFY(cpuPercentOver(500) < 10.0);
    QCOMPARE(wb.traffic().count(), 1);
    wb.setWatch(u, false);
    QStringList ours;
    ours << shown(finished(wb, wb.recv(u, 10), 1000));
    wb.setTimeout(u, 0.3);
    const qint64 cpu = processCpuNs();
    ours << shown(finished(wb, wb.recv(u, 10), 2000));
    QVERIFY(processCpuNs() - cpu < 100'000'000); // python3 polls busily here; we wait
    wb.setBlocking(u, false);
    ours << shown(finished(wb, wb.recv(u, 10), 1000));
    QCOMPARE(ours, expected);
}

// MSG_PEEK leaves the bytes queued: the store's bytes-in counts them once, when read for real.
void tst_PythonAnswers::peekIsNotCountedTwice()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    finished(wb, pair.call);
    finished(wb, wb.sendAll(pair.second, "12345"));
    QCOMPARE(finished(wb, wb.recv(pair.first, 10, MSG_PEEK)).outcome.data, QByteArray("12345"));
    QCOMPARE(wb.traffic().bytes(Direction::In), 0u);
    QCOMPARE(finished(wb, wb.recv(pair.first, 10)).outcome.data, QByteArray("12345"));
    QCOMPARE(wb.traffic().bytes(Direction::In), 5u);
}

void tst_PythonAnswers::cancelAnswersFalseWhenFinished()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    const CallId done = wb.fileno(pair.first);
    finished(wb, done);
    QVERIFY(!wb.cancel(done));
    QVERIFY(!wb.cancel(987654));
    const CallId waiting = wb.recv(pair.first, 10);
    QVERIFY(wb.cancel(waiting));
    QCOMPARE(finished(wb, waiting).outcome.status, CallStatus::Cancelled);
}

// No descriptors left for epoll_create1/eventfd: the Workbench says why, every call fails with
// the errno, and destruction does not hang on a thread that never started.
void tst_PythonAnswers::threadsThatCannotStartAreReported()
{
    rlimit old;
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &old), 0);
    // The lowest free descriptor is the one the next open gets: below it, every one is taken.
    const int lowestFree = ::dup(0);
    ::close(lowestFree);
    rlimit tight = old;
    tight.rlim_cur = rlim_t(lowestFree);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &tight), 0);
    {
        Workbench wb(2);
        setrlimit(RLIMIT_NOFILE, &old);
        QCOMPARE(wb.ioThreadCount(), 0);
        QVERIFY2(wb.startupError().contains(QStringLiteral("EMFILE")), qPrintable(wb.startupError()));
        QVERIFY(wb.engineFaults() >= 2);
        const auto created = wb.createSocket(AF_INET, SOCK_STREAM);
        const CallRecord r = finished(wb, created.call, 1000);
        QCOMPARE(r.outcome.status, CallStatus::Failed);
        QCOMPARE(r.outcome.errorName, QStringLiteral("EMFILE"));
        QCOMPARE(finished(wb, wb.listen(created.socketId)).outcome.errorName, QStringLiteral("EBADF"));
    }
    setrlimit(RLIMIT_NOFILE, &old);
}

QTEST_GUILESS_MAIN(tst_PythonAnswers)
#include "tst_pythonanswers.moc"
