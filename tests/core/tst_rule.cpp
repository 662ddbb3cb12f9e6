#include "core/responder/responder.h"
#include "core/responder/rule.h"
#include "core/responder/rulereply.h"
#include "tests/core/testsupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>

using namespace core;
using namespace testsupport;

Q_DECLARE_METATYPE(core::MatchKind)
Q_DECLARE_METATYPE(core::ReplyKind)
Q_DECLARE_METATYPE(core::ByteForm)
Q_DECLARE_METATYPE(core::RuleField)
Q_DECLARE_METATYPE(core::ScheduleField)
Q_DECLARE_METATYPE(core::CallKind)
Q_DECLARE_METATYPE(core::Rule)
Q_DECLARE_METATYPE(core::Schedule)

// Responder rules without sockets: what each match kind answers, what each reply kind and macro
// expands to, and every input a rule or a schedule refuses, with the field and position it names.
class tst_Rule : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void matchKinds_data();
    void matchKinds();
    void regexRunsOverBytes();
    void replies_data();
    void replies();
    void captureMacros();
    void clockAndRandomMacros();
    void peerMacro();
    void fixedReplyFromFile();
    void badRules_data();
    void badRules();
    void bytesOfForm_data();
    void bytesOfForm();
    void scheduleTemplates();
    void scheduleErrors_data();
    void scheduleErrors();
    void ruleBookFirstMatchWins();
    void ruleBookKeepsBrokenRules();
    void replyCallsFollowTheSocket();
    void namesRoundTrip();

private:
    QTemporaryDir m_dir;
};

namespace {

Rule matchRule(MatchKind kind, const QString &pattern, ByteForm form = ByteForm::Text, bool caseSensitive = true)
{
    Rule r;
    r.match = kind;
    r.pattern = pattern;
    r.patternForm = form;
    r.caseSensitive = caseSensitive;
    r.reply = ReplyKind::Echo;
    return r;
}

Rule replyRule(ReplyKind kind, const QString &text, ByteForm form = ByteForm::Text)
{
    Rule r;
    r.reply = kind;
    r.replyText = text;
    r.replyForm = form;
    return r;
}

Rule regexRule(const QString &regex, const QString &replyTemplate)
{
    Rule r;
    r.match = MatchKind::Regex;
    r.pattern = regex;
    r.reply = ReplyKind::Template;
    r.replyText = replyTemplate;
    return r;
}

// The compiled rule, or a failed check naming why it did not compile.
std::optional<CompiledRule> compiled(const Rule &rule)
{
    auto c = CompiledRule::compile(rule);
    if (const RuleError *e = std::get_if<RuleError>(&c)) {
        qWarning("rule did not compile: %s at %d", qPrintable(e->error.message), e->error.position);
        return std::nullopt;
    }
    return std::get<CompiledRule>(std::move(c));
}

// What the rule answers to a record (matched first, so a regex rule has its captures).
std::optional<QByteArray> maybeAnswer(const CompiledRule &rule, QByteArrayView record, quint64 counter = 1,
                                 const SocketAddress &peer = {})
{
    QRegularExpressionMatch match;
    if (!rule.matches(record, &match))
        return std::nullopt;
    TemplateInput input;
    input.received = record;
    input.match = rule.rule().match == MatchKind::Regex ? &match : nullptr;
    input.counter = counter;
    input.peer = peer;
    return rule.reply(input);
}

const QByteArray kNoMatch("<no match>");

// The same, as one value QCOMPARE can print.
QByteArray answer(const CompiledRule &rule, QByteArrayView record, quint64 counter = 1, const SocketAddress &peer = {})
{
    return maybeAnswer(rule, record, counter, peer).value_or(kNoMatch);
}

} // namespace

