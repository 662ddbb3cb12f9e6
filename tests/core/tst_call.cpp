// The call value and its Python text: every kind of call is written out, python3 runs the text
// against recording stand-ins for the socket module and its sockets, and what python3 says each
// call was given must equal the value's typed arguments (compared as JSON, built on our side from
// the value's fields, never from our own rendering).
#include "tests/core/testsupport.h"

#include "core/calls/call.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <netdb.h>
#include <netinet/in.h>

#include <cmath>
#include <cstring>

using namespace core;
using namespace testsupport;

namespace {

// Records each call python3 makes: [name, arguments...] with bytes as {"bytes": hex}, tuples as
// lists, enums as their numbers and non-finite floats as {"float": repr}.
const char kRecorder[] = R"(
import socket, struct, json, sys, math
out = []
def norm(x):
    if isinstance(x, bytes): return {'bytes': x.hex()}
    if isinstance(x, (tuple, list)): return [norm(i) for i in x]
    if isinstance(x, bytearray): return {'bytearray': len(x)}
    if isinstance(x, bool): return x
    if isinstance(x, int): return int(x)
    if isinstance(x, float): return x if math.isfinite(x) else {'float': repr(x)}
    return x
class Rec:
    def __getattr__(self, name):
        def call(*args):
            out.append([name] + [norm(a) for a in args])
            return (Rec(), None)
        return call
def module(name):
    def call(*args):
        out.append([name] + [norm(a) for a in args])
        return (Rec(), Rec())
    return call
for name in ('socket', 'socketpair', 'gethostname', 'gethostbyname', 'gethostbyname_ex', 'getaddrinfo',
             'gethostbyaddr', 'getnameinfo'):
    setattr(socket, name, module(name))
def open(*args, **kwargs):
    return {'open': [norm(a) for a in args], 'closefd': kwargs.get('closefd', True)}
for i in range(1, 10):
    globals()['sk%d' % i] = Rec()
for line in sys.stdin.read().splitlines():
    exec(line)
print(json.dumps(out))
)";

QJsonValue bytesValue(const QByteArray &bytes)
{
    return QJsonObject{{QStringLiteral("bytes"), QString::fromLatin1(bytes.toHex())}};
}

QJsonValue addressValue(const SocketAddress &address)
{
    switch (address.family()) {
    case AF_INET:
        return QJsonArray{address.host(), address.port()};
    case AF_INET6:
        return QJsonArray{address.host(), address.port(), qint64(address.flowInfo()), qint64(address.scopeId())};
    default:
        if (address.isAbstract())
            return bytesValue(address.unixPath());
        return QString::fromLocal8Bit(address.unixPath());
    }
}

QJsonValue floatValue(double value)
{
    if (std::isfinite(value))
        return value;
    return QJsonObject{{QStringLiteral("float"), std::isnan(value) ? QStringLiteral("nan") : QStringLiteral("inf")}};
}

