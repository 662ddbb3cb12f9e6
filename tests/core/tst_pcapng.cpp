#include "tests/core/testsupport.h"

#include "core/export/pcapngexport.h"
#include "core/store/socketregistry.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#include <netinet/in.h>

using namespace core;
using namespace testsupport;

// The pcapng export read back by tshark, the reference reader: a real session through the core
// (TCP both ways with EOFs, a payload larger than a loopback segment, UDP, a UNIX stream, a
// connection whose other end is not a workbench socket) must open without malformed packets or
// bad checksums, with the sockets' addresses and ports, and "Follow TCP Stream" must give back
// exactly the bytes each side sent. tshark missing is a failure, not a skip: scripts/setup.sh
// installs it, and without it nothing here would be checked.
class tst_Pcapng : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void session();
    void selectionUsesTheReceiversRecords();
    void recordsWithoutBytes();
    void captureHoldsTheWireLayer();
    void headlessRunWritesPcapng();
    void headlessRunReportsAWriteFailure();

private:
    void recordSession();
    QString exportTo(const QString &name, std::span<const qsizetype> indices = {}, bool all = true);

    QString m_tshark;
    QTemporaryDir m_dir;
    std::unique_ptr<Workbench> m_wb;
    Connection m_tcp;
    int m_tcpClientPort = 0;
    QByteArray m_request, m_response;
    int m_v6Accepted = -1;
    quint16 m_v6ClientPort = 0;
    int m_udpA = -1;
    SocketAddress m_udpAddressA, m_udpAddressB;
    qint64 m_udpSentNs = 0;
};

