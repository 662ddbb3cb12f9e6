#include "core/net/errors.h"
#include "core/net/socketoptions.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

using namespace core;

namespace {

QByteArray intBytes(int value)
{
    return QByteArray(reinterpret_cast<const char *>(&value), sizeof value);
}

QByteArray lingerBytes(int onoff, int seconds)
{
    const linger l{onoff, seconds};
    return QByteArray(reinterpret_cast<const char *>(&l), sizeof l);
}

QByteArray mreqBytes(const char *group, const char *iface)
{
    ip_mreq mreq{};
    inet_pton(AF_INET, group, &mreq.imr_multiaddr);
    inet_pton(AF_INET, iface, &mreq.imr_interface);
    return QByteArray(reinterpret_cast<const char *>(&mreq), sizeof mreq);
}

QByteArray mreq6Bytes(const char *group, unsigned index)
{
    ipv6_mreq mreq{};
    inet_pton(AF_INET6, group, &mreq.ipv6mr_multiaddr);
    mreq.ipv6mr_interface = index;
    return QByteArray(reinterpret_cast<const char *>(&mreq), sizeof mreq);
}

// Every option the table is meant to hold, with the C library's level and name.
struct Expected
{
    const char *name;
    int level;
    int optname;
    OptionKind kind;
};

const Expected kExpected[] = {
    {"SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, OptionKind::Bool},
    {"SO_REUSEPORT", SOL_SOCKET, SO_REUSEPORT, OptionKind::Bool},
    {"SO_BROADCAST", SOL_SOCKET, SO_BROADCAST, OptionKind::Bool},
    {"SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, OptionKind::Bool},
    {"SO_LINGER", SOL_SOCKET, SO_LINGER, OptionKind::Linger},
    {"SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, OptionKind::Int},
    {"SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, OptionKind::Int},
    {"SO_RCVLOWAT", SOL_SOCKET, SO_RCVLOWAT, OptionKind::Int},
    {"SO_OOBINLINE", SOL_SOCKET, SO_OOBINLINE, OptionKind::Bool},
    {"SO_ERROR", SOL_SOCKET, SO_ERROR, OptionKind::ReadOnlyInt},
    {"SO_TYPE", SOL_SOCKET, SO_TYPE, OptionKind::ReadOnlyInt},
    {"SO_RXQ_OVFL", SOL_SOCKET, SO_RXQ_OVFL, OptionKind::Bool},
    {"SO_PASSCRED", SOL_SOCKET, SO_PASSCRED, OptionKind::Bool},
    {"SO_TIMESTAMPNS", SOL_SOCKET, SO_TIMESTAMPNS, OptionKind::Bool},
    {"TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, OptionKind::Bool},
    {"TCP_KEEPIDLE", IPPROTO_TCP, TCP_KEEPIDLE, OptionKind::Int},
    {"TCP_MAXSEG", IPPROTO_TCP, TCP_MAXSEG, OptionKind::Int},
    {"IP_TTL", IPPROTO_IP, IP_TTL, OptionKind::Int},
    {"IP_TOS", IPPROTO_IP, IP_TOS, OptionKind::Int},
    {"IP_MULTICAST_TTL", IPPROTO_IP, IP_MULTICAST_TTL, OptionKind::Int},
    {"IP_MULTICAST_LOOP", IPPROTO_IP, IP_MULTICAST_LOOP, OptionKind::Bool},
    {"IP_PKTINFO", IPPROTO_IP, IP_PKTINFO, OptionKind::Bool},
    {"IP_ADD_MEMBERSHIP", IPPROTO_IP, IP_ADD_MEMBERSHIP, OptionKind::Membership4},
    {"IP_DROP_MEMBERSHIP", IPPROTO_IP, IP_DROP_MEMBERSHIP, OptionKind::Membership4},
    {"IPV6_V6ONLY", IPPROTO_IPV6, IPV6_V6ONLY, OptionKind::Bool},
    {"IPV6_UNICAST_HOPS", IPPROTO_IPV6, IPV6_UNICAST_HOPS, OptionKind::Int},
    {"IPV6_MULTICAST_HOPS", IPPROTO_IPV6, IPV6_MULTICAST_HOPS, OptionKind::Int},
    {"IPV6_MULTICAST_LOOP", IPPROTO_IPV6, IPV6_MULTICAST_LOOP, OptionKind::Bool},
    {"IPV6_RECVPKTINFO", IPPROTO_IPV6, IPV6_RECVPKTINFO, OptionKind::Bool},
    {"IPV6_JOIN_GROUP", IPPROTO_IPV6, IPV6_JOIN_GROUP, OptionKind::Membership6},
    {"IPV6_LEAVE_GROUP", IPPROTO_IPV6, IPV6_LEAVE_GROUP, OptionKind::Membership6},
};

QString levelName(int level)
{
    switch (level) {
    case SOL_SOCKET: return QStringLiteral("SOL_SOCKET");
    case IPPROTO_TCP: return QStringLiteral("IPPROTO_TCP");
    case IPPROTO_IP: return QStringLiteral("IPPROTO_IP");
    case IPPROTO_IPV6: return QStringLiteral("IPPROTO_IPV6");
    default: return QString::number(level);
    }
}

} // namespace

Q_DECLARE_METATYPE(OptionKind)

class tst_SocketOptions : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void findOption_data();
    void findOption();
    void tableIsComplete();
    void encode_data();
    void encode();
    void badEncode_data();
    void badEncode();
    void pythonSpellingsMakeTheSameBytes();
    void describe_data();
    void describe();
    void settingsKeepOneValuePerOption();
};

void tst_SocketOptions::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_SocketOptions::findOption_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("optname");
    QTest::addColumn<OptionKind>("kind");
    for (const Expected &e : kExpected)
        QTest::newRow(e.name) << QString::fromLatin1(e.name) << e.level << e.optname << e.kind;
}

void tst_SocketOptions::findOption()
{
    QFETCH(QString, name);
    QFETCH(int, level);
    QFETCH(int, optname);
    QFETCH(OptionKind, kind);
    const OptionSpec *spec = core::findOption(name);
    QVERIFY(spec);
    QCOMPARE(QLatin1String(spec->name), name);
    QCOMPARE(spec->level, level);
    QCOMPARE(QLatin1String(spec->levelName), levelName(level));
    QCOMPARE(spec->optname, optname);
    QCOMPARE(spec->kind, kind);
    QVERIFY(spec->help && std::strlen(spec->help) > 10);
    QCOMPARE(pythonOptionArgs(*spec), spec->inPython ? QStringLiteral("socket.%1, socket.%2").arg(levelName(level), name)
                                                     : QStringLiteral("socket.%1, %2").arg(levelName(level)).arg(optname));
    const int size = optionBufferSize(*spec);
    switch (kind) {
    case OptionKind::Linger: QCOMPARE(size, int(sizeof(linger))); break;
    case OptionKind::Membership4: QCOMPARE(size, int(sizeof(ip_mreq))); break;
    case OptionKind::Membership6: QCOMPARE(size, int(sizeof(ipv6_mreq))); break;
    default: QCOMPARE(size, 0); break;
    }
}

void tst_SocketOptions::tableIsComplete()
{
    QSet<QString> expected;
    for (const Expected &e : kExpected)
        expected.insert(QString::fromLatin1(e.name));
    QSet<QString> listed;
    for (const OptionSpec &spec : socketOptions()) {
        const QString name = QString::fromLatin1(spec.name);
        QVERIFY2(!listed.contains(name), qPrintable(name + QStringLiteral(" is listed twice")));
        listed.insert(name);
    }
    QCOMPARE(listed, expected);
    // python3 is the oracle for which names its socket module has: a journaled call must run.
    QProcess python;
    QStringList names(listed.begin(), listed.end());
    python.start(QStringLiteral("python3"), QStringList{QStringLiteral("-c"),
                                                       QStringLiteral("import socket, sys\nfor n in sys.argv[1:]: print(n, hasattr(socket, n))")}
                                                + names);
    QVERIFY(python.waitForFinished(20000));
    const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), names.size());
    for (const QString &line : lines) {
        const QStringList parts = line.split(QLatin1Char(' '));
        const OptionSpec *spec = core::findOption(parts.value(0));
        QVERIFY2(spec, qPrintable(line));
        QVERIFY2(spec->inPython == (parts.value(1) == QLatin1String("True")), qPrintable(line));
    }
    QVERIFY(!core::findOption(u"SO_NOSUCHOPTION"));
    QVERIFY(!core::findOption(u""));
    QVERIFY(!core::findOption(u"SO_REUSEADDRX"));
}

void tst_SocketOptions::encode_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("python");