// What the call means, from its typed fields: [name, arguments...] as python3 would record it.
QJsonArray meaning(const Call &c)
{
    QJsonArray a{callKindName(c.kind)};
    auto withFlags = [&a, &c] {
        if (c.flags)
            a.append(c.flags);
    };
    switch (c.kind) {
    case CallKind::Socket:
    case CallKind::SocketPair:
        a << c.family << c.type;
        if (c.proto)
            a << c.proto;
        break;
    case CallKind::Bind:
    case CallKind::Connect:
    case CallKind::ConnectEx:
        a << addressValue(c.address);
        break;
    case CallKind::Listen:
        if (c.backlog)
            a << *c.backlog;
        break;
    case CallKind::Send:
    case CallKind::SendAll:
        a << bytesValue(c.data);
        withFlags();
        break;
    case CallKind::SendTo:
        a << bytesValue(c.data);
        withFlags();
        a << addressValue(c.address);
        break;
    case CallKind::Recv:
    case CallKind::RecvFrom:
        a << c.size;
        withFlags();
        break;
    case CallKind::SendMsg: {
        QJsonArray buffers;
        qsizetype at = 0;
        for (const qint64 length : c.buffers) {
            buffers << bytesValue(c.data.mid(at, length));
            at += length;
        }
        a << buffers;
        const bool to = c.address.isValid();
        if (!c.ancillary.isEmpty() || c.flags || to) {
            QJsonArray items;
            for (const Ancillary &item : c.ancillary)
                items << QJsonArray{item.level, item.type, bytesValue(item.data)};
            a << items;
        }
        if (c.flags || to)
            a << c.flags;
        if (to)
            a << addressValue(c.address);
        break;
    }
    case CallKind::SendFile:
        a << QJsonObject{{QStringLiteral("open"), c.file.isEmpty() ? QJsonArray{c.descriptor, QStringLiteral("rb")}
                                                                   : QJsonArray{c.file, QStringLiteral("rb")}},
                         {QStringLiteral("closefd"), !c.file.isEmpty()}}
          << c.offset << (c.size ? QJsonValue(c.size) : QJsonValue());
        break;
    case CallKind::RecvMsg:
    case CallKind::RecvMsgInto:
        if (c.kind == CallKind::RecvMsg) {
            a << c.size;
        } else {
            QJsonArray buffers;
            for (const qint64 length : c.buffers)
                buffers << QJsonObject{{QStringLiteral("bytearray"), length}};
            a << buffers;
        }
        if (c.ancillarySize || c.flags)
            a << c.ancillarySize;
        withFlags();
        break;
    case CallKind::Shutdown:
        a << c.size;
        break;
    case CallKind::SetBlocking:
        a << bool(c.size);
        break;
    case CallKind::SetTimeout:
        a << (c.seconds ? floatValue(*c.seconds) : QJsonValue());
        break;
    case CallKind::SetOption:
        a << c.option.level << c.option.optname;
        if (c.optionValue.nullLength) {
            a << QJsonValue() << qint64(*c.optionValue.nullLength);
        } else if (c.option.bufferSize() || c.optionValue.raw.size() != sizeof(int)) {
            a << bytesValue(c.optionValue.raw);
        } else {
            int value = 0;
            std::memcpy(&value, c.optionValue.raw.constData(), std::min(sizeof value, size_t(c.optionValue.raw.size())));
            a << value;
        }
        break;
    case CallKind::GetOption:
        a << c.option.level << c.option.optname;
        if (c.optionBuffer)
            a << c.optionBuffer;
        break;
    case CallKind::GetHostByName:
    case CallKind::GetHostByNameEx:
    case CallKind::GetHostByAddr:
        a << c.host;
        break;
    case CallKind::GetAddrInfo:
        a << c.host << c.port.toInt() << c.family << c.type << c.proto << c.flags;
        break;
    case CallKind::GetNameInfo:
        a << addressValue(c.address) << c.flags;
        break;
    default:
        break;
    }
    return a;
}

Call on(CallKind kind, int socketId = 1)
{
    Call call;
    call.kind = kind;
    call.socketId = socketId;
    return call;
}

} // namespace

class tst_Call : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void textMeansTheValue();
    void names();
    void spellingRenamesWhatItNames();
    void sourceSaysWhatMadeIt();
};

void tst_Call::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|thread")));
}

