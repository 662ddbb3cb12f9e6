#include "core/recipes/clientgroup.h"
#include "tests/core/testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>

using namespace core;
using namespace testsupport;

Q_DECLARE_METATYPE(core::ClientGroupField)

// "Connect N clients": groups of real clients on loopback against a watched workbench listener
// and a python3 peer, the group's members, and the actions on all of them at once.
class tst_ClientGroup : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void tcpClientsEachSendTheirPayload();
    void udpClientsHaveTheirPeer();
    void unixStreamGroupSendsAndShutsDownAtOnce();
    void hostNameIsLookedUpOnce();
    void slicesKeepTheCallerFreeAndCloseStopsThem();
    void rejects_data();
    void rejects();
    void rejectsMoreThanTheDescriptorLimit();

private:
    QTemporaryDir m_dir;
};

namespace {

// A watched listener: it accepts every connection and reads what each sends.
Listener watchedListener(Workbench &wb, int family, const QTemporaryDir &dir)
{
    Listener l;
    l.id = wb.createSocket(family, SOCK_STREAM).socketId;
    wb.bind(l.id, loopback(family, dir, QStringLiteral("group")));
    wb.listen(l.id);
    wb.setWatch(l.id, true);
    l.address = finished(wb, wb.sockName(l.id)).outcome.address;
    return l;
}

QList<SocketInfo> membersInfo(const Workbench &wb, int group)
{
    QList<SocketInfo> infos;
    for (int id : groupMembers(wb.sockets(), group))
        infos.append(wb.sockets().info(id));
    return infos;
}

int countIn(const QList<SocketInfo> &infos, SocketState state)
{
    return int(std::count_if(infos.cbegin(), infos.cend(), [state](const SocketInfo &i) { return i.state == state; }));
}

QList<int> childrenOf(const Workbench &wb, int listenerId)
{
    QList<int> ids;
    for (const SocketInfo &info : wb.sockets().snapshot()) {
        if (info.parentId == listenerId)
            ids.append(info.id);
    }
    return ids;
}

// Traffic records of direction on the sockets given, and the bytes they carried.
int recordsOn(const Workbench &wb, const QList<int> &ids, Direction direction, QByteArray *bytes = nullptr, quint8 flag = 0)
{
    const QSet<int> wanted(ids.cbegin(), ids.cend());
    int n = 0;
    for (qsizetype i = 0; i < wb.traffic().count(); ++i) {
        const TrafficRecord r = wb.traffic().at(i);
        if (r.direction != direction || !wanted.contains(r.socketId) || (flag && !(r.flags & flag)))
            continue;
        ++n;
        if (bytes)
            bytes->append(wb.traffic().payload(r));
    }
    return n;
}

} // namespace

void tst_ClientGroup::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
    QVERIFY(m_dir.isValid());
}

void tst_ClientGroup::tcpClientsEachSendTheirPayload()
{
    const int fdsBefore = openFdCount();
    {
        Workbench wb;
        const Listener l = watchedListener(wb, AF_INET, m_dir);
        QVERIFY(l.address.isValid());

        ClientGroupSpec spec;
        spec.family = AF_INET;
        spec.type = SOCK_STREAM;
        spec.address = l.address;
        spec.count = 200;
        spec.payload = "hello\r\n";
        const int group = connectClients(wb, spec);
        QVERIFY(group >= 1);
        QCOMPARE(groupMembers(wb.sockets(), group).size(), 200);

        // Every client connected and watched, each one's payload a record at the server's side.
        QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, group), SocketState::Connected), 200, 10000);
        const QList<SocketInfo> members = membersInfo(wb, group);
        QVERIFY(std::all_of(members.cbegin(), members.cend(), [&](const SocketInfo &i) {
            return i.watching && i.connectTo == l.address && i.group == group && i.recordsOut == 1;
        }));
        QTRY_COMPARE_WITH_TIMEOUT(childrenOf(wb, l.id).size(), 200, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(recordsOn(wb, childrenOf(wb, l.id), Direction::In), 200, 10000);
        QByteArray received;
        recordsOn(wb, childrenOf(wb, l.id), Direction::In, &received);
        QCOMPARE(received, spec.payload.repeated(200));
        // Accepted connections are the listener's, not the group's.
        for (int id : childrenOf(wb, l.id))
            QCOMPARE(wb.sockets().info(id).group, -1);
        // The journal says what each client did, as Python would write it.
        const int first = members.first().id;
        QStringList calls;
        for (qsizetype i = 0; i < wb.journal().count(); ++i) {
            const CallRecord r = wb.journal().at(i);
            if (r.socketId == first || (r.value && r.value->newSocketId == first && r.value->kind == CallKind::Socket))
                calls << r.call;
        }
        QCOMPARE(calls, (QStringList{QStringLiteral("sk%1 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)").arg(first),
                                     QStringLiteral("sk%1.connect(%2)").arg(first).arg(l.address.toPython()),
                                     QStringLiteral("sk%1.sendall(b'hello\\r\\n')").arg(first)}));

        // A second group is a group of its own.
        spec.count = 3;
        const int second = connectClients(wb, spec);
        QCOMPARE(second, group + 1);
        QCOMPARE(groupMembers(wb.sockets(), second).size(), 3);
        QCOMPARE(groupMembers(wb.sockets(), group).size(), 200);

        QCOMPARE(closeGroup(wb, group), 200);
        QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, group), SocketState::Closed), 200, 10000);
        // The server's sides see each client's EOF; the other group is untouched.
        QTRY_VERIFY_WITH_TIMEOUT(recordsOn(wb, childrenOf(wb, l.id), Direction::In, nullptr, TrafficFlag::Eof) >= 200, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, second), SocketState::Connected), 3, 5000);
        QCOMPARE(closeGroup(wb, group), 0); // nothing left to close
    }
    QCOMPARE(openFdCount(), fdsBefore);
}

