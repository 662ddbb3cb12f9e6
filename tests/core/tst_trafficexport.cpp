#include "core/export/trafficexport.h"
#include "core/net/constants.h"
#include "core/store/socketregistry.h"

#include <QBuffer>
#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <cerrno>

using namespace core;

// The traffic exporters: CSV as RFC 4180 quotes it, text dumps, and the raw bytes of one
// direction of one socket, which must equal what was sent, byte for byte.
class tst_TrafficExport : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void flagsText();
    void timeText();
    void csvColumns();
    void csvQuoting_data();
    void csvQuoting();
    void csvPeerWithComma();
    void csvSelection();
    void textDump();
    void rawBytes();
    void rawBytesOfALargeStream();
    void deviceNotWritable();
};

namespace {

SocketInfo socket(int id, const QString &name, const SocketAddress &peer = {})
{
    SocketInfo info;
    info.id = id;
    info.name = name;
    info.family = sock::AfInet;
    info.type = sock::Dgram;
    info.peer = peer;
    return info;
}

// A small RFC 4180 reader for checking what the writer produced: quoted fields may hold commas,
// doubled quotes and line breaks; records end with CRLF.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

QByteArray csvOf(const TrafficStore &store, const SocketRegistry &sockets)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!exportCsv(store, sockets, buffer, &error))
        qWarning("exportCsv failed: %s", qPrintable(error));
    return buffer.data();
}

} // namespace

void tst_TrafficExport::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

void tst_TrafficExport::flagsText()
{
    QCOMPARE(trafficFlagsText(0), QString());
    QCOMPARE(trafficFlagsText(TrafficFlag::Truncated | TrafficFlag::Peek), QStringLiteral("TRUNC PEEK"));
    QCOMPARE(trafficFlagsText(TrafficFlag::Eof), QStringLiteral("EOF"));
    QCOMPARE(trafficFlagsText(TrafficFlag::Error | TrafficFlag::Oob), QStringLiteral("OOB ERROR"));
}

void tst_TrafficExport::timeText()
{
    const QDateTime local(QDate(2024, 5, 1), QTime(14, 3, 7, 123));
    const qint64 ns = local.toMSecsSinceEpoch() * 1'000'000 + 456'789;
    QCOMPARE(trafficTimeText(ns), QStringLiteral("14:03:07.123456"));
    QCOMPARE(trafficTimeText(ns, true), QStringLiteral("2024-05-01 14:03:07.123456"));
    QCOMPARE(trafficTimeText(local.toMSecsSinceEpoch() * 1'000'000), QStringLiteral("14:03:07.123000"));
}

void tst_TrafficExport::csvColumns()
{
    TrafficStore store;
    SocketRegistry sockets;
    const SocketAddress peer = SocketAddress::ipv4(0x7f000001, 5353);
    sockets.publish(socket(1, QStringLiteral("sk1"), peer));
    store.append(1, Direction::Out, "hi\r\n", peer);
    store.append(1, Direction::In, "0123456789", peer, TrafficFlag::Truncated, 100);
    store.append(1, Direction::In, {}, {}, TrafficFlag::Error, 0, ECONNREFUSED);
    store.append(7, Direction::In, {}, {}, TrafficFlag::Eof);

    const QByteArray csv = csvOf(store, sockets);
    QVERIFY(csv.startsWith("seq,time_ns,socket,direction,peer,length,wire_length,flags,errno,hex\r\n"));
    QVERIFY(csv.endsWith("\r\n"));
    const QList<QStringList> rows = parseCsv(csv);
    QCOMPARE(rows.size(), 5);
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), 10);

    const QStringList out = rows.at(1);
    QCOMPARE(out.at(0), QStringLiteral("1"));
    QCOMPARE(out.at(1), QString::number(store.at(0).timeNs));
    QCOMPARE(out.at(2), QStringLiteral("sk1"));
    QCOMPARE(out.at(3), QStringLiteral("out"));
    QCOMPARE(out.at(4), QStringLiteral("127.0.0.1:5353"));
    QCOMPARE(out.at(5), QStringLiteral("4"));
    QCOMPARE(out.at(6), QStringLiteral("4"));
    QCOMPARE(out.at(7), QString());
    QCOMPARE(out.at(8), QString());
    QCOMPARE(out.at(9), QStringLiteral("68690d0a"));

    const QStringList truncated = rows.at(2);
    QCOMPARE(truncated.at(3), QStringLiteral("in"));
    QCOMPARE(truncated.at(5), QStringLiteral("10"));
    QCOMPARE(truncated.at(6), QStringLiteral("100"));
    QCOMPARE(truncated.at(7), QStringLiteral("TRUNC"));
    QCOMPARE(truncated.at(9), QStringLiteral("30313233343536373839"));

    const QStringList error = rows.at(3);
    QCOMPARE(error.at(4), QStringLiteral("127.0.0.1:5353")); // no peer of its own: the socket's
    QCOMPARE(error.at(7), QStringLiteral("ERROR"));
    QCOMPARE(error.at(8), QString::number(ECONNREFUSED));
    QCOMPARE(error.at(9), QString());

    const QStringList eof = rows.at(4);
    QCOMPARE(eof.at(2), QStringLiteral("#7")); // a socket the registry does not know
    QCOMPARE(eof.at(4), QString());
    QCOMPARE(eof.at(7), QStringLiteral("EOF"));
}

