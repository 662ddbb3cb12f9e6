#pragma once

#include "core/responder/rule.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <optional>
#include <variant>

// Helpers shared by the rule tests: rules of one match or reply kind, and what a compiled rule
// answers to a record.
namespace rulesupport {

inline core::Rule matchRule(core::MatchKind kind, const QString &pattern, core::ByteForm form = core::ByteForm::Text,
                            bool caseSensitive = true)
{
    core::Rule r;
    r.match = kind;
    r.pattern = pattern;
    r.patternForm = form;
    r.caseSensitive = caseSensitive;
    r.reply = core::ReplyKind::Echo;
    return r;
}

inline core::Rule replyRule(core::ReplyKind kind, const QString &text, core::ByteForm form = core::ByteForm::Text)
{
    core::Rule r;
    r.reply = kind;
    r.replyText = text;
    r.replyForm = form;
    return r;
}

inline core::Rule regexRule(const QString &regex, const QString &replyTemplate)
{
    core::Rule r;
    r.match = core::MatchKind::Regex;
    r.pattern = regex;
    r.reply = core::ReplyKind::Template;
    r.replyText = replyTemplate;
    return r;
}

// The compiled rule, or a failed check naming why it did not compile.
inline std::optional<core::CompiledRule> compiled(const core::Rule &rule)
{
    auto c = core::CompiledRule::compile(rule);
    if (const core::RuleError *e = std::get_if<core::RuleError>(&c)) {
        qWarning("rule did not compile: %s at %d", qPrintable(e->error.message), e->error.position);
        return std::nullopt;
    }
    return std::get<core::CompiledRule>(std::move(c));
}

// What the rule answers to a record (matched first, so a regex rule has its captures).
inline std::optional<QByteArray> maybeAnswer(const core::CompiledRule &rule, QByteArrayView record, quint64 counter = 1,
                                             const core::SocketAddress &peer = {})
{
    QRegularExpressionMatch match;
    if (!rule.matches(record, &match))
        return std::nullopt;
    core::TemplateInput input;
    input.received = record;
    input.match = rule.rule().match == core::MatchKind::Regex ? &match : nullptr;
    input.counter = counter;
    input.peer = peer;
    return rule.reply(input);
}

inline const QByteArray kNoMatch("<no match>");

// The same, as one value QCOMPARE can print.
inline QByteArray answer(const core::CompiledRule &rule, QByteArrayView record, quint64 counter = 1,
                         const core::SocketAddress &peer = {})
{
    return maybeAnswer(rule, record, counter, peer).value_or(kNoMatch);
}

} // namespace rulesupport
