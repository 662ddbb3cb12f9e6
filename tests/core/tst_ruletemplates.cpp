// Responder rules' replies without sockets: what each reply kind answers and what each template
// macro expands to (captures, counter, length, hex, the clock, random numbers, the peer), and a
// fixed reply read from a file.
#include "core/responder/rule.h"
#include "tests/core/rulesupport.h"
#include "tests/core/testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using namespace core;
using namespace rulesupport;
using namespace testsupport;

Q_DECLARE_METATYPE(core::Rule)

class tst_RuleTemplates : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void replies_data();
    void replies();
    void captureMacros();
    void clockAndRandomMacros();
    void peerMacro();
    void fixedReplyFromFile();

private:
    QTemporaryDir m_dir;
};

void tst_RuleTemplates::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_RuleTemplates::replies_data()
{
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<quint64>("counter");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("fixed text") << replyRule(ReplyKind::Fixed, QStringLiteral("PONG\\r\\n")) << QByteArray("PING") << quint64(1)
                                << QByteArray("PONG\r\n");
    QTest::newRow("fixed text utf-8") << replyRule(ReplyKind::Fixed, QStringLiteral("ça va")) << QByteArray("x") << quint64(1)
                                      << QByteArray("\xc3\xa7" "a va");
    QTest::newRow("fixed text braces stay") << replyRule(ReplyKind::Fixed, QStringLiteral("{counter}")) << QByteArray("x")
                                            << quint64(7) << QByteArray("{counter}");
    QTest::newRow("fixed hex") << replyRule(ReplyKind::Fixed, QStringLiteral("00 ff 0x10"), ByteForm::Hex) << QByteArray("x")
                               << quint64(1) << QByteArray("\x00\xff\x10", 3);
    QTest::newRow("fixed empty") << replyRule(ReplyKind::Fixed, QString()) << QByteArray("x") << quint64(1) << QByteArray();
    QTest::newRow("echo") << replyRule(ReplyKind::Echo, QString()) << QByteArray("hello\x00\xff", 7) << quint64(3)
                          << QByteArray("hello\x00\xff", 7);
    QTest::newRow("template plain") << replyRule(ReplyKind::Template, QStringLiteral("hi\\n")) << QByteArray("x") << quint64(1)
                                    << QByteArray("hi\n");
    QTest::newRow("template counter") << replyRule(ReplyKind::Template, QStringLiteral("#{counter}")) << QByteArray("x")
                                      << quint64(42) << QByteArray("#42");
    QTest::newRow("template counter twice") << replyRule(ReplyKind::Template, QStringLiteral("{counter}-{counter}"))
                                            << QByteArray("x") << quint64(9) << QByteArray("9-9");
    QTest::newRow("template length") << replyRule(ReplyKind::Template, QStringLiteral("len={length}")) << QByteArray("hello")
                                     << quint64(1) << QByteArray("len=5");
    QTest::newRow("template length binary") << replyRule(ReplyKind::Template, QStringLiteral("{length}"))
                                            << QByteArray("\x00\x00\x00", 3) << quint64(1) << QByteArray("3");
    QTest::newRow("template hex") << replyRule(ReplyKind::Template, QStringLiteral("<{hex}>")) << QByteArray("\x00\xff" "A", 3)
                                  << quint64(1) << QByteArray("<00ff41>");
    QTest::newRow("template escapes around macros")
        << replyRule(ReplyKind::Template, QStringLiteral("\\x01{counter}\\t{length}\\r\\n")) << QByteArray("ab") << quint64(5)
        << QByteArray("\x01" "5\t2\r\n");
    QTest::newRow("template {{ }}") << replyRule(ReplyKind::Template, QStringLiteral("{{counter}} is {counter}"))
                                    << QByteArray("x") << quint64(2) << QByteArray("{counter} is 2");
    QTest::newRow("template {{{ }}}") << replyRule(ReplyKind::Template, QStringLiteral("{{{counter}}}")) << QByteArray("x")
                                      << quint64(3) << QByteArray("{3}");
    QTest::newRow("template json") << replyRule(ReplyKind::Template, QStringLiteral("{{\"n\": {counter}}}\\n"))
                                   << QByteArray("x") << quint64(8) << QByteArray("{\"n\": 8}\n");
    QTest::newRow("template only braces") << replyRule(ReplyKind::Template, QStringLiteral("}}{{")) << QByteArray("x")
                                          << quint64(1) << QByteArray("}{");
    QTest::newRow("template empty") << replyRule(ReplyKind::Template, QString()) << QByteArray("x") << quint64(1) << QByteArray();
}

void tst_RuleTemplates::replies()
{
    QFETCH(Rule, rule);
    QFETCH(QByteArray, record);
    QFETCH(quint64, counter);
    QFETCH(QByteArray, expected);
    QVERIFY(!checkRule(rule));
    const std::optional<CompiledRule> c = compiled(rule);
    QVERIFY(c);
    QCOMPARE(answer(*c, record, counter), expected);
}