void tst_TrafficExport::csvQuoting_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("plain") << "sk1" << QByteArray("sk1");
    QTest::newRow("space") << "my socket" << QByteArray("my socket");
    QTest::newRow("comma") << "a,b" << QByteArray("\"a,b\"");
    QTest::newRow("quote") << "say \"hi\"" << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("lf") << "two\nlines" << QByteArray("\"two\nlines\"");
    QTest::newRow("cr") << "cr\rhere" << QByteArray("\"cr\rhere\"");
    QTest::newRow("only-quote") << "\"" << QByteArray("\"\"\"\"");
    QTest::newRow("utf8") << QString::fromUtf8("s\u00e9") << QByteArray("s\xc3\xa9");
}

void tst_TrafficExport::csvQuoting()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, written);
    TrafficStore store;
    SocketRegistry sockets;
    sockets.publish(socket(3, name));
    store.append(3, Direction::Out, "x");
    const QByteArray csv = csvOf(store, sockets);
    const QByteArray row = csv.mid(csv.indexOf("\r\n") + 2);
    const QByteArray expectedStart = "1," + QByteArray::number(store.at(0).timeNs) + ',' + written + ",out,,1,1,,,78\r\n";
    QCOMPARE(row, expectedStart);
    const QList<QStringList> rows = parseCsv(csv);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).at(2), name);
}

void tst_TrafficExport::csvPeerWithComma()
{
    const auto parsed = parseAddress(QStringLiteral("/tmp/a,\"b\".sock"), sock::AfUnix);
    QVERIFY(parsed.ok());
    TrafficStore store;
    SocketRegistry sockets;
    store.append(1, Direction::In, "x", parsed.value());
    const QByteArray csv = csvOf(store, sockets);
    QVERIFY2(csv.contains(",\"/tmp/a,\"\"b\"\".sock\","), csv.constData());
    QCOMPARE(parseCsv(csv).at(1).at(4), QStringLiteral("/tmp/a,\"b\".sock"));
}

void tst_TrafficExport::csvSelection()
{
    TrafficStore store;
    SocketRegistry sockets;
    for (int i = 0; i < 5; ++i)
        store.append(1, Direction::Out, QByteArray::number(i));
    const std::vector<qsizetype> indices{3, 1};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(exportCsv(store, sockets, indices, buffer));
    const QList<QStringList> rows = parseCsv(buffer.data());
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(1).at(0), QStringLiteral("4"));
    QCOMPARE(rows.at(1).at(9), QStringLiteral("33"));
    QCOMPARE(rows.at(2).at(0), QStringLiteral("2"));
    QCOMPARE(rows.at(2).at(9), QStringLiteral("31"));
}

