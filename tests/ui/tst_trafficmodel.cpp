// The traffic log's model over the store: its columns and roles, socket names that follow the
// registry, filters that grow incrementally as records arrive, and batched inserts with O(1) rows
// at a million records.
#include "ui/traffic/trafficmodel.h"

#include "core/export/trafficexport.h"
#include "core/net/errors.h"
#include "core/store/socketregistry.h"
#include "core/text/payload.h"
#include "tests/ui/trafficsupport.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>

using namespace core;
using namespace trafficsupport;
using ui::TrafficModel;

class tst_TrafficModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void columnsAndRoles();
    void socketNamesFollowTheRegistry();
    void filters();
    void filtersGrowIncrementally();
    void badHexFilter();
    void millionRecords();
};

namespace {

// Record i: socket 1 + i % 4, sent when i % 3 == 0, 64 bytes; "NEEDLE" in it when i % 1000 == 7,
// the bytes de ad be ef when i % 997 == 3.
int socketOf(qsizetype i) { return int(1 + i % 4); }
Direction directionOf(qsizetype i) { return i % 3 == 0 ? Direction::Out : Direction::In; }
bool hasNeedle(qsizetype i) { return i % 1000 == 7; }
bool hasDeadBeef(qsizetype i) { return i % 997 == 3; }

void appendRecords(TrafficStore &store, qsizetype from, qsizetype count)
{
    char payload[kPayloadBytes];
    for (qsizetype i = from; i < from + count; ++i) {
        std::memset(payload, 'a' + int(i % 26), sizeof payload);
        const int n = std::snprintf(payload, sizeof payload, "record %lld ", static_cast<long long>(i));
        payload[n] = ' ';
        if (hasNeedle(i))
            std::memcpy(payload + 30, "NEEDLE", 6);
        if (hasDeadBeef(i))
            std::memcpy(payload + 40, "\xde\xad\xbe\xef", 4);
        store.append(socketOf(i), directionOf(i), QByteArrayView(payload, kPayloadBytes));
    }
}

std::vector<qsizetype> expected(qsizetype count, const std::function<bool(qsizetype)> &keep)
{
    std::vector<qsizetype> rows;
    for (qsizetype i = 0; i < count; ++i) {
        if (keep(i))
            rows.push_back(i);
    }
    return rows;
}

} // namespace

void tst_TrafficModel::initTestCase()
{
    qRegisterMetaType<SocketAddress>();
}

void tst_TrafficModel::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|thread|QAbstractItemModel|model")));
}