    QTest::newRow("int") << "SO_RCVBUF" << "65536" << intBytes(65536) << "65536";
    QTest::newRow("int-trimmed") << "SO_SNDBUF" << "  4096 " << intBytes(4096) << "4096";
    QTest::newRow("int-zero") << "IP_TOS" << "0" << intBytes(0) << "0";
    QTest::newRow("int-hex") << "IP_TOS" << "0x10" << intBytes(0x10) << "16";
    QTest::newRow("int-hex-upper") << "IP_TOS" << "0XB8" << intBytes(0xb8) << "184";
    QTest::newRow("int-negative") << "IPV6_UNICAST_HOPS" << "-1" << intBytes(-1) << "-1";
    QTest::newRow("int-leading-zero") << "IP_TTL" << "064" << intBytes(64) << "64"; // not C's octal 52
    QTest::newRow("int-leading-zero-8") << "IP_TTL" << "08" << intBytes(8) << "8";
    QTest::newRow("int-plus") << "IP_TTL" << "+5" << intBytes(5) << "5";
    QTest::newRow("int-max") << "SO_RCVBUF" << "2147483647" << intBytes(2147483647) << "2147483647";
    QTest::newRow("int-ttl") << "IP_TTL" << "64" << intBytes(64) << "64";
    QTest::newRow("int-keepidle") << "TCP_KEEPIDLE" << "30" << intBytes(30) << "30";
    QTest::newRow("int-maxseg") << "TCP_MAXSEG" << "536" << intBytes(536) << "536";
    QTest::newRow("int-mcast-ttl") << "IP_MULTICAST_TTL" << "1" << intBytes(1) << "1";

