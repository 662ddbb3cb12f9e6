// Parsing addresses and ports as the user writes them: host:port, [v6]:port, Python tuples, scope
// ids, UNIX paths and abstract names; every bad input refused with a sentence saying what is
// wrong, what is accepted rendered as Python does and parsed back to the same bytes, and the UNIX
// length limits checked against the kernel.
#include "core/net/socketaddress.h"
#include "tests/core/addresssupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <variant>

using namespace addresssupport;
using namespace core;

namespace {

// The loopback interface's index, for scope ids: 1 on most machines, but not guaranteed.
uint loopbackIndex()
{
    return if_nametoindex("lo");
}

} // namespace

class tst_SocketAddress : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void ports_data();
    void ports();
    void badPorts_data();
    void badPorts();
    void ipAddresses_data();
    void ipAddresses();
    void badAddresses_data();
    void badAddresses();
    void unixAddresses_data();
    void unixAddresses();
    void unixLengthLimits_data();
    void unixLengthLimits();
    void abstractRoundTrip_data();
    void abstractRoundTrip();
};

void tst_SocketAddress::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_SocketAddress::ports_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("port");
    QTest::newRow("zero") << "0" << 0;
    QTest::newRow("http") << "80" << 80;
    QTest::newRow("max") << "65535" << 65535;
    QTest::newRow("spaces") << "  8080 " << 8080;
    QTest::newRow("leading-zeros") << "00080" << 80;
}

void tst_SocketAddress::ports()
{
    QFETCH(QString, text);
    QFETCH(int, port);
    const auto result = parsePort(text);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(int(*result), port);
}

void tst_SocketAddress::badPorts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << "" << "port is empty (0-65535)";
    QTest::newRow("blank") << "   " << "port is empty (0-65535)";
    QTest::newRow("65536") << "65536" << "port 65536 is outside 0-65535";
    QTest::newRow("99999") << "99999" << "port 99999 is outside 0-65535";
    QTest::newRow("overflow") << "99999999999999999999999" << "is outside 0-65535";
    QTest::newRow("negative") << "-1" << "'-1' is not a number (0-65535)";
    QTest::newRow("plus") << "+80" << "'+80' is not a number";
    QTest::newRow("service-name") << "http" << "port 'http' is not a number";
    QTest::newRow("hex") << "0x50" << "port '0x50' is not a number";
    QTest::newRow("fraction") << "80.5" << "port '80.5' is not a number";
    QTest::newRow("inner-space") << "80 80" << "port '80 80' is not a number";
    // Digits of other scripts are digits to QChar, but no one means them as a port.
    QTest::newRow("arabic-indic") << QString::fromUtf8("\u0668\u0660") << "is not a number";
    QTest::newRow("fullwidth") << QString::fromUtf8("\uff18\uff10") << "is not a number";
}

void tst_SocketAddress::badPorts()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const auto result = parsePort(text);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
}

