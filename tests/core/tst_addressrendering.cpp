// Addresses rendered as their references have them: the kernel binds the parsed bytes and gives
// back the same address; python3 writes the same repr for the same sockets, for scoped addresses
// and for every path character; raw sockaddrs (none, too short, too long, with a flow label)
// render right.
#include "core/net/socketaddress.h"
#include "tests/core/addresssupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

using namespace addresssupport;
using namespace core;

class tst_AddressRendering : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void parsedAddressesBind_data();
    void parsedAddressesBind();
    void pythonRendersTheSameSockets();
    void scopedAddressMatchesPython();
    void unixPathReprMatchesPython();
    void rawSockaddrs();
};

void tst_AddressRendering::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_AddressRendering::parsedAddressesBind_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::newRow("v4-tcp") << "127.0.0.1:0" << AF_INET << int(SOCK_STREAM);
    QTest::newRow("v4-udp-tuple") << "('127.0.0.1', 0)" << AF_INET << int(SOCK_DGRAM);
    QTest::newRow("v4-localhost") << "localhost:0" << AF_INET << int(SOCK_STREAM);
    QTest::newRow("v6-tcp") << "[::1]:0" << AF_INET6 << int(SOCK_STREAM);
    QTest::newRow("v6-udp-tuple") << "('::1', 0, 0, 0)" << AF_INET6 << int(SOCK_DGRAM);
    QTest::newRow("abstract") << QStringLiteral("@swb-bind-%1").arg(QCoreApplication::applicationPid()) << AF_UNIX
                              << int(SOCK_STREAM);
    QTest::newRow("abstract-dgram") << QStringLiteral("\\0swb-dgram-%1").arg(QCoreApplication::applicationPid())
                                    << AF_UNIX << int(SOCK_DGRAM);
    QTest::newRow("path") << QStringLiteral("{dir}/s.sock") << AF_UNIX << int(SOCK_STREAM);
}

// The kernel takes the parsed bytes as they are and hands back the same address.
void tst_AddressRendering::parsedAddressesBind()
{
    QFETCH(QString, text);
    QFETCH(int, family);
    QFETCH(int, type);
    QTemporaryDir dir(QStringLiteral("/tmp/swb-XXXXXX"));
    QVERIFY(dir.isValid());
    text.replace(QLatin1String("{dir}"), dir.path());
    const auto parsed = parseAddress(text, family);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    Fd s(::socket(family, type | SOCK_CLOEXEC, 0));
    QVERIFY(s.fd >= 0);
    if (::bind(s.fd, parsed->data(), parsed->length()) != 0) {
        if (family == AF_INET6 && errno == EADDRNOTAVAIL)
            QSKIP("no IPv6 loopback on this machine");
        QFAIL(strerror(errno));
    }
    const SocketAddress bound = localName(s.fd);
    QCOMPARE(bound.family(), family);
    QCOMPARE(bound.host(), parsed->host());
    if (family == AF_UNIX) {
        QCOMPARE(bound, *parsed);
        QCOMPARE(bound.toPython(), parsed->toPython());
    } else {
        QVERIFY(bound.port() != 0);
        const QString expected = family == AF_INET ? QStringLiteral("('%1', %2)").arg(parsed->host()).arg(bound.port())
                                                   : QStringLiteral("('%1', %2, 0, 0)").arg(parsed->host()).arg(bound.port());
        QCOMPARE(bound.toPython(), expected);
    }
}

