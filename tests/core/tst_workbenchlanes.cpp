// Calls that wait, made through the Workbench on real sockets: a recv in blocking, non-blocking
// and timeout mode, one socket's lanes (a waiting read holds back the next read, never a write or
// a query), cancelling a waiting accept or recv, and thousands of waiting calls that cost no
// threads.
#include "tests/core/testsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <sys/socket.h>

using namespace core;
using namespace testsupport;

class tst_WorkbenchLanes : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void nonBlockingRecvRaises();
    void timeoutRecvRaises();
    void blockingRecvWaitsForData();
    void callsOnOneSocketRunInOrder();
    void cancelWaitingAcceptAndRecv();
    void thousandWaitingRecvsCostNoThreads();
    void tenThousandWaitingCalls();

private:
    QTemporaryDir m_dir;
};

void tst_WorkbenchLanes::init()
{
    QVERIFY(m_dir.isValid());
    // Warnings Qt prints when objects are used from the wrong thread are failures here.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_WorkbenchLanes::nonBlockingRecvRaises()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QCOMPARE(finished(wb, wb.setBlocking(pair.first, false)).call, QStringLiteral("sk1.setblocking(False)"));
    const CallRecord r = finished(wb, wb.recv(pair.first, 10));
    QCOMPARE(r.outcome.status, CallStatus::Failed);
    QCOMPARE(r.outcome.error, EAGAIN);
    QCOMPARE(r.outcome.result, QStringLiteral("BlockingIOError: [Errno 11] Resource temporarily unavailable"));
    QCOMPARE(finished(wb, wb.getTimeout(pair.first)).outcome.result, QStringLiteral("0.0"));
    // MSG_DONTWAIT makes one call non-blocking on a blocking socket.
    const CallRecord dontWait = finished(wb, wb.recv(pair.second, 10, MSG_DONTWAIT));
    QCOMPARE(dontWait.call, QStringLiteral("sk2.recv(10, socket.MSG_DONTWAIT)"));
    QCOMPARE(dontWait.outcome.error, EAGAIN);
}

void tst_WorkbenchLanes::timeoutRecvRaises()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QCOMPARE(finished(wb, wb.setTimeout(pair.first, 0.2)).call, QStringLiteral("sk1.settimeout(0.2)"));
    QCOMPARE(finished(wb, wb.getTimeout(pair.first)).outcome.result, QStringLiteral("0.2"));
    const CallRecord r = finished(wb, wb.recv(pair.first, 10));
    QCOMPARE(r.outcome.status, CallStatus::Failed);
    QCOMPARE(r.outcome.result, QStringLiteral("TimeoutError: timed out"));
    QVERIFY2(r.durationNs >= 150'000'000, qPrintable(QString::number(r.durationNs)));
    QVERIFY2(r.durationNs < 3'000'000'000, qPrintable(QString::number(r.durationNs)));
    // None goes back to blocking.
    finished(wb, wb.setTimeout(pair.first, std::nullopt));
    QCOMPARE(finished(wb, wb.getTimeout(pair.first)).outcome.result, QStringLiteral("None"));
}

void tst_WorkbenchLanes::blockingRecvWaitsForData()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    finished(wb, pair.call);
    const CallId recv = wb.recv(pair.second, 100);
    QVERIFY(!wb.journal().wait(recv, 100)); // nothing to read: it waits
    QVERIFY(wb.journal().isPending(recv));
    finished(wb, wb.send(pair.first, "late"));
    const CallRecord r = finished(wb, recv);
    QCOMPARE(r.outcome.data, QByteArray("late"));
}

// One socket's reads, writes and queries proceed independently, each lane in order: a recv that
// waits holds back the next recv, never a sendall, fileno or getsockname (the commonest threaded
// script: one thread reads while another writes); shutdown() from elsewhere wakes a waiting read.
void tst_WorkbenchLanes::callsOnOneSocketRunInOrder()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    const CallId recv = wb.recv(pair.second, 100);
    const CallId nextRecv = wb.recv(pair.second, 100);
    const CallId name = wb.fileno(pair.second);
    const CallId sent = wb.sendAll(pair.second, "while recv waits");
    const CallId local = wb.sockName(pair.second);
    const CallId other = wb.fileno(pair.first); // another socket is not held up either
    QVERIFY(succeeded(finished(wb, name)));
    QCOMPARE(finished(wb, sent).outcome.result, QStringLiteral("None"));
    QVERIFY(succeeded(finished(wb, local)));
    QVERIFY(succeeded(finished(wb, other)));
    QVERIFY(!wb.journal().call(recv).finished());
    QCOMPARE(finished(wb, wb.recv(pair.first, 100)).outcome.result, QStringLiteral("b'while recv waits'"));

    finished(wb, wb.send(pair.first, "x"));
    QCOMPARE(finished(wb, recv).outcome.result, QStringLiteral("b'x'"));
    QVERIFY(!wb.journal().wait(nextRecv, 100)); // the second read of its lane waits its turn, then data
    QVERIFY(succeeded(finished(wb, wb.shutdown(pair.second, SHUT_RD))));
    QCOMPARE(finished(wb, nextRecv).outcome.result, QStringLiteral("b''"));
}