    QTest::newRow("bool-1") << "SO_REUSEADDR" << "1" << intBytes(1) << "1";
    QTest::newRow("bool-0") << "SO_REUSEADDR" << "0" << intBytes(0) << "0";
    QTest::newRow("bool-on") << "SO_KEEPALIVE" << "on" << intBytes(1) << "1";
    QTest::newRow("bool-off") << "SO_KEEPALIVE" << "off" << intBytes(0) << "0";
    QTest::newRow("bool-true") << "TCP_NODELAY" << "true" << intBytes(1) << "1";
    QTest::newRow("bool-false") << "TCP_NODELAY" << "false" << intBytes(0) << "0";
    QTest::newRow("bool-yes") << "SO_BROADCAST" << "yes" << intBytes(1) << "1";
    QTest::newRow("bool-no") << "SO_BROADCAST" << "no" << intBytes(0) << "0";
    QTest::newRow("bool-ON") << "IPV6_V6ONLY" << " ON " << intBytes(1) << "1";
    QTest::newRow("bool-True") << "IP_MULTICAST_LOOP" << "True" << intBytes(1) << "1";
    QTest::newRow("bool-2") << "SO_OOBINLINE" << "2" << intBytes(2) << "2"; // the kernel reads any non-zero as on

    QTest::newRow("linger-1-0") << "SO_LINGER" << "1,0" << lingerBytes(1, 0) << "struct.pack('ii', 1, 0)";
    QTest::newRow("linger-1-space-0") << "SO_LINGER" << "1, 0" << lingerBytes(1, 0) << "struct.pack('ii', 1, 0)";
    QTest::newRow("linger-off") << "SO_LINGER" << "off" << lingerBytes(0, 0) << "struct.pack('ii', 0, 0)";
    QTest::newRow("linger-OFF") << "SO_LINGER" << " OFF " << lingerBytes(0, 0) << "struct.pack('ii', 0, 0)";
    QTest::newRow("linger-0") << "SO_LINGER" << "0" << lingerBytes(0, 0) << "struct.pack('ii', 0, 0)";
    QTest::newRow("linger-0-5") << "SO_LINGER" << "0,5" << lingerBytes(0, 5) << "struct.pack('ii', 0, 5)";
    QTest::newRow("linger-on-5") << "SO_LINGER" << "on 5" << lingerBytes(1, 5) << "struct.pack('ii', 1, 5)";
    QTest::newRow("linger-on-comma-5") << "SO_LINGER" << "on,5" << lingerBytes(1, 5) << "struct.pack('ii', 1, 5)";
    QTest::newRow("linger-On-30") << "SO_LINGER" << "On, 30" << lingerBytes(1, 30) << "struct.pack('ii', 1, 30)";
    QTest::newRow("linger-1-120") << "SO_LINGER" << "1 120" << lingerBytes(1, 120) << "struct.pack('ii', 1, 120)";

