// Ancillary data as the window reads and edits it: level and type names both ways, what each known
// item says (descriptors, credentials, the kernel's time, a datagram's destination), bad cells
// refused with a message, and items that reach the kernel and come back through a real
// socketpair and a real UDP socket.
#include "core/net/ancillary.h"
#include "tests/core/testsupport.h"

#include <QDateTime>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace core;
using testsupport::finished;
using testsupport::succeeded;

class tst_Ancillary : public QObject
{
    Q_OBJECT
private slots:
    void namesBothWays();
    void badCellsAreRefused();
    void itemsSayWhatTheyHold();
    void descriptorPassesThroughTheKernel();
    void pktinfoNamesTheDestination();
    void shortBufferSetsCtrunc();
};

void tst_Ancillary::namesBothWays()
{
    QCOMPARE(ancillaryLevelName(SOL_SOCKET), QStringLiteral("SOL_SOCKET"));
    QCOMPARE(ancillaryLevelName(IPPROTO_IPV6), QStringLiteral("IPPROTO_IPV6"));
    QCOMPARE(ancillaryLevelName(999), QStringLiteral("999"));
    QCOMPARE(ancillaryTypeName(SOL_SOCKET, SCM_RIGHTS), QStringLiteral("SCM_RIGHTS"));
    QCOMPARE(ancillaryTypeName(SOL_SOCKET, SCM_CREDENTIALS), QStringLiteral("SCM_CREDENTIALS"));
    QCOMPARE(ancillaryTypeName(IPPROTO_IP, IP_PKTINFO), QStringLiteral("IP_PKTINFO"));
    // A type is named within its level: 1 at IPPROTO_IP is not SCM_RIGHTS.
    QCOMPARE(ancillaryTypeName(IPPROTO_TCP, SCM_RIGHTS), QString::number(SCM_RIGHTS));

    QCOMPARE(parseAncillaryLevel(u"SOL_SOCKET").value(), SOL_SOCKET);
    QCOMPARE(parseAncillaryLevel(u" socket.ipproto_ipv6 ").value(), int(IPPROTO_IPV6));
    QCOMPARE(parseAncillaryLevel(u"0x29").value(), 41);
    QCOMPARE(parseAncillaryType(SOL_SOCKET, u"SCM_RIGHTS").value(), int(SCM_RIGHTS));
    QCOMPARE(parseAncillaryType(SOL_SOCKET, u"socket.SCM_CREDENTIALS").value(), int(SCM_CREDENTIALS));
    QCOMPARE(parseAncillaryType(IPPROTO_IPV6, u"50").value(), 50);
    // Names round-trip for every level and type the table knows.
    for (const int level : {int(SOL_SOCKET), int(IPPROTO_IP), int(IPPROTO_IPV6)}) {
        for (int type = 0; type < 80; ++type) {
            const QString name = ancillaryTypeName(level, type);
            QCOMPARE(parseAncillaryType(level, name).value(), type);
        }
        QCOMPARE(parseAncillaryLevel(ancillaryLevelName(level)).value(), level);
    }
}

void tst_Ancillary::badCellsAreRefused()
{
    const auto level = parseAncillaryLevel(u"SOL_SOKET");
    QVERIFY(!level);
    QVERIFY2(level.error().message.contains(QLatin1String("SOL_SOKET")), qPrintable(level.error().message));
    QVERIFY(!parseAncillaryLevel(u""));
    QVERIFY(!parseAncillaryLevel(u"-1"));
    const auto type = parseAncillaryType(SOL_SOCKET, u"IP_PKTINFO"); // a name of another level
    QVERIFY(!type);
    QVERIFY2(type.error().message.contains(QLatin1String("IP_PKTINFO")), qPrintable(type.error().message));
    QVERIFY(!parseAncillaryType(SOL_SOCKET, u"rights"));
}

void tst_Ancillary::itemsSayWhatTheyHold()
{
    const Ancillary fds = descriptorsItem({3, 7});
    QCOMPARE(fds.data.size(), qsizetype(2 * sizeof(int)));
    QCOMPARE(ancillaryDescriptors(fds), QList<int>({3, 7}));
    QCOMPARE(describeAncillary(fds), QStringLiteral("SCM_RIGHTS: descriptors 3, 7"));
    QVERIFY(ancillaryDescriptors(credentialsItem(1, 2, 3)).isEmpty());
    QCOMPARE(describeAncillary(credentialsItem(42, 1000, 100)), QStringLiteral("SCM_CREDENTIALS: pid 42, uid 1000, gid 100"));

    timespec when{};
    when.tv_sec = 1700000000;
    when.tv_nsec = 5;
    const Ancillary stamp{SOL_SOCKET, SO_TIMESTAMPNS, QByteArray(reinterpret_cast<const char *>(&when), sizeof when)};
    const QString stampText = describeAncillary(stamp);
    QVERIFY2(stampText.contains(QLatin1String("2023-11-14")) && stampText.contains(QLatin1String("22:13:20.000000005")),
             qPrintable(stampText));

    in_pktinfo info{};
    info.ipi_ifindex = 1;
    ::inet_pton(AF_INET, "127.0.0.1", &info.ipi_addr);
    ::inet_pton(AF_INET, "127.0.0.2", &info.ipi_spec_dst);
    const Ancillary pkt{IPPROTO_IP, IP_PKTINFO, QByteArray(reinterpret_cast<const char *>(&info), sizeof info)};
    QCOMPARE(describeAncillary(pkt), QStringLiteral("IP_PKTINFO: interface 1, to 127.0.0.1, local 127.0.0.2"));

    // A known type whose data is too short to read, and an unknown one, show their bytes.
    QCOMPARE(describeAncillary(Ancillary{IPPROTO_IP, IP_PKTINFO, QByteArray("\x01\x02", 2)}),
             QStringLiteral("IPPROTO_IP/IP_PKTINFO: 01 02"));
    QCOMPARE(describeAncillary(Ancillary{SOL_SOCKET, 99, {}}), QStringLiteral("SOL_SOCKET/99: (no data)"));
}