void tst_WorkbenchLanes::cancelWaitingAcceptAndRecv()
{
    Workbench wb;
    const Listener l = listener(wb, AF_INET, m_dir);
    const CallId accept = wb.accept(l.id);
    QVERIFY(!wb.journal().wait(accept, 50));
    QVERIFY(wb.cancel(accept));
    const CallRecord a = finished(wb, accept);
    QCOMPARE(a.outcome.status, CallStatus::Cancelled);

    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    const CallId recv = wb.recv(pair.first, 10);
    QVERIFY(!wb.journal().wait(recv, 50));
    QVERIFY(wb.cancel(recv));
    QCOMPARE(finished(wb, recv).outcome.status, CallStatus::Cancelled);
    // The socket is usable afterwards, and the cancelled recv took no data.
    finished(wb, wb.send(pair.second, "after"));
    QCOMPARE(finished(wb, wb.recv(pair.first, 10)).outcome.data, QByteArray("after"));
    QVERIFY(!wb.cancel(recv)); // already finished
}

void tst_WorkbenchLanes::thousandWaitingRecvsCostNoThreads()
{
    const int fdsBefore = openFdCount();
    {
        Workbench wb;
        const int threadsBefore = threadCount();
        const int fdsWithWorkbench = openFdCount();
        QList<CallId> recvs;
        QList<int> ids;
        for (int i = 0; i < 500; ++i) {
            const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
            ids << pair.first << pair.second;
            recvs << wb.recv(pair.first, 64) << wb.recv(pair.second, 64);
        }
        recvs << wb.recv(ids.last(), 64);
        QVERIFY(!wb.journal().wait(recvs.last(), 100)); // queued behind the recv of its lane
        QVERIFY(succeeded(finished(wb, wb.fileno(ids.last())))); // a query is not
        QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), fdsWithWorkbench + 1000, 10000);
        QCOMPARE(threadCount(), threadsBefore);
        for (CallId id : recvs)
            QVERIFY(wb.journal().isPending(id));
        for (CallId id : recvs)
            wb.cancel(id);
        QList<CallId> closes;
        for (int id : ids)
            closes << wb.close(id);
        for (CallId id : closes)
            QVERIFY(succeeded(finished(wb, id)));
        for (CallId id : recvs)
            QCOMPARE(wb.journal().call(id).outcome.status, CallStatus::Cancelled);
        QCOMPARE(openFdCount(), fdsWithWorkbench);
    }
    QCOMPARE(openFdCount(), fdsBefore);
}

// The design's promise: 10,000 sockets, each with a call waiting, on the same few threads.
void tst_WorkbenchLanes::tenThousandWaitingCalls()
{
    rlimit limit;
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
    const rlimit saved = limit;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < 10'200)
        QSKIP("the hard descriptor limit is below 10,200");
    limit.rlim_cur = std::max<rlim_t>(limit.rlim_cur, 10'200);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
    {
        Workbench wb;
        const int threads = threadCount();
        QList<CallId> recvs;
        recvs.reserve(10'000);
        for (int i = 0; i < 5'000; ++i) {
            const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
            recvs << wb.recv(pair.first, 16) << wb.recv(pair.second, 16);
        }
        // The last pair answers a send: the engine is responsive with 9,998 calls parked.
        const auto probe = wb.socketPair(AF_UNIX, SOCK_DGRAM);
        QVERIFY(succeeded(finished(wb, wb.send(probe.first, "alive"), 20000)));
        QCOMPARE(finished(wb, wb.recv(probe.second, 16)).outcome.data, QByteArray("alive"));
        int pending = 0;
        for (CallId id : recvs)
            pending += wb.journal().isPending(id);
        QCOMPARE(pending, 10'000);
        QCOMPARE(threadCount(), threads);
    }
    setrlimit(RLIMIT_NOFILE, &saved);
}

QTEST_GUILESS_MAIN(tst_WorkbenchLanes)
#include "tst_workbenchlanes.moc"
