// CallQueue on its own, without a socket: which call may be tried, in which order, and what a
// parked call holds back. The engine's lanes over real sockets are in tst_workbenchlanes.
#include "core/engine/callqueue.h"

#include <QTest>

#include <map>
#include <vector>

using namespace core;

namespace {

Op op(CallId id, CallKind kind)
{
    Op o;
    o.id = id;
    o.call.kind = kind;
    return o;
}

// attempt() for the tests: each call answers the step set for it (Done if none), and the order
// of the attempts is kept.
struct Script
{
    std::map<CallId, Step> answers;
    std::vector<CallId> tried;

    Step operator()(Op &o)
    {
        tried.push_back(o.id);
        const auto it = answers.find(o.id);
        return it == answers.end() ? Step::Done : it->second;
    }
};

} // namespace

class tst_CallQueue : public QObject
{
    Q_OBJECT
private slots:
    void aBlockedReadHoldsBackNoWrite();
    void aLaneKeepsItsOrder();
    void aWaitingControlCallHoldsBackEveryLane();
    void aCallQueuedDuringAttemptIsTriedInTheSamePump();
    void takeFindAndSweep();
};

void tst_CallQueue::aBlockedReadHoldsBackNoWrite()
{
    CallQueue queue;
    Script script;
    script.answers[1] = Step::WaitRead;
    QVERIFY(queue.push(op(1, CallKind::Recv)));
    QVERIFY(queue.pump(std::ref(script)));
    QVERIFY(queue.parked(Step::WaitRead));
    // The write and the query go at once, past the parked recv.
    QVERIFY(queue.push(op(2, CallKind::SendAll)));
    QVERIFY(queue.push(op(3, CallKind::SockName)));
    queue.pump(std::ref(script));
    QCOMPARE(script.tried, (std::vector<CallId>{1, 2, 3}));
    QCOMPARE(queue.size(), 1);
    // A second read waits behind the first.
    QVERIFY(!queue.push(op(4, CallKind::Recv)));
    queue.pump(std::ref(script));
    QCOMPARE(script.tried.size(), size_t(3));
    // Data came: both reads go, in their order.
    script.answers.erase(1);
    queue.wake(Step::WaitRead);
    queue.pump(std::ref(script));
    QCOMPARE(script.tried, (std::vector<CallId>{1, 2, 3, 1, 4}));
    QVERIFY(queue.empty());
}

void tst_CallQueue::aLaneKeepsItsOrder()
{
    CallQueue queue;
    Script script;
    script.answers[1] = Step::WaitWrite;
    QVERIFY(queue.push(op(1, CallKind::SendAll)));
    queue.pump(std::ref(script));
    QVERIFY(!queue.push(op(2, CallKind::Send)));
    QVERIFY(!queue.push(op(3, CallKind::SendTo)));
    // Woken for a read: the write stays parked, nothing behind it is tried.
    queue.wake(Step::WaitRead);
    queue.pump(std::ref(script));
    QCOMPARE(script.tried, (std::vector<CallId>{1}));
    script.answers.erase(1);
    queue.wake(Step::WaitRead, Step::WaitWrite);
    queue.pump(std::ref(script));
    QCOMPARE(script.tried, (std::vector<CallId>{1, 1, 2, 3}));
}

void tst_CallQueue::aWaitingControlCallHoldsBackEveryLane()
{
    CallQueue queue;
    Script script;
    script.answers[1] = Step::WaitWrite; // a blocking connect in progress
    QVERIFY(queue.push(op(1, CallKind::Connect)));
    queue.pump(std::ref(script));
    QVERIFY(!queue.push(op(2, CallKind::Recv)));
    QVERIFY(!queue.push(op(3, CallKind::SendAll)));
    QVERIFY(!queue.push(op(4, CallKind::PeerName)));
    queue.pump(std::ref(script));
    QCOMPARE(script.tried, (std::vector<CallId>{1}));
    script.answers.erase(1);
    queue.wake(Step::WaitWrite);
    queue.pump(std::ref(script));
    QCOMPARE(script.tried, (std::vector<CallId>{1, 1, 2, 3, 4}));
    // A control call that went through holds nothing back.
    QVERIFY(queue.push(op(5, CallKind::SetOption)));
    QVERIFY(queue.push(op(6, CallKind::Recv)));
}

void tst_CallQueue::aCallQueuedDuringAttemptIsTriedInTheSamePump()
{
    CallQueue queue;
    std::vector<CallId> tried;
    bool nestedPumpReturned = true;
    auto attempt = [&](Op &o) {
        tried.push_back(o.id);
        if (o.id == 1) {
            // What a call finishing inside attempt() may do: queue another and pump.
            queue.push(op(2, CallKind::Send));
            nestedPumpReturned = queue.pump([&](Op &) { return Step::Done; });
        }
        return Step::Done;
    };
    queue.push(op(1, CallKind::Send));
    QVERIFY(queue.pump(attempt));
    QVERIFY(!nestedPumpReturned);
    QCOMPARE(tried, (std::vector<CallId>{1, 2}));
    QVERIFY(queue.empty());
}

void tst_CallQueue::takeFindAndSweep()
{
    CallQueue queue;
    Script script;
    script.answers = {{1, Step::WaitRead}, {2, Step::WaitTimer}, {3, Step::WaitWrite}};
    queue.push(op(1, CallKind::Recv));
    queue.push(op(2, CallKind::Bind));
    queue.push(op(3, CallKind::Send));
    queue.pump(std::ref(script));
    QCOMPARE(script.tried, (std::vector<CallId>{1, 2})); // the parked bind holds back the send
    QVERIFY(queue.find(3));
    QVERIFY(!queue.find(9));
    QVERIFY(!queue.take(9));
    QCOMPARE(queue.take(1)->id, CallId(1));
    // The sweep sees parked calls only, and removes what it is told to.
    std::vector<CallId> swept;
    queue.sweepParked([&](Op &o) {
        swept.push_back(o.id);
        return o.id == 2;
    });
    QCOMPARE(swept, (std::vector<CallId>{2}));
    QCOMPARE(queue.size(), 1);
    queue.pump(std::ref(script));
    QVERIFY(queue.parked(Step::WaitWrite));
    QCOMPARE(queue.takeAll().size(), size_t(1));
    QVERIFY(queue.empty());
}

QTEST_GUILESS_MAIN(tst_CallQueue)
#include "tst_callqueue.moc"
