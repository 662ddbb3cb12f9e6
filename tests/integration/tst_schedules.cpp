// Schedules sending to python3 peers and to workbench sockets over TCP, UDP and UNIX: sends on an
// interval arrive in order, a burst arrives complete, and a schedule stops when it is stopped or
// its socket closes. The journal, the traffic store and the schedule status say the same. Every
// peer has a socket timeout and every wait here is bounded.
#include "tests/core/testsupport.h"
#include "tests/integration/responderpeers.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using namespace core;
using namespace responderpeers;
using namespace testsupport;

class tst_Schedules : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void scheduleArrivesInOrder_data();
    void scheduleArrivesInOrder();
    void untilStoppedScheduleStops();
    void burstArrivesComplete_data();
    void burstArrivesComplete();
    void closingTheSocketStopsItsSchedules();

private:
    QString path(const QString &name) { return socketPath(m_dir, &m_names, name); }

    QTemporaryDir m_dir;
    int m_names = 0;
};

void tst_Schedules::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_Schedules::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_Schedules::scheduleArrivesInOrder_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("UDP") << int(SOCK_DGRAM);
    QTest::newRow("TCP") << int(SOCK_STREAM);
}

// Twenty sends every 10 ms: the peer gets twenty payloads, {counter} 1 to 20 in order, on the
// schedule's grid; the schedule then says it is done.
void tst_Schedules::scheduleArrivesInOrder()
{
    QFETCH(int, type);
    QProcess python;
    QString port;
    QVERIFY(startPeer(python, QStringLiteral(R"(
import socket, sys
type_ = int(sys.argv[1])
s = socket.socket(socket.AF_INET, type_)
s.settimeout(10)
s.bind(('127.0.0.1', 0))
if type_ == socket.SOCK_STREAM:
    s.listen(1)
print(s.getsockname()[1], flush=True)
if type_ == socket.SOCK_STREAM:
    c, _ = s.accept()
    c.settimeout(10)
    data = b''
    while data.count(b'\n') < 20:
        chunk = c.recv(4096)
        if not chunk:
            break
        data += chunk
    for line in data.decode().splitlines():
        print(line)
else:
    for _ in range(20):
        print(s.recv(1024).decode())
)"),
                      {QString::number(type)}, &port));
    const SocketAddress target = address(QStringLiteral("127.0.0.1:") + port, AF_INET);
    Workbench wb;
    const int s = wb.createSocket(AF_INET, type).socketId;
    Schedule schedule;
    schedule.socketId = s;
    schedule.intervalMs = 10;
    schedule.count = 20;
    if (type == SOCK_STREAM) {
        QVERIFY(succeeded(finished(wb, wb.connect(s, target))));
        schedule.payload = QStringLiteral("tick {counter}\\n");
        schedule.kind = CallKind::SendAll;
    } else {
        schedule.payload = QStringLiteral("tick {counter}");
        schedule.kind = CallKind::SendTo;
        schedule.address = target;
    }
    const std::variant<int, ScheduleError> started = wb.startSchedule(schedule);
    QVERIFY(std::holds_alternative<int>(started));
    const int id = std::get<int>(started);

    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QStringList expected;
    for (int i = 1; i <= 20; ++i)
        expected << QStringLiteral("tick %1").arg(i);
    QCOMPARE(lines, expected);

    QTRY_VERIFY_WITH_TIMEOUT(scheduleStatus(wb, id) && !scheduleStatus(wb, id)->running, 5000);
    const ScheduleStatus status = *scheduleStatus(wb, id);
    QCOMPARE(status.stopReason, QStringLiteral("done"));
    QCOMPARE(status.sent, quint64(20));
    QCOMPARE(status.failed, quint64(0));
    QCOMPARE(status.schedule, schedule);

    const QList<CallRecord> sends = callsBy(wb, CallOrigin::Schedule);
    QCOMPARE(sends.size(), 20);
    for (int i = 0; i < 20; ++i) {
        QVERIFY(succeeded(sends.at(i)));
        QCOMPARE(sends.at(i).socketId, s);
        QCOMPARE(sends.at(i).value->source.schedule, id);
        QCOMPARE(sends.at(i).value->source.send, quint64(i + 1));
        QCOMPARE(sends.at(i).value->source.text(), QStringLiteral("schedule %1, send %2").arg(id).arg(i + 1));
        QCOMPARE(sends.at(i).value->kind, schedule.kind);
    }
    // On the grid start + k × 10 ms: the twentieth send is made no sooner than 190 ms after the first.
    const qint64 spanMs = (sends.last().startMonoNs - sends.first().startMonoNs) / 1'000'000;
    QVERIFY2(spanMs >= 185, qPrintable(QString::number(spanMs)));
    QTRY_COMPARE_WITH_TIMEOUT(records(wb, s, Direction::Out).size(), 20, 3000);
}