void tst_Rule::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_Rule::matchKinds_data()
{
    QTest::addColumn<MatchKind>("kind");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<ByteForm>("form");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<bool>("matches");

    const auto text = ByteForm::Text;
    const auto hex = ByteForm::Hex;
    QTest::newRow("any") << MatchKind::Any << QString() << text << true << QByteArray("whatever") << true;
    QTest::newRow("any binary") << MatchKind::Any << QString() << text << true << QByteArray("\x00\xff", 2) << true;

    QTest::newRow("equals") << MatchKind::Equals << "PING" << text << true << QByteArray("PING") << true;
    QTest::newRow("equals longer") << MatchKind::Equals << "PING" << text << true << QByteArray("PING\n") << false;
    QTest::newRow("equals shorter") << MatchKind::Equals << "PING" << text << true << QByteArray("PIN") << false;
    QTest::newRow("equals case") << MatchKind::Equals << "PING" << text << true << QByteArray("ping") << false;
    QTest::newRow("equals nocase") << MatchKind::Equals << "PING" << text << false << QByteArray("pInG") << true;
    QTest::newRow("equals escapes") << MatchKind::Equals << "PING\\r\\n" << text << true << QByteArray("PING\r\n") << true;
    QTest::newRow("equals \\x00") << MatchKind::Equals << "a\\x00b" << text << true << QByteArray("a\0b", 3) << true;
    QTest::newRow("equals utf-8") << MatchKind::Equals << "é" << text << true << QByteArray("\xc3\xa9") << true;
    QTest::newRow("equals hex") << MatchKind::Equals << "00 ff 0a" << hex << true << QByteArray("\x00\xff\n", 3) << true;
    QTest::newRow("equals hex other") << MatchKind::Equals << "00ff0b" << hex << true << QByteArray("\x00\xff\n", 3) << false;

    QTest::newRow("contains") << MatchKind::Contains << "ell" << text << true << QByteArray("hello") << true;
    QTest::newRow("contains whole") << MatchKind::Contains << "hello" << text << true << QByteArray("hello") << true;
    QTest::newRow("contains not") << MatchKind::Contains << "elk" << text << true << QByteArray("hello") << false;
    QTest::newRow("contains shorter record") << MatchKind::Contains << "hello!" << text << true << QByteArray("hello") << false;
    QTest::newRow("contains case") << MatchKind::Contains << "ELL" << text << true << QByteArray("hello") << false;
    QTest::newRow("contains nocase") << MatchKind::Contains << "ELL" << text << false << QByteArray("hElLo") << true;
    QTest::newRow("contains nocase non-letters") << MatchKind::Contains << "[@]" << text << false << QByteArray("a[@]b") << true;
    // Case folding is ASCII only: '@' (0x40) and '`' (0x60) stay apart, as do bytes past 0x7f.
    QTest::newRow("contains nocase @`") << MatchKind::Contains << "@" << text << false << QByteArray("`") << false;
    QTest::newRow("contains nocase high bytes") << MatchKind::Contains << "\\xc9" << text << false << QByteArray("\xe9") << false;
    QTest::newRow("contains hex") << MatchKind::Contains << "0d0a" << hex << true << QByteArray("GET /\r\nHost") << true;
    QTest::newRow("contains \\x00") << MatchKind::Contains << "\\0" << text << true << QByteArray("ab\0cd", 5) << true;

    QTest::newRow("starts-with") << MatchKind::StartsWith << "GET " << text << true << QByteArray("GET / HTTP/1.0") << true;
    QTest::newRow("starts-with not") << MatchKind::StartsWith << "GET " << text << true << QByteArray("POST /") << false;
    QTest::newRow("starts-with later") << MatchKind::StartsWith << "GET" << text << true << QByteArray(" GET") << false;
    QTest::newRow("starts-with nocase") << MatchKind::StartsWith << "get " << text << false << QByteArray("GET /") << true;
    QTest::newRow("starts-with hex") << MatchKind::StartsWith << "0x16 0x03" << hex << true << QByteArray("\x16\x03\x01", 3) << true;

    QTest::newRow("ends-with") << MatchKind::EndsWith << "\\r\\n\\r\\n" << text << true << QByteArray("GET /\r\n\r\n") << true;
    QTest::newRow("ends-with not") << MatchKind::EndsWith << "\\r\\n\\r\\n" << text << true << QByteArray("GET /\r\n") << false;
    QTest::newRow("ends-with nocase") << MatchKind::EndsWith << "QUIT" << text << false << QByteArray("please quit") << true;
    QTest::newRow("ends-with case") << MatchKind::EndsWith << "QUIT" << text << true << QByteArray("please quit") << false;
    QTest::newRow("ends-with hex") << MatchKind::EndsWith << "ff:fe" << hex << true << QByteArray("\x01\xff\xfe", 3) << true;

    QTest::newRow("regex") << MatchKind::Regex << "^GET (\\S+)" << text << true << QByteArray("GET /x HTTP/1.0") << true;
    QTest::newRow("regex not") << MatchKind::Regex << "^GET (\\S+)" << text << true << QByteArray("PUT /x") << false;
    QTest::newRow("regex anywhere") << MatchKind::Regex << "\\d{3}" << text << true << QByteArray("code 404!") << true;
    QTest::newRow("regex case") << MatchKind::Regex << "^get" << text << true << QByteArray("GET") << false;
    QTest::newRow("regex nocase") << MatchKind::Regex << "^get" << text << false << QByteArray("GET") << true;
    // The dot matches newlines: a record is bytes, not lines.
    QTest::newRow("regex dot newline") << MatchKind::Regex << "^a.b$" << text << true << QByteArray("a\nb") << true;
    QTest::newRow("regex binary") << MatchKind::Regex << "\\x00\\xff" << text << true << QByteArray("a\x00\xff", 3) << true;

    QTest::newRow("hex-pattern") << MatchKind::HexPattern << "de ad be ef" << hex << true << QByteArray("\xde\xad\xbe\xef") << true;
    QTest::newRow("hex-pattern inside") << MatchKind::HexPattern << "adbe" << hex << true << QByteArray("\xde\xad\xbe\xef") << true;
    QTest::newRow("hex-pattern not") << MatchKind::HexPattern << "adbf" << hex << true << QByteArray("\xde\xad\xbe\xef") << false;
    QTest::newRow("hex-pattern wildcard") << MatchKind::HexPattern << "de ?? be" << hex << true << QByteArray("\xde\x00\xbe", 3) << true;
    QTest::newRow("hex-pattern wildcard any byte") << MatchKind::HexPattern << "de??be" << hex << true << QByteArray("x\xde\xff\xbey") << true;
    QTest::newRow("hex-pattern wildcard other") << MatchKind::HexPattern << "de??be" << hex << true << QByteArray("\xde\xff\xbf") << false;
    QTest::newRow("hex-pattern wildcards only") << MatchKind::HexPattern << "????" << hex << true << QByteArray("ab") << true;
    QTest::newRow("hex-pattern wildcards too many") << MatchKind::HexPattern << "??????" << hex << true << QByteArray("ab") << false;
    QTest::newRow("hex-pattern leading wildcard") << MatchKind::HexPattern << "??0a" << hex << true << QByteArray("\n") << false;
    QTest::newRow("hex-pattern at the end") << MatchKind::HexPattern << "0d0a" << hex << true << QByteArray("ok\r\n") << true;
    QTest::newRow("hex-pattern shorter record") << MatchKind::HexPattern << "0d0a0d0a" << hex << true << QByteArray("\r\n") << false;
}

