#include "core/store/journal.h"
#include "core/store/trafficstore.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

using namespace core;

// The traffic store and journal: compact records, lock-free reads by index while I/O threads
// write, payloads that never move, and notifications coalesced in time.
class tst_TrafficStore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void recordIsCompact();
    void appendAndRead();
    void recordsSayTheirLayer();
    void peersAreInterned();
    void largePayloadsGetTheirOwnBlock();
    void concurrentWritersAndReader();
    void payloadCapKeepsRecordsDropsBytes();
    void readSpaceStoresWithoutCopy();
    void readSpacePayloadCap();
    void heavyTrafficBlocksMadeAhead();
    void notificationsAreCoalesced();
    void journalLifecycle();
    void journalWaitTimesOut();
};

void tst_TrafficStore::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|thread")));
}

void tst_TrafficStore::recordIsCompact()
{
    QVERIFY(sizeof(TrafficRecord) <= 64);
}

void tst_TrafficStore::appendAndRead()
{
    TrafficStore store;
    QCOMPARE(store.count(), 0);
    QCOMPARE(store.append(3, Direction::Out, "hello"), 0);
    QCOMPARE(store.append(4, Direction::In, {}, {}, TrafficFlag::Eof), 1);
    QCOMPARE(store.append(4, Direction::In, "abcdefghij", {}, TrafficFlag::Truncated, 100), 2);
    QCOMPARE(store.count(), 3);
    const TrafficRecord a = store.at(0);
    QCOMPARE(a.socketId, 3);
    QCOMPARE(a.direction, Direction::Out);
    QCOMPARE(store.payload(a), QByteArrayView("hello"));
    QVERIFY(a.timeNs > 0);
    QVERIFY(store.at(1).flags & TrafficFlag::Eof);
    QCOMPARE(store.payload(store.at(1)).size(), 0);
    QCOMPARE(store.at(2).wireLength, 100u);
    QCOMPARE(store.bytes(Direction::In), 10u);
    QCOMPARE(store.bytes(Direction::Out), 5u);
    QCOMPARE(store.at(99).socketId, 0); // out of range: an empty record, no crash
}

// A socket with a layer (TLS) keeps its bytes twice: the application's plaintext and the wire's
// records. Both are kept, each says which it is, and the byte counts are the application's.
void tst_TrafficStore::recordsSayTheirLayer()
{
    TrafficStore store;
    store.append(1, Direction::Out, "plain");
    store.append(2, Direction::Out, "hello", {}, 0, 0, 0, TrafficLayer::Application);
    store.append(2, Direction::Out, QByteArray(29, 'x'), {}, 0, 0, 0, TrafficLayer::Wire);
    TrafficStore::ReadSpace space;
    QVERIFY(store.prepare(space, 64));
    std::memcpy(space.data, "0123456789abcdef", 16);
    store.commit(space, 2, Direction::In, 16, {}, TrafficLayer::Wire);
    store.append(2, Direction::In, "ok", {}, 0, 0, 0, TrafficLayer::Application);
    QCOMPARE(store.count(), 5);
    QCOMPARE(store.at(0).layer, TrafficLayer::Plain);
    QCOMPARE(store.at(1).layer, TrafficLayer::Application);
    QCOMPARE(store.at(2).layer, TrafficLayer::Wire);
    QCOMPARE(store.at(3).layer, TrafficLayer::Wire);
    QCOMPARE(store.payload(store.at(3)), QByteArrayView("0123456789abcdef"));
    QVERIFY(isApplicationRecord(store.at(0)) && isWireRecord(store.at(0)));
    QVERIFY(isApplicationRecord(store.at(1)) && !isWireRecord(store.at(1)));
    QVERIFY(!isApplicationRecord(store.at(2)) && isWireRecord(store.at(2)));
    QCOMPARE(store.bytes(Direction::Out), 10u); // "plain" and "hello", not the 29 wire bytes
    QCOMPARE(store.bytes(Direction::In), 2u);
    QCOMPARE(store.payloadBytes(), 5u + 5 + 29 + 16 + 2); // every record's bytes are kept
}

void tst_TrafficStore::peersAreInterned()
{
    TrafficStore store;
    const SocketAddress p1 = SocketAddress::ipv4(0x7f000001, 5000);
    const SocketAddress p2 = SocketAddress::ipv4(0x7f000001, 5001);
    store.append(1, Direction::In, "a", p1);
    store.append(1, Direction::In, "b", p2);
    store.append(1, Direction::In, "c", p1);
    QCOMPARE(store.at(0).peerId, store.at(2).peerId);
    QVERIFY(store.at(0).peerId != store.at(1).peerId);
    QCOMPARE(store.peer(store.at(1).peerId), p2);
    QVERIFY(!store.peer(0).isValid());
}