void tst_ClientGroup::udpClientsHaveTheirPeer()
{
    // A python3 echo server: each datagram goes back to its sender.
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral(R"(
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(20)
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
senders = set()
for _ in range(20):
    data, peer = s.recvfrom(100)
    senders.add(peer)
    s.sendto(data.upper(), peer)
print(len(senders), flush=True)
)")});
    QVERIFY(python.waitForStarted(5000));
    QVERIFY(python.waitForReadyRead(10000));
    const int port = python.readLine().trimmed().toInt();
    QVERIFY(port > 0);

    Workbench wb;
    ClientGroupSpec spec;
    spec.family = AF_INET;
    spec.type = SOCK_DGRAM;
    spec.address = address(QStringLiteral("127.0.0.1:%1").arg(port), AF_INET);
    spec.count = 20;
    spec.payload = "ping";
    const int group = connectClients(wb, spec);
    QVERIFY(group >= 1);
    const QList<int> members = groupMembers(wb.sockets(), group);
    QCOMPARE(members.size(), 20);
    // Connected, so each watched client reads the reply from its peer.
    QTRY_COMPARE_WITH_TIMEOUT(recordsOn(wb, members, Direction::In), 20, 10000);
    QByteArray replies;
    recordsOn(wb, members, Direction::In, &replies);
    QCOMPARE(replies, QByteArray("PING").repeated(20));
    // The counters are published within IoThread::kCountsNs of the records.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(members.begin(), members.end(),
                                         [&](int id) { return wb.sockets().info(id).recordsIn == 1; }), 1000);
    for (const SocketInfo &info : membersInfo(wb, group)) {
        QCOMPARE(info.state, SocketState::Connected);
        QCOMPARE(info.peer, spec.address.address);
        QCOMPARE(info.recordsIn, quint64(1));
    }
    // waitForFinished() is false for a peer that already finished (an event loop ran meanwhile).
    QVERIFY(python.state() == QProcess::NotRunning || python.waitForFinished(10000));
    QCOMPARE(python.exitCode(), 0);
    QCOMPARE(python.readAllStandardOutput().trimmed(), QByteArray("20")); // twenty distinct senders
    QCOMPARE(closeGroup(wb, group), 20);
}