void tst_Rule::matchKinds()
{
    QFETCH(MatchKind, kind);
    QFETCH(QString, pattern);
    QFETCH(ByteForm, form);
    QFETCH(bool, caseSensitive);
    QFETCH(QByteArray, record);
    QFETCH(bool, matches);
    const Rule rule = matchRule(kind, pattern, form, caseSensitive);
    QVERIFY(!checkRule(rule));
    const std::optional<CompiledRule> c = compiled(rule);
    QVERIFY(c);
    QCOMPARE(c->matches(record, nullptr), matches);
    // An echo rule answers a record it matches with the record.
    QCOMPARE(answer(*c, record), matches ? record : kNoMatch);
}

// The expression runs over the bytes, one character per byte: captures give back the bytes
// received exactly, and a non-ASCII character in the pattern stands for its UTF-8 bytes.
void tst_Rule::regexRunsOverBytes()
{
    const std::optional<CompiledRule> binary = compiled(regexRule(QStringLiteral("^(.)(.)"), QStringLiteral("{2}{1}")));
    QVERIFY(binary);
    QCOMPARE(answer(*binary, QByteArray("\xff\x80rest")), QByteArray("\x80\xff"));
    QCOMPARE(answer(*binary, QByteArray("\x00\x01", 2)), QByteArray("\x01\x00", 2));

    const std::optional<CompiledRule> utf8 = compiled(regexRule(QStringLiteral("café=(\\w+)"), QStringLiteral("[{1}]")));
    QVERIFY(utf8);
    QCOMPARE(answer(*utf8, QByteArray("caf\xc3\xa9=latte")), QByteArray("[latte]"));
    QCOMPARE(answer(*utf8, QByteArray("caf\xe9=latte")), kNoMatch); // Latin-1 é is not the pattern's é
}

void tst_Rule::replies_data()
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

void tst_Rule::replies()
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

void tst_Rule::captureMacros()
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

void tst_Rule::clockAndRandomMacros()
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

void tst_Rule::peerMacro()
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

void tst_Rule::fixedReplyFromFile()
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

