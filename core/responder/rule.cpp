#include "core/responder/rule.h"

#include "core/text/payload.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace core {

namespace {

template<typename E>
struct Named
{
    E value;
    const char *name;
};

constexpr std::array<Named<MatchKind>, 7> kMatchNames{{
    {MatchKind::Any, "any"}, {MatchKind::Equals, "equals"}, {MatchKind::Contains, "contains"},
    {MatchKind::StartsWith, "starts-with"}, {MatchKind::EndsWith, "ends-with"}, {MatchKind::Regex, "regex"},
    {MatchKind::HexPattern, "hex-pattern"},
}};
constexpr std::array<Named<ReplyKind>, 3> kReplyNames{{
    {ReplyKind::Fixed, "fixed"}, {ReplyKind::Echo, "echo"}, {ReplyKind::Template, "template"},
}};
constexpr std::array<Named<AfterReply>, 3> kAfterNames{{
    {AfterReply::Nothing, "nothing"}, {AfterReply::Shutdown, "shutdown"}, {AfterReply::Close, "close"},
}};

template<typename E, size_t N>
QString nameOf(const std::array<Named<E>, N> &names, E value)
{
    for (const auto &n : names) {
        if (n.value == value)
            return QLatin1String(n.name);
    }
    return {};
}

template<typename E, size_t N>
bool valueOf(const std::array<Named<E>, N> &names, const QString &name, E *value)
{
    for (const auto &n : names) {
        if (name == QLatin1String(n.name)) {
            *value = n.value;
            return true;
        }
    }
    return false;
}

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

QByteArray asciiLowered(QByteArrayView bytes)
{
    QByteArray out(bytes.size(), Qt::Uninitialized);
    std::transform(bytes.begin(), bytes.end(), out.begin(), asciiLower);
    return out;
}

// The regex runs over the bytes, one character per byte (Latin-1), so a capture gives back the
// exact bytes; a pattern's non-ASCII characters stand for their UTF-8 bytes.
QString bytesAsLatin1(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.data(), bytes.size());
}

QString patternOverBytes(const QString &pattern)
{
    for (QChar c : pattern) {
        if (c.unicode() > 0x7f)
            return QString::fromLatin1(pattern.toUtf8());
    }
    return pattern;
}

// ?? is any byte; otherwise hex as decodeHex reads it.
Result<std::vector<int>> decodeHexPattern(const QString &text)
{
    std::vector<int> out;
    QString chunk;
    int chunkStart = 0;
    auto flush = [&]() -> std::optional<InputError> {
        if (chunk.trimmed().isEmpty())
            return std::nullopt;
        Result<QByteArray> bytes = decodeHex(chunk);
        if (!bytes) {
            InputError e = bytes.error();
            if (e.position >= 0)
                e.position += chunkStart;
            return e;
        }
        for (char b : *bytes)
            out.push_back(quint8(b));
        return std::nullopt;
    };
    for (int i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('?')) {
            if (i + 1 >= text.size() || text.at(i + 1) != QLatin1Char('?'))
                return Result<std::vector<int>>::failure(QCoreApplication::translate("core", "a wildcard is two question marks (??), one byte"), i);
            if (auto e = flush())
                return *e;
            chunk.clear();
            out.push_back(-1);
            ++i;
            chunkStart = i + 1;
            continue;
        }
        chunk += text.at(i);
    }
    if (auto e = flush())
        return *e;
    if (out.empty())
        return Result<std::vector<int>>::failure(QCoreApplication::translate("core", "the hex pattern is empty"));
    return out;
}

bool hexPatternAt(QByteArrayView record, qsizetype at, const std::vector<int> &pattern)
{
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] >= 0 && quint8(record[at + qsizetype(i)]) != pattern[i])
            return false;
    }
    return true;
}

QString peerText(const SocketAddress &peer)
{
    if (!peer.isValid())
        return {};
    return peer.toText();
}

} // namespace

QString matchKindName(MatchKind kind) { return nameOf(kMatchNames, kind); }
QString replyKindName(ReplyKind kind) { return nameOf(kReplyNames, kind); }
QString afterReplyName(AfterReply after) { return nameOf(kAfterNames, after); }
bool matchKindFromName(const QString &name, MatchKind *kind) { return valueOf(kMatchNames, name, kind); }
bool replyKindFromName(const QString &name, ReplyKind *kind) { return valueOf(kReplyNames, name, kind); }
bool afterReplyFromName(const QString &name, AfterReply *after) { return valueOf(kAfterNames, name, after); }