void tst_Call::textMeansTheValue()
{
    QList<Call> calls;
    for (const auto &[family, type, proto] : {std::tuple{AF_INET, int(SOCK_STREAM), 0}, std::tuple{AF_UNIX, int(SOCK_DGRAM), 0},
                                              std::tuple{AF_INET, int(SOCK_RAW), 1}, std::tuple{AF_INET6, int(SOCK_SEQPACKET), 0},
                                              std::tuple{AF_INET, int(SOCK_STREAM | SOCK_NONBLOCK), 0},
                                              std::tuple{AF_UNIX, int(SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC), 0}}) {
        Call c = on(CallKind::Socket, -1);
        c.newSocketId = 2;
        c.family = family;
        c.type = type;
        c.proto = proto;
        calls << c;
    }
    Call pair = on(CallKind::SocketPair, -1);
    pair.newSocketId = 3;
    pair.family = AF_UNIX;
    pair.type = SOCK_STREAM;
    calls << pair;
    for (const auto &[text, family] : {std::pair{QStringLiteral("127.0.0.1:8080"), AF_INET},
                                       std::pair{QStringLiteral("('::1', 9000, 5, 0)"), AF_INET6},
                                       std::pair{QStringLiteral("/tmp/it's a \"lab\".sock"), AF_UNIX},
                                       std::pair{QStringLiteral("@lab\\x00\\xff name"), AF_UNIX}}) {
        for (CallKind kind : {CallKind::Bind, CallKind::Connect, CallKind::ConnectEx}) {
            Call c = on(kind);
            c.address = address(text, family);
            calls << c;
        }
    }
    for (std::optional<int> backlog : {std::optional<int>(), std::optional<int>(5), std::optional<int>(-1)}) {
        Call c = on(CallKind::Listen);
        c.backlog = backlog;
        calls << c;
    }
    Call accept = on(CallKind::Accept);
    accept.newSocketId = 4;
    calls << accept;
    const QByteArray payload("it's \"x\" \\ \x00\xff\r\n\t", 17);
    for (CallKind kind : {CallKind::Send, CallKind::SendAll, CallKind::SendTo}) {
        for (int flags : {0, int(MSG_OOB | MSG_DONTWAIT)}) {
            Call c = on(kind);
            c.data = payload;
            c.flags = flags;
            c.address = address(QStringLiteral("127.0.0.1:9"), AF_INET);
            calls << c;
        }
    }
    for (CallKind kind : {CallKind::Recv, CallKind::RecvFrom}) {
        for (int flags : {0, int(MSG_PEEK), int(MSG_PEEK | MSG_WAITALL)}) {
            Call c = on(kind);
            c.size = 4096;
            c.flags = flags;
            calls << c;
        }
    }
    for (int how : {SHUT_RD, SHUT_WR, SHUT_RDWR}) {
        Call c = on(CallKind::Shutdown);
        c.size = how;
        calls << c;
    }
    for (int blocking : {0, 1}) {
        Call c = on(CallKind::SetBlocking);
        c.size = blocking;
        calls << c;
    }
    for (std::optional<double> seconds : {std::optional<double>(), std::optional<double>(2.5), std::optional<double>(1e-12),
                                          std::optional<double>(qInf()), std::optional<double>(qQNaN()),
                                          std::optional<double>(9223372036.0), std::optional<double>(-0.0)}) {
        Call c = on(CallKind::SetTimeout);
        c.seconds = seconds;
        calls << c;
    }
    for (const auto &[name, value] : {std::pair{"SO_REUSEADDR", "1"}, std::pair{"SO_RCVBUF", "65536"}, std::pair{"SO_LINGER", "1 5"},
                                      std::pair{"TCP_NODELAY", "1"}}) {
        const OptionSpec *option = findOption(QString::fromLatin1(name));
        QVERIFY2(option, name);
        const auto encoded = encodeOption(*option, QString::fromLatin1(value));
        QVERIFY2(encoded.ok(), name);
        Call set = on(CallKind::SetOption);
        set.option = option;
        set.optionValue = encoded.value();
        Call get = on(CallKind::GetOption);
        get.option = option;
        get.optionBuffer = optionBufferSize(*option);
        calls << set << get;
    }
    // sendmsg with buffers, ancillary data, flags and an address; recvmsg and recvmsg_into.
    {
        Call plain = on(CallKind::SendMsg);
        plain.data = QByteArrayLiteral("abcdef");
        plain.buffers = {2, 4};
        Call rights = plain;
        const int fd = 7;
        rights.ancillary = {Ancillary{SOL_SOCKET, SCM_RIGHTS, QByteArray(reinterpret_cast<const char *>(&fd), sizeof fd)},
                            Ancillary{41, 50, QByteArrayLiteral("\x01\x00")}};
        Call to = on(CallKind::SendMsg);
        to.data = QByteArrayLiteral("x");
        to.buffers = {1};
        to.flags = MSG_DONTWAIT;
        to.address = address(QStringLiteral("127.0.0.1:9"), AF_INET);
        Call none = on(CallKind::SendMsg);
        Call recv = on(CallKind::RecvMsg);
        recv.size = 100;
        Call recvAnc = recv;
        recvAnc.ancillarySize = 64;
        recvAnc.flags = MSG_PEEK;
        Call into = on(CallKind::RecvMsgInto);
        into.buffers = {3, 10};
        into.size = 13;
        into.ancillarySize = 24;
        calls << plain << rights << to << none << recv << recvAnc << into;
    }
    // setsockopt(level, option, None, optlen).
    {
        Call none = on(CallKind::SetOption);
        none.option = OptionRef::byNumber(SOL_SOCKET, SO_BINDTODEVICE);
        none.optionValue.nullLength = 0;
        none.optionValue.python = QStringLiteral("None, 0");
        calls << none;
    }
    // sendfile of a file by its path (quotes in the name), and of a descriptor that names none.
    {
        Call byPath = on(CallKind::SendFile);
        byPath.descriptor = 5;
        byPath.file = QStringLiteral("/tmp/it's \"here\".bin");
        Call counted = byPath;
        counted.offset = 100;
        counted.size = 4096;
        Call byNumber = on(CallKind::SendFile);
        byNumber.descriptor = 9;
        calls << byPath << counted << byNumber;
    }
    // An option the table has no entry for goes by its numbers (IPV6_RECVHOPLIMIT), as the kernel takes it.
    {
        Call set = on(CallKind::SetOption);
        set.option = OptionRef::byNumber(41, 51);
        const int one = 1;
        set.optionValue = OptionValue{QByteArray(reinterpret_cast<const char *>(&one), sizeof one), QStringLiteral("1"), QStringLiteral("1")};
        Call get = on(CallKind::GetOption);
        get.option = OptionRef::byNumber(41, 51);
        Call getBytes = get;
        getBytes.optionBuffer = 16;
        calls << set << get << getBytes;
    }
    for (CallKind kind : {CallKind::Close, CallKind::GetTimeout, CallKind::SockName, CallKind::PeerName, CallKind::Fileno})
        calls << on(kind);
    calls << on(CallKind::GetHostName, -1);
    for (CallKind kind : {CallKind::GetHostByName, CallKind::GetHostByNameEx, CallKind::GetHostByAddr}) {
        Call c = on(kind, -1);
        c.host = QStringLiteral("it's.example");
        calls << c;
    }
    Call gai = on(CallKind::GetAddrInfo, -1);
    gai.host = QStringLiteral("localhost");
    gai.port = QStringLiteral("80");
    gai.family = AF_INET;
    gai.type = SOCK_STREAM;
    gai.flags = AI_CANONNAME;
    Call gni = on(CallKind::GetNameInfo, -1);
    gni.address = address(QStringLiteral("127.0.0.1:80"), AF_INET);
    gni.flags = NI_NUMERICHOST;
    calls << gai << gni;

    QString script;
    QJsonArray expected;
    for (const Call &c : calls) {
        script += c.pythonText() + QLatin1Char('\n');
        expected.append(meaning(c));
    }
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromLatin1(kRecorder)});
    QVERIFY(python.waitForStarted(10000));
    python.write(script.toUtf8());
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(20000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonArray got = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(got.size(), expected.size());
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QVERIFY2(got[i] == expected[i],
                 qPrintable(QStringLiteral("%1\n  python3: %2\n  value:   %3")
                                .arg(lines[i], QString::fromUtf8(QJsonDocument(got[i].toArray()).toJson(QJsonDocument::Compact)),
                                     QString::fromUtf8(QJsonDocument(expected[i].toArray()).toJson(QJsonDocument::Compact)))));
    }
}

