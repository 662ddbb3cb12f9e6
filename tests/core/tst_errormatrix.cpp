#include "core/net/errors.h"
#include "tests/core/testsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>

using namespace core;
using namespace testsupport;

// Each row triggers one error for real on loopback and checks the errno, the errno name and the
// exception line exactly as CPython prints it.
class tst_ErrorMatrix : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void initTestCase();
    void errors_data();
    void errors();
    void truncatedDatagram();
    void tcpPeerGoneGivesEpipeAndTheProcessLives();
    void emfileOnSocket();
    void emfileOnWatchedListener();

private:
    using Scenario = std::function<CallRecord(Workbench &, const QTemporaryDir &)>;
    QHash<QString, Scenario> m_scenarios;
};

namespace {

// A bound, not listening TCP socket's address: connecting there is refused.
SocketAddress refusingAddress(Workbench &wb, int family, const QTemporaryDir &dir)
{
    const int s = wb.createSocket(family, SOCK_STREAM).socketId;
    wb.bind(s, loopback(family, dir));
    return finished(wb, wb.sockName(s)).outcome.address;
}

} // namespace

void tst_ErrorMatrix::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_ErrorMatrix::initTestCase()
{
    m_scenarios.insert(QStringLiteral("refused-tcp"), [](Workbench &wb, const QTemporaryDir &dir) {
        const SocketAddress target = refusingAddress(wb, AF_INET, dir);
        const int c = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        return finished(wb, wb.connect(c, target));
    });
    m_scenarios.insert(QStringLiteral("refused-tcp6"), [](Workbench &wb, const QTemporaryDir &dir) {
        const SocketAddress target = refusingAddress(wb, AF_INET6, dir);
        const int c = wb.createSocket(AF_INET6, SOCK_STREAM).socketId;
        return finished(wb, wb.connect(c, target));
    });
    m_scenarios.insert(QStringLiteral("refused-udp"), [](Workbench &wb, const QTemporaryDir &dir) {
        // A connected UDP socket learns of the ICMP port unreachable on its next call.
        const int gone = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
        wb.bind(gone, loopback(AF_INET, dir));
        const SocketAddress target = finished(wb, wb.sockName(gone)).outcome.address;
        finished(wb, wb.close(gone));
        const int c = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
        wb.connect(c, target);
        finished(wb, wb.send(c, "anyone?"));
        wb.setTimeout(c, 2.0);
        return finished(wb, wb.recv(c, 100));
    });
    m_scenarios.insert(QStringLiteral("refused-unix-stale"), [](Workbench &wb, const QTemporaryDir &dir) {
        // A socket file left by another program (the workbench removes its own on close).
        const SocketAddress path = loopback(AF_UNIX, dir, QStringLiteral("stale"));
        const int other = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::bind(other, path.data(), path.length()) != 0 || ::listen(other, 1) != 0)
            qWarning("could not make the stale socket file");
        ::close(other); // the file stays behind, nobody listens on it
        const int c = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
        return finished(wb, wb.connect(c, path));
    });
    m_scenarios.insert(QStringLiteral("reset"), [](Workbench &wb, const QTemporaryDir &dir) {
        const Connection c = connection(wb, AF_INET, dir);
        const OptionSpec &linger = *findOption(u"SO_LINGER");
        wb.setOption(c.accepted, linger, encodeOption(linger, u"1,0").value());
        finished(wb, wb.close(c.accepted)); // linger 0: close sends RST
        return finished(wb, wb.recv(c.client, 100));
    });
    m_scenarios.insert(QStringLiteral("epipe-unix"), [](Workbench &wb, const QTemporaryDir &) {
        const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
        finished(wb, wb.close(pair.second));
        return finished(wb, wb.send(pair.first, "nobody"));
    });
    m_scenarios.insert(QStringLiteral("addrinuse"), [](Workbench &wb, const QTemporaryDir &dir) {
        const Listener l = listener(wb, AF_INET, dir);
        const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        return finished(wb, wb.bind(s, l.address));
    });
    m_scenarios.insert(QStringLiteral("addrinuse-unix"), [](Workbench &wb, const QTemporaryDir &dir) {
        const Listener l = listener(wb, AF_UNIX, dir);
        const int s = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
        return finished(wb, wb.bind(s, l.address));
    });
    m_scenarios.insert(QStringLiteral("noent"), [](Workbench &wb, const QTemporaryDir &dir) {
        const int c = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
        return finished(wb, wb.connect(c, loopback(AF_UNIX, dir, QStringLiteral("missing"))));
    });
    m_scenarios.insert(QStringLiteral("prototype"), [](Workbench &wb, const QTemporaryDir &dir) {
        const int d = wb.createSocket(AF_UNIX, SOCK_DGRAM).socketId;
        const SocketAddress path = loopback(AF_UNIX, dir, QStringLiteral("dgram"));
        finished(wb, wb.bind(d, path));
        const int c = wb.createSocket(AF_UNIX, SOCK_STREAM).socketId;
        return finished(wb, wb.connect(c, path));
    });
    m_scenarios.insert(QStringLiteral("msgsize"), [](Workbench &wb, const QTemporaryDir &dir) {
        const int r = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
        wb.bind(r, loopback(AF_INET, dir));
        const SocketAddress target = finished(wb, wb.sockName(r)).outcome.address;
        const int s = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
        return finished(wb, wb.sendTo(s, QByteArray(65508, 'm'), target));
    });
    m_scenarios.insert(QStringLiteral("again"), [](Workbench &wb, const QTemporaryDir &dir) {
        const Connection c = connection(wb, AF_INET, dir);
        wb.setBlocking(c.accepted, false);
        return finished(wb, wb.recv(c.accepted, 100));
    });
    m_scenarios.insert(QStringLiteral("inprogress"), [](Workbench &wb, const QTemporaryDir &dir) {
        const Listener l = listener(wb, AF_INET, dir);
        const int c = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        wb.setBlocking(c, false);
        return finished(wb, wb.connect(c, l.address));
    });
    m_scenarios.insert(QStringLiteral("timeout"), [](Workbench &wb, const QTemporaryDir &dir) {
        const Listener l = listener(wb, AF_INET, dir);
        wb.setTimeout(l.id, 0.1);
        return finished(wb, wb.accept(l.id));
    });
    m_scenarios.insert(QStringLiteral("addrnotavail"), [](Workbench &wb, const QTemporaryDir &) {
        // 192.0.2.1 (TEST-NET-1) is no address of this machine; bind() fails before any packet.
        const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        return finished(wb, wb.bind(s, address(QStringLiteral("192.0.2.1:0"), AF_INET)));
    });
    m_scenarios.insert(QStringLiteral("isconn"), [](Workbench &wb, const QTemporaryDir &dir) {
        const Connection c = connection(wb, AF_INET, dir);
        return finished(wb, wb.connect(c.client, c.server.address));
    });
    m_scenarios.insert(QStringLiteral("notconn"), [](Workbench &wb, const QTemporaryDir &) {
        const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        return finished(wb, wb.peerName(s));
    });
    m_scenarios.insert(QStringLiteral("notconn-shutdown"), [](Workbench &wb, const QTemporaryDir &) {
        const int s = wb.createSocket(AF_INET6, SOCK_STREAM).socketId;
        return finished(wb, wb.shutdown(s, SHUT_RDWR));
    });
    m_scenarios.insert(QStringLiteral("opnotsupp"), [](Workbench &wb, const QTemporaryDir &) {
        const int s = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
        return finished(wb, wb.listen(s, 5));
    });
    m_scenarios.insert(QStringLiteral("socktnosupport"), [](Workbench &wb, const QTemporaryDir &) {
        return finished(wb, wb.createSocket(AF_INET, SOCK_RDM).call);
    });
    m_scenarios.insert(QStringLiteral("accept-unbound"), [](Workbench &wb, const QTemporaryDir &) {
        const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        return finished(wb, wb.accept(s));
    });
    m_scenarios.insert(QStringLiteral("badf"), [](Workbench &wb, const QTemporaryDir &) {
        const int s = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
        wb.close(s);
        return finished(wb, wb.sockName(s));
    });
}

