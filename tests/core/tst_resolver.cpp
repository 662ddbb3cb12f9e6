#include "core/lookup/resolver.h"

#include "core/calls/lookuptext.h"
#include "core/net/errors.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <netdb.h>
#include <sys/socket.h>

using namespace core;

namespace {

// Evaluates each expression in one python3 run and returns, per expression, repr() of its value or
// the exception line a traceback ends with (socket.gaierror: [Errno -2] ...). Empty on failure.
QStringList evaluateInPython(const QStringList &expressions)
{
    const QString script = QStringLiteral(
        "import socket, sys\n"
        "for line in sys.stdin.read().splitlines():\n"
        "    try:\n"
        "        print(repr(eval(line)))\n"
        "    except Exception as e:\n"
        "        t = type(e)\n"
        "        name = t.__name__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__name__\n"
        "        print(f'{name}: {e}')\n");
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    if (!python.waitForStarted(5000))
        return {};
    python.write(expressions.join(QLatin1Char('\n')).toUtf8() + '\n');
    python.closeWriteChannel();
    if (!python.waitForFinished(30000) || python.exitCode() != 0) {
        qWarning("python3: %s", python.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// A lookup as the workbench runs it: the call's Python spelling and its outcome.
struct Lookup
{
    QString call;
    Outcome outcome;
};

} // namespace

class tst_Resolver : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void initTestCase();
    void matchesPython_data();
    void matchesPython();
    void getaddrinfoRows();
    void failures_data();
    void failures();
    void callSpellings_data();
    void callSpellings();
    void enums_data();
    void enums();

private:
    QHash<QString, QString> m_python; // call -> what python3 printed
    QList<Lookup> m_lookups;
    static QList<Lookup> lookups();
};

void tst_Resolver::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

// The lookups under test, local names and loopback only (the machine has no network).
QList<Lookup> tst_Resolver::lookups()
{
    using namespace core::lookup;
    QList<Lookup> list;
    auto gai = [&](const QString &host, const QString &port, int family, int type, int proto, int flags) {
        list += Lookup{getaddrinfoCall(host, port, family, type, proto, flags),
                       getaddrinfo(host, port, family, type, proto, flags)};
    };
    gai(QStringLiteral("127.0.0.1"), QStringLiteral("80"), 0, 0, 0, 0);
    gai(QStringLiteral("127.0.0.1"), QStringLiteral("8080"), AF_INET, SOCK_STREAM, 0, 0);
    gai(QStringLiteral("127.0.0.1"), QStringLiteral("53"), AF_INET, SOCK_DGRAM, IPPROTO_UDP, 0);
    gai(QStringLiteral("127.0.0.1"), QString(), 0, 0, 0, 0);
    gai(QStringLiteral("127.0.0.1"), QStringLiteral("0"), 0, SOCK_STREAM, 0, 0);
    gai(QStringLiteral("127.0.0.1"), QStringLiteral("080"), AF_INET, SOCK_STREAM, 0, 0);
    gai(QStringLiteral("127.0.0.1"), QStringLiteral("http"), 0, 0, 0, 0);
    gai(QStringLiteral("localhost"), QStringLiteral("80"), 0, 0, 0, 0);
    gai(QStringLiteral("localhost"), QStringLiteral("80"), 0, SOCK_DGRAM, 0, AI_CANONNAME);
    gai(QStringLiteral("::1"), QStringLiteral("8080"), AF_INET6, 0, 0, 0);
    gai(QStringLiteral("::1"), QStringLiteral("443"), 0, SOCK_STREAM, 0, 0);
    gai(QString(), QStringLiteral("80"), AF_INET, SOCK_STREAM, 0, AI_PASSIVE);
    gai(QString(), QStringLiteral("80"), AF_INET, SOCK_STREAM, 0, 0);
    list += Lookup{gethostnameCall(), gethostname()};
    list += Lookup{gethostbynameCall(QStringLiteral("localhost")), gethostbyname(QStringLiteral("localhost"))};
    list += Lookup{gethostbynameCall(QStringLiteral("127.0.0.1")), gethostbyname(QStringLiteral("127.0.0.1"))};
    list += Lookup{gethostbynameExCall(QStringLiteral("localhost")), gethostbynameEx(QStringLiteral("localhost"))};
    list += Lookup{gethostbynameExCall(QStringLiteral("127.0.0.1")), gethostbynameEx(QStringLiteral("127.0.0.1"))};
    const QString self = gethostname().lookup->name;
    list += Lookup{gethostbynameCall(self), gethostbyname(self)};
    list += Lookup{gethostbynameExCall(self), gethostbynameEx(self)};
    list += Lookup{gethostbyaddrCall(QStringLiteral("127.0.0.1")), gethostbyaddr(QStringLiteral("127.0.0.1"))};
    list += Lookup{gethostbyaddrCall(QString()), gethostbyaddr(QString())};
    // CPython's special names: '' is INADDR_ANY, '<broadcast>' INADDR_BROADCAST.
    list += Lookup{gethostbynameCall(QString()), gethostbyname(QString())};
    list += Lookup{gethostbynameCall(QStringLiteral("<broadcast>")), gethostbyname(QStringLiteral("<broadcast>"))};
    list += Lookup{gethostbynameExCall(QString()), gethostbynameEx(QString())};
    const auto loopback = parseAddress(u"127.0.0.1:80", AF_INET);
    list += Lookup{getnameinfoCall(*loopback, NI_NUMERICHOST | NI_NUMERICSERV),
                   getnameinfo(*loopback, NI_NUMERICHOST | NI_NUMERICSERV)};
    list += Lookup{getnameinfoCall(*loopback, NI_NUMERICHOST), getnameinfo(*loopback, NI_NUMERICHOST)};
    // Names under .invalid never resolve (RFC 6761).
    gai(QStringLiteral("swb-test.invalid"), QStringLiteral("80"), 0, 0, 0, 0);
    list += Lookup{gethostbynameCall(QStringLiteral("swb-test.invalid")), gethostbyname(QStringLiteral("swb-test.invalid"))};
    list += Lookup{gethostbynameExCall(QStringLiteral("swb-test.invalid")),
                   gethostbynameEx(QStringLiteral("swb-test.invalid"))};
    gai(QStringLiteral("127.0.0.1"), QStringLiteral("no-such-service-swb"), 0, SOCK_STREAM, 0, 0);
    return list;
}

// One python3 run evaluates every call's own Python spelling; the rows then compare against it.
void tst_Resolver::initTestCase()
{
    m_lookups = lookups();
    QStringList calls;
    for (const Lookup &l : m_lookups)
        calls += l.call;
    const QStringList printed = evaluateInPython(calls);
    QCOMPARE(printed.size(), calls.size());
    for (int i = 0; i < calls.size(); ++i)
        m_python.insert(calls[i], printed[i]);
}

void tst_Resolver::matchesPython_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("result");
    QTest::addColumn<bool>("failed");
    for (const Lookup &l : m_lookups)
        QTest::newRow(qPrintable(l.call)) << l.call << l.outcome.result << (l.outcome.status == CallStatus::Failed);
}

void tst_Resolver::matchesPython()
{
    QFETCH(QString, call);
    QFETCH(QString, result);
    QFETCH(bool, failed);
    QVERIFY(m_python.contains(call));
    const QString python = m_python.value(call);
    if (result.startsWith(QLatin1String("socket.gaierror: [Errno -3]")) && python == result)
        qInfo("no DNS here: %s", qPrintable(result));
    QCOMPARE(result, python);
    // A value's repr starts with a bracket or a quote; anything else is an exception line.
    static const QRegularExpression exception(QStringLiteral("^[A-Za-z_.]+: "));
    QCOMPARE(failed, exception.match(python).hasMatch());
}

// Beside the Python text, a getaddrinfo outcome carries its rows as values.
void tst_Resolver::getaddrinfoRows()
{
    const Outcome o = lookup::getaddrinfo(QStringLiteral("127.0.0.1"), QStringLiteral("80"), AF_INET, SOCK_STREAM, 0, 0);
    QCOMPARE(o.status, CallStatus::Done);
    QVERIFY(o.lookup);
    QCOMPARE(o.count, qint64(1));
    QCOMPARE(o.lookup->entries.size(), 1);
    const AddressInfo &row = o.lookup->entries.first();
    QCOMPARE(row.family, AF_INET);
    QCOMPARE(row.type, int(SOCK_STREAM));
    QCOMPARE(row.proto, int(IPPROTO_TCP));
    QCOMPARE(row.address, SocketAddress::ipv4(0x7f000001, 80));
    QCOMPARE(o.result, QStringLiteral("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', "
                                      "('127.0.0.1', 80))]"));

    const Outcome name = lookup::gethostbyname(QStringLiteral("localhost"));
    QCOMPARE(name.status, CallStatus::Done);
    QCOMPARE(name.result, QStringLiteral("'127.0.0.1'"));
    QCOMPARE(name.lookup->entries.size(), 1);
    QCOMPARE(name.lookup->entries.first().address.host(), QStringLiteral("127.0.0.1"));

    const Outcome ex = lookup::gethostbynameEx(QStringLiteral("localhost"));
    QCOMPARE(ex.status, CallStatus::Done);
    QCOMPARE(ex.lookup->name, QStringLiteral("localhost"));
    QVERIFY(!ex.lookup->entries.isEmpty());
    QCOMPARE(ex.lookup->entries.first().address.host(), QStringLiteral("127.0.0.1"));
}

void tst_Resolver::failures_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("getaddrinfo") << 0;
    QTest::newRow("gethostbyname") << 1;
    QTest::newRow("gethostbyname_ex") << 2;
    QTest::newRow("gethostbyaddr") << 3;
    QTest::newRow("bad-family") << 4;
}

