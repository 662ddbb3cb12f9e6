// Socket options on real sockets: the table's encodings set with setsockopt and read back with
// getsockopt as what was meant, multicast membership joined and left, and the options given by
// level and number (parseOptionRef, encodeRawOption) and by family (optionAppliesTo).
#include "core/net/errors.h"
#include "core/net/socketoptions.h"
#include "tests/core/testsupport.h"

#include <QTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace core;
using testsupport::Fd;

namespace {

// What getsockopt gives back, in a buffer of the size the workbench asks for.
QByteArray readOption(int fd, const OptionSpec &spec, int *error)
{
    QByteArray raw(optionBufferSize(spec) ? optionBufferSize(spec) : int(sizeof(int)), '\0');
    socklen_t length = socklen_t(raw.size());
    *error = ::getsockopt(fd, spec.level, spec.optname, raw.data(), &length) == 0 ? 0 : errno;
    raw.truncate(int(length));
    return raw;
}

} // namespace

class tst_OptionsOnSockets : public QObject
{
    Q_OBJECT
private slots:
    void realSocket_data();
    void realSocket();
    void multicastMembership_data();
    void multicastMembership();
    void optionsByNumber();
    void optionsByFamily();
};

void tst_OptionsOnSockets::realSocket_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("readBack"); // any of these

    QTest::newRow("linger-reset") << AF_INET << int(SOCK_STREAM) << "SO_LINGER" << "1,0" << QStringList{"on, 0 s"};
    QTest::newRow("linger-on-5") << AF_INET << int(SOCK_STREAM) << "SO_LINGER" << "on 5" << QStringList{"on, 5 s"};
    QTest::newRow("linger-off") << AF_INET << int(SOCK_STREAM) << "SO_LINGER" << "off" << QStringList{"off"};
    // Linux doubles the buffer sizes it is given (socket(7)).
    QTest::newRow("rcvbuf") << AF_INET << int(SOCK_STREAM) << "SO_RCVBUF" << "65536" << QStringList{"131072", "65536"};
    QTest::newRow("sndbuf") << AF_INET << int(SOCK_DGRAM) << "SO_SNDBUF" << "32768" << QStringList{"65536", "32768"};
    QTest::newRow("reuseaddr") << AF_INET << int(SOCK_STREAM) << "SO_REUSEADDR" << "on" << QStringList{"1"};
    QTest::newRow("keepalive") << AF_INET << int(SOCK_STREAM) << "SO_KEEPALIVE" << "yes" << QStringList{"1"};
    QTest::newRow("keepalive-off") << AF_INET << int(SOCK_STREAM) << "SO_KEEPALIVE" << "false" << QStringList{"0"};
    QTest::newRow("broadcast") << AF_INET << int(SOCK_DGRAM) << "SO_BROADCAST" << "1" << QStringList{"1"};
    QTest::newRow("nodelay") << AF_INET << int(SOCK_STREAM) << "TCP_NODELAY" << "true" << QStringList{"1"};
    QTest::newRow("keepidle") << AF_INET << int(SOCK_STREAM) << "TCP_KEEPIDLE" << "42" << QStringList{"42"};
    QTest::newRow("ttl") << AF_INET << int(SOCK_DGRAM) << "IP_TTL" << "42" << QStringList{"42"};
    QTest::newRow("mcast-ttl") << AF_INET << int(SOCK_DGRAM) << "IP_MULTICAST_TTL" << "3" << QStringList{"3"};
    QTest::newRow("mcast-loop-off") << AF_INET << int(SOCK_DGRAM) << "IP_MULTICAST_LOOP" << "off" << QStringList{"0"};
    QTest::newRow("v6only") << AF_INET6 << int(SOCK_STREAM) << "IPV6_V6ONLY" << "1" << QStringList{"1"};
    QTest::newRow("v6-hops") << AF_INET6 << int(SOCK_DGRAM) << "IPV6_UNICAST_HOPS" << "7" << QStringList{"7"};
}