void tst_TrafficModel::columnsAndRoles()
{
    TrafficStore store;
    SocketRegistry sockets;
    const SocketAddress peer = SocketAddress::ipv4(0x7f000001, 5353);
    sockets.publish(socketInfo(1, QStringLiteral("sk1"), peer));
    store.append(1, Direction::Out, "hello\r\n", peer);
    store.append(1, Direction::In, "0123456789", SocketAddress::ipv4(0x0a000001, 53), TrafficFlag::Truncated, 100);
    store.append(1, Direction::In, {}, peer, TrafficFlag::Eof);
    store.append(1, Direction::Out, {}, {}, TrafficFlag::Error, 0, ECONNREFUSED);
    store.append(9, Direction::In, QByteArray(500, '\x01'));

    TrafficModel model(store, sockets);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(TrafficModel::ColumnCount));

    const QStringList headers{"#", "Time", "Socket", "Dir", "Peer", "Length", "Data"};
    for (int c = 0; c < model.columnCount(); ++c) {
        QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), headers.at(c));
        QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }

    QCOMPARE(cell(model, 0, TrafficModel::SeqColumn), QStringLiteral("1"));
    QCOMPARE(cell(model, 4, TrafficModel::SeqColumn), QStringLiteral("5"));
    const QString time = cell(model, 0, TrafficModel::TimeColumn);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6}$")).match(time).hasMatch(), qPrintable(time));
    QCOMPARE(time, trafficTimeText(store.at(0).timeNs));
    QCOMPARE(cell(model, 0, TrafficModel::SocketColumn), QStringLiteral("sk1"));
    QCOMPARE(cell(model, 4, TrafficModel::SocketColumn), QStringLiteral("#9"));
    QCOMPARE(cell(model, 0, TrafficModel::DirectionColumn), QStringLiteral("\u2192"));
    QCOMPARE(cell(model, 1, TrafficModel::DirectionColumn), QStringLiteral("\u2190"));
    QCOMPARE(cell(model, 0, TrafficModel::PeerColumn), QStringLiteral("127.0.0.1:5353"));
    QCOMPARE(cell(model, 1, TrafficModel::PeerColumn), QStringLiteral("10.0.0.1:53"));
    QCOMPARE(cell(model, 3, TrafficModel::PeerColumn), QStringLiteral("127.0.0.1:5353")); // the socket's peer
    QCOMPARE(cell(model, 4, TrafficModel::PeerColumn), QString());
    QCOMPARE(cell(model, 0, TrafficModel::LengthColumn), QStringLiteral("7"));
    QCOMPARE(cell(model, 1, TrafficModel::LengthColumn), QStringLiteral("10 of 100"));
    QCOMPARE(cell(model, 2, TrafficModel::LengthColumn), QStringLiteral("0"));
    QCOMPARE(cell(model, 3, TrafficModel::LengthColumn), QString());
    QCOMPARE(cell(model, 0, TrafficModel::DataColumn), QStringLiteral("hello\\r\\n"));
    QCOMPARE(cell(model, 1, TrafficModel::DataColumn), QStringLiteral("0123456789"));
    QCOMPARE(cell(model, 2, TrafficModel::DataColumn), QStringLiteral("EOF"));
    QCOMPARE(cell(model, 3, TrafficModel::DataColumn),
             QStringLiteral("ECONNREFUSED: ") + errnoMessage(ECONNREFUSED));
    QCOMPARE(cell(model, 4, TrafficModel::DataColumn), escapedText(QByteArray(500, '\x01'), TrafficModel::kPreviewBytes));
    QVERIFY(cell(model, 4, TrafficModel::DataColumn).endsWith(QChar(0x2026)));

    // Direction colours: sent and received differ, errors are red across the row.
    const auto color = [&model](int row, int column, int role) {
        return qvariant_cast<QColor>(model.data(model.index(row, column), role));
    };
    QVERIFY(color(0, TrafficModel::DirectionColumn, Qt::ForegroundRole).isValid());
    QVERIFY(color(0, TrafficModel::DirectionColumn, Qt::ForegroundRole)
            != color(1, TrafficModel::DirectionColumn, Qt::ForegroundRole));
    QVERIFY(color(0, TrafficModel::DirectionColumn, Qt::BackgroundRole)
            != color(1, TrafficModel::DirectionColumn, Qt::BackgroundRole));
    for (int c = 0; c < model.columnCount(); ++c) {
        const QColor red = color(3, c, Qt::ForegroundRole);
        QVERIFY(red.red() > 150 && red.green() < 100 && red.blue() < 100);
    }
    QCOMPARE(model.data(model.index(1, TrafficModel::DirectionColumn), Qt::AccessibleTextRole).toString(),
             QStringLiteral("received"));
    QVERIFY(cell(model, 1, TrafficModel::DirectionColumn, Qt::ToolTipRole).contains(QStringLiteral("TRUNC")));
    QCOMPARE(cell(model, 3, TrafficModel::DataColumn, Qt::ToolTipRole), pythonOsError(ECONNREFUSED));

    QCOMPARE(model.data(model.index(2, 0), TrafficModel::RecordIndexRole).value<qsizetype>(), qsizetype(2));
    QCOMPARE(model.recordIndex(4), qsizetype(4));
    QCOMPARE(model.recordIndex(5), qsizetype(-1));
    QCOMPARE(model.record(1).wireLength, 100u);
    QCOMPARE(model.rowOfRecord(3), 3);
    QCOMPARE(model.rowOfRecord(99), -1);
}

void tst_TrafficModel::socketNamesFollowTheRegistry()
{
    TrafficStore store;
    SocketRegistry sockets;
    store.append(5, Direction::In, "x");
    TrafficModel model(store, sockets);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, TrafficModel::SocketColumn), QStringLiteral("#5"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    sockets.publish(socketInfo(5, QStringLiteral("sk5"), SocketAddress::ipv4(0x7f000001, 7)));
    QVERIFY(changed.wait(2000));
    QCOMPARE(cell(model, 0, TrafficModel::SocketColumn), QStringLiteral("sk5"));
    QCOMPARE(cell(model, 0, TrafficModel::PeerColumn), QStringLiteral("127.0.0.1:7"));

    // A later connect() changes the socket's peer: rows without a peer of their own follow it.
    changed.clear();
    sockets.publish(socketInfo(5, QStringLiteral("sk5"), SocketAddress::ipv4(0x7f000001, 8)));
    QVERIFY(changed.wait(2000));
    QCOMPARE(cell(model, 0, TrafficModel::PeerColumn), QStringLiteral("127.0.0.1:8"));
}