void tst_Rule::badRules_data()
{
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<RuleField>("field");
    QTest::addColumn<QString>("message"); // a piece of the message
    QTest::addColumn<int>("position");

    const auto pattern = RuleField::Pattern;
    const auto reply = RuleField::Reply;
    QTest::newRow("bad escape in pattern") << matchRule(MatchKind::Contains, QStringLiteral("ab\\q")) << pattern
                                           << QStringLiteral("unknown escape \\q") << 2;
    QTest::newRow("bad \\x in pattern") << matchRule(MatchKind::Equals, QStringLiteral("\\xg0")) << pattern
                                        << QStringLiteral("needs two hex digits") << 0;
    QTest::newRow("lone backslash in pattern") << matchRule(MatchKind::StartsWith, QStringLiteral("abc\\")) << pattern
                                               << QStringLiteral("lone backslash") << 3;
    QTest::newRow("odd hex pattern") << matchRule(MatchKind::Equals, QStringLiteral("abc"), ByteForm::Hex) << pattern
                                     << QStringLiteral("odd number of hex digits") << 2;
    QTest::newRow("not hex") << matchRule(MatchKind::Contains, QStringLiteral("00 zz"), ByteForm::Hex) << pattern
                             << QStringLiteral("not a hex digit") << 3;
    QTest::newRow("file pattern") << matchRule(MatchKind::Contains, QStringLiteral("/etc/hostname"), ByteForm::File) << pattern
                                  << QStringLiteral("not a file") << -1;
    QTest::newRow("hex-pattern odd") << matchRule(MatchKind::HexPattern, QStringLiteral("0a ?? b")) << pattern
                                     << QStringLiteral("odd number of hex digits") << 6;
    QTest::newRow("hex-pattern odd before ??") << matchRule(MatchKind::HexPattern, QStringLiteral("0a0??0b")) << pattern
                                               << QStringLiteral("odd number of hex digits") << 2;
    QTest::newRow("hex-pattern not hex") << matchRule(MatchKind::HexPattern, QStringLiteral("??xy")) << pattern
                                         << QStringLiteral("not a hex digit") << 2;
    QTest::newRow("hex-pattern lone ?") << matchRule(MatchKind::HexPattern, QStringLiteral("0a ?")) << pattern
                                        << QStringLiteral("two question marks") << 3;
    QTest::newRow("hex-pattern ? then digit") << matchRule(MatchKind::HexPattern, QStringLiteral("?0")) << pattern
                                              << QStringLiteral("two question marks") << 0;
    QTest::newRow("bad regex unclosed") << matchRule(MatchKind::Regex, QStringLiteral("ab(cd")) << pattern
                                        << QStringLiteral("regular expression: missing closing parenthesis") << 5;
    QTest::newRow("bad regex stray )") << matchRule(MatchKind::Regex, QStringLiteral("ab)cd")) << pattern
                                       << QStringLiteral("regular expression: ") << 2;
    QTest::newRow("bad regex quantifier") << matchRule(MatchKind::Regex, QStringLiteral("a{2,1}")) << pattern
                                          << QStringLiteral("regular expression: ") << 5;
    QTest::newRow("bad regex class") << matchRule(MatchKind::Regex, QStringLiteral("x[a-")) << pattern
                                     << QStringLiteral("regular expression: ") << 4;
    QTest::newRow("empty contains") << matchRule(MatchKind::Contains, QString()) << pattern << QStringLiteral("the pattern is empty")
                                    << -1;
    QTest::newRow("empty starts-with") << matchRule(MatchKind::StartsWith, QString()) << pattern
                                       << QStringLiteral("the pattern is empty") << -1;
    QTest::newRow("empty ends-with hex") << matchRule(MatchKind::EndsWith, QStringLiteral("  "), ByteForm::Hex) << pattern
                                         << QStringLiteral("the pattern is empty") << -1;
    QTest::newRow("empty regex") << matchRule(MatchKind::Regex, QString()) << pattern
                                 << QStringLiteral("the regular expression is empty") << -1;
    QTest::newRow("empty hex-pattern") << matchRule(MatchKind::HexPattern, QString()) << pattern
                                       << QStringLiteral("the hex pattern is empty") << -1;
    QTest::newRow("blank hex-pattern") << matchRule(MatchKind::HexPattern, QStringLiteral(" , ")) << pattern
                                       << QStringLiteral("the hex pattern is empty") << -1;

    QTest::newRow("bad escape in fixed") << replyRule(ReplyKind::Fixed, QStringLiteral("ok\\")) << reply
                                         << QStringLiteral("lone backslash") << 2;
    QTest::newRow("odd hex reply") << replyRule(ReplyKind::Fixed, QStringLiteral("0a0"), ByteForm::Hex) << reply
                                   << QStringLiteral("odd number of hex digits") << 2;
    QTest::newRow("bad escape in template") << replyRule(ReplyKind::Template, QStringLiteral("{counter} \\z")) << reply
                                            << QStringLiteral("unknown escape \\z") << 10;
    QTest::newRow("bad escape after {{") << replyRule(ReplyKind::Template, QStringLiteral("{{\\z")) << reply
                                         << QStringLiteral("unknown escape \\z") << 2;
    QTest::newRow("bad escape after }}") << replyRule(ReplyKind::Template, QStringLiteral("{counter}}}\\z")) << reply
                                         << QStringLiteral("unknown escape \\z") << 11;
    QTest::newRow("bad escape after {{ }}") << replyRule(ReplyKind::Template, QStringLiteral("a{{b}}c\\z")) << reply
                                            << QStringLiteral("unknown escape \\z") << 7;
    QTest::newRow("unknown macro") << replyRule(ReplyKind::Template, QStringLiteral("x{nope}")) << reply
                                   << QStringLiteral("unknown macro {nope}") << 1;
    QTest::newRow("empty macro") << replyRule(ReplyKind::Template, QStringLiteral("ab{}")) << reply
                                 << QStringLiteral("unknown macro {}") << 2;
    QTest::newRow("two-digit capture") << regexRule(QStringLiteral("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)"), QStringLiteral("{10}"))
                                       << reply << QStringLiteral("unknown macro {10}") << 0;
    QTest::newRow("capture without regex") << replyRule(ReplyKind::Template, QStringLiteral("got {1}")) << reply
                                           << QStringLiteral("{1} is a capture: it needs a regular expression match") << 4;
    QTest::newRow("capture {0} without regex") << replyRule(ReplyKind::Template, QStringLiteral("{0}")) << reply
                                               << QStringLiteral("{0} is a capture") << 0;
    QTest::newRow("capture beyond groups") << regexRule(QStringLiteral("(a)"), QStringLiteral("x{2}")) << reply
                                           << QStringLiteral("{2}: the regular expression has 1 capture group(s)") << 1;
    QTest::newRow("capture with no groups") << regexRule(QStringLiteral("abc"), QStringLiteral("{0}{1}")) << reply
                                            << QStringLiteral("{1}: the regular expression has 0 capture group(s)") << 3;
    QTest::newRow("capture beyond groups after {{") << regexRule(QStringLiteral("(a)"), QStringLiteral("{{{2}")) << reply
                                                    << QStringLiteral("{2}: the regular expression has 1 capture group(s)") << 2;
    QTest::newRow("lone }") << replyRule(ReplyKind::Template, QStringLiteral("a}b")) << reply << QStringLiteral("a lone }") << 1;
    QTest::newRow("lone } after macro") << replyRule(ReplyKind::Template, QStringLiteral("{counter}}")) << reply
                                        << QStringLiteral("a lone }") << 9;
    QTest::newRow("lone } after }}") << replyRule(ReplyKind::Template, QStringLiteral("}}}")) << reply
                                     << QStringLiteral("a lone }") << 2;
    QTest::newRow("unclosed {") << replyRule(ReplyKind::Template, QStringLiteral("ab{counter")) << reply
                                << QStringLiteral("{ is not closed") << 2;
    QTest::newRow("unclosed { at the end") << replyRule(ReplyKind::Template, QStringLiteral("ab{")) << reply
                                           << QStringLiteral("{ is not closed") << 2;
    QTest::newRow("missing file") << replyRule(ReplyKind::Fixed, m_dir.filePath(QStringLiteral("missing.bin")), ByteForm::File)
                                  << reply << QStringLiteral("no such file") << -1;
    QTest::newRow("directory as file") << replyRule(ReplyKind::Fixed, m_dir.path(), ByteForm::File) << reply
                                       << QStringLiteral("not a regular file") << -1;
    QTest::newRow("no file chosen") << replyRule(ReplyKind::Fixed, QString(), ByteForm::File) << reply
                                    << QStringLiteral("no file chosen") << -1;

    Rule early = replyRule(ReplyKind::Fixed, QStringLiteral("x"));
    early.delayMs = -1;
    QTest::newRow("negative delay") << early << RuleField::Delay << QStringLiteral("the delay is 0 to 3600000 ms") << -1;
    Rule late = replyRule(ReplyKind::Echo, QString());
    late.delayMs = kMaxRuleDelayMs + 1;
    QTest::newRow("delay past an hour") << late << RuleField::Delay << QStringLiteral("the delay is 0 to 3600000 ms") << -1;
    // Both wrong: the pattern is named first, then the reply, then the delay.
    Rule both = matchRule(MatchKind::Regex, QStringLiteral("("));
    both.reply = ReplyKind::Template;
    both.replyText = QStringLiteral("{nope}");
    both.delayMs = -5;
    QTest::newRow("pattern before reply") << both << pattern << QStringLiteral("regular expression: ") << 1;
    Rule replyFirst = replyRule(ReplyKind::Template, QStringLiteral("}"));
    replyFirst.delayMs = -5;
    QTest::newRow("reply before delay") << replyFirst << reply << QStringLiteral("a lone }") << 0;
}