    QTest::newRow("m4-group") << "IP_ADD_MEMBERSHIP" << "224.0.0.251" << mreqBytes("224.0.0.251", "0.0.0.0")
                              << "socket.inet_aton('224.0.0.251') + socket.inet_aton('0.0.0.0')";
    QTest::newRow("m4-group-iface") << "IP_ADD_MEMBERSHIP" << "224.0.0.251,127.0.0.1"
                                    << mreqBytes("224.0.0.251", "127.0.0.1")
                                    << "socket.inet_aton('224.0.0.251') + socket.inet_aton('127.0.0.1')";
    QTest::newRow("m4-spaces") << "IP_DROP_MEMBERSHIP" << " 239.1.2.3 , 127.0.0.1 " << mreqBytes("239.1.2.3", "127.0.0.1")
                               << "socket.inet_aton('239.1.2.3') + socket.inet_aton('127.0.0.1')";

    const unsigned lo = if_nametoindex("lo");
    QTest::newRow("m6-group") << "IPV6_JOIN_GROUP" << "ff02::1" << mreq6Bytes("ff02::1", 0)
                              << "socket.inet_pton(socket.AF_INET6, 'ff02::1') + struct.pack('@I', 0)";
    QTest::newRow("m6-iface-name") << "IPV6_JOIN_GROUP" << "ff02::1,lo" << mreq6Bytes("ff02::1", lo)
                                   << QStringLiteral("socket.inet_pton(socket.AF_INET6, 'ff02::1') + struct.pack('@I', %1)")
                                          .arg(lo);
    QTest::newRow("m6-iface-index") << "IPV6_LEAVE_GROUP" << "ff02::fb, 7" << mreq6Bytes("ff02::fb", 7)
                                    << "socket.inet_pton(socket.AF_INET6, 'ff02::fb') + struct.pack('@I', 7)";
    QTest::newRow("m6-iface-zero") << "IPV6_JOIN_GROUP" << "ff05::2,0" << mreq6Bytes("ff05::2", 0)
                                   << "socket.inet_pton(socket.AF_INET6, 'ff05::2') + struct.pack('@I', 0)";
}

void tst_SocketOptions::encode()
{
    QFETCH(QString, option);
    QFETCH(QString, text);
    QFETCH(QByteArray, raw);
    QFETCH(QString, python);
    const OptionSpec *spec = core::findOption(option);
    QVERIFY(spec);
    const auto result = encodeOption(*spec, text);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result->raw.toHex(' '), raw.toHex(' '));
    QCOMPARE(result->python, python);
    if (optionBufferSize(*spec))
        QCOMPARE(result->raw.size(), optionBufferSize(*spec));
}