void tst_TrafficModel::filters()
{
    constexpr qsizetype kCount = 5000;
    TrafficStore store;
    SocketRegistry sockets;
    appendRecords(store, 0, kCount);
    TrafficModel model(store, sockets);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), int(kCount));
    QVERIFY(!model.isFiltered());

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setSocketFilter(2);
    QCOMPARE(resets.count(), 1);
    QVERIFY(model.isFiltered());
    QCOMPARE(model.recordIndices(), expected(kCount, [](qsizetype i) { return socketOf(i) == 2; }));
    QCOMPARE(cell(model, 0, TrafficModel::SocketColumn), QStringLiteral("#2"));
    model.setSocketFilter(2);
    QCOMPARE(resets.count(), 1); // no change, no rebuild

    model.setSocketFilter(-1);
    model.setDirectionFilter(TrafficModel::DirectionFilter::Out);
    QCOMPARE(model.recordIndices(), expected(kCount, [](qsizetype i) { return directionOf(i) == Direction::Out; }));
    model.setDirectionFilter(TrafficModel::DirectionFilter::In);
    QCOMPARE(model.recordIndices(), expected(kCount, [](qsizetype i) { return directionOf(i) == Direction::In; }));

    model.setDirectionFilter(TrafficModel::DirectionFilter::Both);
    QVERIFY(!model.isFiltered());
    model.setTextFilter(QStringLiteral("NEEDLE"));
    QCOMPARE(model.recordIndices(), expected(kCount, hasNeedle));
    QCOMPARE(model.rowCount(), 5);
    model.setTextFilter(QStringLiteral("hex:de ad be ef"));
    QCOMPARE(model.recordIndices(), expected(kCount, hasDeadBeef));
    QVERIFY(model.rowCount() > 0);
    model.setTextFilter(QStringLiteral("HEX:DEADBEEF"));
    QCOMPARE(model.recordIndices(), expected(kCount, hasDeadBeef));
    model.setTextFilter(QStringLiteral("record 4999 "));
    QCOMPARE(model.recordIndices(), std::vector<qsizetype>{4999});
    QCOMPARE(model.rowOfRecord(4999), 0);
    QCOMPARE(model.rowOfRecord(4998), -1);

    model.setTextFilter(QStringLiteral("NEEDLE"));
    model.setSocketFilter(socketOf(7));
    model.setDirectionFilter(directionOf(7) == Direction::Out ? TrafficModel::DirectionFilter::Out
                                                              : TrafficModel::DirectionFilter::In);
    QCOMPARE(model.recordIndices(), expected(kCount, [](qsizetype i) {
                 return hasNeedle(i) && socketOf(i) == socketOf(7) && directionOf(i) == directionOf(7);
             }));
    QCOMPARE(model.recordIndex(0), qsizetype(7));

    model.clearFilters();
    QVERIFY(!model.isFiltered());
    QCOMPARE(model.rowCount(), int(kCount));
    QCOMPARE(model.socketFilter(), -1);
    QCOMPARE(model.textFilter(), QString());
}

void tst_TrafficModel::filtersGrowIncrementally()
{
    TrafficStore store;
    SocketRegistry sockets;
    appendRecords(store, 0, 3000);
    TrafficModel model(store, sockets);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), 3000);
    model.setSocketFilter(3);
    model.setDirectionFilter(TrafficModel::DirectionFilter::In);
    const auto keep = [](qsizetype i) { return socketOf(i) == 3 && directionOf(i) == Direction::In; };
    QCOMPARE(model.recordIndices(), expected(3000, keep));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int batch = 1; batch <= 3; ++batch) {
        const int before = model.rowCount();
        appendRecords(store, 3000 * batch, 3000);
        QTRY_COMPARE(model.seenCount(), 3000 * (batch + 1));
        QCOMPARE(model.recordIndices(), expected(3000 * (batch + 1), keep));
        QVERIFY(model.rowCount() > before);
    }
    QCOMPARE(resets.count(), 0);
    QVERIFY(inserted.count() >= 3);
    int next = 0;
    for (const QList<QVariant> &args : inserted) {
        if (next == 0)
            next = args.at(1).toInt();
        QCOMPARE(args.at(1).toInt(), next); // each batch goes at the end, no gaps, no overlap
        next = args.at(2).toInt() + 1;
    }
    QCOMPARE(next, model.rowCount());
}