void tst_SocketAddress::ipAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("python");
    QTest::addColumn<QString>("shortText");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("v4-colon") << "127.0.0.1:8080" << AF_INET << "('127.0.0.1', 8080)" << "127.0.0.1:8080"
                              << "127.0.0.1" << 8080;
    QTest::newRow("v4-space") << "127.0.0.1 8080" << AF_INET << "('127.0.0.1', 8080)" << "127.0.0.1:8080"
                              << "127.0.0.1" << 8080;
    QTest::newRow("v4-any-zero") << "0.0.0.0:0" << AF_INET << "('0.0.0.0', 0)" << "0.0.0.0:0" << "0.0.0.0" << 0;
    QTest::newRow("v4-max") << "255.255.255.255:65535" << AF_INET << "('255.255.255.255', 65535)"
                            << "255.255.255.255:65535" << "255.255.255.255" << 65535;
    QTest::newRow("v4-trimmed") << "  10.1.2.3:443\t" << AF_INET << "('10.1.2.3', 443)" << "10.1.2.3:443"
                                << "10.1.2.3" << 443;
    QTest::newRow("v4-localhost") << "localhost:8080" << AF_INET << "('127.0.0.1', 8080)" << "127.0.0.1:8080"
                                  << "127.0.0.1" << 8080;
    QTest::newRow("v4-localhost-space") << "localhost 53" << AF_INET << "('127.0.0.1', 53)" << "127.0.0.1:53"
                                        << "127.0.0.1" << 53;
    QTest::newRow("v4-localhost-upper") << "LocalHost:80" << AF_INET << "('127.0.0.1', 80)" << "127.0.0.1:80"
                                        << "127.0.0.1" << 80;
    QTest::newRow("v4-tuple") << "('127.0.0.1', 8080)" << AF_INET << "('127.0.0.1', 8080)" << "127.0.0.1:8080"
                              << "127.0.0.1" << 8080;
    QTest::newRow("v4-tuple-double-quotes") << "(\"10.0.0.1\", 80)" << AF_INET << "('10.0.0.1', 80)"
                                            << "10.0.0.1:80" << "10.0.0.1" << 80;
    QTest::newRow("v4-tuple-loose") << "(  '127.0.0.1' ,8080 )" << AF_INET << "('127.0.0.1', 8080)"
                                    << "127.0.0.1:8080" << "127.0.0.1" << 8080;
    QTest::newRow("v4-tuple-trailing-comma") << "('127.0.0.1', 8080,)" << AF_INET << "('127.0.0.1', 8080)"
                                             << "127.0.0.1:8080" << "127.0.0.1" << 8080;
    QTest::newRow("v4-tuple-localhost") << "('localhost', 9)" << AF_INET << "('127.0.0.1', 9)" << "127.0.0.1:9"
                                        << "127.0.0.1" << 9;

    QTest::newRow("v6-brackets") << "[::1]:8080" << AF_INET6 << "('::1', 8080, 0, 0)" << "[::1]:8080" << "::1"
                                 << 8080;
    QTest::newRow("v6-space") << "::1 8080" << AF_INET6 << "('::1', 8080, 0, 0)" << "[::1]:8080" << "::1" << 8080;
    QTest::newRow("v6-any") << "[::]:0" << AF_INET6 << "('::', 0, 0, 0)" << "[::]:0" << "::" << 0;
    QTest::newRow("v6-localhost") << "localhost:8080" << AF_INET6 << "('::1', 8080, 0, 0)" << "[::1]:8080"
                                  << "::1" << 8080;
    QTest::newRow("v6-localhost-upper") << "LOCALHOST 80" << AF_INET6 << "('::1', 80, 0, 0)" << "[::1]:80" << "::1"
                                        << 80;
    QTest::newRow("v6-tuple") << "('::1', 8080, 0, 0)" << AF_INET6 << "('::1', 8080, 0, 0)" << "[::1]:8080"
                              << "::1" << 8080;
    QTest::newRow("v6-tuple-2") << "('::1', 8080)" << AF_INET6 << "('::1', 8080, 0, 0)" << "[::1]:8080" << "::1"
                                << 8080;
    QTest::newRow("v6-tuple-flowinfo") << "('::1', 8080, 5, 0)" << AF_INET6 << "('::1', 8080, 5, 0)"
                                       << "[::1]:8080" << "::1" << 8080;
    QTest::newRow("v6-tuple-flowinfo-max") << "('::1', 1, 1048575)" << AF_INET6 << "('::1', 1, 1048575, 0)"
                                           << "[::1]:1" << "::1" << 1;
    QTest::newRow("v6-mapped") << "[::ffff:127.0.0.1]:80" << AF_INET6 << "('::ffff:127.0.0.1', 80, 0, 0)"
                               << "[::ffff:127.0.0.1]:80" << "::ffff:127.0.0.1" << 80;
    QTest::newRow("v6-normalised") << "[2001:DB8:0:0:0:0:0:1]:443" << AF_INET6 << "('2001:db8::1', 443, 0, 0)"
                                   << "[2001:db8::1]:443" << "2001:db8::1" << 443;

    // Python 3.11 writes the scope only as the 4th item: ('fe80::1', 80, 0, 1), never 'fe80::1%lo'.
    const QString lo = QString::number(loopbackIndex());
    QTest::newRow("v6-scope-name") << "[fe80::1%lo]:80" << AF_INET6 << QStringLiteral("('fe80::1', 80, 0, %1)").arg(lo)
                                   << "[fe80::1%lo]:80" << "fe80::1%lo" << 80;
    QTest::newRow("v6-scope-index") << QStringLiteral("[fe80::1%%1]:80").arg(lo) << AF_INET6
                                    << QStringLiteral("('fe80::1', 80, 0, %1)").arg(lo) << "[fe80::1%lo]:80"
                                    << "fe80::1%lo" << 80;
    QTest::newRow("v6-scope-space") << "fe80::1%lo 80" << AF_INET6 << QStringLiteral("('fe80::1', 80, 0, %1)").arg(lo)
                                    << "[fe80::1%lo]:80" << "fe80::1%lo" << 80;
    QTest::newRow("v6-scope-tuple") << QStringLiteral("('fe80::1', 80, 0, %1)").arg(lo) << AF_INET6
                                    << QStringLiteral("('fe80::1', 80, 0, %1)").arg(lo) << "[fe80::1%lo]:80"
                                    << "fe80::1%lo" << 80;
    QTest::newRow("v6-scope-zero") << "[fe80::1%0]:80" << AF_INET6 << "('fe80::1', 80, 0, 0)" << "[fe80::1]:80"
                                   << "fe80::1" << 80;
}

