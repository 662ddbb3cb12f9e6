#pragma once

#include "core/base/result.h"
#include "core/net/socketaddress.h"
#include "core/text/payload.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace core {

// What a received record must be for a rule to answer it.
enum class MatchKind : quint8 { Any, Equals, Contains, StartsWith, EndsWith, Regex, HexPattern };
enum class ReplyKind : quint8 {
    Fixed,    // the same bytes every time (text, hex or a file)
    Echo,     // the bytes received
    Template, // text with escapes and macros: {1}..{9}, {counter}, {time}, ...
};
enum class AfterReply : quint8 { Nothing, Shutdown, Close };

// A responder rule as a person makes it: the value the window edits, the session saves and the
// engine compiles. Rules of a socket are ordered; the first enabled rule that matches answers.
struct Rule
{
    bool enabled = true;
    MatchKind match = MatchKind::Any;
    QString pattern;
    ByteForm patternForm = ByteForm::Text; // Text or Hex (a hex pattern is always hex)
    bool caseSensitive = true;
    ReplyKind reply = ReplyKind::Fixed;
    QString replyText;                     // the bytes (as replyForm says) or the template
    ByteForm replyForm = ByteForm::Text;
    AfterReply after = AfterReply::Nothing;
    int delayMs = 0;                       // 0 .. kMaxRuleDelayMs
    QString note;

    bool operator==(const Rule &) const = default;
};

constexpr int kMaxRuleDelayMs = 3'600'000;
constexpr qint64 kMaxReplyFileBytes = 16 << 20;

// Which field of a rule an error belongs to, so the window can say it there.
enum class RuleField : quint8 { Pattern, Reply, Delay };
struct RuleError
{
    RuleField field = RuleField::Pattern;
    InputError error;
};

QString matchKindName(MatchKind kind);   // "any", "equals", "regex", ... (session file and export)
QString replyKindName(ReplyKind kind);   // "fixed", "echo", "template"
QString afterReplyName(AfterReply after); // "nothing", "shutdown", "close"
bool matchKindFromName(const QString &name, MatchKind *kind);
bool replyKindFromName(const QString &name, ReplyKind *kind);
bool afterReplyFromName(const QString &name, AfterReply *after);

// What a template's macros are filled from.
struct TemplateInput
{
    QByteArrayView received;                      // the record answered (empty for a schedule)
    const QRegularExpressionMatch *match = nullptr; // a regex rule's match: {0}..{9}
    quint64 counter = 0;                          // the rule's hits or the schedule's sends, from 1
    SocketAddress peer;
};

// Text with escapes and macros, parsed once: {1}..{9} (and {0}, the whole match) are a regular
// expression's captures, {counter} counts from 1, {time} is the local time (14:03:07.123),
// {unixtime} the seconds since 1970, {random} a random number 0..4294967295, {peer} the sender
// ('127.0.0.1:5000', a UNIX path), {length} the bytes received, {hex} the bytes received as hex.
// {{ and }} are literal braces.
class PayloadTemplate final
{
public:
    enum class Uses : quint8 { Rule, Schedule }; // a schedule has nothing received: no captures, {length}, {hex}
    static Result<PayloadTemplate> parse(QStringView text, Uses uses, bool captures);
    static PayloadTemplate constant(QByteArray bytes);

    QByteArray expand(const TemplateInput &input) const;
    // A Python expression of the same bytes, for an exported script: names data (the bytes
    // received), match (re.Match), counter and peer (the sender as text) stand for the inputs.
    QString pythonExpression() const;
    bool isConstant() const { return m_pieces.size() <= 1 && (m_pieces.empty() || m_pieces.front().macro == Macro::None); }

private:
    enum class Macro : quint8 { None, Capture, Counter, Time, UnixTime, Random, Peer, Length, Hex };
    struct Piece
    {
        Macro macro = Macro::None;
        int capture = 0;
        QByteArray bytes; // Macro::None
    };
    std::vector<Piece> m_pieces;
};

// The bytes a Text/Hex/File form says. File: a regular file of at most kMaxReplyFileBytes.
Result<QByteArray> bytesOfForm(ByteForm form, const QString &text);

// A rule made ready to run: patterns decoded, the regex compiled, the reply read or parsed.
// Immutable once made; shared by the I/O thread that runs it and whoever reads its status.
class CompiledRule final
{
public:
    static std::variant<CompiledRule, RuleError> compile(const Rule &rule);

    const Rule &rule() const { return m_rule; }
    // The rule matches this record; *match gets a regex rule's match.
    bool matches(QByteArrayView record, QRegularExpressionMatch *match) const;
    QByteArray reply(const TemplateInput &input) const;

private:
    Rule m_rule;
    QByteArray m_pattern;              // decoded, lowered when not case-sensitive
    std::vector<int> m_hexPattern;     // bytes, -1 for ??
    QRegularExpression m_regex;
    QByteArray m_replyBytes;           // Fixed
    std::shared_ptr<const PayloadTemplate> m_template;
};

// The first error of a rule, or none (for the window's fields).
std::optional<RuleError> checkRule(const Rule &rule);

} // namespace core