void tst_ErrorMatrix::errors_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("exception");
    QTest::newRow("ECONNREFUSED tcp") << "refused-tcp" << ECONNREFUSED << "ConnectionRefusedError";
    QTest::newRow("ECONNREFUSED tcp6") << "refused-tcp6" << ECONNREFUSED << "ConnectionRefusedError";
    QTest::newRow("ECONNREFUSED connected udp") << "refused-udp" << ECONNREFUSED << "ConnectionRefusedError";
    QTest::newRow("ECONNREFUSED stale unix path") << "refused-unix-stale" << ECONNREFUSED << "ConnectionRefusedError";
    QTest::newRow("ECONNRESET linger 0") << "reset" << ECONNRESET << "ConnectionResetError";
    QTest::newRow("EPIPE unix") << "epipe-unix" << EPIPE << "BrokenPipeError";
    QTest::newRow("EADDRINUSE") << "addrinuse" << EADDRINUSE << "OSError";
    QTest::newRow("EADDRINUSE unix") << "addrinuse-unix" << EADDRINUSE << "OSError";
    QTest::newRow("ENOENT") << "noent" << ENOENT << "FileNotFoundError";
    QTest::newRow("EPROTOTYPE") << "prototype" << EPROTOTYPE << "OSError";
    QTest::newRow("EMSGSIZE 65508-byte UDP/IPv4") << "msgsize" << EMSGSIZE << "OSError";
    QTest::newRow("EAGAIN non-blocking recv") << "again" << EAGAIN << "BlockingIOError";
    QTest::newRow("EINPROGRESS non-blocking connect") << "inprogress" << EINPROGRESS << "BlockingIOError";
    QTest::newRow("TimeoutError accept") << "timeout" << 0 << "TimeoutError";
    QTest::newRow("EADDRNOTAVAIL") << "addrnotavail" << EADDRNOTAVAIL << "OSError";
    QTest::newRow("EISCONN") << "isconn" << EISCONN << "OSError";
    QTest::newRow("ENOTCONN getpeername") << "notconn" << ENOTCONN << "OSError";
    QTest::newRow("ENOTCONN shutdown") << "notconn-shutdown" << ENOTCONN << "OSError";
    QTest::newRow("EOPNOTSUPP listen on UDP") << "opnotsupp" << EOPNOTSUPP << "OSError";
    QTest::newRow("ESOCKTNOSUPPORT") << "socktnosupport" << ESOCKTNOSUPPORT << "OSError";
    QTest::newRow("EINVAL accept unbound") << "accept-unbound" << EINVAL << "OSError";
    QTest::newRow("EBADF after close") << "badf" << EBADF << "OSError";
}