void tst_Call::names()
{
    QCOMPARE(socketName(7), QStringLiteral("sk7"));
    Call accept = on(CallKind::Accept, 1);
    QCOMPARE(accept.pythonText(), QStringLiteral("conn, addr = sk1.accept()")); // auto-accept before the id is known
    accept.newSocketId = 9;
    QCOMPARE(accept.pythonText(), QStringLiteral("sk9, addr = sk1.accept()"));
    QVERIFY(accept.assigns() && accept.waitsForPeer() && !accept.receives());
    QVERIFY(on(CallKind::RecvFrom).receives());
    QVERIFY(on(CallKind::SendTo).sends() && !on(CallKind::SendTo).assigns());
    QCOMPARE(callOriginName(CallOrigin::Rule), QStringLiteral("rule"));
}

// The exported script renders calls with its own names (a socket's expression, an address the
// kernel picked as getsockname(), a long payload as a variable); only what the spelling names changes.
void tst_Call::spellingRenamesWhatItNames()
{
    const SocketAddress picked = address(QStringLiteral("127.0.0.1:54321"), AF_INET);
    CallSpelling spelling;
    spelling.sockets.insert(1, QStringLiteral("server"));
    spelling.addresses.emplace_back(picked, QStringLiteral("server.getsockname()"));

    Call connect = on(CallKind::Connect, 2);
    connect.address = picked;
    QCOMPARE(connect.pythonText(), QStringLiteral("sk2.connect(('127.0.0.1', 54321))"));
    QCOMPARE(connect.pythonText(&spelling), QStringLiteral("sk2.connect(server.getsockname())"));
    connect.addressHost = QStringLiteral("localhost"); // a name typed stays the name
    QCOMPARE(connect.pythonText(&spelling), QStringLiteral("sk2.connect(('localhost', 54321))"));

    Call other = on(CallKind::Connect, 2);
    other.address = address(QStringLiteral("127.0.0.1:54322"), AF_INET);
    QCOMPARE(other.pythonText(&spelling), QStringLiteral("sk2.connect(('127.0.0.1', 54322))"));

    Call sendto = on(CallKind::SendTo, 1);
    sendto.data = QByteArray(100, 'x');
    sendto.dataSize = sendto.data.size();
    sendto.address = picked;
    spelling.payload = QStringLiteral("payload7");
    QCOMPARE(sendto.pythonText(&spelling), QStringLiteral("server.sendto(payload7, server.getsockname())"));

    Call accept = on(CallKind::Accept, 1);
    accept.newSocketId = 3;
    spelling.sockets.insert(3, QStringLiteral("conn"));
    QCOMPARE(accept.pythonText(&spelling), QStringLiteral("conn, addr = server.accept()"));
    QCOMPARE(on(CallKind::Close, 1).pythonText(&spelling), QStringLiteral("server.close()")); // payload: sends only
}

void tst_Call::sourceSaysWhatMadeIt()
{
    CallSource source;
    QVERIFY(source.isEmpty());
    QCOMPARE(source.text(), QString());
    source.rule = 2;
    QCOMPARE(source.text(), QStringLiteral("rule 2"));
    source = {};
    source.schedule = 3;
    source.send = 4;
    QCOMPARE(source.text(), QStringLiteral("schedule 3, send 4"));
    source = {};
    source.consoleInput = 0;
    QVERIFY(!source.isEmpty());
    QCOMPARE(source.text(), QStringLiteral("console [0]"));
    source = {};
    source.file = QStringLiteral("lab.py");
    source.line = 12;
    QCOMPARE(source.text(), QStringLiteral("lab.py:12"));
    source.thread = QStringLiteral("reader");
    QCOMPARE(source.text(), QStringLiteral("lab.py:12, thread reader"));
    source = {};
    source.thread = QStringLiteral("Thread-1 (serve)");
    QVERIFY(!source.isEmpty());
    QCOMPARE(source.text(), QStringLiteral("thread Thread-1 (serve)"));
}

QTEST_GUILESS_MAIN(tst_Call)
#include "tst_call.moc"
