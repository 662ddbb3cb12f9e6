// Responder rules without sockets: what each match kind matches, a regular expression run over
// bytes, every rule checkRule refuses with the field and position it names, the bytes a text, hex
// or file form gives, and the names of the kinds.
#include "core/responder/rule.h"
#include "tests/core/rulesupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace core;
using namespace rulesupport;

Q_DECLARE_METATYPE(core::MatchKind)
Q_DECLARE_METATYPE(core::ByteForm)
Q_DECLARE_METATYPE(core::RuleField)
Q_DECLARE_METATYPE(core::Rule)

class tst_Rule : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void matchKinds_data();
    void matchKinds();
    void regexRunsOverBytes();
    void badRules_data();
    void badRules();
    void bytesOfForm_data();
    void bytesOfForm();
    void namesRoundTrip();

private:
    QTemporaryDir m_dir;
};

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

QTEST_GUILESS_MAIN(tst_Rule)
#include "tst_rule.moc"
