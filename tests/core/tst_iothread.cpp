#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/engine/socketobject.h"
#include "tests/core/testsupport.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

using namespace core;
using namespace testsupport;

namespace {

// The stores an IoThread works on, wired as the Workbench wires them.
struct Stores
{
    Journal journal;
    TrafficStore traffic;
    SocketRegistry registry;
    EngineContext context{journal, traffic, registry};
};

// Waits (bounded) until everything posted to the thread so far has run.
bool drain(IoThread &thread)
{
    auto ran = std::make_shared<std::promise<void>>();
    std::future<void> done = ran->get_future();
    thread.post([ran] { ran->set_value(); });
    return done.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
}

} // namespace

// The I/O thread: closures run on it in posting order, destruction runs what was posted, joins
// and closes its sockets, waiting calls cost no thread, and deadlines end the epoll wait.
class tst_IoThread : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void postRunsOnTheThreadItBelongsTo();
    void postsFromOneThreadKeepTheirOrder();
    void postsFromSeveralThreadsKeepTheirOrder();
    void destructionRunsWhatWasPostedAndClosesItsSockets();
    void workbenchDestructionClosesEverySocket();
    void socketsAreSpreadAndWaitingCostsNoThread();
    void recvTimesOutAfterItsTimeout_data();
    void recvTimesOutAfterItsTimeout();
    void earliestDeadlineEndsTheWait();

private:
    QTemporaryDir m_dir;
};

void tst_IoThread::init()
{
    QVERIFY(m_dir.isValid());
    // The stores' timers are poked from I/O threads: a timer touched from there would warn.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_IoThread::postRunsOnTheThreadItBelongsTo()
{
    Stores stores;
    std::vector<std::thread::id> seenA, seenB;
    IoThread a(stores.context, 0);
    IoThread b(stores.context, 1);
    for (int i = 0; i < 100; ++i) {
        a.post([&seenA] { seenA.push_back(std::this_thread::get_id()); });
        b.post([&seenB] { seenB.push_back(std::this_thread::get_id()); });
    }
    QVERIFY(drain(a));
    QVERIFY(drain(b));
    QCOMPARE(seenA.size(), size_t(100));
    QCOMPARE(seenB.size(), size_t(100));
    QVERIFY(seenA.front() != std::this_thread::get_id());
    QVERIFY(seenB.front() != std::this_thread::get_id());
    QVERIFY(seenA.front() != seenB.front());
    QCOMPARE(std::count(seenA.begin(), seenA.end(), seenA.front()), 100);
    QCOMPARE(std::count(seenB.begin(), seenB.end(), seenB.front()), 100);
}

void tst_IoThread::postsFromOneThreadKeepTheirOrder()
{
    constexpr int kPosts = 10'000;
    Stores stores;
    std::vector<int> order;
    IoThread thread(stores.context, 0);
    for (int i = 0; i < kPosts; ++i)
        thread.post([&order, i] { order.push_back(i); });
    QVERIFY(drain(thread));
    QCOMPARE(order.size(), size_t(kPosts));
    for (int i = 0; i < kPosts; ++i)
        QCOMPARE(order[size_t(i)], i);
}

void tst_IoThread::postsFromSeveralThreadsKeepTheirOrder()
{
    constexpr int kPosters = 4;
    constexpr int kPostsEach = 2500;
    Stores stores;
    std::vector<std::pair<int, int>> order;
    IoThread thread(stores.context, 0);
    std::vector<std::thread> posters;
    for (int t = 0; t < kPosters; ++t) {
        posters.emplace_back([&thread, &order, t] {
            for (int i = 0; i < kPostsEach; ++i)
                thread.post([&order, t, i] { order.emplace_back(t, i); });
        });
    }
    for (std::thread &p : posters)
        p.join();
    QVERIFY(drain(thread));
    QCOMPARE(order.size(), size_t(kPosters * kPostsEach));
    std::vector<int> next(kPosters, 0);
    for (const auto &[poster, i] : order)
        QCOMPARE(i, next[size_t(poster)]++);
}

void tst_IoThread::destructionRunsWhatWasPostedAndClosesItsSockets()
{
    Stores stores;
    const int fdsBefore = openFdCount();
    const int threadsBefore = threadCount();
    std::atomic<int> ran{0};
    CallId waiting = 0;
    {
        IoThread thread(stores.context, 0);
        QCOMPARE(threadCount(), threadsBefore + 1);
        QList<int> ids;
        for (int i = 0; i < 3; ++i) {
            int fds[2];
            QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
            for (int fd : fds) {
                SocketInfo info;
                info.id = stores.context.claimSocketId(-1);
                info.family = AF_UNIX;
                info.type = SOCK_STREAM;
                ids << info.id;
                thread.post([&thread, info, fd] { thread.adopt(std::make_unique<SocketObject>(thread, info, fd)); });
            }
        }
        // A recv still waiting when the thread goes is ended, not left pending for ever.
        waiting = stores.journal.begin(callOn(CallKind::Recv, ids.first(), 10));
        thread.post([&thread, id = ids.first(), waiting] {
            Op op;
            op.id = waiting;
            op.call = callOn(CallKind::Recv, id, 10);
            if (SocketObject *s = thread.socket(id))
                s->enqueue(std::move(op));
        });
        QVERIFY(drain(thread));
        QCOMPARE(openFdCount(), fdsBefore + 2 + 6); // epoll set, eventfd, the sockets
        QCOMPARE(stores.context.routeOf(ids.last()), 0);
        QVERIFY(stores.journal.isPending(waiting));
        for (int i = 0; i < 1000; ++i)
            thread.post([&ran] { ran.fetch_add(1); });
        // Still running when the destructor starts: the destructor must wait for it.
        thread.post([&ran] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            ran.fetch_add(1);
        });
    }
    QCOMPARE(ran.load(), 1001);
    QCOMPARE(openFdCount(), fdsBefore);
    QCOMPARE(stores.journal.call(waiting).outcome.status, CallStatus::Cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(threadCount(), threadsBefore, 5000);
}

void tst_IoThread::workbenchDestructionClosesEverySocket()
{
    const int fdsBefore = openFdCount();
    const int threadsBefore = threadCount();
    {
        Workbench wb(3);
        QCOMPARE(wb.ioThreadCount(), 3);
        QCOMPARE(threadCount(), threadsBefore + 3);
        const int fdsWithWorkbench = openFdCount();
        const Listener l = listener(wb, AF_INET, m_dir);
        const CallId accept = wb.accept(l.id);
        const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
        const CallId recv = wb.recv(pair.first, 10);
        const int udp = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
        wb.bind(udp, loopback(AF_INET, m_dir));
        const CallId recvFrom = wb.recvFrom(udp, 100);
        wb.createSocket(AF_UNIX, SOCK_DGRAM);
        QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), fdsWithWorkbench + 5, 5000);
        for (CallId id : {accept, recv, recvFrom})
            QVERIFY(!wb.journal().wait(id, 10));
    }
    QCOMPARE(openFdCount(), fdsBefore);
    QTRY_COMPARE_WITH_TIMEOUT(threadCount(), threadsBefore, 5000);
}