Result<PayloadTemplate> PayloadTemplate::parse(QStringView text, Uses uses, bool captures)
{
    PayloadTemplate t;
    QString literal;
    // Where each character of literal is in text: a doubled brace is two characters for one.
    QList<int> literalAt;
    auto flush = [&]() -> std::optional<InputError> {
        if (literal.isEmpty())
            return std::nullopt;
        Result<QByteArray> bytes = decodeEscapes(literal);
        if (!bytes) {
            InputError e = bytes.error();
            if (e.position >= 0 && e.position < literalAt.size())
                e.position = literalAt.at(e.position);
            return e;
        }
        if (!t.m_pieces.empty() && t.m_pieces.back().macro == Macro::None)
            t.m_pieces.back().bytes += *bytes;
        else
            t.m_pieces.push_back({Macro::None, 0, *bytes});
        literal.clear();
        literalAt.clear();
        return std::nullopt;
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('}')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('}')) {
                literal += c;
                literalAt.append(i);
                ++i;
                continue;
            }
            return Result<PayloadTemplate>::failure(QCoreApplication::translate("core", "a lone } (write }} for the character)"), i);
        }
        if (c != QLatin1Char('{')) {
            literal += c;
            literalAt.append(i);
            continue;
        }
        if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('{')) {
            literal += c;
            literalAt.append(i);
            ++i;
            continue;
        }
        const qsizetype close = text.indexOf(QLatin1Char('}'), i + 1);
        if (close < 0)
            return Result<PayloadTemplate>::failure(QCoreApplication::translate("core", "{ is not closed (write {{ for the character)"), i);
        if (auto e = flush())
            return *e;
        const QString name = text.mid(i + 1, close - i - 1).toString();
        Piece piece;
        const bool isCapture = name.size() == 1 && name.at(0).isDigit();
        if (isCapture) {
            if (!captures)
                return Result<PayloadTemplate>::failure(
                    uses == Uses::Rule ? QCoreApplication::translate("core", "{%1} is a capture: it needs a regular expression match").arg(name)
                                       : QCoreApplication::translate("core", "{%1} is a capture: only a rule's reply has them").arg(name), i);
            piece.macro = Macro::Capture;
            piece.capture = name.at(0).digitValue();
        } else if (name == QLatin1String("counter")) {
            piece.macro = Macro::Counter;
        } else if (name == QLatin1String("time")) {
            piece.macro = Macro::Time;
        } else if (name == QLatin1String("unixtime")) {
            piece.macro = Macro::UnixTime;
        } else if (name == QLatin1String("random")) {
            piece.macro = Macro::Random;
        } else if (name == QLatin1String("peer")) {
            piece.macro = Macro::Peer;
        } else if (name == QLatin1String("length") || name == QLatin1String("hex")) {
            if (uses == Uses::Schedule)
                return Result<PayloadTemplate>::failure(QCoreApplication::translate("core", "{%1} is about bytes received: only a rule's reply has it").arg(name), i);
            piece.macro = name == QLatin1String("length") ? Macro::Length : Macro::Hex;
        } else {
            return Result<PayloadTemplate>::failure(
                QCoreApplication::translate("core", "unknown macro {%1} (known: {1}..{9}, {counter}, {time}, {unixtime}, {random}, {peer}, {length}, {hex}; {{ for a brace)").arg(name), i);
        }
        t.m_pieces.push_back(std::move(piece));
        i = int(close);
    }
    if (auto e = flush())
        return *e;
    return t;
}

PayloadTemplate PayloadTemplate::constant(QByteArray bytes)
{
    PayloadTemplate t;
    t.m_pieces.push_back({Macro::None, 0, std::move(bytes)});
    return t;
}