void tst_SocketAddress::ipAddresses()
{
    QFETCH(QString, text);
    QFETCH(int, family);
    QFETCH(QString, python);
    QFETCH(QString, shortText);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto result = parseAddress(text, family);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const SocketAddress &address = *result;
    QVERIFY(address.isValid());
    QCOMPARE(address.family(), family);
    QCOMPARE(address.length(), family == AF_INET ? unsigned(sizeof(sockaddr_in)) : unsigned(sizeof(sockaddr_in6)));
    QCOMPARE(address.toPython(), python);
    QCOMPARE(address.toText(), shortText);
    QCOMPARE(address.host(), host);
    QCOMPARE(int(address.port()), port);
    QVERIFY(!address.isUnnamed());
    QVERIFY(!address.isAbstract());
    QVERIFY(address.unixPath().isEmpty());

    // What we render parses back to the same bytes.
    const auto again = parseAddress(address.toPython(), family);
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QCOMPARE(*again, address);
    QCOMPARE(qHash(*again), qHash(address));
    // The short text leaves out the flow label, nothing else.
    const auto fromText = parseAddress(address.toText(), family);
    QVERIFY2(fromText.ok(), qPrintable(fromText.ok() ? QString() : fromText.error().message));
    QCOMPARE(fromText->toText(), shortText);
    QCOMPARE(fromText->scopeId(), address.scopeId());
    if (!address.flowInfo())
        QCOMPARE(*fromText, address);
}