void tst_IoThread::socketsAreSpreadAndWaitingCostsNoThread()
{
    constexpr int kThreads = 4;
    constexpr int kPairs = 500;
    const QList<int> epollsBefore = epollFds();
    Workbench wb(kThreads);
    QList<int> epolls = epollFds();
    epolls.removeIf([&](int fd) { return epollsBefore.contains(fd); });
    QCOMPARE(epolls.size(), kThreads);
    const int threadsBefore = threadCount();

    QList<CallId> recvs;
    for (int i = 0; i < kPairs; ++i) {
        const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
        recvs << wb.recv(pair.first, 64) << wb.recv(pair.second, 64);
    }
    // A waiting recv is its descriptor in its thread's epoll set, beside the thread's eventfd.
    const auto waitingInAll = [&] {
        int sum = 0;
        for (int fd : epolls)
            sum += watchedBy(fd) - 1;
        return sum;
    };
    QTRY_COMPARE_WITH_TIMEOUT(waitingInAll(), 2 * kPairs, 20000);
    QCOMPARE(threadCount(), threadsBefore);
    for (int fd : epolls)
        QVERIFY2(watchedBy(fd) - 1 >= 2 * kPairs / kThreads / 2, qPrintable(QString::number(watchedBy(fd))));
    for (CallId id : recvs)
        QVERIFY(wb.journal().isPending(id));
}

void tst_IoThread::recvTimesOutAfterItsTimeout_data()
{
    QTest::addColumn<double>("seconds");
    QTest::newRow("0.05 s") << 0.05;
    QTest::newRow("0.3 s") << 0.3;
    QTest::newRow("1 s") << 1.0;
}

void tst_IoThread::recvTimesOutAfterItsTimeout()
{
    QFETCH(double, seconds);
    // One thread and one idle socket: nothing but the epoll wait's own timeout can wake it.
    Workbench wb(1);
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QVERIFY(succeeded(finished(wb, wb.setTimeout(pair.first, seconds))));
    QElapsedTimer clock;
    clock.start();
    const CallId recv = wb.recv(pair.first, 10);
    QVERIFY(wb.journal().wait(recv, int(seconds * 1000) + 10000));
    const qint64 waited = clock.nsecsElapsed();
    const CallRecord r = wb.journal().call(recv);
    QCOMPARE(r.outcome.result, QStringLiteral("TimeoutError: timed out"));
    const auto timeoutNs = qint64(seconds * 1e9);
    QVERIFY2(r.durationNs >= timeoutNs, qPrintable(QString::number(r.durationNs)));
    QVERIFY2(waited >= timeoutNs, qPrintable(QString::number(waited)));
    QVERIFY2(r.durationNs < timeoutNs + 2'000'000'000, qPrintable(QString::number(r.durationNs)));
}

void tst_IoThread::earliestDeadlineEndsTheWait()
{
    Workbench wb(1);
    const auto slow = wb.socketPair(AF_UNIX, SOCK_STREAM);
    const auto quick = wb.socketPair(AF_UNIX, SOCK_STREAM);
    finished(wb, wb.setTimeout(slow.first, 1.5));
    finished(wb, wb.setTimeout(quick.first, 0.1));
    // The loop is already waiting for the 1.5 s deadline when the 0.1 s one arrives.
    const CallId slowRecv = wb.recv(slow.first, 10);
    QVERIFY(!wb.journal().wait(slowRecv, 50));
    const CallId quickRecv = wb.recv(quick.first, 10);
    const CallRecord q = finished(wb, quickRecv);
    const CallRecord s = finished(wb, slowRecv);
    QCOMPARE(q.outcome.errorName, QStringLiteral("timeout"));
    QCOMPARE(s.outcome.errorName, QStringLiteral("timeout"));
    QVERIFY2(q.durationNs >= 100'000'000 && q.durationNs < 1'000'000'000, qPrintable(QString::number(q.durationNs)));
    QVERIFY2(s.durationNs >= 1'500'000'000 && s.durationNs < 3'500'000'000, qPrintable(QString::number(s.durationNs)));
    QVERIFY(q.startMonoNs + q.durationNs < s.startMonoNs + s.durationNs);
}

QTEST_GUILESS_MAIN(tst_IoThread)
#include "tst_iothread.moc"