void tst_RuleTemplates::captureMacros()
{
    // {0} is the whole match, {1}..{9} the groups; the reply may take them in any order, twice.
    const std::optional<CompiledRule> nine = compiled(regexRule(QStringLiteral("(a)(b)(c)(d)(e)(f)(g)(h)(i)"),
                                                                QStringLiteral("{9}{8}{7}{6}{5}{4}{3}{2}{1}|{0}|{1}{1}")));
    QVERIFY(nine);
    QCOMPARE(answer(*nine, QByteArray("xxabcdefghiyy")), QByteArray("ihgfedcba|abcdefghi|aa"));

    const std::optional<CompiledRule> request = compiled(
        regexRule(QStringLiteral("^GET (\\S+) HTTP/(\\d\\.\\d)"), QStringLiteral("HTTP/{2} 200 OK\\r\\n\\r\\n{1} #{counter}")));
    QVERIFY(request);
    QCOMPARE(answer(*request, QByteArray("GET /index.html HTTP/1.1\r\n\r\n"), 4),
             QByteArray("HTTP/1.1 200 OK\r\n\r\n/index.html #4"));

    // A group that did not take part is empty.
    const std::optional<CompiledRule> optional = compiled(regexRule(QStringLiteral("a(x)?b"), QStringLiteral("[{1}]")));
    QVERIFY(optional);
    QCOMPARE(answer(*optional, QByteArray("ab")), QByteArray("[]"));
    QCOMPARE(answer(*optional, QByteArray("axb")), QByteArray("[x]"));

    // Named groups count as groups.
    const std::optional<CompiledRule> named = compiled(regexRule(QStringLiteral("(?<user>\\w+)@(?<host>\\w+)"), QStringLiteral("{2}:{1}")));
    QVERIFY(named);
    QCOMPARE(answer(*named, QByteArray("bob@box")), QByteArray("box:bob"));

    // {0} needs no group at all.
    const std::optional<CompiledRule> whole = compiled(regexRule(QStringLiteral("\\d+"), QStringLiteral("<{0}>")));
    QVERIFY(whole);
    QCOMPARE(answer(*whole, QByteArray("abc 123 def")), QByteArray("<123>"));
}

void tst_RuleTemplates::clockAndRandomMacros()
{
    const std::optional<CompiledRule> time = compiled(replyRule(ReplyKind::Template, QStringLiteral("{time}")));
    QVERIFY(time);
    const QByteArray stamp = answer(*time, "x");
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d$")).match(QString::fromLatin1(stamp)).hasMatch(),
             stamp.constData());
    const QTime parsed = QTime::fromString(QString::fromLatin1(stamp), QStringLiteral("HH:mm:ss.zzz"));
    QVERIFY(parsed.isValid());
    QVERIFY(qAbs(parsed.msecsTo(QTime::currentTime())) < 5000 || qAbs(parsed.msecsTo(QTime::currentTime())) > 86'395'000);

    const std::optional<CompiledRule> unix = compiled(replyRule(ReplyKind::Template, QStringLiteral("{unixtime}")));
    QVERIFY(unix);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    bool ok = false;
    const qint64 seconds = answer(*unix, "x").toLongLong(&ok);
    QVERIFY(ok);
    QVERIFY(seconds >= before && seconds <= QDateTime::currentSecsSinceEpoch());

    const std::optional<CompiledRule> random = compiled(replyRule(ReplyKind::Template, QStringLiteral("{random}")));
    QVERIFY(random);
    QSet<quint64> seen;
    for (int i = 0; i < 20; ++i) {
        const quint64 n = answer(*random, "x").toULongLong(&ok);
        QVERIFY(ok);
        QVERIFY(n <= 4294967295ULL);
        seen.insert(n);
    }
    QVERIFY2(seen.size() > 1, "twenty random numbers were all the same");
}

void tst_RuleTemplates::peerMacro()
{
    const std::optional<CompiledRule> peer = compiled(replyRule(ReplyKind::Template, QStringLiteral("hi {peer}")));
    QVERIFY(peer);
    QCOMPARE(answer(*peer, "x", 1, address(QStringLiteral("127.0.0.1:5000"), AF_INET)), QByteArray("hi 127.0.0.1:5000"));
    const SocketAddress v6 = address(QStringLiteral("[::1]:6000"), AF_INET6);
    QCOMPARE(answer(*peer, "x", 1, v6), QByteArray("hi ") + v6.toText().toUtf8());
    const QString path = m_dir.filePath(QStringLiteral("peer.sock"));
    QCOMPARE(answer(*peer, "x", 1, address(path, AF_UNIX)), QByteArray("hi ") + path.toUtf8());
    QCOMPARE(answer(*peer, "x", 1, SocketAddress()), QByteArray("hi "));
}

void tst_RuleTemplates::fixedReplyFromFile()
{
    QByteArray bytes;
    for (int i = 0; i < 1000; ++i)
        bytes += char(i % 256);
    QFile file(m_dir.filePath(QStringLiteral("reply.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), qint64(bytes.size()));
    file.close();
    Rule rule = replyRule(ReplyKind::Fixed, file.fileName(), ByteForm::File);
    const std::optional<CompiledRule> c = compiled(rule);
    QVERIFY(c);
    QCOMPARE(answer(*c, "x"), bytes);
    // Read when the rule is compiled: a later change to the file does not change the reply.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("changed");
    file.close();
    QCOMPARE(answer(*c, "x"), bytes);

    QFile empty(m_dir.filePath(QStringLiteral("empty.bin")));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    const std::optional<CompiledRule> nothing = compiled(replyRule(ReplyKind::Fixed, empty.fileName(), ByteForm::File));
    QVERIFY(nothing);
    QCOMPARE(answer(*nothing, "x"), QByteArray());
}

QTEST_GUILESS_MAIN(tst_RuleTemplates)
#include "tst_ruletemplates.moc"