void tst_SocketAddress::badAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty") << "" << AF_INET << "address is empty";
    QTest::newRow("blank") << "  \t " << AF_INET6 << "address is empty";
    QTest::newRow("family") << "127.0.0.1:80" << int(AF_PACKET) << "family 17 are not supported";

    QTest::newRow("v4-octet-256") << "256.1.1.1:80" << AF_INET << "'256.1.1.1' is not an IPv4 address";
    QTest::newRow("v4-three-parts") << "1.2.3:80" << AF_INET << "'1.2.3' is not an IPv4 address";
    QTest::newRow("v4-five-parts") << "1.2.3.4.5:80" << AF_INET << "'1.2.3.4.5' is not an IPv4 address";
    QTest::newRow("v4-letter") << "127.0.0.x:80" << AF_INET << "'127.0.0.x' is not an IPv4 address";
    QTest::newRow("v4-negative") << "127.0.-1.1:80" << AF_INET << "'127.0.-1.1' is not an IPv4 address";
    QTest::newRow("v4-trailing-dot") << "127.0.0.1.:80" << AF_INET << "'127.0.0.1.' is not an IPv4 address";
    QTest::newRow("v4-name") << "example.com:80" << AF_INET << "resolve names in the lookup panel";
    QTest::newRow("v4-given-v6") << "[::1]:80" << AF_INET << "'::1' is not an IPv4 address";
    QTest::newRow("v4-tuple-bad-ip") << "('300.0.0.1', 80)" << AF_INET << "'300.0.0.1' is not an IPv4 address";

    QTest::newRow("v6-bad-hex") << "[::g]:80" << AF_INET6 << "'::g' is not an IPv6 address";
    QTest::newRow("v6-two-gaps") << "[1::2::3]:80" << AF_INET6 << "'1::2::3' is not an IPv6 address";
    QTest::newRow("v6-nine-groups") << "[1:2:3:4:5:6:7:8:9]:80" << AF_INET6
                                    << "'1:2:3:4:5:6:7:8:9' is not an IPv6 address";
    QTest::newRow("v6-long-group") << "[12345::1]:80" << AF_INET6 << "'12345::1' is not an IPv6 address";
    QTest::newRow("v6-given-v4") << "127.0.0.1:80" << AF_INET6 << "'127.0.0.1' is not an IPv6 address";
    QTest::newRow("v6-name") << "[example.com]:80" << AF_INET6 << "'example.com' is not an IPv6 address";

    QTest::newRow("port-65536") << "127.0.0.1:65536" << AF_INET << "port 65536 is outside 0-65535";
    QTest::newRow("port-huge") << "127.0.0.1:4294967296" << AF_INET << "port 4294967296 is outside 0-65535";
    QTest::newRow("port-v6-70000") << "[::1]:70000" << AF_INET6 << "port 70000 is outside 0-65535";
    QTest::newRow("port-tuple-65536") << "('127.0.0.1', 65536)" << AF_INET << "port 65536 is outside 0-65535";
    QTest::newRow("port-negative") << "127.0.0.1 -1" << AF_INET << "'-1' is not a number (0-65535)";
    QTest::newRow("port-name") << "127.0.0.1:http" << AF_INET << "port 'http' is not a number";
    QTest::newRow("port-hex") << "[::1]:0x50" << AF_INET6 << "port '0x50' is not a number";
    QTest::newRow("port-tuple-str") << "('127.0.0.1', '80')" << AF_INET << "port ''80'' is not a number";
    QTest::newRow("port-fullwidth") << QString::fromUtf8("127.0.0.1:\uff18\uff10") << AF_INET << "is not a number";

    QTest::newRow("missing-port-v4") << "127.0.0.1" << AF_INET << "missing port: write host:port";
    QTest::newRow("missing-port-name") << "localhost" << AF_INET << "missing port: write host:port";
    QTest::newRow("port-alone") << "8081" << AF_INET << "8081 is a port without a host: write host:port, e.g. 127.0.0.1:8081";
    QTest::newRow("missing-port-colon") << "127.0.0.1:" << AF_INET << "port is empty";
    QTest::newRow("missing-port-bracket") << "[::1]" << AF_INET6 << "expected ':port' after ']'";
    QTest::newRow("missing-port-bracket-colon") << "[::1]:" << AF_INET6 << "port is empty";
    QTest::newRow("missing-port-tuple") << "('127.0.0.1',)" << AF_INET << "port is empty";
    QTest::newRow("bracket-junk") << "[::1]x80" << AF_INET6 << "expected ':port' after ']'";
    QTest::newRow("bracket-unclosed") << "[::1:80" << AF_INET6 << "missing ']' after the IPv6 address";

    QTest::newRow("empty-host-v4") << ":8080" << AF_INET << "host is empty: use 0.0.0.0";
    QTest::newRow("empty-host-v6") << "[]:8080" << AF_INET6 << "host is empty: use ::";
    QTest::newRow("empty-host-tuple") << "('', 8080)" << AF_INET << "host is empty";

    QTest::newRow("v6-unbracketed-port") << "::1:8080" << AF_INET6 << "an IPv6 address with a port is written [addr]:port";
    QTest::newRow("v6-unbracketed-long") << "fe80::1:80" << AF_INET6 << "[addr]:port";
    QTest::newRow("v6-unbracketed-no-port") << "::1" << AF_INET6 << "[addr]:port";
    QTest::newRow("v6-unbracketed-as-v4") << "::1:8080" << AF_INET << "[addr]:port";

    QTest::newRow("scope-unknown") << "[fe80::1%nosuchif0]:80" << AF_INET6 << "no network interface named 'nosuchif0'";
    QTest::newRow("scope-unknown-space") << "fe80::1%nosuchif0 80" << AF_INET6 << "no network interface named 'nosuchif0'";
    QTest::newRow("scope-unknown-tuple") << "('fe80::1', 80, 0, nosuchif0)" << AF_INET6
                                         << "no network interface named 'nosuchif0'";
    QTest::newRow("scope-empty") << "[fe80::1%]:80" << AF_INET6 << "scope id after '%' is empty";

    QTest::newRow("tuple-no-comma") << "('127.0.0.1' 8080)" << AF_INET << "expected a tuple like ('127.0.0.1', 8080)";
    QTest::newRow("tuple-unclosed") << "('127.0.0.1', 8080" << AF_INET << "expected a tuple like";
    QTest::newRow("tuple-unquoted") << "(127.0.0.1, 8080)" << AF_INET << "expected a tuple like";
    QTest::newRow("tuple-mixed-quotes") << "('127.0.0.1\", 8080)" << AF_INET << "expected a tuple like";
    QTest::newRow("tuple-five") << "('::1', 8080, 0, 0, 0)" << AF_INET6 << "expected a tuple like";
    QTest::newRow("tuple-hole") << "('::1', 8080, , 1)" << AF_INET6 << "expected a tuple like";
    QTest::newRow("tuple-hole-v4") << "('127.0.0.1', 8080, , 1)" << AF_INET << "expected a tuple like";
    QTest::newRow("tuple-v4-four") << "('127.0.0.1', 8080, 0, 0)" << AF_INET << "an AF_INET address is a 2-tuple";
    QTest::newRow("tuple-flowinfo-range") << "('::1', 8080, 1048576, 0)" << AF_INET6
                                          << "flowinfo '1048576' must be 0-1048575";
    QTest::newRow("tuple-flowinfo-text") << "('::1', 8080, x, 0)" << AF_INET6 << "flowinfo 'x' must be 0-1048575";

    // Found by fuzz_address: the C calls stop at a NUL, so what came before it was accepted.
    const QChar nul(0);
    QTest::newRow("v4-nul") << QStringLiteral("127.0.0.1") + nul + QStringLiteral("junk:80") << AF_INET
                            << "contains a NUL character";
    QTest::newRow("scope-nul") << QStringLiteral("[fe80::1%lo") + nul + QStringLiteral("x]:80") << AF_INET6
                               << "contains a NUL character";
    QTest::newRow("abstract-bad-escape") << "@a\\q" << AF_UNIX << "unknown escape";
}