QByteArray PayloadTemplate::expand(const TemplateInput &input) const
{
    QByteArray out;
    for (const Piece &p : m_pieces) {
        switch (p.macro) {
        case Macro::None:
            out += p.bytes;
            break;
        case Macro::Capture:
            if (input.match)
                out += input.match->captured(p.capture).toLatin1();
            break;
        case Macro::Counter:
            out += QByteArray::number(input.counter);
            break;
        case Macro::Time:
            out += QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")).toLatin1();
            break;
        case Macro::UnixTime:
            out += QByteArray::number(QDateTime::currentSecsSinceEpoch());
            break;
        case Macro::Random:
            out += QByteArray::number(QRandomGenerator::global()->generate());
            break;
        case Macro::Peer:
            out += peerText(input.peer).toUtf8();
            break;
        case Macro::Length:
            out += QByteArray::number(input.received.size());
            break;
        case Macro::Hex:
            out += input.received.toByteArray().toHex();
            break;
        }
    }
    return out;
}

QString PayloadTemplate::pythonExpression() const
{
    QStringList parts;
    for (const Piece &p : m_pieces) {
        switch (p.macro) {
        case Macro::None: parts << pythonBytesLiteral(p.bytes); break;
        case Macro::Capture: parts << QStringLiteral("(match.group(%1) or b'')").arg(p.capture); break;
        case Macro::Counter: parts << QStringLiteral("str(counter).encode()"); break;
        case Macro::Time: parts << QStringLiteral("datetime.datetime.now().strftime('%H:%M:%S.%f')[:-3].encode()"); break;
        case Macro::UnixTime: parts << QStringLiteral("str(int(time.time())).encode()"); break;
        case Macro::Random: parts << QStringLiteral("str(random.getrandbits(32)).encode()"); break;
        case Macro::Peer: parts << QStringLiteral("peer.encode()"); break;
        case Macro::Length: parts << QStringLiteral("str(len(data)).encode()"); break;
        case Macro::Hex: parts << QStringLiteral("data.hex().encode()"); break;
        }
    }
    return parts.isEmpty() ? QStringLiteral("b''") : parts.join(QStringLiteral(" + "));
}

Result<QByteArray> bytesOfForm(ByteForm form, const QString &text)
{
    switch (form) {
    case ByteForm::Text:
        return decodeEscapes(text);
    case ByteForm::Hex:
        return decodeHex(text);
    case ByteForm::File:
        break;
    }
    if (text.isEmpty())
        return Result<QByteArray>::failure(QCoreApplication::translate("core", "no file chosen"));
    const QFileInfo info(text);
    if (!info.exists())
        return Result<QByteArray>::failure(QCoreApplication::translate("core", "%1: no such file").arg(text));
    if (!info.isFile())
        return Result<QByteArray>::failure(QCoreApplication::translate("core", "%1: not a regular file").arg(text));
    if (info.size() > kMaxReplyFileBytes)
        return Result<QByteArray>::failure(QCoreApplication::translate("core", "%1: %2 bytes, more than the %3 MiB a payload file may have")
                                               .arg(text).arg(info.size()).arg(kMaxReplyFileBytes >> 20));
    QFile file(text);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(QStringLiteral("%1: %2").arg(text, file.errorString()));
    return file.read(kMaxReplyFileBytes + 1);
}

