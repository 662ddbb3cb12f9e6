// A book of responder rules without sockets: the first enabled rule that matches answers and is
// counted, a rule that does not compile is kept and never answers, and the calls an answer makes
// follow the socket that got the record.
#include "core/responder/responder.h"
#include "core/responder/rule.h"
#include "core/responder/rulereply.h"
#include "tests/core/rulesupport.h"
#include "tests/core/testsupport.h"

#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>

using namespace core;
using namespace rulesupport;
using namespace testsupport;

class tst_RuleBook : public QObject
{
    Q_OBJECT
private slots:
    void ruleBookFirstMatchWins();
    void ruleBookKeepsBrokenRules();
    void replyCallsFollowTheSocket();
};

void tst_RuleBook::ruleBookFirstMatchWins()
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

void tst_RuleBook::ruleBookKeepsBrokenRules()
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

// The calls an answer makes depend on the socket that got the record, as in a program: sendall on
// a stream, send where there is a peer (or SEQPACKET), sendto the sender otherwise; nowhere to
// send for a nameless UNIX sender.
void tst_RuleBook::replyCallsFollowTheSocket()
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

QTEST_GUILESS_MAIN(tst_RuleBook)
#include "tst_rulebook.moc"