namespace {

constexpr int kProcessMs = 60000;

struct Run
{
    int status = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(kProcessMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = "did not finish within 60 s";
        return result;
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

// Every checksum verified; every port's payload decoded as plain data, else random test bytes
// would look like some protocol on some port (HTTP after a GET line) and that protocol would
// complain. (tshark 4.0 has no --disable-protocol ALL.)
const QStringList kReadOptions{QStringLiteral("-o"), QStringLiteral("tcp.check_checksum:TRUE"),
                               QStringLiteral("-o"), QStringLiteral("udp.check_checksum:TRUE"),
                               QStringLiteral("-o"), QStringLiteral("ip.check_checksum:TRUE"),
                               QStringLiteral("-d"), QStringLiteral("tcp.port==1-65535,data"),
                               QStringLiteral("-d"), QStringLiteral("udp.port==1-65535,data")};

// tshark's fields of the packets a display filter shows: one row per packet, tab-separated.
QList<QStringList> fields(const QString &tshark, const QString &file, const QString &filter, const QStringList &names)
{
    QStringList args{QStringLiteral("-r"), file, QStringLiteral("-T"), QStringLiteral("fields")};
    args += kReadOptions;
    if (!filter.isEmpty())
        args += {QStringLiteral("-Y"), filter};
    for (const QString &name : names)
        args += {QStringLiteral("-e"), name};
    const Run r = run(tshark, args);
    if (r.status != 0)
        qWarning("tshark %s: %s", qPrintable(args.join(u' ')), r.err.constData());
    QList<QStringList> rows;
    for (const QByteArray &line : r.out.split('\n')) {
        if (!line.isEmpty())
            rows << QString::fromUtf8(line).split(u'\t');
    }
    return rows;
}

qsizetype countOf(const QString &tshark, const QString &file, const QString &filter)
{
    return fields(tshark, file, filter, {QStringLiteral("frame.number")}).size();
}

// `tshark -z follow,tcp,raw,N`: the bytes each node sent, node 0 being the one that sent the SYN.
// Node 1's lines are indented by a tab.
std::array<QByteArray, 2> followTcp(const QString &tshark, const QString &file, int stream)
{
    const Run r = run(tshark, {QStringLiteral("-r"), file, QStringLiteral("-q"), QStringLiteral("-z"),
                               QStringLiteral("follow,tcp,raw,%1").arg(stream)});
    std::array<QByteArray, 2> sent;
    bool inData = false;
    for (const QByteArray &line : r.out.split('\n')) {
        if (line.startsWith("Node 1:")) {
            inData = true;
        } else if (line.startsWith("=====")) {
            inData = false;
        } else if (inData && !line.isEmpty()) {
            const bool second = line.startsWith('\t');
            sent[second] += QByteArray::fromHex(line.trimmed());
        }
    }
    return sent;
}

// The path, or empty when the file could not be written.
QString writeFile(const QString &path, QByteArrayView contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents.data(), contents.size()) == contents.size() ? path
                                                                                                             : QString();
}

// Reads from a workbench socket, call by call, until want bytes came or the peer's EOF.
QByteArray receive(Workbench &wb, int socketId, qsizetype want)
{
    QByteArray got;
    for (int calls = 0; got.size() < want && calls < 1000; ++calls) {
        const CallRecord r = finished(wb, wb.recv(socketId, 1 << 16));
        if (!succeeded(r) || r.outcome.data.isEmpty())
            break;
        got += r.outcome.data;
    }
    return got;
}

bool readsEof(Workbench &wb, int socketId)
{
    const CallRecord r = finished(wb, wb.recv(socketId, 100));
    return succeeded(r) && r.outcome.data.isEmpty();
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(2024);
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

QString epochText(qint64 ns)
{
    return QStringLiteral("%1.%2").arg(ns / 1'000'000'000).arg(ns % 1'000'000'000, 9, 10, QLatin1Char('0'));
}

// epb_flags as the socket that made the record saw the packet.
const QString kInbound = QStringLiteral("frame.packet_flags_direction == 1");
const QString kOutbound = QStringLiteral("frame.packet_flags_direction == 2");

// Warnings and worse (bad checksums, malformed packets, segments not captured) and anything TCP
// analysis flags (retransmissions, duplicate ACKs, full windows); not the notes every FIN gets.
const QString kProblems = QStringLiteral("_ws.expert.severity >= 0x00600000 || _ws.malformed || tcp.analysis.flags");

} // namespace

void tst_Pcapng::initTestCase()
{
    m_tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    QVERIFY2(!m_tshark.isEmpty(), "tshark is not installed: it reads the exported captures back "
                                  "(Debian: apt-get install tshark; scripts/setup.sh installs it)");
    QVERIFY(m_dir.isValid());
    recordSession();
}

void tst_Pcapng::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

void tst_Pcapng::recordSession()
{
    m_wb = std::make_unique<Workbench>();
    Workbench &wb = *m_wb;

    // TCP over IPv4, both ends workbench sockets: each byte must appear once.
    m_tcp = connection(wb, AF_INET, m_dir);
    m_tcpClientPort = finished(wb, wb.sockName(m_tcp.client)).outcome.address.port();
    m_request = "GET / HTTP/1.0\r\n\r\n";
    m_response = randomBytes(100000) + "bye";
    QVERIFY(succeeded(finished(wb, wb.sendAll(m_tcp.client, m_request))));
    QCOMPARE(receive(wb, m_tcp.accepted, m_request.size()), m_request);
    const CallId bigSend = wb.sendAll(m_tcp.accepted, m_response.first(100000));
    QCOMPARE(receive(wb, m_tcp.client, 100000), m_response.first(100000));
    QVERIFY(succeeded(finished(wb, bigSend)));
    QVERIFY(succeeded(finished(wb, wb.shutdown(m_tcp.client, SHUT_WR))));
    QVERIFY(readsEof(wb, m_tcp.accepted));
    QVERIFY(succeeded(finished(wb, wb.sendAll(m_tcp.accepted, "bye"))));
    QVERIFY(succeeded(finished(wb, wb.close(m_tcp.accepted))));
    QCOMPARE(receive(wb, m_tcp.client, 3), QByteArray("bye"));
    QVERIFY(readsEof(wb, m_tcp.client));
    QVERIFY(succeeded(finished(wb, wb.close(m_tcp.client))));

    // TCP over IPv6 with a client outside the workbench: the accepted socket's records are all there is.
    const Listener v6 = listener(wb, AF_INET6, m_dir);
    const int native = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    QVERIFY(native >= 0);
    const timeval fiveSeconds{5, 0};
    ::setsockopt(native, SOL_SOCKET, SO_RCVTIMEO, &fiveSeconds, sizeof fiveSeconds);
    QCOMPARE(::connect(native, v6.address.data(), v6.address.length()), 0);
    sockaddr_in6 nativeAddress{};
    socklen_t length = sizeof nativeAddress;
    ::getsockname(native, reinterpret_cast<sockaddr *>(&nativeAddress), &length);
    m_v6ClientPort = ntohs(nativeAddress.sin6_port);
    m_v6Accepted = finished(wb, wb.accept(v6.id)).outcome.socketId;
    QCOMPARE(::send(native, "ping6", 5, MSG_NOSIGNAL), 5);
    QCOMPARE(receive(wb, m_v6Accepted, 5), QByteArray("ping6"));
    QVERIFY(succeeded(finished(wb, wb.sendAll(m_v6Accepted, "pong6"))));
    char reply[16] = {};
    QCOMPARE(::recv(native, reply, sizeof reply, 0), 5);
    ::close(native);
    QVERIFY(readsEof(wb, m_v6Accepted));

    // UDP between two workbench sockets.
    m_udpA = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    const int udpB = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(m_udpA, address(QStringLiteral("127.0.0.1:0"), AF_INET));
    wb.bind(udpB, address(QStringLiteral("127.0.0.1:0"), AF_INET));
    m_udpAddressA = finished(wb, wb.sockName(m_udpA)).outcome.address;
    m_udpAddressB = finished(wb, wb.sockName(udpB)).outcome.address;
    QVERIFY(succeeded(finished(wb, wb.sendTo(m_udpA, "dgram one", m_udpAddressB))));
    QCOMPARE(finished(wb, wb.recvFrom(udpB, 100)).outcome.data, QByteArray("dgram one"));
    QVERIFY(succeeded(finished(wb, wb.sendTo(udpB, "dgram two", m_udpAddressA))));
    QCOMPARE(finished(wb, wb.recvFrom(m_udpA, 100)).outcome.data, QByteArray("dgram two"));
    for (qsizetype i = 0; i < wb.traffic().count(); ++i) {
        const TrafficRecord record = wb.traffic().at(i);
        if (record.socketId == m_udpA && record.direction == Direction::Out)
            m_udpSentNs = record.timeNs;
    }

    // A UNIX stream, both ends workbench sockets.
    const Connection unixStream = connection(wb, AF_UNIX, m_dir);
    QVERIFY(succeeded(finished(wb, wb.sendAll(unixStream.client, "unix hello"))));
    QCOMPARE(receive(wb, unixStream.accepted, 10), QByteArray("unix hello"));
    QVERIFY(succeeded(finished(wb, wb.close(unixStream.client))));
    QVERIFY(readsEof(wb, unixStream.accepted));
}

QString tst_Pcapng::exportTo(const QString &name, std::span<const qsizetype> indices, bool all)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QString error;
    const bool written = all ? exportPcapng(m_wb->traffic(), m_wb->sockets(), file, &error)
                             : exportPcapng(m_wb->traffic(), m_wb->sockets(), indices, file, &error);
    if (!written)
        qWarning("exportPcapng: %s", qPrintable(error));
    return written ? path : QString();
}

void tst_Pcapng::session()
{
    const QString file = exportTo(QStringLiteral("session.pcapng"));
    QVERIFY(!file.isEmpty());

    const QList<QStringList> problems = fields(m_tshark, file, kProblems,
                                               {QStringLiteral("frame.number"), QStringLiteral("_ws.expert.message")});
    QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).join(u' ')));
    const qsizetype total = countOf(m_tshark, file, {});
    QVERIFY(total > 0);
    QCOMPARE(countOf(m_tshark, file, QStringLiteral("tcp || udp || frame.interface_id == 1")), total);

    // The handshakes, with the real addresses and ports; the FINs the EOFs stand for.
    const QList<QStringList> syns = fields(m_tshark, file, QStringLiteral("tcp.flags.syn == 1 && tcp.flags.ack == 0"),
                                           {QStringLiteral("ip.src"), QStringLiteral("ipv6.src"), QStringLiteral("tcp.srcport"),
                                            QStringLiteral("ip.dst"), QStringLiteral("ipv6.dst"), QStringLiteral("tcp.dstport")});
    QCOMPARE(syns.size(), 2);
    QCOMPARE(syns.at(0), (QStringList{QStringLiteral("127.0.0.1"), {}, QString::number(m_tcpClientPort),
                                      QStringLiteral("127.0.0.1"), {}, QString::number(m_tcp.server.address.port())}));
    QCOMPARE(syns.at(1).at(1), QStringLiteral("::1"));
    QCOMPARE(syns.at(1).at(2), QString::number(m_v6ClientPort));
    QCOMPARE(syns.at(1).at(5), QString::number(m_wb->sockets().info(m_v6Accepted).local.port()));
    QCOMPARE(countOf(m_tshark, file, QStringLiteral("tcp.flags.syn == 1 && tcp.flags.ack == 1")), 2);
    QCOMPARE(countOf(m_tshark, file, QStringLiteral("tcp.flags.fin == 1")), 3);

    // Each byte once, in order, each way.
    const std::array<QByteArray, 2> v4 = followTcp(m_tshark, file, 0);
    QCOMPARE(v4[0], m_request);
    QVERIFY(v4[1] == m_response);
    const std::array<QByteArray, 2> v6 = followTcp(m_tshark, file, 1);
    QCOMPARE(v6[0], QByteArray("ping6"));
    QCOMPARE(v6[1], QByteArray("pong6"));

    // 100000 bytes over loopback: split at the IPv4 loopback MSS, 65495.
    const QList<QStringList> segments = fields(m_tshark, file, QStringLiteral("tcp.stream == 0 && tcp.len > 1000"),
                                               {QStringLiteral("tcp.len")});
    QVERIFY(segments.size() >= 2);
    for (const QStringList &segment : segments)
        QVERIFY2(segment.at(0).toInt() <= 65495, qPrintable(segment.at(0)));
    QCOMPARE(segments.at(0).at(0), QStringLiteral("65495"));

    // Direction as the recording socket saw it: the data of stream 0 is always the sender's
    // (outbound); ping6 was received by the workbench (inbound).
    QVERIFY(countOf(m_tshark, file, QStringLiteral("tcp.stream == 0 && tcp.len > 0")) >= 4);
    QCOMPARE(countOf(m_tshark, file, QStringLiteral("tcp.stream == 0 && tcp.len > 0 && %1").arg(kOutbound)),
             countOf(m_tshark, file, QStringLiteral("tcp.stream == 0 && tcp.len > 0")));
    const QList<QStringList> ping = fields(m_tshark, file, QStringLiteral("tcp.stream == 1 && tcp.len > 0 && %1").arg(kInbound),
                                           {QStringLiteral("tcp.payload")});
    QCOMPARE(ping, (QList<QStringList>{{QStringLiteral("70696e6736")}}));

    // UDP: one packet per datagram, the receiver's copies left out; the record's time to the ns.
    const QList<QStringList> udp = fields(m_tshark, file, QStringLiteral("udp"),
                                          {QStringLiteral("udp.srcport"), QStringLiteral("udp.dstport"),
                                           QStringLiteral("udp.payload"), QStringLiteral("frame.time_epoch")});
    QCOMPARE(udp.size(), 2);
    QCOMPARE(udp.at(0).mid(0, 3), (QStringList{QString::number(m_udpAddressA.port()), QString::number(m_udpAddressB.port()),
                                               QString::fromLatin1(QByteArray("dgram one").toHex())}));
    QCOMPARE(udp.at(0).at(3), epochText(m_udpSentNs));
    QCOMPARE(udp.at(1).at(2), QString::fromLatin1(QByteArray("dgram two").toHex()));

    // UNIX: exported PDUs for the "data" dissector, the sent bytes once, then the EOF (empty).
    const QList<QStringList> pdus = fields(m_tshark, file, QStringLiteral("frame.interface_id == 1"),
                                           {QStringLiteral("_ws.col.Protocol"), QStringLiteral("data.data")});
    QCOMPARE(pdus, (QList<QStringList>{{QStringLiteral("UNIX"), QString::fromLatin1(QByteArray("unix hello").toHex())},
                                       {QStringLiteral("UNIX"), QString()}}));
}

