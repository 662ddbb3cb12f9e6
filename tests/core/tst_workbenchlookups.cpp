// Host names through the Workbench: connect, bind and sendto to a name resolve on a lookup
// thread while the socket's later calls wait their turn, and many lookups at once share a bounded
// pool of threads.
#include "core/lookup/lookuppool.h"
#include "tests/core/testsupport.h"

#include <QRegularExpression>
#include <QTest>

#include <sys/socket.h>

using namespace core;
using namespace testsupport;

class tst_WorkbenchLookups : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void hostNamesAreResolvedInOrder();
    void lookupsRunOnABoundedPool();
};

void tst_WorkbenchLookups::init()
{
    // Warnings Qt prints when objects are used from the wrong thread are failures here.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

// Many lookups at once take at most LookupPool::kMaxWorkers threads (they used to take one each);
// every one of them still finishes, and the idle threads leave.
void tst_WorkbenchLookups::lookupsRunOnABoundedPool()
{
    Workbench wb;
    const int threadsBefore = threadCount();
    QList<CallId> lookups;
    for (int i = 0; i < 64; ++i)
        lookups << (i % 2 ? wb.getaddrinfo(QStringLiteral("localhost"), QString::number(1000 + i), AF_INET)
                          : wb.gethostbyname(QStringLiteral("localhost")));
    QVERIFY(wb.lookupThreads() <= LookupPool::kMaxWorkers);
    QVERIFY(threadCount() <= threadsBefore + LookupPool::kMaxWorkers);
    for (CallId id : lookups) {
        const CallRecord r = finished(wb, id);
        QVERIFY2(succeeded(r), qPrintable(r.call + QLatin1String(" -> ") + r.outcome.result));
    }
    QCOMPARE(finished(wb, lookups.first()).outcome.result, QStringLiteral("'127.0.0.1'"));
    QTRY_COMPARE_WITH_TIMEOUT(wb.lookupThreads(), 0, LookupPool::kIdleMs + 3000);
    // No more threads than before (a thread a previous test left may have ended meanwhile).
    QTRY_VERIFY_WITH_TIMEOUT(threadCount() <= threadsBefore, 3000);
}

// connect/bind/sendto to a host name: the journal writes the name, a lookup thread resolves it,
// and the socket's later calls wait their turn behind it; cancel and close work while it resolves.
void tst_WorkbenchLookups::hostNamesAreResolvedInOrder()
{
    Workbench wb;
    // AF_INET: "localhost" is 127.0.0.1 in any /etc/hosts; ::1 may be missing (python3 then
    // raises gaierror for AF_INET6 too, and so do we).
    const int listener = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    QVERIFY(succeeded(finished(wb, wb.bind(listener, parseAddress(QStringLiteral("127.0.0.1:0"), AF_INET).value()))));
    QVERIFY(succeeded(finished(wb, wb.listen(listener, 4))));
    const quint16 port = finished(wb, wb.sockName(listener)).outcome.address.port();

    const int client = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    const auto typed = parseTypedAddress(QStringLiteral("localhost:%1").arg(port), AF_INET);
    QVERIFY(typed && typed->needsLookup());
    const CallId connect = wb.connect(client, typed.value());
    const CallId send = wb.send(client, "after the lookup");
    const CallRecord connected = finished(wb, connect);
    QVERIFY2(succeeded(connected), qPrintable(connected.outcome.result));
    QCOMPARE(connected.call, QStringLiteral("sk%1.connect(('localhost', %2))").arg(client).arg(port));
    QCOMPARE(finished(wb, send).outcome.result, QStringLiteral("16"));
    QCOMPARE(wb.sockets().info(client).peer.host(), QStringLiteral("127.0.0.1"));

    // sendto by name on a datagram socket, and a name that does not resolve.
    const int udp = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    QVERIFY(succeeded(finished(wb, wb.bind(udp, parseTypedAddress(QStringLiteral("localhost:0"), AF_INET).value()))));
    const quint16 udpPort = wb.sockets().info(udp).local.port();
    const CallRecord sent = finished(wb, wb.sendTo(udp, "me", parseTypedAddress(QStringLiteral("localhost:%1").arg(udpPort), AF_INET).value()));
    QCOMPARE(sent.call, QStringLiteral("sk%1.sendto(b'me', ('localhost', %2))").arg(udp).arg(udpPort));
    QCOMPARE(finished(wb, wb.recvFrom(udp, 10)).outcome.result, QStringLiteral("(b'me', ('127.0.0.1', %1))").arg(udpPort));
    const CallRecord bad = finished(wb, wb.connect(udp, parseTypedAddress(QStringLiteral("no-such-host.invalid:9"), AF_INET).value()));
    QCOMPARE(bad.outcome.status, CallStatus::Failed);
    QVERIFY2(bad.outcome.result.startsWith(QStringLiteral("socket.gaierror: [Errno ")), qPrintable(bad.outcome.result));
    QVERIFY(succeeded(finished(wb, wb.fileno(udp)))); // the queue goes on after the failure
}

QTEST_GUILESS_MAIN(tst_WorkbenchLookups)
#include "tst_workbenchlookups.moc"