void tst_SocketOptions::badEncode_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("int-empty") << "SO_RCVBUF" << "" << "'' is not an integer";
    QTest::newRow("int-word") << "SO_RCVBUF" << "big" << "'big' is not an integer";
    QTest::newRow("int-fraction") << "SO_RCVBUF" << "1.5" << "'1.5' is not an integer";
    QTest::newRow("int-suffix") << "SO_RCVBUF" << "64k" << "'64k' is not an integer";
    QTest::newRow("int-overflow") << "SO_RCVBUF" << "2147483648" << "'2147483648' is not an integer";
    QTest::newRow("int-two") << "IP_TTL" << "1 2" << "'1 2' is not an integer";
    QTest::newRow("int-on") << "IP_TTL" << "on" << "'on' is not an integer";
    QTest::newRow("int-bad-hex") << "IP_TOS" << "0xZZ" << "'0xZZ' is not an integer";
    QTest::newRow("int-bare-0x") << "IP_TOS" << "0x" << "'0x' is not an integer";
    QTest::newRow("int-signed-hex") << "IP_TOS" << "0x-10" << "'0x-10' is not an integer";
    QTest::newRow("int-octal-digit") << "IP_TTL" << "0o17" << "'0o17' is not an integer";

    QTest::newRow("bool-maybe") << "SO_REUSEADDR" << "maybe" << "'maybe' is not 0/1 (or on/off)";
    QTest::newRow("bool-empty") << "SO_KEEPALIVE" << "" << "is not 0/1 (or on/off)";
    QTest::newRow("bool-enabled") << "TCP_NODELAY" << "enabled" << "'enabled' is not 0/1 (or on/off)";

    QTest::newRow("linger-empty") << "SO_LINGER" << "" << "write 'on,SECONDS'";
    QTest::newRow("linger-on-alone") << "SO_LINGER" << "on" << "write 'on,SECONDS'";
    QTest::newRow("linger-1-alone") << "SO_LINGER" << "1" << "write 'on,SECONDS'";
    QTest::newRow("linger-negative") << "SO_LINGER" << "1,-1" << "write 'on,SECONDS'";
    QTest::newRow("linger-three") << "SO_LINGER" << "1,2,3" << "write 'on,SECONDS'";
    QTest::newRow("linger-word") << "SO_LINGER" << "x,5" << "write 'on,SECONDS'";
    QTest::newRow("linger-off-5") << "SO_LINGER" << "off,5" << "write 'on,SECONDS'";
    QTest::newRow("linger-seconds-word") << "SO_LINGER" << "on,soon" << "write 'on,SECONDS'";
    QTest::newRow("linger-glued") << "SO_LINGER" << "onion,5" << "write 'on,SECONDS'";

    QTest::newRow("m4-empty") << "IP_ADD_MEMBERSHIP" << "" << "write a group address like 224.0.0.251";
    QTest::newRow("m4-short") << "IP_ADD_MEMBERSHIP" << "224.0.0" << "write a group address like 224.0.0.251";
    QTest::newRow("m4-v6") << "IP_ADD_MEMBERSHIP" << "ff02::1" << "write a group address like 224.0.0.251";
    QTest::newRow("m4-three") << "IP_DROP_MEMBERSHIP" << "224.0.0.251,127.0.0.1,x"
                              << "write a group address like 224.0.0.251";
    QTest::newRow("m4-bad-iface") << "IP_ADD_MEMBERSHIP" << "224.0.0.251,lo" << "'lo' is not an IPv4 interface address";
    QTest::newRow("m4-empty-iface") << "IP_ADD_MEMBERSHIP" << "224.0.0.251," << "'' is not an IPv4 interface address";

    QTest::newRow("m6-empty") << "IPV6_JOIN_GROUP" << "" << "write a group address like ff02::1";
    QTest::newRow("m6-v4") << "IPV6_JOIN_GROUP" << "224.0.0.251" << "write a group address like ff02::1";
    QTest::newRow("m6-three") << "IPV6_LEAVE_GROUP" << "ff02::1,lo,x" << "write a group address like ff02::1";
    QTest::newRow("m6-no-iface") << "IPV6_JOIN_GROUP" << "ff02::1,nosuchif0" << "no network interface named 'nosuchif0'";
    QTest::newRow("m6-empty-iface") << "IPV6_JOIN_GROUP" << "ff02::1," << "no network interface named ''";

    QTest::newRow("read-only-error") << "SO_ERROR" << "0" << "SO_ERROR can only be read";
    QTest::newRow("read-only-type") << "SO_TYPE" << "1" << "SO_TYPE can only be read";
}

void tst_SocketOptions::badEncode()
{
    QFETCH(QString, option);
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const OptionSpec *spec = core::findOption(option);
    QVERIFY(spec);
    const auto result = encodeOption(*spec, text);
    QVERIFY2(!result.ok(), qPrintable(result.ok() ? result->python : QString()));
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
}