void tst_Rule::badRules()
{
    QFETCH(Rule, rule);
    QFETCH(RuleField, field);
    QFETCH(QString, message);
    QFETCH(int, position);
    const std::optional<RuleError> error = checkRule(rule);
    QVERIFY(error);
    QVERIFY2(error->error.message.contains(message), qPrintable(error->error.message));
    QCOMPARE(error->field, field);
    QCOMPARE(error->error.position, position);
    // compile() says the same.
    auto c = CompiledRule::compile(rule);
    QVERIFY(std::holds_alternative<RuleError>(c));
    QCOMPARE(std::get<RuleError>(c).error.message, error->error.message);
}

void tst_Rule::bytesOfForm_data()
{
    QTest::addColumn<ByteForm>("form");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text") << ByteForm::Text << QStringLiteral("a\\tb\\x00") << true << QByteArray("a\tb\0", 4);
    QTest::newRow("text empty") << ByteForm::Text << QString() << true << QByteArray();
    QTest::newRow("text bad") << ByteForm::Text << QStringLiteral("\\y") << false << QByteArray();
    QTest::newRow("hex") << ByteForm::Hex << QStringLiteral("0x41,42-43:44") << true << QByteArray("ABCD");
    QTest::newRow("hex odd") << ByteForm::Hex << QStringLiteral("414") << false << QByteArray();
    QTest::newRow("file missing") << ByteForm::File << QStringLiteral("/nonexistent/file") << false << QByteArray();
    QTest::newRow("file empty name") << ByteForm::File << QString() << false << QByteArray();
}

void tst_Rule::bytesOfForm()
{
    QFETCH(ByteForm, form);
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, bytes);
    const Result<QByteArray> r = core::bytesOfForm(form, text);
    QCOMPARE(r.ok(), ok);
    if (ok)
        QCOMPARE(*r, bytes);
    else
        QVERIFY(!r.error().message.isEmpty());
}