// A schedule that runs until stopped sends nothing more once stopSchedule has taken effect.
void tst_Schedules::untilStoppedScheduleStops()
{
    Workbench wb;
    const int receiver = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(receiver, loopback(AF_INET, m_dir));
    const SocketAddress target = finished(wb, wb.sockName(receiver)).outcome.address;
    const int s = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    QVERIFY(succeeded(finished(wb, wb.connect(s, target))));
    Schedule schedule;
    schedule.socketId = s;
    schedule.payload = QStringLiteral("u{counter}");
    schedule.kind = CallKind::Send;
    schedule.intervalMs = 10;
    schedule.count = 0;
    const std::variant<int, ScheduleError> started = wb.startSchedule(schedule);
    QVERIFY(std::holds_alternative<int>(started));
    const int id = std::get<int>(started);
    QTRY_VERIFY_WITH_TIMEOUT(scheduleStatus(wb, id)->sent >= 5, 5000);
    QVERIFY(scheduleStatus(wb, id)->running);

    QVERIFY(wb.stopSchedule(id));
    QVERIFY(!scheduleStatus(wb, id)->running);
    QCOMPARE(scheduleStatus(wb, id)->stopReason, QStringLiteral("stopped"));
    QVERIFY(!wb.stopSchedule(id)); // not running any more
    QVERIFY(!wb.stopSchedule(id + 100)); // no such schedule
    // Settled: the stop has reached the I/O thread (a call after it has finished) and no send waits.
    finished(wb, wb.sockName(s));
    QTRY_COMPARE_WITH_TIMEOUT(wb.journal().oldestPending(s), CallId(0), 3000);
    const quint64 sent = scheduleStatus(wb, id)->sent;
    const qsizetype out = records(wb, s, Direction::Out).size();
    QCOMPARE(quint64(out), sent);
    QCOMPARE(qsizetype(callsBy(wb, CallOrigin::Schedule).size()), qsizetype(sent));
    // Measuring an absence: thirty intervals pass without a send.
    QTest::qWait(300);
    QCOMPARE(scheduleStatus(wb, id)->sent, sent);
    QCOMPARE(records(wb, s, Direction::Out).size(), out);
    QCOMPARE(qsizetype(callsBy(wb, CallOrigin::Schedule).size()), qsizetype(sent));
    // What went out arrived in order.
    wb.setBlocking(receiver, false);
    for (quint64 i = 1; i <= sent; ++i)
        QCOMPARE(finished(wb, wb.recv(receiver, 64)).outcome.data, "u" + QByteArray::number(i));
}

void tst_Schedules::burstArrivesComplete_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::newRow("TCP") << int(AF_INET) << int(SOCK_STREAM);
    QTest::newRow("UNIX datagram") << int(AF_UNIX) << int(SOCK_DGRAM);
}

// A burst of 1,000 sends, each as soon as the one before finished: the peer gets all of them in
// order. (A UNIX datagram socket waits when the receiver's queue is full; nothing is dropped.)
void tst_Schedules::burstArrivesComplete()
{
    QFETCH(int, family);
    QFETCH(int, type);
    constexpr int kSends = 1000;
    const QString where = path(QStringLiteral("burst"));
    QProcess python;
    QString ready;
    QVERIFY(startPeer(python, QStringLiteral(R"(
import socket, sys
family, type_, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[4])
s = socket.socket(family, type_)
s.settimeout(20)
s.bind(sys.argv[3] if family == socket.AF_UNIX else ('127.0.0.1', 0))
if type_ == socket.SOCK_STREAM:
    s.listen(1)
print(sys.argv[3] if family == socket.AF_UNIX else s.getsockname()[1], flush=True)
got = []
if type_ == socket.SOCK_STREAM:
    c, _ = s.accept()
    c.settimeout(20)
    data = b''
    while True:
        chunk = c.recv(65536)
        if not chunk:
            break
        data += chunk
    got = data.decode().split('\n')[:-1]
else:
    for _ in range(count):
        got.append(s.recv(1024).decode().rstrip('\n'))
expected = ['b%d' % i for i in range(1, count + 1)]
print(len(got), 'in order' if got == expected else 'out of order: %r' % got[:20], flush=True)
)"),
                      {QString::number(family), QString::number(type), where, QString::number(kSends)}, &ready));
    const SocketAddress target = family == AF_UNIX ? address(ready, AF_UNIX) : address(QStringLiteral("127.0.0.1:") + ready, AF_INET);
    Workbench wb;
    const int s = wb.createSocket(family, type).socketId;
    Schedule schedule;
    schedule.socketId = s;
    schedule.payload = QStringLiteral("b{counter}\\n");
    schedule.burst = true;
    schedule.count = kSends;
    if (type == SOCK_STREAM) {
        QVERIFY(succeeded(finished(wb, wb.connect(s, target))));
        schedule.kind = CallKind::SendAll;
    } else {
        schedule.kind = CallKind::SendTo;
        schedule.address = target;
    }
    const std::variant<int, ScheduleError> started = wb.startSchedule(schedule);
    QVERIFY(std::holds_alternative<int>(started));
    const int id = std::get<int>(started);
    QTRY_VERIFY_WITH_TIMEOUT(!scheduleStatus(wb, id)->running, 30000);
    const ScheduleStatus status = *scheduleStatus(wb, id);
    QCOMPARE(status.stopReason, QStringLiteral("done"));
    QCOMPARE(status.sent, quint64(kSends));
    QCOMPARE(status.failed, quint64(0));
    if (type == SOCK_STREAM)
        QVERIFY(succeeded(finished(wb, wb.close(s)))); // the peer reads to EOF

    QStringList lines;
    QVERIFY(peerFinished(python, &lines));
    QCOMPARE(lines, QStringList{QStringLiteral("%1 in order").arg(kSends)});
    const QList<CallRecord> sends = callsBy(wb, CallOrigin::Schedule);
    QCOMPARE(sends.size(), kSends);
    QCOMPARE(sends.last().value->source.text(), QStringLiteral("schedule %1, send %2").arg(id).arg(kSends));
    QCOMPARE(sends.last().payload(), "b" + QByteArray::number(kSends) + '\n');
}