// A bad address is an error with a sentence saying what is wrong, never a partial address.
void tst_SocketAddress::badAddresses()
{
    QFETCH(QString, text);
    QFETCH(int, family);
    QFETCH(QString, mentions);
    const auto result = parseAddress(text, family);
    QVERIFY2(!result.ok(), qPrintable(QStringLiteral("accepted as %1").arg(result.ok() ? result->toPython() : QString())));
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
    QVERIFY(result.error().position >= -1 && result.error().position <= text.size());
    QVERIFY_THROWS_EXCEPTION(std::bad_variant_access, result.value());
}

void tst_SocketAddress::unixAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("python");
    QTest::addColumn<QString>("shortText");

    QTest::newRow("absolute") << "/tmp/x.sock" << QByteArray("/tmp/x.sock") << "'/tmp/x.sock'" << "/tmp/x.sock";
    QTest::newRow("relative") << "relative/path.sock" << QByteArray("relative/path.sock") << "'relative/path.sock'"
                              << "relative/path.sock";
    QTest::newRow("trimmed") << "  /run/a.sock  " << QByteArray("/run/a.sock") << "'/run/a.sock'" << "/run/a.sock";
    QTest::newRow("quote") << "/tmp/it's" << QByteArray("/tmp/it's") << "\"/tmp/it's\"" << "/tmp/it's";
    QTest::newRow("utf8") << QString::fromUtf8("/tmp/caf\u00e9") << QByteArray("/tmp/caf\xc3\xa9")
                          << QString::fromUtf8("'/tmp/caf\u00e9'") << QString::fromUtf8("/tmp/caf\u00e9");
    QTest::newRow("abstract-at") << "@name" << QByteArray("\0name", 5) << "b'\\x00name'" << "@name";
    QTest::newRow("abstract-backslash-zero") << "\\0name" << QByteArray("\0name", 5) << "b'\\x00name'" << "@name";
    QTest::newRow("abstract-space") << "@my socket" << QByteArray("\0my socket", 10) << "b'\\x00my socket'"
                                    << "@my socket";
    QTest::newRow("abstract-empty") << "@" << QByteArray("\0", 1) << "b'\\x00'" << "@";
    QTest::newRow("abstract-utf8") << QString::fromUtf8("@\u00e9") << QByteArray("\0\xc3\xa9", 3)
                                   << "b'\\x00\\xc3\\xa9'" << "@\\xc3\\xa9";
    // Found by fuzz_address: the short text of an abstract name parses back to the same bytes.
    QTest::newRow("abstract-escapes") << "@a\\x01\\\\b" << QByteArray("\0a\x01\\b", 5) << "b'\\x00a\\x01\\\\b'"
                                      << "@a\\x01\\\\b";
    QTest::newRow("abstract-trailing-space") << "@x\\x20" << QByteArray("\0x ", 3) << "b'\\x00x '" << "@x\\x20";
    QTest::newRow("abstract-escapes-zero") << "\\0x\\x00" << QByteArray("\0x\0", 3) << "b'\\x00x\\x00'"
                                           << "@x\\x00";
    // Found by fuzz_address: a leading U+FEFF is part of a path, not a byte-order mark.
    const QString bomPath = QChar(0xfeff) + QStringLiteral("x.sock"); // not fromUtf8: it drops the mark
    QTest::newRow("path-leading-bom") << bomPath << QByteArray("\xef\xbb\xbfx.sock") << "'\\ufeffx.sock'" << bomPath;
}