std::variant<CompiledRule, RuleError> CompiledRule::compile(const Rule &rule)
{
    CompiledRule c;
    c.m_rule = rule;
    auto patternError = [](InputError e) { return RuleError{RuleField::Pattern, std::move(e)}; };
    auto replyError = [](InputError e) { return RuleError{RuleField::Reply, std::move(e)}; };

    switch (rule.match) {
    case MatchKind::Any:
        break;
    case MatchKind::Equals:
    case MatchKind::Contains:
    case MatchKind::StartsWith:
    case MatchKind::EndsWith: {
        if (rule.patternForm == ByteForm::File)
            return patternError({QCoreApplication::translate("core", "a pattern is text or hex, not a file")});
        Result<QByteArray> bytes = bytesOfForm(rule.patternForm, rule.pattern);
        if (!bytes)
            return patternError(bytes.error());
        if (bytes->isEmpty() && rule.match != MatchKind::Equals)
            return patternError({QCoreApplication::translate("core", "the pattern is empty (choose \"any\" to answer everything)")});
        c.m_pattern = rule.caseSensitive ? *bytes : asciiLowered(*bytes);
        break;
    }
    case MatchKind::Regex: {
        if (rule.pattern.isEmpty())
            return patternError({QCoreApplication::translate("core", "the regular expression is empty")});
        QRegularExpression::PatternOptions options = QRegularExpression::DotMatchesEverythingOption;
        if (!rule.caseSensitive)
            options |= QRegularExpression::CaseInsensitiveOption;
        c.m_regex = QRegularExpression(patternOverBytes(rule.pattern), options);
        if (!c.m_regex.isValid())
            return patternError({QCoreApplication::translate("core", "regular expression: %1").arg(c.m_regex.errorString()),
                                 int(c.m_regex.patternErrorOffset())});
        c.m_regex.optimize();
        break;
    }
    case MatchKind::HexPattern: {
        Result<std::vector<int>> pattern = decodeHexPattern(rule.pattern);
        if (!pattern)
            return patternError(pattern.error());
        c.m_hexPattern = std::move(*pattern);
        break;
    }
    }

    switch (rule.reply) {
    case ReplyKind::Echo:
        break;
    case ReplyKind::Fixed: {
        Result<QByteArray> bytes = bytesOfForm(rule.replyForm, rule.replyText);
        if (!bytes)
            return replyError(bytes.error());
        c.m_replyBytes = *bytes;
        break;
    }
    case ReplyKind::Template: {
        const bool captures = rule.match == MatchKind::Regex;
        Result<PayloadTemplate> t = PayloadTemplate::parse(rule.replyText, PayloadTemplate::Uses::Rule, captures);
        if (!t)
            return replyError(t.error());
        if (captures) {
            // A capture the expression does not have is an error now, not an empty reply later.
            // Read left to right so that {{ is passed as a pair: in {{{2} the {2} is a capture.
            const int groups = c.m_regex.captureCount();
            const QString &text = rule.replyText;
            for (int i = 0; i + 2 < text.size(); ++i) {
                if (text.at(i) != QLatin1Char('{'))
                    continue;
                if (text.at(i + 1) == QLatin1Char('{')) {
                    ++i;
                    continue;
                }
                const QChar d = text.at(i + 1);
                if (d.isDigit() && text.at(i + 2) == QLatin1Char('}') && d.digitValue() > groups)
                    return replyError({QCoreApplication::translate("core", "{%1}: the regular expression has %2 capture group(s)").arg(d).arg(groups), i});
            }
        }
        c.m_template = std::make_shared<const PayloadTemplate>(std::move(*t));
        break;
    }
    }
    if (rule.delayMs < 0 || rule.delayMs > kMaxRuleDelayMs)
        return RuleError{RuleField::Delay, {QCoreApplication::translate("core", "the delay is 0 to %1 ms (an hour)").arg(kMaxRuleDelayMs)}};
    return c;
}

bool CompiledRule::matches(QByteArrayView record, QRegularExpressionMatch *match) const
{
    auto view = [&]() -> QByteArray {
        return m_rule.caseSensitive ? QByteArray::fromRawData(record.data(), record.size()) : asciiLowered(record);
    };
    switch (m_rule.match) {
    case MatchKind::Any:
        return true;
    case MatchKind::Equals:
        return record.size() == m_pattern.size() && view() == m_pattern;
    case MatchKind::Contains:
        return record.size() >= m_pattern.size() && view().contains(m_pattern);
    case MatchKind::StartsWith:
        return record.size() >= m_pattern.size() && view().startsWith(m_pattern);
    case MatchKind::EndsWith:
        return record.size() >= m_pattern.size() && view().endsWith(m_pattern);
    case MatchKind::Regex: {
        QRegularExpressionMatch m = m_regex.match(bytesAsLatin1(record));
        const bool found = m.hasMatch();
        if (found && match)
            *match = std::move(m);
        return found;
    }
    case MatchKind::HexPattern: {
        const qsizetype n = qsizetype(m_hexPattern.size());
        for (qsizetype at = 0; at + n <= record.size(); ++at) {
            if (hexPatternAt(record, at, m_hexPattern))
                return true;
        }
        return false;
    }
    }
    return false;
}

QByteArray CompiledRule::reply(const TemplateInput &input) const
{
    switch (m_rule.reply) {
    case ReplyKind::Fixed:
        return m_replyBytes;
    case ReplyKind::Echo:
        return input.received.toByteArray();
    case ReplyKind::Template:
        return m_template->expand(input);
    }
    return {};
}

std::optional<RuleError> checkRule(const Rule &rule)
{
    auto compiled = CompiledRule::compile(rule);
    if (const RuleError *e = std::get_if<RuleError>(&compiled))
        return *e;
    return std::nullopt;
}

} // namespace core