void tst_Pcapng::selectionUsesTheReceiversRecords()
{
    // Only the accepted socket's records: its received copies are all the export has of the
    // client's bytes, so they are written, and the stream is still whole.
    std::vector<qsizetype> indices;
    for (qsizetype i = 0; i < m_wb->traffic().count(); ++i) {
        if (m_wb->traffic().at(i).socketId == m_tcp.accepted)
            indices.push_back(i);
    }
    const QString file = exportTo(QStringLiteral("accepted.pcapng"), indices, false);
    QVERIFY(!file.isEmpty());
    QVERIFY(fields(m_tshark, file, kProblems, {QStringLiteral("frame.number")}).isEmpty());
    const std::array<QByteArray, 2> sent = followTcp(m_tshark, file, 0);
    QCOMPARE(sent[0], m_request);
    QVERIFY(sent[1] == m_response);
    const QString request = QStringLiteral("tcp.srcport == %1 && tcp.len > 0").arg(m_tcpClientPort);
    QCOMPARE(countOf(m_tshark, file, request), 1);
    QCOMPARE(countOf(m_tshark, file, request + QStringLiteral(" && ") + kInbound), 1);
}

// Socket 1, a TCP connection on loopback from localPort to peerPort, as the registry knows it.
static void publishTcpSocket(SocketRegistry &sockets, quint16 localPort, quint16 peerPort)
{
    SocketInfo socket;
    socket.id = 1;
    socket.name = QStringLiteral("sk1");
    socket.family = AF_INET;
    socket.type = SOCK_STREAM;
    socket.local = SocketAddress::ipv4(INADDR_LOOPBACK, localPort);
    socket.peer = SocketAddress::ipv4(INADDR_LOOPBACK, peerPort);
    sockets.publish(socket);
}