void tst_SocketAddress::unixAddresses()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, path);
    QFETCH(QString, python);
    QFETCH(QString, shortText);
    const auto result = parseAddress(text, AF_UNIX);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const SocketAddress &address = *result;
    QCOMPARE(address.family(), AF_UNIX);
    QCOMPARE(address.unixPath(), path);
    QCOMPARE(address.isAbstract(), path.startsWith('\0'));
    QVERIFY(!address.isUnnamed());
    QCOMPARE(address.toPython(), python);
    QCOMPARE(address.toText(), shortText);
    QCOMPARE(int(address.port()), 0);
    // The kernel's length: a path counts its terminating NUL, an abstract name does not.
    const unsigned expected = unsigned(offsetof(sockaddr_un, sun_path) + path.size() + (address.isAbstract() ? 0 : 1));
    QCOMPARE(address.length(), expected);
}

void tst_SocketAddress::unixLengthLimits_data()
{
    QTest::addColumn<bool>("abstract");
    QTest::addColumn<int>("bytes"); // of the path, or of the abstract name after its NUL
    QTest::addColumn<QString>("error");
    // sun_path is 108 bytes: a path needs its NUL (107 usable), an abstract name does not (107 after the
    // leading NUL). Python: 'AF_UNIX path too long' beyond the same limits.
    QTest::newRow("path-1") << false << 1 << QString();
    QTest::newRow("path-107") << false << 107 << QString();
    QTest::newRow("path-108") << false << 108 << "UNIX path is 108 bytes; the limit is 107";
    QTest::newRow("path-200") << false << 200 << "UNIX path is 200 bytes; the limit is 107";
    QTest::newRow("abstract-106") << true << 106 << QString();
    QTest::newRow("abstract-107") << true << 107 << QString();
    QTest::newRow("abstract-108") << true << 108 << "UNIX abstract name is 108 bytes; the limit is 107";
}