void tst_Rule::scheduleTemplates()
{
    // A schedule's template has no captures and nothing received.
    using Uses = PayloadTemplate::Uses;
    const Result<PayloadTemplate> counter = PayloadTemplate::parse(u"n={counter}\\n", Uses::Schedule, false);
    QVERIFY(counter);
    QVERIFY(!counter->isConstant());
    TemplateInput input;
    input.counter = 12;
    QCOMPARE(counter->expand(input), QByteArray("n=12\n"));
    const Result<PayloadTemplate> plain = PayloadTemplate::parse(u"a{{b}}", Uses::Schedule, false);
    QVERIFY(plain);
    QVERIFY(plain->isConstant());
    QCOMPARE(plain->expand(input), QByteArray("a{b}"));
    QCOMPARE(PayloadTemplate::constant("\x00{1}").expand(input), QByteArray("\x00{1}"));

    const Result<PayloadTemplate> capture = PayloadTemplate::parse(u"x{1}", Uses::Schedule, false);
    QVERIFY(!capture);
    QVERIFY2(capture.error().message.contains(QStringLiteral("only a rule's reply")), qPrintable(capture.error().message));
    QCOMPARE(capture.error().position, 1);
    for (const QString name : {QStringLiteral("length"), QStringLiteral("hex")}) {
        const Result<PayloadTemplate> received = PayloadTemplate::parse(QStringLiteral("ab{%1}").arg(name), Uses::Schedule, false);
        QVERIFY(!received);
        QVERIFY2(received.error().message.contains(QStringLiteral("{%1} is about bytes received").arg(name)),
                 qPrintable(received.error().message));
        QCOMPARE(received.error().position, 2);
    }
}

void tst_Rule::scheduleErrors_data()
{
    QTest::addColumn<Schedule>("schedule");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<ScheduleField>("field");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("position");

    Schedule good;
    good.socketId = 1;
    good.payload = QStringLiteral("tick {counter} at {time} {unixtime} {random}\\n");
    good.intervalMs = 10;
    good.count = 20;
    QTest::newRow("good") << good << true << ScheduleField::Payload << QString() << -1;

    Schedule s = good;
    s.intervalMs = 0;
    QTest::newRow("interval 0") << s << false << ScheduleField::Interval << QStringLiteral("the interval is 1 ms to 24 hours") << -1;
    s.intervalMs = kMaxScheduleIntervalMs + 1;
    QTest::newRow("interval past a day") << s << false << ScheduleField::Interval << QStringLiteral("the interval is") << -1;
    s.burst = true;
    s.count = 5;
    QTest::newRow("a burst has no interval") << s << true << ScheduleField::Payload << QString() << -1;
    s.count = 0;
    QTest::newRow("burst without count") << s << false << ScheduleField::Count << QStringLiteral("a burst needs a count") << -1;
    s = good;
    s.count = -1;
    QTest::newRow("negative count") << s << false << ScheduleField::Count << QStringLiteral("the count is 0") << -1;
    s.count = 0;
    QTest::newRow("until stopped") << s << true << ScheduleField::Payload << QString() << -1;

    s = good;
    s.kind = CallKind::SendTo;
    QTest::newRow("sendto without address") << s << false << ScheduleField::Address << QStringLiteral("sendto needs an address")
                                            << -1;
    s.address = address(QStringLiteral("127.0.0.1:9"), AF_INET);
    QTest::newRow("sendto with address") << s << true << ScheduleField::Payload << QString() << -1;
    s = good;
    s.kind = CallKind::Recv;
    QTest::newRow("recv") << s << false << ScheduleField::Payload << QStringLiteral("send, sendall or sendto") << -1;
    s.kind = CallKind::Send;
    QTest::newRow("send") << s << true << ScheduleField::Payload << QString() << -1;

    s = good;
    s.payload = QStringLiteral("got {1}");
    QTest::newRow("template {1}") << s << false << ScheduleField::Payload << QStringLiteral("{1} is a capture") << 4;
    s.payload = QStringLiteral("{length}");
    QTest::newRow("template {length}") << s << false << ScheduleField::Payload << QStringLiteral("{length} is about bytes received") << 0;
    s.payload = QStringLiteral("x{hex}");
    QTest::newRow("template {hex}") << s << false << ScheduleField::Payload << QStringLiteral("{hex} is about bytes received") << 1;
    s.payload = QStringLiteral("{peer} {bogus}");
    QTest::newRow("template unknown") << s << false << ScheduleField::Payload << QStringLiteral("unknown macro {bogus}") << 7;
    s.payload = QStringLiteral("a\\q");
    QTest::newRow("template bad escape") << s << false << ScheduleField::Payload << QStringLiteral("unknown escape") << 1;
    s.payload = QStringLiteral("{1}");
    s.form = ByteForm::Hex;
    QTest::newRow("hex payload") << s << false << ScheduleField::Payload << QStringLiteral("not a hex digit") << 0;
    s.payload = QStringLiteral("de ad");
    QTest::newRow("hex payload good") << s << true << ScheduleField::Payload << QString() << -1;
    s.form = ByteForm::File;
    s.payload = m_dir.filePath(QStringLiteral("no-such-payload"));
    QTest::newRow("file missing") << s << false << ScheduleField::Payload << QStringLiteral("no such file") << -1;
    s.payload = m_dir.path();
    QTest::newRow("file is a directory") << s << false << ScheduleField::Payload << QStringLiteral("not a regular file") << -1;
    // The payload is checked before the interval.
    s = good;
    s.payload = QStringLiteral("}");
    s.intervalMs = 0;
    QTest::newRow("payload first") << s << false << ScheduleField::Payload << QStringLiteral("a lone }") << 0;
}