void tst_Pcapng::recordsWithoutBytes()
{
    // Errors are left out; bytes past the store's cap leave a gap Wireshark can name.
    TrafficStore store;
    SocketRegistry sockets;
    publishTcpSocket(sockets, 40000, 8080);
    store.setPayloadLimit(10);
    store.append(1, Direction::Out, "abc");
    store.append(1, Direction::Out, {}, {}, TrafficFlag::Error, 0, ECONNRESET);
    store.append(1, Direction::Out, "past the payload cap");
    store.append(1, Direction::In, {}, {}, TrafficFlag::Eof);
    store.append(7, Direction::Out, "a socket nobody knows");
    const QString path = m_dir.filePath(QStringLiteral("gaps.pcapng"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(exportPcapng(store, sockets, file));
    file.close();

    QCOMPARE(countOf(m_tshark, path, QStringLiteral("_ws.malformed || _ws.expert.severity >= 0x00800000")), 0);
    QVERIFY(countOf(m_tshark, path, QStringLiteral("tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment")) >= 1);
    QCOMPARE(countOf(m_tshark, path, QStringLiteral("tcp.len > 0")), 1);
    QCOMPARE(countOf(m_tshark, path, QStringLiteral("tcp.flags.fin == 1 && tcp.srcport == 8080")), 1);

    QFile closed(m_dir.filePath(QStringLiteral("closed.pcapng")));
    QString error;
    QVERIFY(!exportPcapng(store, sockets, closed, &error));
    QVERIFY(!error.isEmpty());
}

// A socket with a layer between (TLS) keeps the application's bytes and the wire's: a capture
// writes what crossed the socket, the wire's records, and none of the plaintext they carry.
void tst_Pcapng::captureHoldsTheWireLayer()
{
    TrafficStore store;
    SocketRegistry sockets;
    publishTcpSocket(sockets, 40001, 8443);
    store.append(1, Direction::Out, "plaintext-out", {}, 0, 0, 0, TrafficLayer::Application);
    store.append(1, Direction::Out, "WIRE-RECORD-OUT", {}, 0, 0, 0, TrafficLayer::Wire);
    store.append(1, Direction::In, "WIRE-RECORD-IN", {}, 0, 0, 0, TrafficLayer::Wire);
    store.append(1, Direction::In, "plaintext-in", {}, 0, 0, 0, TrafficLayer::Application);
    const QString path = m_dir.filePath(QStringLiteral("layers.pcapng"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(exportPcapng(store, sockets, file));
    file.close();

    QCOMPARE(countOf(m_tshark, path, QStringLiteral("_ws.malformed || _ws.expert.severity >= 0x00800000")), 0);
    QCOMPARE(countOf(m_tshark, path, QStringLiteral("tcp.len > 0")), 2);
    QCOMPARE(countOf(m_tshark, path, QStringLiteral("frame contains \"WIRE-RECORD-OUT\" && tcp.srcport == 40001")), 1);
    QCOMPARE(countOf(m_tshark, path, QStringLiteral("frame contains \"WIRE-RECORD-IN\" && tcp.srcport == 8443")), 1);
    QCOMPARE(countOf(m_tshark, path, QStringLiteral("frame contains \"plaintext\"")), 0);
}

void tst_Pcapng::headlessRunWritesPcapng()
{
    const QString script = writeFile(m_dir.filePath(QStringLiteral("session.py")),
                                     "import socket\n"
                                     "server = socket.socket()\n"
                                     "server.bind(('127.0.0.1', 0))\n"
                                     "server.listen()\n"
                                     "client = socket.socket()\n"
                                     "client.connect(server.getsockname())\n"
                                     "conn, _ = server.accept()\n"
                                     "client.sendall(b'hello from a script')\n"
                                     "got = b''\n"
                                     "while len(got) < 19:\n"
                                     "    got += conn.recv(100)\n"
                                     "conn.sendall(b'reply')\n"
                                     "assert client.recv(100) == b'reply'\n"
                                     "client.close()\n"
                                     "assert conn.recv(100) == b''\n"
                                     "conn.close()\n"
                                     "server.close()\n");
    QVERIFY(!script.isEmpty());
    const QString capture = m_dir.filePath(QStringLiteral("run.pcapng"));
    const Run ours = run(QStringLiteral(SWB_APP_PATH), {QStringLiteral("--pcapng"), capture, QStringLiteral("--run"), script});
    QVERIFY2(ours.status == 0, ours.err.constData());
    QVERIFY(fields(m_tshark, capture, kProblems, {QStringLiteral("frame.number")}).isEmpty());
    const std::array<QByteArray, 2> sent = followTcp(m_tshark, capture, 0);
    QCOMPARE(sent[0], QByteArray("hello from a script"));
    QCOMPARE(sent[1], QByteArray("reply"));
}

void tst_Pcapng::headlessRunReportsAWriteFailure()
{
    const QString script = writeFile(m_dir.filePath(QStringLiteral("done.py")), "print('done')\n");
    QVERIFY(!script.isEmpty());
    const QString capture = m_dir.filePath(QStringLiteral("no/such/dir/run.pcapng"));
    const Run ours = run(QStringLiteral(SWB_APP_PATH), {QStringLiteral("--pcapng"), capture, QStringLiteral("--run"), script});
    QVERIFY(ours.status != 0);
    QVERIFY2(ours.err.contains("run.pcapng"), ours.err.constData());
    QCOMPARE(ours.out, QByteArray("done\n"));
}

QTEST_GUILESS_MAIN(tst_Pcapng)
#include "tst_pcapng.moc"