// Each accepted length is also bound for real, so the limits are the kernel's.
void tst_SocketAddress::unixLengthLimits()
{
    QFETCH(bool, abstract);
    QFETCH(int, bytes);
    QFETCH(QString, error);
    QTemporaryDir dir(QStringLiteral("/tmp/swb-XXXXXX"));
    QVERIFY(dir.isValid());
    QString text;
    if (abstract) {
        const QString prefix = QStringLiteral("@swb-%1-").arg(QCoreApplication::applicationPid());
        text = prefix + QString(bytes - (prefix.size() - 1), QLatin1Char('n'));
    } else if (bytes < 20) {
        text = QString(bytes, QLatin1Char('p'));
    } else {
        const QString prefix = dir.path() + QLatin1Char('/');
        text = prefix + QString(bytes - prefix.size(), QLatin1Char('p'));
    }
    const auto result = parseAddress(text, AF_UNIX);
    if (!error.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message, error);
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result->unixPath().size(), abstract ? bytes + 1 : bytes);
    if (bytes < 20)
        return; // a relative name would land in the working directory
    Fd s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    QVERIFY(s.fd >= 0);
    QVERIFY2(::bind(s.fd, result->data(), result->length()) == 0, strerror(errno));
    QCOMPARE(localName(s.fd), *result);
}

void tst_SocketAddress::abstractRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("at") << "@name";
    QTest::newRow("backslash-zero") << "\\0name";
    QTest::newRow("dotted") << "@org.example.workbench";
    QTest::newRow("slash") << "@/not/a/path";
}

// @name and \0name are the same address; it renders as Python does (b'\x00name') and its short
// text parses back to the same bytes.
void tst_SocketAddress::abstractRoundTrip()
{
    QFETCH(QString, text);
    const auto result = parseAddress(text, AF_UNIX);
    QVERIFY(result.ok());
    QVERIFY(result->isAbstract());
    const QString name = text.startsWith(QLatin1Char('@')) ? text.mid(1) : text.mid(2);
    QCOMPARE(result->toPython(), QStringLiteral("b'\\x00%1'").arg(name));
    QCOMPARE(result->toText(), QLatin1Char('@') + name);
    const auto back = parseAddress(result->toText(), AF_UNIX);
    QVERIFY(back.ok());
    QCOMPARE(*back, *result);
    QCOMPARE(qHash(*back), qHash(*result));
    const auto other = parseAddress(QStringLiteral("\\0") + name, AF_UNIX);
    QVERIFY(other.ok());
    QCOMPARE(*other, *result);
    // Not the file of the same name.
    const auto file = parseAddress(name, AF_UNIX);
    QVERIFY(file.ok());
    QVERIFY(*file != *result);
}

QTEST_GUILESS_MAIN(tst_SocketAddress)
#include "tst_socketaddress.moc"