void tst_ErrorMatrix::errors()
{
    QFETCH(QString, scenario);
    QFETCH(int, error);
    QFETCH(QString, exception);
    QTemporaryDir dir;
    Workbench wb;
    const CallRecord r = m_scenarios.value(scenario)(wb, dir);
    QVERIFY2(r.finished(), qPrintable(r.call));
    QVERIFY2(r.outcome.status == CallStatus::Failed, qPrintable(r.call + QLatin1String(" -> ") + r.outcome.result));
    QVERIFY2(r.outcome.result.startsWith(exception + QLatin1Char(':')), qPrintable(r.outcome.result));
    if (error) {
        QCOMPARE(r.outcome.error, error);
        QCOMPARE(r.outcome.errorName, errnoName(error));
        QCOMPARE(r.outcome.result, pythonOsError(error));
        QVERIFY(r.outcome.result.contains(QStringLiteral("[Errno %1]").arg(error)));
    } else {
        QCOMPARE(r.outcome.result, QStringLiteral("TimeoutError: timed out"));
    }
}

void tst_ErrorMatrix::truncatedDatagram()
{
    QTemporaryDir dir;
    Workbench wb;
    const int r = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(r, loopback(AF_INET, dir));
    const SocketAddress target = finished(wb, wb.sockName(r)).outcome.address;
    const int s = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    finished(wb, wb.sendTo(s, QByteArray(100, 't'), target));
    const CallRecord got = finished(wb, wb.recv(r, 10));
    QCOMPARE(got.outcome.status, CallStatus::Done);
    QCOMPARE(got.outcome.data, QByteArray(10, 't'));
    QVERIFY2(got.outcome.note.contains(QStringLiteral("datagram of 100 bytes truncated to 10")), qPrintable(got.outcome.note));
    const TrafficRecord rec = wb.traffic().at(wb.traffic().count() - 1);
    QVERIFY(rec.flags & TrafficFlag::Truncated);
    QCOMPARE(rec.length, 10u);
    QCOMPARE(rec.wireLength, 100u);
}