// The encoded bytes go to a real setsockopt and come back through getsockopt as what was meant.
void tst_OptionsOnSockets::realSocket()
{
    QFETCH(int, family);
    QFETCH(int, type);
    QFETCH(QString, option);
    QFETCH(QString, text);
    QFETCH(QStringList, readBack);
    const OptionSpec *spec = core::findOption(option);
    QVERIFY(spec);
    const auto value = encodeOption(*spec, text);
    QVERIFY(value.ok());
    Fd s(::socket(family, type | SOCK_CLOEXEC, 0));
    if (s.fd < 0 && family == AF_INET6)
        QSKIP("no IPv6 on this machine");
    QVERIFY(s.fd >= 0);
    QVERIFY2(::setsockopt(s.fd, spec->level, spec->optname, value->raw.constData(), socklen_t(value->raw.size())) == 0,
             qPrintable(pythonOsError(errno)));
    int error = 0;
    const QByteArray raw = readOption(s.fd, *spec, &error);
    QVERIFY2(!error, qPrintable(pythonOsError(error)));
    const QString shown = describeOption(*spec, raw);
    QVERIFY2(readBack.contains(shown), qPrintable(shown));
    if (optionBufferSize(*spec) == 0)
        QCOMPARE(pythonOptionResult(*spec, raw), shown);
    else
        QCOMPARE(raw, value->raw); // what Python's getsockopt(level, name, buflen) returns as bytes

    // The read-only pair, on the same socket.
    const QByteArray type_ = readOption(s.fd, *core::findOption(u"SO_TYPE"), &error);
    QCOMPARE(error, 0);
    QCOMPARE(describeOption(*core::findOption(u"SO_TYPE"), type_), QString::number(type));
    const QByteArray pending = readOption(s.fd, *core::findOption(u"SO_ERROR"), &error);
    QCOMPARE(error, 0);
    QCOMPARE(pythonOptionResult(*core::findOption(u"SO_ERROR"), pending), QStringLiteral("0"));
}

void tst_OptionsOnSockets::multicastMembership_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("join");
    QTest::addColumn<QString>("leave");
    QTest::addColumn<QString>("text");
    QTest::newRow("v4-loopback") << AF_INET << "IP_ADD_MEMBERSHIP" << "IP_DROP_MEMBERSHIP" << "224.0.0.251,127.0.0.1";
    QTest::newRow("v4-any") << AF_INET << "IP_ADD_MEMBERSHIP" << "IP_DROP_MEMBERSHIP" << "239.255.0.1";
    QTest::newRow("v6-lo") << AF_INET6 << "IPV6_JOIN_GROUP" << "IPV6_LEAVE_GROUP" << "ff02::fb,lo";
}