// A name that cannot resolve is a Failed outcome carrying socket.gaierror, never a crash or a Done.
void tst_Resolver::failures()
{
    QFETCH(int, which);
    const QString host = QStringLiteral("no-such-host.invalid");
    Outcome o;
    switch (which) {
    case 0: o = lookup::getaddrinfo(host, QStringLiteral("80"), 0, SOCK_STREAM, 0, 0); break;
    case 1: o = lookup::gethostbyname(host); break;
    case 2: o = lookup::gethostbynameEx(host); break;
    case 3: o = lookup::gethostbyaddr(host); break;
    case 4: o = lookup::getaddrinfo(QStringLiteral("127.0.0.1"), QStringLiteral("80"), 12345, 0, 0, 0); break;
    }
    QCOMPARE(o.status, CallStatus::Failed);
    QVERIFY2(o.result.startsWith(QStringLiteral("socket.gaierror: [Errno %1] ").arg(o.error)), qPrintable(o.result));
    QVERIFY(o.error < 0);
    QCOMPARE(o.errorName, gaiErrorName(o.error));
    QCOMPARE(o.result, pythonGaiError(o.error));
    QVERIFY(!o.lookup);
    if (which == 4)
        QCOMPARE(o.errorName, QStringLiteral("EAI_FAMILY"));
    else
        QVERIFY2(o.error == EAI_NONAME || o.error == EAI_AGAIN || o.error == EAI_FAIL, qPrintable(o.result));
}