void tst_TrafficStore::largePayloadsGetTheirOwnBlock()
{
    TrafficStore store;
    const QByteArray big(9 << 20, 'B');
    store.append(1, Direction::In, "small");
    store.append(1, Direction::In, big);
    store.append(1, Direction::In, "after");
    QCOMPARE(store.payload(store.at(1)), QByteArrayView(big));
    QCOMPARE(store.payload(store.at(0)), QByteArrayView("small"));
    QCOMPARE(store.payload(store.at(2)), QByteArrayView("after"));
}

// Two writer threads append while this thread reads every published record; each payload must
// match its record, whatever the interleaving.
void tst_TrafficStore::concurrentWritersAndReader()
{
    TrafficStore store;
    constexpr int kPerWriter = 50000;
    std::atomic<int> running{2};
    auto writer = [&](int socketId) {
        for (int i = 0; i < kPerWriter; ++i) {
            const QByteArray payload = QByteArray::number(socketId) + ':' + QByteArray::number(i);
            store.append(socketId, Direction::In, payload);
        }
        running.fetch_sub(1);
    };
    std::thread a(writer, 1), b(writer, 2);
    qsizetype checked = 0;
    int lastSeen[3] = {-1, -1, -1};
    while (running.load() > 0 || checked < store.count()) {
        const qsizetype n = store.count();
        for (; checked < n; ++checked) {
            const TrafficRecord r = store.at(checked);
            const QList<QByteArray> parts = store.payload(r).toByteArray().split(':');
            QCOMPARE(parts.size(), 2);
            QCOMPARE(parts[0].toInt(), r.socketId);
            const int seq = parts[1].toInt();
            QCOMPARE(seq, lastSeen[r.socketId] + 1); // each writer's records stay in order
            lastSeen[r.socketId] = seq;
        }
    }
    a.join();
    b.join();
    QCOMPARE(store.count(), 2 * kPerWriter);
    QCOMPARE(checked, 2 * kPerWriter);
}

void tst_TrafficStore::payloadCapKeepsRecordsDropsBytes()
{
    TrafficStore store;
    store.setPayloadLimit(10);
    store.append(1, Direction::In, "123456");
    store.append(1, Direction::In, "789012"); // would pass the cap: kept as a record, bytes dropped
    store.append(1, Direction::In, "ab");
    QCOMPARE(store.count(), 3);
    QCOMPARE(store.payload(store.at(0)), QByteArrayView("123456"));
    QVERIFY(store.at(1).flags & TrafficFlag::Dropped);
    QCOMPARE(store.at(1).length, 0u);
    QCOMPARE(store.at(1).wireLength, 6u);
    QCOMPARE(store.payload(store.at(2)), QByteArrayView("ab"));
    QCOMPARE(store.payloadBytes(), 8u);
    QCOMPARE(store.droppedBytes(), 6u);
    QCOMPARE(store.bytes(Direction::In), 14u);
}

// A watched stream's recv writes straight into the store: the record points at those bytes.
void tst_TrafficStore::readSpaceStoresWithoutCopy()
{
    TrafficStore store;
    TrafficStore::ReadSpace space;
    QVERIFY(store.prepare(space, 100));
    char *written = space.data;
    std::memcpy(written, "hello", 5);
    QCOMPARE(store.commit(space, 2, Direction::In, 5), 0);
    QCOMPARE(store.append(3, Direction::Out, "shared"), 1); // append() fills a block of its own
    QVERIFY(store.prepare(space, 100));
    QCOMPARE(space.data, written + 5);
    std::memcpy(space.data, "world", 5);
    QCOMPARE(store.commit(space, 2, Direction::In, 5), 2);
    QCOMPARE(store.payload(store.at(0)).data(), written);
    QCOMPARE(store.payload(store.at(0)), QByteArrayView("hello"));
    QCOMPARE(store.payload(store.at(1)), QByteArrayView("shared"));
    QCOMPARE(store.payload(store.at(2)), QByteArrayView("world"));
    QCOMPARE(store.bytes(Direction::In), 10u);
    QCOMPARE(store.payloadBytes(), 16u);

    // Reads past the end of a block go on in a fresh one; nothing written before moves.
    constexpr qsizetype kRead = 128 * 1024;
    for (int i = 0; i < 100; ++i) {
        QVERIFY(store.prepare(space, kRead));
        std::memset(space.data, 'a' + i % 26, size_t(kRead));
        QCOMPARE(store.commit(space, 2, Direction::In, kRead), qint64(3 + i));
    }
    for (int i = 0; i < 100; ++i) {
        const QByteArrayView payload = store.payload(store.at(3 + i));
        QCOMPARE(payload.size(), kRead);
        QCOMPARE(payload.front(), char('a' + i % 26));
        QCOMPARE(payload.back(), char('a' + i % 26));
    }
    QCOMPARE(store.payload(store.at(0)), QByteArrayView("hello"));
}

