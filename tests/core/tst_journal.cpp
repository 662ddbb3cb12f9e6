#include "core/base/slabpool.h"
#include "core/store/journal.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>
#include <vector>

using namespace core;

namespace {
Call callOn(CallKind kind, int socketId, qint64 size = 0, QByteArray data = {})
{
    Call call;
    call.kind = kind;
    call.socketId = socketId;
    call.size = size;
    call.data = std::move(data);
    return call;
}
} // namespace

// The journal of calls on its own: records as values, the first outcome winning, waiting for
// one call from another thread, coalesced changed(), and many writers at once.
class tst_Journal : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void beginFinishAndRead();
    void appendIsFinishedAtOnce();
    void firstOutcomeWins();
    void unknownCallsAreRefused();
    void waitReturnsAtOnceForAFinishedCall();
    void waitTimesOutWhilePending();
    void waitWakesWhenAnotherThreadFinishes();
    void changedIsCoalesced();
    void concurrentWritersKeepEveryRecord();
    void engineCallsReadTheSame();
    void oldestPendingFollowsFinishes();
    void callsLiveInThePool();
};

void tst_Journal::init()
{
    // changed() comes from a timer on the journal's thread while other threads write.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_Journal::beginFinishAndRead()
{
    Journal journal;
    QCOMPARE(journal.count(), 0);
    QElapsedTimer clock;
    clock.start();
    const CallId id = journal.begin(callOn(CallKind::Send, 3, 0, "hi"));
    QCOMPARE(id, CallId(1));
    QCOMPARE(journal.count(), 1);
    QVERIFY(journal.isPending(id));

    CallRecord r = journal.call(id);
    QCOMPARE(r.id, id);
    QCOMPARE(r.socketId, 3);
    QCOMPARE(r.call, QStringLiteral("sk3.send(b'hi')"));
    QCOMPARE(r.payload(), QByteArray("hi"));
    QVERIFY(r.payloadComplete());
    QCOMPARE(r.value->kind, CallKind::Send);
    QVERIFY(r.startWallNs > 0);
    QVERIFY(r.startMonoNs > 0);
    QCOMPARE(r.durationNs, qint64(-1));
    QCOMPARE(r.outcome.status, CallStatus::Pending);
    QVERIFY(!r.finished());

    Outcome sent = Outcome::ok(QStringLiteral("2"));
    sent.count = 2;
    QVERIFY(journal.finish(id, sent));
    const qint64 elapsed = clock.nsecsElapsed();
    QVERIFY(!journal.isPending(id));
    r = journal.at(0);
    QCOMPARE(r.id, id);
    QVERIFY(r.finished());
    QCOMPARE(r.outcome.status, CallStatus::Done);
    QCOMPARE(r.outcome.result, QStringLiteral("2"));
    QCOMPARE(r.outcome.count, qint64(2));
    QVERIFY2(r.durationNs >= 0 && r.durationNs <= elapsed, qPrintable(QString::number(r.durationNs)));

    const CallId second = journal.begin(callOn(CallKind::GetHostName, -1));
    QCOMPARE(second, CallId(2));
    QCOMPARE(journal.at(1).id, second);
    QCOMPARE(journal.at(1).socketId, -1);
    QCOMPARE(journal.count(), 2);
}

void tst_Journal::appendIsFinishedAtOnce()
{
    Journal journal;
    const CallId id = journal.append([] { Call c = callOn(CallKind::Accept, 4); c.newSocketId = 5; return c; }(), Outcome::ok(QStringLiteral("None")));
    QVERIFY(!journal.isPending(id));
    const CallRecord r = journal.call(id);
    QCOMPARE(r.outcome.status, CallStatus::Done);
    QVERIFY(r.durationNs >= 0);
    QVERIFY(journal.wait(id, 0));
}

void tst_Journal::firstOutcomeWins()
{
    Journal journal;
    const CallId id = journal.begin(callOn(CallKind::Recv, 1, 10));
    QVERIFY(journal.finish(id, Outcome::cancelled(QStringLiteral("cancelled by the user"))));
    const qint64 duration = journal.call(id).durationNs;
    // The I/O thread's late result loses to the cancel that already ended the call.
    QVERIFY(!journal.finish(id, Outcome::ok(QStringLiteral("b'late'"))));
    QVERIFY(!journal.finish(id, Outcome::osError(ECONNRESET)));
    const CallRecord r = journal.call(id);
    QCOMPARE(r.outcome.status, CallStatus::Cancelled);
    QCOMPARE(r.outcome.note, QStringLiteral("cancelled by the user"));
    QCOMPARE(r.durationNs, duration);
}

void tst_Journal::unknownCallsAreRefused()
{
    Journal journal;
    journal.begin(callOn(CallKind::Fileno, 1));
    for (CallId id : {CallId(0), CallId(2), CallId(1000)}) {
        QVERIFY(!journal.finish(id, Outcome::ok(QStringLiteral("None"))));
        QVERIFY(!journal.isPending(id));
        QVERIFY(!journal.wait(id, 10));
        QCOMPARE(journal.call(id).id, CallId(0));
    }
    QCOMPARE(journal.at(-1).id, CallId(0));
    QCOMPARE(journal.count(), 1);
}

void tst_Journal::waitReturnsAtOnceForAFinishedCall()
{
    Journal journal;
    const CallId id = journal.begin(callOn(CallKind::Fileno, 1));
    journal.finish(id, Outcome::ok(QStringLiteral("5")));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(journal.wait(id, 10000));
    QVERIFY(journal.wait(id, 0));
    QVERIFY(journal.wait(id, -1));
    QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
}

void tst_Journal::waitTimesOutWhilePending()
{
    Journal journal;
    const CallId id = journal.begin(callOn(CallKind::Recv, 1, 10));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!journal.wait(id, 200));
    const qint64 waited = clock.nsecsElapsed();
    QVERIFY2(waited >= 200'000'000, qPrintable(QString::number(waited)));
    QVERIFY2(waited < 3'000'000'000, qPrintable(QString::number(waited)));
    QVERIFY(journal.isPending(id));
    QCOMPARE(journal.call(id).durationNs, qint64(-1));
}

void tst_Journal::waitWakesWhenAnotherThreadFinishes()
{
    Journal journal;
    const CallId id = journal.begin(callOn(CallKind::Recv, 1, 10));
    const CallId other = journal.begin(callOn(CallKind::Recv, 2, 10));
    QElapsedTimer clock;
    clock.start();
    std::atomic<qint64> finishedAt{-1};
    std::thread finisher([&] {
        // Long enough for the waits below to have begun.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        finishedAt = clock.nsecsElapsed();
        journal.finish(id, Outcome::ok(QStringLiteral("b'x'")));
    });
    // A waiter on another call is woken by the same notification and must keep waiting.
    std::atomic<bool> otherFinished{true};
    std::thread otherWaiter([&] { otherFinished = journal.wait(other, 300); });

    const bool woke = journal.wait(id, 10000);
    const qint64 wokeAt = clock.nsecsElapsed();
    finisher.join();
    otherWaiter.join();
    QVERIFY(woke);
    QVERIFY(finishedAt.load() >= 0);
    QVERIFY2(wokeAt - finishedAt.load() < 500'000'000, qPrintable(QString::number(wokeAt - finishedAt.load())));
    QVERIFY(!otherFinished.load());
    QVERIFY(journal.isPending(other));
    QVERIFY(journal.call(id).durationNs >= 0);
}

void tst_Journal::changedIsCoalesced()
{
    constexpr int kThreads = 4;
    constexpr int kCallsEach = 2500;
    Journal journal;
    QSignalSpy spy(&journal, &Journal::changed);
    QElapsedTimer clock;
    clock.start();
    std::atomic<int> done{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
        writers.emplace_back([&journal, &done, t] {
            for (int i = 0; i < kCallsEach; ++i)
                journal.begin(callOn(CallKind::Fileno, t));
            done.fetch_add(1);
        });
    }
    // The journal's thread runs its event loop meanwhile, as the window's does.
    QTRY_COMPARE_WITH_TIMEOUT(done.load(), kThreads, 30000);
    for (std::thread &w : writers)
        w.join();
    const qint64 writingMs = clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 1, 5000);
    for (int quiet = 0; quiet < 100 && spy.wait(100); ++quiet) {
    }
    QCOMPARE(journal.count(), kThreads * kCallsEach);
    // At most one signal per ~16 ms of writing (plus the one after the last write), never one per call.
    QVERIFY2(spy.count() <= writingMs / 16 + 3 && spy.count() < 100,
             qPrintable(QStringLiteral("%1 signals in %2 ms").arg(spy.count()).arg(writingMs)));
    QVERIFY(!spy.wait(100));
}