void tst_TrafficModel::badHexFilter()
{
    TrafficStore store;
    SocketRegistry sockets;
    appendRecords(store, 0, 100);
    TrafficModel model(store, sockets);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), 100);
    model.setTextFilter(QStringLiteral("hex:zz"));
    QVERIFY(model.isFiltered());
    QVERIFY(!model.textFilterError().isEmpty());
    QCOMPARE(model.rowCount(), 0);
    appendRecords(store, 100, 100);
    QTRY_COMPARE(model.seenCount(), 200);
    QCOMPARE(model.rowCount(), 0);
    model.setTextFilter(QStringLiteral("hex:"));
    QVERIFY(model.textFilterError().isEmpty());
    QVERIFY(!model.isFiltered());
    QCOMPARE(model.rowCount(), 200);
}

void tst_TrafficModel::millionRecords()
{
    constexpr qsizetype kCount = 1'000'000;
    TrafficStore store;
    SocketRegistry sockets;
    sockets.publish(socketInfo(1, QStringLiteral("sk1")));
    appendRecords(store, 0, kCount);

    TrafficModel model(store, sockets);
    // The tester walks every row after each change: a few seconds here, and worth it.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(kCount), 30000);
    QCOMPARE(inserted.count(), 1); // one tick, one batch
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), int(kCount - 1));

    const int last = int(kCount - 1);
    const QByteArrayView lastPayload = store.payload(store.at(last));
    QCOMPARE(cell(model, last, TrafficModel::SeqColumn), QStringLiteral("1000000"));
    QCOMPARE(cell(model, last, TrafficModel::SocketColumn), QStringLiteral("#%1").arg(socketOf(last)));
    QCOMPARE(cell(model, last, TrafficModel::LengthColumn), QStringLiteral("64"));
    QCOMPARE(cell(model, last, TrafficModel::DataColumn), escapedText(lastPayload, TrafficModel::kPreviewBytes));
    QVERIFY(cell(model, last, TrafficModel::DataColumn).startsWith(QStringLiteral("record 999999 ")));
    QCOMPARE(cell(model, 4, TrafficModel::SocketColumn), QStringLiteral("sk1"));

    // A screenful at the end costs what one at the start does: nothing depends on the row count.
    QElapsedTimer timer;
    timer.start();
    for (int row = last - 1000; row <= last; ++row) {
        for (int c = 0; c < model.columnCount(); ++c)
            model.data(model.index(row, c));
    }
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));

    model.setSocketFilter(2);
    QCOMPARE(model.rowCount(), int(kCount / 4));
    QCOMPARE(model.recordIndex(0), qsizetype(1));
    QCOMPARE(model.recordIndex(model.rowCount() - 1), kCount - 3);

    model.setSocketFilter(-1);
    model.setDirectionFilter(TrafficModel::DirectionFilter::Out);
    QCOMPARE(model.rowCount(), int((kCount + 2) / 3));

    model.setDirectionFilter(TrafficModel::DirectionFilter::Both);
    model.setTextFilter(QStringLiteral("NEEDLE"));
    QCOMPARE(model.rowCount(), int(kCount / 1000));
    QCOMPARE(model.recordIndex(999), qsizetype(999'007));

    const std::vector<qsizetype> beef = expected(kCount, hasDeadBeef);
    model.setTextFilter(QStringLiteral("hex:deadbeef"));
    QCOMPARE(model.rowCount(), int(beef.size()));
    QCOMPARE(model.recordIndex(model.rowCount() - 1), beef.back());

    // More records arrive: only they are scanned, and the matches are appended.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    inserted.clear();
    appendRecords(store, kCount, 10'000);
    QTRY_COMPARE(model.seenCount(), kCount + 10'000);
    QCOMPARE(model.recordIndices(), expected(kCount + 10'000, hasDeadBeef));
    QCOMPARE(resets.count(), 0);
    QVERIFY(inserted.count() >= 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), int(beef.size()));
}

QTEST_MAIN(tst_TrafficModel)
#include "tst_trafficmodel.moc"