// The Python spelling of each value, evaluated by python3, gives the bytes we hand to setsockopt.
void tst_SocketOptions::pythonSpellingsMakeTheSameBytes()
{
    const QList<QPair<const char *, const char *>> inputs = {
        {"SO_RCVBUF", "65536"},   {"IPV6_UNICAST_HOPS", "-1"},     {"SO_REUSEADDR", "on"},
        {"SO_LINGER", "1,0"},     {"SO_LINGER", "on 5"},           {"SO_LINGER", "off"},
        {"IP_ADD_MEMBERSHIP", "224.0.0.251"}, {"IP_ADD_MEMBERSHIP", "224.0.0.251,127.0.0.1"},
        {"IPV6_JOIN_GROUP", "ff02::1"},       {"IPV6_JOIN_GROUP", "ff02::1,lo"},
    };
    QString script = QStringLiteral("import socket, struct\n");
    QList<QByteArray> expected;
    for (const auto &[name, text] : inputs) {
        const OptionSpec *spec = core::findOption(QString::fromLatin1(name));
        QVERIFY(spec);
        const auto value = encodeOption(*spec, QString::fromLatin1(text));
        QVERIFY2(value.ok(), text);
        expected += value->raw.toHex();
        // An int goes to setsockopt as a C int; anything else is the buffer itself.
        script += QStringLiteral("v = %1\nprint((struct.pack('i', v) if isinstance(v, int) else v).hex())\n")
                      .arg(value->python);
    }
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    QVERIFY(python.waitForStarted(5000));
    QVERIFY(python.waitForFinished(10000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QList<QByteArray> lines = python.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines, expected);
}

void tst_SocketOptions::describe_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("python");

    QTest::newRow("int") << "SO_RCVBUF" << intBytes(212992) << "212992" << "212992";
    QTest::newRow("int-negative") << "IPV6_UNICAST_HOPS" << intBytes(-1) << "-1" << "-1";
    QTest::newRow("bool") << "SO_REUSEADDR" << intBytes(1) << "1" << "1";
    QTest::newRow("read-only-error") << "SO_ERROR" << intBytes(ECONNREFUSED) << "111" << "111";
    QTest::newRow("read-only-type") << "SO_TYPE" << intBytes(SOCK_DGRAM) << "2" << "2";
    QTest::newRow("int-short-buffer") << "IP_MULTICAST_TTL" << QByteArray("\x01", 1) << "01" << "b'\\x01'";
    QTest::newRow("int-empty-buffer") << "IP_TTL" << QByteArray() << "" << "b''";
    QTest::newRow("linger-on") << "SO_LINGER" << lingerBytes(1, 5) << "on, 5 s"
                               << "b'\\x01\\x00\\x00\\x00\\x05\\x00\\x00\\x00'";
    QTest::newRow("linger-on-0") << "SO_LINGER" << lingerBytes(1, 0) << "on, 0 s"
                                 << "b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00'";
    QTest::newRow("linger-off") << "SO_LINGER" << lingerBytes(0, 0) << "off"
                                << "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'";
    QTest::newRow("linger-off-keeps-seconds") << "SO_LINGER" << lingerBytes(0, 9) << "off"
                                              << "b'\\x00\\x00\\x00\\x00\\t\\x00\\x00\\x00'";
    QTest::newRow("linger-short") << "SO_LINGER" << QByteArray("\x01\x00\x00\x00", 4) << "01 00 00 00"
                                  << "b'\\x01\\x00\\x00\\x00'";
    QTest::newRow("membership4") << "IP_ADD_MEMBERSHIP" << mreqBytes("224.0.0.251", "127.0.0.1")
                                 << "e0 00 00 fb 7f 00 00 01" << "b'\\xe0\\x00\\x00\\xfb\\x7f\\x00\\x00\\x01'";
    QTest::newRow("membership6") << "IPV6_JOIN_GROUP" << mreq6Bytes("ff02::1", 1)
                                 << "ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01 01 00 00 00"
                                 << "b'\\xff\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                                    "\\x01\\x01\\x00\\x00\\x00'";
}

void tst_SocketOptions::describe()
{
    QFETCH(QString, option);
    QFETCH(QByteArray, raw);
    QFETCH(QString, text);
    QFETCH(QString, python);
    const OptionSpec *spec = core::findOption(option);
    QVERIFY(spec);
    QCOMPARE(describeOption(*spec, raw), text);
    QCOMPARE(pythonOptionResult(*spec, raw), python);
}

// A socket's settings are typed: the option, its bytes and its text; setting one again replaces
// the value in place, so a session sets options again in the order they were first set.
void tst_SocketOptions::settingsKeepOneValuePerOption()
{
    const OptionSpec &rcvbuf = *core::findOption(u"SO_RCVBUF");
    const OptionSpec &reuse = *core::findOption(u"SO_REUSEADDR");
    OptionSettings settings;
    QVERIFY(settings.isEmpty());
    settings.set(rcvbuf, encodeOption(rcvbuf, u"4096").value());
    settings.set(reuse, encodeOption(reuse, u"1").value());
    settings.set(rcvbuf, encodeOption(rcvbuf, u" 8192 ").value());
    QCOMPARE(settings.size(), 2);
    QCOMPARE(settings.begin()->spec, &rcvbuf);
    QCOMPARE(settings.find(u"SO_RCVBUF")->text, QStringLiteral("8192"));
    const int eight = 8192;
    QCOMPARE(settings.find(rcvbuf)->raw, QByteArray(reinterpret_cast<const char *>(&eight), sizeof eight));
    QVERIFY(!settings.find(u"SO_SNDBUF"));
    QVERIFY(!settings.find(u"NO_SUCH_OPTION"));

    OptionSettings same;
    same.set(rcvbuf, encodeOption(rcvbuf, u"8192").value());
    same.set(reuse, encodeOption(reuse, u"1").value());
    QCOMPARE(same, settings);
    same.set(reuse, encodeOption(reuse, u"0").value());
    QVERIFY(!(same == settings));
}

QTEST_GUILESS_MAIN(tst_SocketOptions)
#include "tst_socketoptions.moc"