void tst_Resolver::callSpellings_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("expected");
    using namespace core::lookup;
    QTest::newRow("gai-plain") << getaddrinfoCall("127.0.0.1", "80", 0, 0, 0, 0) << "socket.getaddrinfo('127.0.0.1', 80)";
    QTest::newRow("gai-leading-zero") << getaddrinfoCall("127.0.0.1", "080", 0, 0, 0, 0)
                                      << "socket.getaddrinfo('127.0.0.1', 80)";
    QTest::newRow("gai-no-port") << getaddrinfoCall("127.0.0.1", "", 0, 0, 0, 0) << "socket.getaddrinfo('127.0.0.1', None)";
    QTest::newRow("gai-no-host") << getaddrinfoCall("", "80", 0, 0, 0, 0) << "socket.getaddrinfo(None, 80)";
    QTest::newRow("gai-service") << getaddrinfoCall("localhost", "http", 0, 0, 0, 0) << "socket.getaddrinfo('localhost', 'http')";
    QTest::newRow("gai-full") << getaddrinfoCall("localhost", "80", AF_INET, SOCK_STREAM, 6, AI_CANONNAME)
                              << "socket.getaddrinfo('localhost', 80, socket.AF_INET, socket.SOCK_STREAM, 6, "
                                 "socket.AI_CANONNAME)";
    QTest::newRow("gai-type-only") << getaddrinfoCall("::1", "80", 0, SOCK_DGRAM, 0, 0)
                                   << "socket.getaddrinfo('::1', 80, 0, socket.SOCK_DGRAM, 0, 0)";
    QTest::newRow("gethostname") << gethostnameCall() << "socket.gethostname()";
    QTest::newRow("gethostbyname") << gethostbynameCall("localhost") << "socket.gethostbyname('localhost')";
    QTest::newRow("gethostbyname_ex") << gethostbynameExCall("localhost") << "socket.gethostbyname_ex('localhost')";
    QTest::newRow("gethostbyaddr") << gethostbyaddrCall("127.0.0.1") << "socket.gethostbyaddr('127.0.0.1')";
    QTest::newRow("getnameinfo") << getnameinfoCall(SocketAddress::ipv4(0x7f000001, 80), 3)
                                 << "socket.getnameinfo(('127.0.0.1', 80), 3)";
}

void tst_Resolver::callSpellings()
{
    QFETCH(QString, call);
    QFETCH(QString, expected);
    QCOMPARE(call, expected);
}

void tst_Resolver::enums_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    QTest::newRow("AF_INET") << lookup::pythonFamilyEnum(AF_INET) << "<AddressFamily.AF_INET: 2>";
    QTest::newRow("AF_INET6") << lookup::pythonFamilyEnum(AF_INET6) << "<AddressFamily.AF_INET6: 10>";
    QTest::newRow("AF_UNIX") << lookup::pythonFamilyEnum(AF_UNIX) << "<AddressFamily.AF_UNIX: 1>";
    QTest::newRow("family-unknown") << lookup::pythonFamilyEnum(12345) << "12345";
    QTest::newRow("SOCK_STREAM") << lookup::pythonKindEnum(SOCK_STREAM) << "<SocketKind.SOCK_STREAM: 1>";
    QTest::newRow("SOCK_DGRAM") << lookup::pythonKindEnum(SOCK_DGRAM) << "<SocketKind.SOCK_DGRAM: 2>";
    QTest::newRow("SOCK_RAW") << lookup::pythonKindEnum(SOCK_RAW) << "<SocketKind.SOCK_RAW: 3>";
    QTest::newRow("SOCK_SEQPACKET") << lookup::pythonKindEnum(SOCK_SEQPACKET) << "<SocketKind.SOCK_SEQPACKET: 5>";
}

void tst_Resolver::enums()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(tst_Resolver)
#include "tst_resolver.moc"