// CPython is the reference: sockets made here are handed to python3 (inherited descriptors), which
// prints repr(getsockname()) and repr(getpeername()) of each; we must render the same addresses alike.
void tst_AddressRendering::pythonRendersTheSameSockets()
{
    QTemporaryDir dir(QStringLiteral("/tmp/swb-XXXXXX"));
    QVERIFY(dir.isValid());
    std::vector<std::unique_ptr<Fd>> sockets;
    struct Probe
    {
        int fd;
        bool peer;
        QString label;
    };
    QList<Probe> probes;
    auto bound = [&](int family, int type, const QString &text, const QString &label) -> int {
        const auto parsed = parseAddress(text, family);
        if (!parsed.ok())
            return -1;
        auto s = std::make_unique<Fd>(::socket(family, type, 0)); // inherited by python3: no CLOEXEC
        if (s->fd < 0 || ::bind(s->fd, parsed->data(), parsed->length()) != 0)
            return -1;
        const int fd = s->fd;
        sockets.push_back(std::move(s));
        probes += Probe{fd, false, label};
        return fd;
    };

    QVERIFY(bound(AF_INET, SOCK_DGRAM, QStringLiteral("127.0.0.1:0"), QStringLiteral("udp4")) >= 0);
    const int listener = bound(AF_INET, SOCK_STREAM, QStringLiteral("127.0.0.1:0"), QStringLiteral("tcp4-listener"));
    QVERIFY(listener >= 0);
    QCOMPARE(::listen(listener, 1), 0);
    {
        const SocketAddress target = localName(listener);
        auto client = std::make_unique<Fd>(::socket(AF_INET, SOCK_STREAM, 0));
        QCOMPARE(::connect(client->fd, target.data(), target.length()), 0);
        probes += Probe{client->fd, false, QStringLiteral("tcp4-client-local")};
        probes += Probe{client->fd, true, QStringLiteral("tcp4-client-peer")};
        sockets.push_back(std::move(client));
    }
    const bool v6 = bound(AF_INET6, SOCK_DGRAM, QStringLiteral("[::1]:0"), QStringLiteral("udp6")) >= 0;
    QVERIFY(bound(AF_UNIX, SOCK_STREAM, dir.path() + QStringLiteral("/py.sock"), QStringLiteral("path")) >= 0);
    QVERIFY(bound(AF_UNIX, SOCK_STREAM, dir.path() + QStringLiteral("/it's"), QStringLiteral("path-quote")) >= 0);
    // Python's repr escapes what it does not print: C1 controls, non-ASCII spaces, format characters.
    QVERIFY(bound(AF_UNIX, SOCK_STREAM,
                  dir.path() + QString::fromUtf8("/caf\u00e9-\u0085-\u00a0-\u2028-\u200b-\U0001F600-\u00ad"),
                  QStringLiteral("path-unicode")) >= 0);
    QVERIFY(bound(AF_UNIX, SOCK_STREAM, dir.path() + QStringLiteral("/tab\there"), QStringLiteral("path-tab")) >= 0);
    QVERIFY(bound(AF_UNIX, SOCK_DGRAM, QStringLiteral("@swb-py-%1").arg(QCoreApplication::applicationPid()),
                  QStringLiteral("abstract")) >= 0);
    const QString longName = QStringLiteral("@swb-py-%1-").arg(QCoreApplication::applicationPid());
    QVERIFY(bound(AF_UNIX, SOCK_DGRAM, longName + QString(108 - longName.size(), QLatin1Char('x')),
                  QStringLiteral("abstract-107")) >= 0);
    {
        int pair[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
        sockets.push_back(std::make_unique<Fd>(pair[0]));
        sockets.push_back(std::make_unique<Fd>(pair[1]));
        probes += Probe{pair[0], false, QStringLiteral("unnamed")};
        probes += Probe{pair[0], true, QStringLiteral("unnamed-peer")};
    }
    if (!v6)
        qInfo("no IPv6 loopback: the AF_INET6 probe is left out");

    QString script = QStringLiteral("import socket\n");
    for (const Probe &p : probes) {
        script += QStringLiteral("s = socket.socket(fileno=%1)\nprint(repr(s.%2()))\ns.detach()\n")
                      .arg(p.fd)
                      .arg(p.peer ? QStringLiteral("getpeername") : QStringLiteral("getsockname"));
    }
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    QVERIFY(python.waitForStarted(5000));
    QVERIFY(python.waitForFinished(10000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), probes.size());
    for (int i = 0; i < probes.size(); ++i) {
        const Probe &p = probes[i];
        const SocketAddress ours = p.peer ? peerName(p.fd) : localName(p.fd);
        QVERIFY2(ours.isValid(), qPrintable(p.label));
        QVERIFY2(ours.toPython() == lines[i],
                 qPrintable(QStringLiteral("%1: ours %2, python %3").arg(p.label, ours.toPython(), lines[i])));
    }
}

// No link-local address to bind here, so Python's getaddrinfo renders the scoped address instead.
void tst_AddressRendering::scopedAddressMatchesPython()
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import socket\n"
                                 "for h in ('fe80::1%lo', 'fe80::1%1', 'ff02::1%lo'):\n"
                                 "    print(repr(socket.getaddrinfo(h, 80, socket.AF_INET6, socket.SOCK_STREAM)[0][4]))\n")});
    QVERIFY(python.waitForStarted(5000));
    QVERIFY(python.waitForFinished(10000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList ours = {QStringLiteral("[fe80::1%lo]:80"), QStringLiteral("[fe80::1%1]:80"),
                              QStringLiteral("[ff02::1%lo]:80")};
    QCOMPARE(lines.size(), ours.size());
    for (int i = 0; i < ours.size(); ++i) {
        const auto parsed = parseAddress(ours[i], AF_INET6);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->toPython(), lines[i]);
    }
}