// Closing a socket stops every schedule on it, with the reason; a schedule started on a closed
// socket stops at once.
void tst_Schedules::closingTheSocketStopsItsSchedules()
{
    Workbench wb;
    const int receiver = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(receiver, loopback(AF_INET, m_dir));
    const SocketAddress target = finished(wb, wb.sockName(receiver)).outcome.address;
    const int s = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    Schedule fast;
    fast.socketId = s;
    fast.payload = QStringLiteral("fast {counter}");
    fast.kind = CallKind::SendTo;
    fast.address = target;
    fast.intervalMs = 10;
    Schedule slow = fast;
    slow.payload = QStringLiteral("slow {counter}");
    slow.intervalMs = 60'000;
    slow.count = 5;
    const int fastId = std::get<int>(wb.startSchedule(fast));
    const int slowId = std::get<int>(wb.startSchedule(slow));
    QVERIFY(fastId != slowId);
    QTRY_VERIFY_WITH_TIMEOUT(scheduleStatus(wb, fastId)->sent >= 3, 5000);
    QCOMPARE(scheduleStatus(wb, slowId)->sent, quint64(1)); // the first send goes at once

    QVERIFY(succeeded(finished(wb, wb.close(s))));
    for (int id : {fastId, slowId}) {
        const ScheduleStatus status = *scheduleStatus(wb, id);
        QVERIFY(!status.running);
        QCOMPARE(status.stopReason, QStringLiteral("socket closed"));
    }
    QVERIFY(!wb.stopSchedule(fastId));
    QTRY_COMPARE_WITH_TIMEOUT(wb.journal().oldestPending(s), CallId(0), 3000);
    const quint64 sent = scheduleStatus(wb, fastId)->sent;
    const qsizetype out = records(wb, s, Direction::Out).size();
    // Measuring an absence: ten intervals pass without a send.
    QTest::qWait(100);
    QCOMPARE(scheduleStatus(wb, fastId)->sent, sent);
    QCOMPARE(records(wb, s, Direction::Out).size(), out);

    const std::variant<int, ScheduleError> late = wb.startSchedule(fast);
    QVERIFY(std::holds_alternative<int>(late));
    const int lateId = std::get<int>(late);
    QTRY_VERIFY_WITH_TIMEOUT(!scheduleStatus(wb, lateId)->running, 3000);
    QCOMPARE(scheduleStatus(wb, lateId)->stopReason, QStringLiteral("socket closed"));
    QCOMPARE(scheduleStatus(wb, lateId)->sent, quint64(0));

    // An invalid schedule is refused before anything runs.
    Schedule invalid = fast;
    invalid.intervalMs = 0;
    const std::variant<int, ScheduleError> refused = wb.startSchedule(invalid);
    QVERIFY(std::holds_alternative<ScheduleError>(refused));
    QCOMPARE(std::get<ScheduleError>(refused).field, ScheduleField::Interval);
    QCOMPARE(wb.schedules().size(), 3);
}

QTEST_GUILESS_MAIN(tst_Schedules)
#include "tst_schedules.moc"