void tst_Rule::scheduleErrors()
{
    QFETCH(Schedule, schedule);
    QFETCH(bool, ok);
    QFETCH(ScheduleField, field);
    QFETCH(QString, message);
    QFETCH(int, position);
    const std::optional<ScheduleError> error = checkSchedule(schedule);
    QCOMPARE(!error, ok);
    if (ok)
        return;
    QVERIFY2(error->error.message.contains(message), qPrintable(error->error.message));
    QCOMPARE(error->field, field);
    QCOMPARE(error->error.position, position);
}

void tst_Rule::ruleBookFirstMatchWins()
{
    auto fixed = [](MatchKind kind, const QString &pattern, const QString &reply) {
        Rule r = matchRule(kind, pattern);
        r.reply = ReplyKind::Fixed;
        r.replyText = reply;
        return r;
    };
    Rule disabled = fixed(MatchKind::Any, QString(), QStringLiteral("disabled"));
    disabled.enabled = false;
    Rule ping = fixed(MatchKind::StartsWith, QStringLiteral("PING"), QStringLiteral("PONG"));
    ping.after = AfterReply::Close;
    ping.delayMs = 250;
    Rule counted = regexRule(QStringLiteral("^n(\\d)"), QStringLiteral("{1}:{counter}"));
    const Rule shadowed = fixed(MatchKind::Contains, QStringLiteral("PING"), QStringLiteral("never"));
    const Rule rest = fixed(MatchKind::Any, QString(), QStringLiteral("other"));
    const RuleBook book({disabled, ping, counted, shadowed, rest});
    QCOMPARE(book.size(), 5);
    QVERIFY(book.runnable());

    std::optional<RuleBook::Answer> a = book.answer("PING 1", {});
    QVERIFY(a);
    QCOMPARE(a->rule, 1);
    QCOMPARE(a->reply, QByteArray("PONG"));
    QCOMPARE(a->after, AfterReply::Close);
    QCOMPARE(a->delayMs, 250);
    QCOMPARE(a->hit, quint64(1));
    a = book.answer("n7", {});
    QCOMPARE(a->rule, 2);
    QCOMPARE(a->reply, QByteArray("7:1"));
    a = book.answer("n8", {});
    QCOMPARE(a->reply, QByteArray("8:2"));
    QCOMPARE(a->hit, quint64(2));
    a = book.answer("hello", {});
    QCOMPARE(a->rule, 4);
    QCOMPARE(a->reply, QByteArray("other"));
    QCOMPARE(a->after, AfterReply::Nothing);
    QCOMPARE(book.hits(0), quint64(0));
    QCOMPARE(book.hits(1), quint64(1));
    QCOMPARE(book.hits(2), quint64(2));
    QCOMPARE(book.hits(3), quint64(0));
    QCOMPARE(book.hits(4), quint64(1));

    // No rule matches: no answer, nothing counted.
    const RuleBook strict({fixed(MatchKind::Equals, QStringLiteral("x"), QStringLiteral("y"))});
    QVERIFY(!strict.answer("z", {}));
    QCOMPARE(strict.hits(0), quint64(0));
    QVERIFY(strict.answer("x", {}));
    QCOMPARE(strict.hits(0), quint64(1));
    // Only disabled rules: nothing runs.
    QVERIFY(!RuleBook({disabled}).runnable());
    QVERIFY(!RuleBook({disabled}).answer("x", {}));
    QVERIFY(!RuleBook(QList<Rule>{}).runnable());
}

void tst_Rule::ruleBookKeepsBrokenRules()
{
    Rule broken = regexRule(QStringLiteral("(oops"), QStringLiteral("broken"));
    Rule good = replyRule(ReplyKind::Fixed, QStringLiteral("good"));
    const RuleBook book({broken, good});
    QVERIFY(book.runnable());
    QVERIFY(book.error(0));
    QCOMPARE(book.error(0)->field, RuleField::Pattern);
    QCOMPARE(book.error(0)->error.position, 5);
    QVERIFY(!book.error(1));
    QCOMPARE(book.rule(0), broken);
    const std::optional<RuleBook::Answer> a = book.answer("(oops", {});
    QVERIFY(a);
    QCOMPARE(a->rule, 1);
    QCOMPARE(a->reply, QByteArray("good"));
    QCOMPARE(book.hits(0), quint64(0));

    const RuleBook onlyBroken({broken});
    QVERIFY(!onlyBroken.runnable());
    QVERIFY(!onlyBroken.answer("anything", {}));
}