void tst_TrafficStore::readSpacePayloadCap()
{
    TrafficStore store;
    store.setPayloadLimit(10);
    TrafficStore::ReadSpace space;
    QVERIFY(store.prepare(space, 64));
    std::memcpy(space.data, "123456", 6);
    store.commit(space, 1, Direction::In, 6);
    std::memcpy(space.data, "789012", 6);
    store.commit(space, 1, Direction::In, 6); // past the cap: kept as a record, bytes dropped
    QCOMPARE(store.count(), 2);
    QCOMPARE(store.payload(store.at(0)), QByteArrayView("123456"));
    QVERIFY(store.at(1).flags & TrafficFlag::Dropped);
    QCOMPARE(store.at(1).length, 0u);
    QCOMPARE(store.at(1).wireLength, 6u);
    QCOMPARE(store.payloadBytes(), 6u);
    QCOMPARE(store.droppedBytes(), 6u);
    QCOMPARE(store.bytes(Direction::In), 12u);
}

// Past a few blocks of payload the store makes blocks ahead on a thread of its own; what is
// written through them reads back intact, and the store still goes away cleanly.
void tst_TrafficStore::heavyTrafficBlocksMadeAhead()
{
    constexpr int kRecords = 400;
    constexpr qsizetype kSize = 64 * 1024; // 25 MiB in all: several blocks made ahead
    TrafficStore store;
    std::thread writer([&] {
        QByteArray payload(kSize, Qt::Uninitialized);
        for (int i = 0; i < kRecords; ++i) {
            payload.fill(char(i % 251));
            store.append(1, Direction::In, payload);
        }
    });
    writer.join();
    QCOMPARE(store.count(), kRecords);
    for (int i = 0; i < kRecords; ++i) {
        const QByteArrayView payload = store.payload(store.at(i));
        QCOMPARE(payload.size(), kSize);
        QCOMPARE(payload.front(), char(i % 251));
        QCOMPARE(payload.back(), char(i % 251));
    }
}

void tst_TrafficStore::notificationsAreCoalesced()
{
    TrafficStore store;
    QSignalSpy spy(&store, &TrafficStore::appended);
    std::thread writer([&] {
        for (int i = 0; i < 100000; ++i)
            store.append(1, Direction::In, "x");
    });
    writer.join();
    QTRY_COMPARE_WITH_TIMEOUT(spy.isEmpty() ? -1 : spy.last().at(0).value<qsizetype>(), qsizetype(100000), 2000);
    QVERIFY2(spy.count() < 10, qPrintable(QString::number(spy.count())));
}

void tst_TrafficStore::journalLifecycle()
{
    Journal journal;
    QSignalSpy spy(&journal, &Journal::changed);
    Call recv;
    recv.kind = CallKind::Recv;
    recv.socketId = 7;
    recv.size = 10;
    const CallId id = journal.begin(recv);
    QCOMPARE(journal.call(id).call, QStringLiteral("sk7.recv(10)"));
    QCOMPARE(id, CallId(1));
    QVERIFY(journal.isPending(id));
    QCOMPARE(journal.call(id).durationNs, -1);
    QVERIFY(journal.finish(id, Outcome::ok(QStringLiteral("b'x'"))));
    QVERIFY(!journal.finish(id, Outcome::cancelled(QStringLiteral("late")))); // first outcome wins
    const CallRecord r = journal.call(id);
    QCOMPARE(r.outcome.result, QStringLiteral("b'x'"));
    QVERIFY(r.durationNs >= 0);
    QVERIFY(r.startWallNs > 0);
    Call hostname;
    hostname.kind = CallKind::GetHostName;
    QCOMPARE(journal.append(hostname, Outcome::ok(QStringLiteral("'h'"))), CallId(2));
    QCOMPARE(journal.call(2).call, QStringLiteral("socket.gethostname()"));
    QCOMPARE(journal.count(), 2);
    QVERIFY(spy.wait(1000));
    QCOMPARE(Outcome::osError(ECONNREFUSED).result, QStringLiteral("ConnectionRefusedError: [Errno 111] Connection refused"));
}

void tst_TrafficStore::journalWaitTimesOut()
{
    Journal journal;
    Call accept;
    accept.kind = CallKind::Accept;
    accept.socketId = 1;
    const CallId id = journal.begin(accept);
    QElapsedTimer t;
    t.start();
    QVERIFY(!journal.wait(id, 50));
    QVERIFY(t.elapsed() >= 40);
    std::thread finisher([&] { journal.finish(id, Outcome::ok(QStringLiteral("None"))); });
    QVERIFY(journal.wait(id, 5000));
    finisher.join();
    QVERIFY(!journal.wait(999, 10));
}

QTEST_GUILESS_MAIN(tst_TrafficStore)
#include "tst_trafficstore.moc"