// Joining may fail on a machine without multicast routes: a real errno is fine, a crash is not.
// A join that worked can be left with the same bytes; leaving twice gives a real errno.
void tst_OptionsOnSockets::multicastMembership()
{
    QFETCH(int, family);
    QFETCH(QString, join);
    QFETCH(QString, leave);
    QFETCH(QString, text);
    const OptionSpec *joinSpec = core::findOption(join);
    const OptionSpec *leaveSpec = core::findOption(leave);
    QVERIFY(joinSpec && leaveSpec);
    const auto value = encodeOption(*joinSpec, text);
    QVERIFY(value.ok());
    QCOMPARE(encodeOption(*leaveSpec, text)->raw, value->raw);
    Fd s(::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (s.fd < 0 && family == AF_INET6)
        QSKIP("no IPv6 on this machine");
    QVERIFY(s.fd >= 0);
    if (::setsockopt(s.fd, joinSpec->level, joinSpec->optname, value->raw.constData(), socklen_t(value->raw.size())) != 0) {
        const int error = errno;
        QVERIFY(error > 0);
        QVERIFY2(errnoName(error) != QStringLiteral("E%1").arg(error), qPrintable(errnoName(error)));
        qInfo("%s %s: %s", qPrintable(join), qPrintable(text), qPrintable(pythonOsError(error)));
        return;
    }
    QVERIFY2(::setsockopt(s.fd, leaveSpec->level, leaveSpec->optname, value->raw.constData(),
                          socklen_t(value->raw.size())) == 0,
             qPrintable(pythonOsError(errno)));
    QCOMPARE(::setsockopt(s.fd, leaveSpec->level, leaveSpec->optname, value->raw.constData(),
                          socklen_t(value->raw.size())), -1);
    QVERIFY(errno > 0);
}

// Any option by level and number, as the window's raw row takes it: names or numbers, an int or hex.
void tst_OptionsOnSockets::optionsByNumber()
{
    const auto known = parseOptionRef(u"SOL_SOCKET", u"7");
    QVERIFY(known);
    QCOMPARE(known->level, int(SOL_SOCKET));
    QCOMPARE(known->optname, int(SO_SNDBUF));
    QVERIFY(known->spec && QLatin1String(known->spec->name) == QLatin1String("SO_SNDBUF"));
    const auto named = parseOptionRef(u"IPPROTO_TCP", u"TCP_NODELAY");
    QVERIFY(named);
    QCOMPARE(named->optname, int(TCP_NODELAY));
    const auto unknown = parseOptionRef(u"41", u"51");
    QVERIFY(unknown);
    QCOMPARE(unknown->level, 41);
    QVERIFY(!unknown->spec);
    QCOMPARE(unknown->pythonArgs(), QStringLiteral("41, 51"));
    QVERIFY(!parseOptionRef(u"SOL_NOPE", u"7"));
    QVERIFY(!parseOptionRef(u"SOL_SOCKET", u"SO_NOSUCH"));
    QVERIFY(!parseOptionRef(u"SOL_SOCKET", u""));

    const auto one = encodeRawOption(u"1", false);
    QVERIFY(one);
    QCOMPARE(one->raw, QByteArray("\x01\x00\x00\x00", 4));
    QCOMPARE(one->python, QStringLiteral("1"));
    const auto bytes = encodeRawOption(u"01 00 00 00 05 00 00 00", true);
    QVERIFY(bytes);
    QCOMPARE(bytes->raw.size(), qsizetype(8));
    QVERIFY(!encodeRawOption(u"zz", true));
    QVERIFY(!encodeRawOption(u"x", false));

    // The bytes reach the kernel: SO_LINGER by number, read back through the table's entry.
    Fd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    QVERIFY(s.fd >= 0);
    const auto linger = parseOptionRef(u"SOL_SOCKET", QString::number(SO_LINGER));
    QVERIFY(linger && linger->spec);
    QCOMPARE(::setsockopt(s.fd, linger->level, linger->optname, bytes->raw.constData(), socklen_t(bytes->raw.size())), 0);
    int error = 0;
    QCOMPARE(describeOption(*linger->spec, readOption(s.fd, *linger->spec, &error)), QStringLiteral("on, 5 s"));
    QCOMPARE(error, 0);
}

// The write-only memberships go by their family; every other option is the kernel's to answer.
void tst_OptionsOnSockets::optionsByFamily()
{
    const OptionSpec &join4 = *findOption(u"IP_ADD_MEMBERSHIP");
    const OptionSpec &join6 = *findOption(u"IPV6_JOIN_GROUP");
    const OptionSpec &nodelay = *findOption(u"TCP_NODELAY");
    QVERIFY(optionAppliesTo(join4, AF_INET));
    QVERIFY(optionAppliesTo(join4, AF_INET6));
    QVERIFY(!optionAppliesTo(join4, AF_UNIX));
    QVERIFY(optionAppliesTo(join6, AF_INET6));
    QVERIFY(!optionAppliesTo(join6, AF_INET));
    QVERIFY(optionAppliesTo(nodelay, AF_UNIX));
}

QTEST_GUILESS_MAIN(tst_OptionsOnSockets)
#include "tst_optionsonsockets.moc"