void tst_Journal::concurrentWritersKeepEveryRecord()
{
    constexpr int kThreads = 8;
    constexpr int kCallsEach = 2000;
    Journal journal;
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
        writers.emplace_back([&journal, t] {
            for (int i = 0; i < kCallsEach; ++i) {
                // Both ways a record is written: begun then finished, and appended finished.
                if (i % 2) {
                    const CallId id = journal.begin(callOn(CallKind::Recv, t, i));
                    journal.finish(id, Outcome::ok(QStringLiteral("None")));
                } else {
                    journal.append(callOn(CallKind::Recv, t, i), Outcome::ok(QStringLiteral("None")));
                }
            }
        });
    }
    // A reader at the same time sees ids that match their positions.
    std::atomic<bool> writing{true};
    std::atomic<int> mismatches{0};
    std::thread reader([&] {
        while (writing.load()) {
            const qsizetype n = journal.count();
            if (n > 0 && journal.at(n - 1).id != CallId(n))
                mismatches.fetch_add(1);
        }
    });
    for (std::thread &w : writers)
        w.join();
    writing = false;
    reader.join();
    QCOMPARE(mismatches.load(), 0);

    QCOMPARE(journal.count(), qsizetype(kThreads * kCallsEach));
    std::vector<int> next(kThreads, 0);
    for (qsizetype i = 0; i < journal.count(); ++i) {
        const CallRecord r = journal.at(i);
        QCOMPARE(r.id, CallId(i + 1)); // unique and increasing
        QVERIFY(r.finished());
        QVERIFY(r.durationNs >= 0);
        QVERIFY(r.socketId >= 0 && r.socketId < kThreads);
        // Each writer's records keep the order it wrote them in, with none missing.
        QCOMPARE(r.value->size, qint64(next[size_t(r.socketId)]++));
    }
    for (int n : next)
        QCOMPARE(n, kCallsEach);
}