// A TCP peer that has gone: the first send may still succeed (its RST is on the way), then
// ECONNRESET or EPIPE. MSG_NOSIGNAL means SIGPIPE never fires, so this process carries on.
void tst_ErrorMatrix::tcpPeerGoneGivesEpipeAndTheProcessLives()
{
    QTemporaryDir dir;
    Workbench wb;
    const Connection c = connection(wb, AF_INET, dir);
    finished(wb, wb.close(c.accepted));
    QCOMPARE(finished(wb, wb.recv(c.client, 10)).outcome.result, QStringLiteral("b''"));
    int error = 0;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 const CallRecord r = finished(wb, wb.send(c.client, "x"));
                                 error = r.outcome.error;
                                 return error == EPIPE;
                             }()),
                             5000);
    QCOMPARE(error, EPIPE);
    QVERIFY(succeeded(finished(wb, wb.fileno(c.client)))); // still alive and answering
}

// socket() fails with EMFILE when the descriptor limit is reached.
void tst_ErrorMatrix::emfileOnSocket()
{
    Workbench wb;
    rlimit saved;
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &saved), 0);
    rlimit lowered = saved;
    lowered.rlim_cur = rlim_t(openFdCount() + 4);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &lowered), 0);
    CallRecord r;
    for (int i = 0; i < 20; ++i) {
        r = finished(wb, wb.createSocket(AF_INET, SOCK_STREAM).call);
        if (r.outcome.status == CallStatus::Failed)
            break;
    }
    setrlimit(RLIMIT_NOFILE, &saved);
    QCOMPARE(r.outcome.error, EMFILE);
    QCOMPARE(r.outcome.result, QStringLiteral("OSError: [Errno 24] Too many open files"));
}

// A watched listener out of descriptors reports EMFILE once, backs off, and accepts the pending
// connections when descriptors are free again.
void tst_ErrorMatrix::emfileOnWatchedListener()
{
    QTemporaryDir dir;
    Workbench wb;
    const Listener l = listener(wb, AF_INET, dir);
    // Clients made with plain POSIX calls before the limit drops, so only accept() runs short.
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(l.address.port());
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QList<int> clients;
    for (int i = 0; i < 5; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&target), sizeof target), 0);
        clients << fd;
    }
    rlimit saved;
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &saved), 0);
    rlimit lowered = saved;
    lowered.rlim_cur = rlim_t(openFdCount() + 1); // room for one accept, not five
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &lowered), 0);
    const qsizetype journalBefore = wb.journal().count();
    wb.setWatch(l.id, true);
    auto emfileReports = [&] {
        int n = 0;
        for (qsizetype i = journalBefore; i < wb.journal().count(); ++i)
            n += wb.journal().at(i).outcome.error == EMFILE;
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(emfileReports(), 1, 3000);
    QVERIFY(wb.sockets().info(l.id).lastError == EMFILE);
    setrlimit(RLIMIT_NOFILE, &saved);
    auto accepted = [&] {
        int n = 0;
        for (const SocketInfo &info : wb.sockets().snapshot())
            n += info.parentId == l.id;
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(accepted(), 5, 5000);
    QCOMPARE(emfileReports(), 1); // once per burst, not once per retry
    for (int fd : clients)
        ::close(fd);
}

QTEST_GUILESS_MAIN(tst_ErrorMatrix)
#include "tst_errormatrix.moc"