// A path renders as Python's repr() of the str getsockname returns, for every code point in the
// BMP and a few beyond: which ones Python escapes (and how) must be exactly what we escape.
void tst_AddressRendering::unixPathReprMatchesPython()
{
    QList<char32_t> codes;
    for (char32_t c = 1; c < 0x10000; ++c) {
        if (c < 0xd800 || c > 0xdfff)
            codes += c;
    }
    codes += {0x1f600, 0x1d11e, 0xe0001, 0xf0000, 0x10fffd, 0x10ffff};
    QByteArray input;
    QStringList ours;
    for (const char32_t c : codes) {
        const QString text = QStringLiteral("p") + QString::fromUcs4(&c, 1) + QStringLiteral("q");
        const auto parsed = parseAddress(text, AF_UNIX);
        QVERIFY2(parsed.ok(), qPrintable(QString::number(uint(c), 16)));
        ours += parsed->toPython();
        input += text.toUtf8().toHex() + '\n';
    }
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys\n"
                                 "for h in sys.stdin.read().split():\n"
                                 "    print(repr(bytes.fromhex(h).decode()).encode().hex())\n")});
    QVERIFY(python.waitForStarted(5000));
    python.write(input);
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(30000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QList<QByteArray> lines = python.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), codes.size());
    QStringList mismatches;
    for (int i = 0; i < codes.size(); ++i) {
        const QString expected = QString::fromUtf8(QByteArray::fromHex(lines[i]));
        if (ours[i] != expected && mismatches.size() < 20)
            mismatches += QStringLiteral("U+%1: ours %2, python %3").arg(uint(codes[i]), 4, 16, QLatin1Char('0'))
                              .arg(ours[i], expected);
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QLatin1Char('\n'))));
}

void tst_AddressRendering::rawSockaddrs()
{
    const SocketAddress none;
    QVERIFY(!none.isValid());
    QCOMPARE(none.family(), int(AF_UNSPEC));
    QCOMPARE(none.toPython(), QStringLiteral("None"));
    QCOMPARE(none.toText(), QString());
    QCOMPARE(none.host(), QString());
    QCOMPARE(int(none.port()), 0);

    QVERIFY(!SocketAddress::fromSockaddr(nullptr, 16).isValid());
    const char one = 0;
    QVERIFY(!SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&one), 1).isValid());

    const SocketAddress v4 = SocketAddress::ipv4(0x7f000001, 8080);
    QCOMPARE(v4.toText(), QStringLiteral("127.0.0.1:8080"));
    QCOMPARE(v4.toPython(), QStringLiteral("('127.0.0.1', 8080)"));
    QCOMPARE(v4, *parseAddress(u"127.0.0.1:8080", AF_INET));
    QVERIFY(v4 != SocketAddress::ipv4(0x7f000001, 8081));
    QVERIFY(v4 != none);

    // An unnamed AF_UNIX socket: the family alone, as getsockname gives for an unbound socket.
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    const SocketAddress unnamed = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&un), sizeof(sa_family_t));
    QVERIFY(unnamed.isValid());
    QVERIFY(unnamed.isUnnamed());
    QVERIFY(!unnamed.isAbstract());
    QCOMPARE(unnamed.toPython(), QStringLiteral("''"));
    QCOMPARE(unnamed.toText(), QStringLiteral("(unnamed)"));

    // Longer than our storage: clamped, never overrun.
    QByteArray big(300, 'x');
    reinterpret_cast<sockaddr *>(big.data())->sa_family = AF_UNIX;
    const SocketAddress clamped = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(big.constData()), 300);
    QCOMPARE(clamped.length(), 128u);
    QCOMPARE(clamped.family(), int(AF_UNIX));

    // An IPv6 flow label comes back in host order.
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(7);
    in6.sin6_flowinfo = htonl(0x12345);
    in6.sin6_addr = in6addr_loopback;
    const SocketAddress flowing = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&in6), sizeof in6);
    QCOMPARE(flowing.flowInfo(), 0x12345u);
    QCOMPARE(flowing.toPython(), QStringLiteral("('::1', 7, 74565, 0)"));
    QCOMPARE(flowing.toText(), QStringLiteral("[::1]:7"));
}

QTEST_GUILESS_MAIN(tst_AddressRendering)
#include "tst_addressrendering.moc"