void tst_ClientGroup::unixStreamGroupSendsAndShutsDownAtOnce()
{
    Workbench wb;
    const Listener l = watchedListener(wb, AF_UNIX, m_dir);
    ClientGroupSpec spec;
    spec.family = AF_UNIX;
    spec.type = SOCK_STREAM;
    spec.address = l.address;
    spec.count = 20;
    const int group = connectClients(wb, spec);
    QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, group), SocketState::Connected), 20, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(childrenOf(wb, l.id).size(), 20, 10000);
    QCOMPARE(recordsOn(wb, groupMembers(wb.sockets(), group), Direction::Out), 0); // no payload: nothing sent

    QCOMPARE(sendToGroup(wb, group, "to all"), 20);
    QTRY_COMPARE_WITH_TIMEOUT(recordsOn(wb, childrenOf(wb, l.id), Direction::In), 20, 10000);
    QByteArray received;
    recordsOn(wb, childrenOf(wb, l.id), Direction::In, &received);
    QCOMPARE(received, QByteArray("to all").repeated(20));

    QCOMPARE(shutdownGroup(wb, group, SHUT_WR), 20);
    QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, group), SocketState::HalfClosedWrite), 20, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(recordsOn(wb, childrenOf(wb, l.id), Direction::In, nullptr, TrafficFlag::Eof), 20, 10000);
    // Shut down for writing, still open: a send fails with EPIPE on each, as Python's would.
    QCOMPARE(sendToGroup(wb, group, "late"), 20);
    QCOMPARE(closeGroup(wb, group), 20);
    QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, group), SocketState::Closed), 20, 10000);
    QCOMPARE(shutdownGroup(wb, group, SHUT_WR), 0);
    QCOMPARE(sendToGroup(wb, group, "x"), 0);
}

void tst_ClientGroup::hostNameIsLookedUpOnce()
{
    Workbench wb;
    const Listener l = watchedListener(wb, AF_INET, m_dir);
    ClientGroupSpec spec;
    spec.family = AF_INET;
    spec.type = SOCK_STREAM;
    const auto typed = parseTypedAddress(QStringLiteral("localhost:%1").arg(l.address.port()), AF_INET);
    QVERIFY(typed);
    QVERIFY(typed->needsLookup());
    spec.address = typed.value();
    spec.count = 5;
    const int group = connectClients(wb, spec);
    QVERIFY(group >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, group), SocketState::Connected), 5, 10000);
    int lookups = 0;
    for (qsizetype i = 0; i < wb.journal().count(); ++i)
        lookups += wb.journal().at(i).value->kind == CallKind::GetAddrInfo;
    QCOMPARE(lookups, 1);
    for (const SocketInfo &info : membersInfo(wb, group))
        QCOMPARE(info.connectTo.port(), l.address.port());

    // A name that does not resolve: the journal says why, and no client is made.
    spec.address = parseTypedAddress(QStringLiteral("no-such-host.invalid:80"), AF_INET).value();
    const int unresolved = connectClients(wb, spec);
    QVERIFY(unresolved > group);
    QTRY_VERIFY_WITH_TIMEOUT(wb.journal().at(wb.journal().count() - 1).finished(), 20000);
    QCOMPARE(wb.journal().at(wb.journal().count() - 1).outcome.status, CallStatus::Failed);
    QTest::qWait(50);
    QVERIFY(groupMembers(wb.sockets(), unresolved).isEmpty());
}

void tst_ClientGroup::slicesKeepTheCallerFreeAndCloseStopsThem()
{
    // Datagram clients need no server: connect() only names the peer.
    Workbench wb;
    ClientGroupSpec spec;
    spec.family = AF_INET;
    spec.type = SOCK_DGRAM;
    spec.address = address(QStringLiteral("127.0.0.1:9"), AF_INET);
    spec.count = 1700;
    QElapsedTimer timer;
    timer.start();
    const int group = connectClients(wb, spec);
    const qint64 sliceMs = timer.elapsed();
    // One slice made before it returns; the rest wait for the event loop.
    QCOMPARE(groupMembers(wb.sockets(), group).size(), kClientsPerSlice);
    QVERIFY2(sliceMs < 1000, qPrintable(QStringLiteral("a slice of %1 clients took %2 ms").arg(kClientsPerSlice).arg(sliceMs)));
    qInfo("a slice of %d clients (3 calls each) took %lld ms", kClientsPerSlice, sliceMs);
    QTRY_COMPARE_WITH_TIMEOUT(groupMembers(wb.sockets(), group).size(), 1700, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, group), SocketState::Connected), 1700, 10000);
    QCOMPARE(closeGroup(wb, group), 1700);

    // Closing while clients are still being made: no more are made.
    const int stopped = connectClients(wb, spec);
    QCOMPARE(closeGroup(wb, stopped), kClientsPerSlice);
    QTest::qWait(100);
    QCOMPARE(groupMembers(wb.sockets(), stopped).size(), kClientsPerSlice);
    QTRY_COMPARE_WITH_TIMEOUT(countIn(membersInfo(wb, stopped), SocketState::Closed), kClientsPerSlice, 10000);
}