void tst_Rule::namesRoundTrip()
{
    for (MatchKind k : {MatchKind::Any, MatchKind::Equals, MatchKind::Contains, MatchKind::StartsWith, MatchKind::EndsWith,
                        MatchKind::Regex, MatchKind::HexPattern}) {
        MatchKind back = MatchKind::Any;
        QVERIFY(!matchKindName(k).isEmpty());
        QVERIFY(matchKindFromName(matchKindName(k), &back));
        QCOMPARE(back, k);
    }
    QCOMPARE(matchKindName(MatchKind::HexPattern), QStringLiteral("hex-pattern"));
    QCOMPARE(matchKindName(MatchKind::StartsWith), QStringLiteral("starts-with"));
    for (ReplyKind k : {ReplyKind::Fixed, ReplyKind::Echo, ReplyKind::Template}) {
        ReplyKind back = ReplyKind::Fixed;
        QVERIFY(replyKindFromName(replyKindName(k), &back));
        QCOMPARE(back, k);
    }
    for (AfterReply k : {AfterReply::Nothing, AfterReply::Shutdown, AfterReply::Close}) {
        AfterReply back = AfterReply::Nothing;
        QVERIFY(afterReplyFromName(afterReplyName(k), &back));
        QCOMPARE(back, k);
    }
    for (ByteForm k : {ByteForm::Text, ByteForm::Hex, ByteForm::File}) {
        ByteForm back = ByteForm::Text;
        QVERIFY(byteFormFromName(byteFormName(k), &back));
        QCOMPARE(back, k);
    }
    MatchKind unchanged = MatchKind::Regex;
    QVERIFY(!matchKindFromName(QStringLiteral("Regex"), &unchanged));
    QCOMPARE(unchanged, MatchKind::Regex);
}

// The calls an answer makes depend on the socket that got the record, as in a program: sendall on
// a stream, send where there is a peer (or SEQPACKET), sendto the sender otherwise; nowhere to
// send for a nameless UNIX sender.
void tst_Rule::replyCallsFollowTheSocket()
{
    const SocketAddress sender = address(QStringLiteral("127.0.0.1:4000"), AF_INET);
    auto answer = [](AfterReply after, int delayMs) {
        RuleBook::Answer a;
        a.rule = 2;
        a.reply = QByteArrayLiteral("pong");
        a.after = after;
        a.delayMs = delayMs;
        return a;
    };
    const auto stream = ruleReply(answer(AfterReply::Close, 0), ReplyTarget{7, SOCK_STREAM, true}, sender);
    QVERIFY(stream);
    QCOMPARE(stream->reply.kind, CallKind::SendAll);
    QCOMPARE(stream->reply.socketId, 7);
    QCOMPARE(stream->reply.origin, CallOrigin::Rule);
    QCOMPARE(stream->reply.source.rule, 3); // shown 1-based, as the Rules table numbers them
    QCOMPARE(stream->reply.data, QByteArrayLiteral("pong"));
    QCOMPARE(stream->reply.dataSize, qint64(4));
    QVERIFY(stream->after);
    QCOMPARE(stream->after->kind, CallKind::Close);
    QCOMPARE(stream->after->source.rule, 3);

    const auto connected = ruleReply(answer(AfterReply::Shutdown, 250), ReplyTarget{8, SOCK_DGRAM, true}, sender);
    QCOMPARE(connected->reply.kind, CallKind::Send);
    QCOMPARE(connected->after->kind, CallKind::Shutdown);
    QCOMPARE(connected->after->size, qint64(SHUT_WR));
    QCOMPARE(connected->delayMs, 250);

    QCOMPARE(ruleReply(answer(AfterReply::Nothing, 0), ReplyTarget{9, SOCK_SEQPACKET, false}, sender)->reply.kind, CallKind::Send);
    const auto unconnected = ruleReply(answer(AfterReply::Nothing, 0), ReplyTarget{10, SOCK_DGRAM, false}, sender);
    QCOMPARE(unconnected->reply.kind, CallKind::SendTo);
    QCOMPARE(unconnected->reply.address, sender);
    QVERIFY(!unconnected->after);

    SocketAddress nameless;
    const sockaddr_un unnamed{AF_UNIX, {}};
    nameless = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&unnamed), sizeof(sa_family_t));
    QVERIFY(nameless.isUnnamed());
    QVERIFY(!ruleReply(answer(AfterReply::Nothing, 0), ReplyTarget{11, SOCK_DGRAM, false}, nameless));
    QVERIFY(!ruleReply(answer(AfterReply::Nothing, 0), ReplyTarget{11, SOCK_DGRAM, false}, SocketAddress()));
}

QTEST_GUILESS_MAIN(tst_Rule)
#include "tst_rule.moc"