void tst_Journal::engineCallsReadTheSame()
{
    // A rule's reply and a schedule's send keep their text for their reader: every way of
    // reading gives the text the call would have had when it was made.
    Journal journal;
    const QByteArray big(int(Journal::kPayloadPerCall) + 10, 'x');
    for (const CallOrigin origin : {CallOrigin::Window, CallOrigin::Rule, CallOrigin::Schedule}) {
        for (const QByteArray &data : {QByteArray("RSP 1\r\n"), QByteArray(), big}) {
            Call call = callOn(CallKind::SendAll, 2, 0, data);
            call.origin = origin;
            const QString expected = call.pythonText();
            const CallId id = journal.begin(call);
            const CallRecord atRecord = journal.call(id);
            QCOMPARE(atRecord.call, expected);
            QCOMPARE(journal.range(qsizetype(id) - 1, 1).front().call, expected);
            const CallRecord lazy = journal.range(qsizetype(id) - 1, 1, Journal::Text::Lazy).front();
            QCOMPARE(Journal::textOf(lazy), expected);
            // Lazy only where the payload was kept whole (the text shows the real size).
            if (origin != CallOrigin::Window && data.size() <= Journal::kPayloadPerCall)
                QVERIFY(lazy.call.isEmpty());
            else
                QCOMPARE(lazy.call, expected);
        }
    }
}

void tst_Journal::oldestPendingFollowsFinishes()
{
    Journal journal;
    QCOMPARE(journal.oldestPending(4), CallId(0));
    const CallId a = journal.begin(callOn(CallKind::Send, 4, 0, "a"));
    const CallId b = journal.begin(callOn(CallKind::Send, 4, 0, "b"));
    const CallId other = journal.begin(callOn(CallKind::Send, 5, 0, "c"));
    const CallId c = journal.begin(callOn(CallKind::Send, 4, 0, "d"));
    QCOMPARE(journal.oldestPending(4), a);
    QCOMPARE(journal.oldestPending(5), other);
    QCOMPARE(journal.pendingOf(4), (std::vector<CallId>{a, b, c}));
    QVERIFY(journal.pendingOf(9).empty());
    QVERIFY(journal.finish(b, Outcome::ok(QStringLiteral("1"))));
    QCOMPARE(journal.oldestPending(4), a); // a later call finishing first leaves the oldest
    QCOMPARE(journal.pendingOf(4), (std::vector<CallId>{a, c}));
    QVERIFY(journal.finish(a, Outcome::ok(QStringLiteral("1"))));
    QCOMPARE(journal.oldestPending(4), c);
    QVERIFY(journal.finish(c, Outcome::ok(QStringLiteral("1"))));
    QCOMPARE(journal.oldestPending(4), CallId(0));
    // The socket's list was emptied, not dropped: a new call is found again.
    const CallId d = journal.begin(callOn(CallKind::Send, 4, 0, "e"));
    QCOMPARE(journal.oldestPending(4), d);
    QCOMPARE(journal.oldestPending(5), other);
}

void tst_Journal::callsLiveInThePool()
{
    if (!SlabPool::kPooling)
        QSKIP("calls are not pooled under AddressSanitizer");
    SlabPool &pool = Journal::callPool();
    const std::size_t before = pool.inUse();
    CallRecord kept;
    {
        Journal journal;
        for (int i = 0; i < 3000; ++i) // more than one block's slots
            journal.append(callOn(CallKind::Send, 2, 0, QByteArray::number(i)), Outcome::ok(QStringLiteral("1")));
        QCOMPARE(pool.inUse(), before + 3000);
        kept = journal.call(CallId(2999));
    }
    // A record read out of a journal keeps its call after the journal is gone; the others'
    // slots are free again and are used first.
    QCOMPARE(pool.inUse(), before + 1);
    QCOMPARE(kept.payload(), QByteArray("2998"));
    kept = {};
    QCOMPARE(pool.inUse(), before);
    Journal again;
    again.append(callOn(CallKind::Send, 2, 0, "x"), Outcome::ok(QStringLiteral("1")));
    QCOMPARE(pool.inUse(), before + 1);
    QCOMPARE(again.call(CallId(1)).payload(), QByteArray("x"));
}

QTEST_GUILESS_MAIN(tst_Journal)
#include "tst_journal.moc"