void tst_TrafficExport::textDump()
{
    TrafficStore store;
    SocketRegistry sockets;
    const SocketAddress peer = SocketAddress::ipv4(0x7f000001, 9000);
    sockets.publish(socket(2, QStringLiteral("sk2")));
    store.append(2, Direction::Out, "hello, world\r\n", peer);
    store.append(2, Direction::In, {}, {}, TrafficFlag::Error, 0, ECONNREFUSED);
    store.append(2, Direction::In, "abcd", peer, TrafficFlag::Truncated | TrafficFlag::Peek, 70000);

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    QVERIFY2(exportText(store, sockets, buffer, &error), qPrintable(error));
    const QStringList lines = QString::fromUtf8(buffer.data()).split(QLatin1Char('\n'));
    const QString date = QStringLiteral("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    QVERIFY2(QRegularExpression(QStringLiteral("^#1  %1  sk2  \u2192 out  127\\.0\\.0\\.1:9000  14 bytes$").arg(date))
                 .match(lines.at(0)).hasMatch(),
             qPrintable(lines.at(0)));
    QCOMPARE(lines.at(1), QStringLiteral("  00000000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0d 0a        |hello, world..|"));
    QCOMPARE(lines.at(2), QString());
    QVERIFY2(lines.at(3).endsWith(QStringLiteral("sk2  \u2190 in  ECONNREFUSED (errno %1): Connection refused  [ERROR]")
                                      .arg(ECONNREFUSED)),
             qPrintable(lines.at(3)));
    QCOMPARE(lines.at(4), QString());
    QVERIFY2(lines.at(5).endsWith(QStringLiteral("127.0.0.1:9000  4 of 70000 bytes  [TRUNC PEEK]")), qPrintable(lines.at(5)));
    QVERIFY(lines.at(6).startsWith(QStringLiteral("  00000000  61 62 63 64")));
    QCOMPARE(trafficSummary(store, sockets, 0).left(3), QStringLiteral("#1 "));
}

void tst_TrafficExport::rawBytes()
{
    TrafficStore store;
    store.append(1, Direction::Out, "abc");
    store.append(1, Direction::In, "XYZ");
    store.append(1, Direction::In, "123", {}, TrafficFlag::Peek);
    store.append(2, Direction::Out, "zzz");
    store.append(1, Direction::Out, {}, {}, TrafficFlag::Error, 0, EPIPE);
    store.append(1, Direction::Out, "def");
    store.append(1, Direction::In, "123");
    store.append(1, Direction::In, {}, {}, TrafficFlag::Eof);

    const auto raw = [&store](int socketId, Direction direction) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        if (!exportRaw(store, socketId, direction, buffer))
            return QByteArray("failed");
        return buffer.data();
    };
    QCOMPARE(raw(1, Direction::Out), QByteArray("abcdef"));
    QCOMPARE(raw(1, Direction::In), QByteArray("XYZ123"));
    QCOMPARE(raw(2, Direction::Out), QByteArray("zzz"));
    QCOMPARE(raw(2, Direction::In), QByteArray());
}

void tst_TrafficExport::rawBytesOfALargeStream()
{
    // 3 MiB in uneven pieces, interleaved with another socket: crosses the writer's buffering.
    TrafficStore store;
    QRandomGenerator random(4180);
    QByteArray sent(3 << 20, Qt::Uninitialized);
    for (char &c : sent)
        c = char(random.bounded(256));
    for (qsizetype offset = 0; offset < sent.size();) {
        const qsizetype piece = std::min<qsizetype>(1 + random.bounded(70000), sent.size() - offset);
        store.append(5, Direction::In, QByteArrayView(sent).sliced(offset, piece));
        store.append(6, Direction::In, "noise");
        offset += piece;
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(exportRaw(store, 5, Direction::In, buffer));
    QCOMPARE(buffer.data().size(), sent.size());
    QVERIFY(buffer.data() == sent);
}

void tst_TrafficExport::deviceNotWritable()
{
    TrafficStore store;
    SocketRegistry sockets;
    store.append(1, Direction::Out, "abc");
    QBuffer closed;
    QString error;
    QVERIFY(!exportCsv(store, sockets, closed, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QByteArray bytes;
    QBuffer readOnly(&bytes);
    readOnly.open(QIODevice::ReadOnly);
    QVERIFY(!exportRaw(store, 1, Direction::Out, readOnly, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!exportText(store, sockets, readOnly));
}

QTEST_GUILESS_MAIN(tst_TrafficExport)
#include "tst_trafficexport.moc"