void tst_ClientGroup::rejects_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("addressFamily");
    QTest::addColumn<int>("count");
    QTest::addColumn<ClientGroupField>("field");
    QTest::addColumn<QString>("message");

    const QString tcp = QStringLiteral("127.0.0.1:8080");
    QTest::newRow("no clients") << int(AF_INET) << int(SOCK_STREAM) << tcp << int(AF_INET) << 0 << ClientGroupField::Count
                                << QStringLiteral("the number of clients is from 1 to 10000, not 0");
    QTest::newRow("too many") << int(AF_INET) << int(SOCK_STREAM) << tcp << int(AF_INET) << 10001 << ClientGroupField::Count
                              << QStringLiteral("the number of clients is from 1 to 10000, not 10001");
    QTest::newRow("no address") << int(AF_INET) << int(SOCK_DGRAM) << QString() << int(AF_INET) << 5
                                << ClientGroupField::Address << QStringLiteral("give the address the clients connect to");
    QTest::newRow("other family") << int(AF_INET6) << int(SOCK_STREAM) << tcp << int(AF_INET) << 5 << ClientGroupField::Address
                                  << QStringLiteral("127.0.0.1:8080 is an AF_INET address; these clients are AF_INET6");
    QTest::newRow("port 0") << int(AF_INET) << int(SOCK_STREAM) << QStringLiteral("127.0.0.1:0") << int(AF_INET) << 5
                            << ClientGroupField::Address
                            << QStringLiteral("port 0 is no server's port: give the port the clients connect to");
    QTest::newRow("raw") << int(AF_INET) << int(SOCK_RAW) << tcp << int(AF_INET) << 5 << ClientGroupField::Kind
                         << QStringLiteral("clients are SOCK_STREAM or SOCK_DGRAM sockets, not SOCK_RAW");
    QTest::newRow("family") << 99 << int(SOCK_STREAM) << tcp << int(AF_INET) << 5 << ClientGroupField::Kind
                            << QStringLiteral("clients are AF_INET, AF_INET6 or AF_UNIX sockets, not 99");
}

void tst_ClientGroup::rejects()
{
    QFETCH(int, family);
    QFETCH(int, type);
    QFETCH(QString, address);
    QFETCH(int, addressFamily);
    QFETCH(int, count);
    QFETCH(ClientGroupField, field);
    QFETCH(QString, message);

    ClientGroupSpec spec;
    spec.family = family;
    spec.type = type;
    if (!address.isEmpty())
        spec.address = testsupport::address(address, addressFamily);
    spec.count = count;
    const auto error = checkClientGroup(spec);
    QVERIFY(error);
    QCOMPARE(error->field, field);
    QCOMPARE(error->error.message, message);

    Workbench wb;
    QTest::ignoreMessage(QtWarningMsg, qPrintable(QStringLiteral("connectClients: ") + message));
    QCOMPARE(connectClients(wb, spec), -1);
    QVERIFY(wb.sockets().ids().isEmpty());
    QCOMPARE(wb.journal().count(), 0);
}

void tst_ClientGroup::rejectsMoreThanTheDescriptorLimit()
{
    ClientGroupSpec spec;
    spec.family = AF_INET;
    spec.type = SOCK_STREAM;
    spec.address = testsupport::address(QStringLiteral("127.0.0.1:8080"), AF_INET);
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &saved), 0);
    const long open = long(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
    rlimit tight = saved;
    tight.rlim_cur = rlim_t(open + 100);
    if (tight.rlim_cur > saved.rlim_max)
        QSKIP("the hard limit leaves no room for the test");
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &tight), 0);
    spec.count = 200;
    const auto tooMany = checkClientGroup(spec);
    spec.count = 50;
    const auto fits = checkClientGroup(spec);
    setrlimit(RLIMIT_NOFILE, &saved);

    QVERIFY(tooMany);
    QCOMPARE(tooMany->field, ClientGroupField::Count);
    // About 100 left (the listing's own descriptor aside); the message says how many fit.
    QVERIFY2(tooMany->error.message.contains(QStringLiteral("more descriptors (RLIMIT_NOFILE): at most "))
                 && tooMany->error.message.endsWith(QStringLiteral(" clients, not 200")),
             qPrintable(tooMany->error.message));
    QVERIFY2(!fits, fits ? qPrintable(fits->error.message) : "");
}

QTEST_GUILESS_MAIN(tst_ClientGroup)
#include "tst_clientgroup.moc"