void tst_Ancillary::descriptorPassesThroughTheKernel()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QVERIFY(succeeded(finished(wb, pair.call)));
    int fds[2] = {-1, -1};
    QCOMPARE(::pipe(fds), 0);
    QVERIFY(succeeded(finished(wb, wb.sendMsg(pair.first, {QByteArray("x")}, {descriptorsItem({fds[1]})}))));
    const CallRecord got = finished(wb, wb.recvMsg(pair.second, 16, int(CMSG_SPACE(sizeof(int)))));
    QVERIFY(succeeded(got));
    QVERIFY(got.outcome.message);
    QCOMPARE(got.outcome.message->ancillary.size(), qsizetype(1));
    const QList<int> received = ancillaryDescriptors(got.outcome.message->ancillary.first());
    QCOMPARE(received.size(), qsizetype(1));
    QVERIFY(received.first() != fds[1]);
    // The descriptor received is the pipe's write end: what it writes, the read end reads.
    QCOMPARE(::write(received.first(), "ok", 2), ssize_t(2));
    char buffer[4] = {};
    QCOMPARE(::read(fds[0], buffer, sizeof buffer), ssize_t(2));
    QCOMPARE(QByteArray(buffer, 2), QByteArray("ok"));
    ::close(received.first());
    ::close(fds[0]);
    ::close(fds[1]);
}

void tst_Ancillary::pktinfoNamesTheDestination()
{
    Workbench wb;
    QTemporaryDir dir;
    const auto receiver = wb.createSocket(AF_INET, SOCK_DGRAM);
    QVERIFY(succeeded(finished(wb, receiver.call)));
    QVERIFY(succeeded(finished(wb, wb.bind(receiver.socketId, TypedAddress(testsupport::loopback(AF_INET, dir))))));
    QVERIFY(succeeded(finished(wb, wb.setOption(receiver.socketId, OptionRef::byNumber(IPPROTO_IP, IP_PKTINFO), encodeRawOption(u"1", false).value()))));
    const SocketAddress to = wb.sockets().info(receiver.socketId).local;
    const auto sender = wb.createSocket(AF_INET, SOCK_DGRAM);
    QVERIFY(succeeded(finished(wb, sender.call)));
    QVERIFY(succeeded(finished(wb, wb.sendTo(sender.socketId, "datagram", TypedAddress(to)))));
    const CallRecord got = finished(wb, wb.recvMsg(receiver.socketId, 64, 256));
    QVERIFY(succeeded(got));
    QCOMPARE(got.outcome.message->ancillary.size(), qsizetype(1));
    QVERIFY2(describeAncillary(got.outcome.message->ancillary.first()).contains(QLatin1String("to 127.0.0.1")),
             qPrintable(describeAncillary(got.outcome.message->ancillary.first())));
}

void tst_Ancillary::shortBufferSetsCtrunc()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QVERIFY(succeeded(finished(wb, pair.call)));
    int fds[2] = {-1, -1};
    QCOMPARE(::pipe(fds), 0);
    QVERIFY(succeeded(finished(wb, wb.sendMsg(pair.first, {QByteArray("x")}, {descriptorsItem({fds[0], fds[1], fds[0]})}))));
    // Room for one descriptor (CMSG_SPACE(4): its padding holds a second) of three: the kernel
    // keeps what fits and says MSG_CTRUNC.
    const CallRecord got = finished(wb, wb.recvMsg(pair.second, 16, int(CMSG_SPACE(sizeof(int)))));
    QVERIFY(succeeded(got));
    QVERIFY(got.outcome.message->flags & MSG_CTRUNC);
    for (const Ancillary &item : got.outcome.message->ancillary) {
        for (const int fd : ancillaryDescriptors(item))
            ::close(fd);
    }
    ::close(fds[0]);
    ::close(fds[1]);
}

QTEST_GUILESS_MAIN(tst_Ancillary)
#include "tst_ancillary.moc"
