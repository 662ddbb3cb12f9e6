#include "core/session/responderjson.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace core {

namespace {

bool isWholeIn(const QJsonValue &value, double low, double high)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return d >= low && d <= high && d == std::floor(d);
}

// Checks a JSON object's fields against the known ones and their types.
class Fields
{
public:
    Fields(const QJsonObject &o, QString what) : m_o(o), m_what(std::move(what)) {}

    std::optional<QString> unknown(const QStringList &known) const
    {
        for (auto it = m_o.begin(); it != m_o.end(); ++it) {
            if (!known.contains(it.key()))
                return QCoreApplication::translate("core", "%1: unknown field \"%2\"").arg(m_what, it.key());
        }
        return std::nullopt;
    }
    QString fail(const QString &text) const { return QStringLiteral("%1: %2").arg(m_what, text); }
    bool has(const char *key) const { return m_o.contains(QLatin1String(key)); }
    QJsonValue value(const char *key) const { return m_o.value(QLatin1String(key)); }

private:
    const QJsonObject &m_o;
    QString m_what;
};

template<typename E>
std::optional<QString> readName(const Fields &f, const char *key, bool (*fromName)(const QString &, E *), E *out,
                                const QString &choices)
{
    if (!f.has(key))
        return std::nullopt;
    if (!f.value(key).isString() || !fromName(f.value(key).toString(), out))
        return f.fail(QCoreApplication::translate("core", "%1 must be one of %2").arg(QLatin1String(key), choices));
    return std::nullopt;
}

std::optional<QString> readString(const Fields &f, const char *key, QString *out)
{
    if (!f.has(key))
        return std::nullopt;
    if (!f.value(key).isString())
        return f.fail(QCoreApplication::translate("core", "%1 must be a string").arg(QLatin1String(key)));
    *out = f.value(key).toString();
    return std::nullopt;
}

std::optional<QString> readBool(const Fields &f, const char *key, bool *out)
{
    if (!f.has(key))
        return std::nullopt;
    if (!f.value(key).isBool())
        return f.fail(QCoreApplication::translate("core", "%1 must be true or false").arg(QLatin1String(key)));
    *out = f.value(key).toBool();
    return std::nullopt;
}

std::optional<QString> readWhole(const Fields &f, const char *key, double low, double high, qint64 *out)
{
    if (!f.has(key))
        return std::nullopt;
    if (!isWholeIn(f.value(key), low, high))
        return f.fail(QCoreApplication::translate("core", "%1 must be a whole number %2-%3").arg(QLatin1String(key)).arg(qint64(low)).arg(qint64(high)));
    *out = qint64(f.value(key).toDouble());
    return std::nullopt;
}

QString fieldName(RuleField field)
{
    switch (field) {
    case RuleField::Pattern: return QStringLiteral("pattern");
    case RuleField::Reply: return QStringLiteral("reply_text");
    case RuleField::Delay: return QStringLiteral("delay_ms");
    }
    return {};
}

constexpr auto kMatchChoices = "any, equals, contains, starts-with, ends-with, regex, hex-pattern";

} // namespace

QJsonArray rulesToJson(const QList<Rule> &rules)
{
    QJsonArray out;
    for (const Rule &r : rules) {
        QJsonObject o;
        if (!r.enabled)
            o.insert(QLatin1String("enabled"), false);
        o.insert(QLatin1String("match"), matchKindName(r.match));
        if (r.match != MatchKind::Any) {
            o.insert(QLatin1String("pattern"), r.pattern);
            if (r.patternForm != ByteForm::Text)
                o.insert(QLatin1String("pattern_form"), byteFormName(r.patternForm));
            if (!r.caseSensitive)
                o.insert(QLatin1String("case_sensitive"), false);
        }
        o.insert(QLatin1String("reply"), replyKindName(r.reply));
        if (r.reply != ReplyKind::Echo)
            o.insert(QLatin1String("reply_text"), r.replyText);
        if (r.reply == ReplyKind::Fixed && r.replyForm != ByteForm::Text)
            o.insert(QLatin1String("reply_form"), byteFormName(r.replyForm));
        if (r.after != AfterReply::Nothing)
            o.insert(QLatin1String("after"), afterReplyName(r.after));
        if (r.delayMs)
            o.insert(QLatin1String("delay_ms"), r.delayMs);
        if (!r.note.isEmpty())
            o.insert(QLatin1String("note"), r.note);
        out.append(o);
    }
    return out;
}

Result<QList<Rule>> rulesFromJson(const QJsonValue &json)
{
    if (!json.isArray())
        return Result<QList<Rule>>::failure(QCoreApplication::translate("core", "rules must be a list"));
    QList<Rule> rules;
    const QJsonArray list = json.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString what = QCoreApplication::translate("core", "rule %1").arg(i + 1);
        if (!list[i].isObject())
            return Result<QList<Rule>>::failure(QCoreApplication::translate("core", "%1 is not an object").arg(what));
        const QJsonObject o = list[i].toObject();
        const Fields f(o, what);
        Rule r;
        qint64 delay = 0;
        for (std::optional<QString> e : {
                 f.unknown({QStringLiteral("enabled"), QStringLiteral("match"), QStringLiteral("pattern"),
                            QStringLiteral("pattern_form"), QStringLiteral("case_sensitive"), QStringLiteral("reply"),
                            QStringLiteral("reply_text"), QStringLiteral("reply_form"), QStringLiteral("after"),
                            QStringLiteral("delay_ms"), QStringLiteral("note")}),
                 readBool(f, "enabled", &r.enabled),
                 readName(f, "match", &matchKindFromName, &r.match, QLatin1String(kMatchChoices)),
                 readString(f, "pattern", &r.pattern),
                 readName(f, "pattern_form", &byteFormFromName, &r.patternForm, QStringLiteral("text, hex")),
                 readBool(f, "case_sensitive", &r.caseSensitive),
                 readName(f, "reply", &replyKindFromName, &r.reply, QStringLiteral("fixed, echo, template")),
                 readString(f, "reply_text", &r.replyText),
                 readName(f, "reply_form", &byteFormFromName, &r.replyForm, QStringLiteral("text, hex, file")),
                 readName(f, "after", &afterReplyFromName, &r.after, QStringLiteral("nothing, shutdown, close")),
                 readWhole(f, "delay_ms", 0, kMaxRuleDelayMs, &delay),
                 readString(f, "note", &r.note)}) {
            if (e)
                return Result<QList<Rule>>::failure(*e);
        }
        if (!f.has("match") || !f.has("reply"))
            return Result<QList<Rule>>::failure(f.fail(QCoreApplication::translate("core", "needs \"match\" and \"reply\"")));
        r.delayMs = int(delay);
        if (std::optional<RuleError> e = checkRule(r))
            return Result<QList<Rule>>::failure(f.fail(QStringLiteral("%1: %2").arg(fieldName(e->field), e->error.message)));
        rules.append(r);
    }
    return rules;
}

QJsonArray schedulesToJson(const QList<Schedule> &schedules)
{
    QJsonArray out;
    for (const Schedule &s : schedules) {
        QJsonObject o;
        o.insert(QLatin1String("call"), callKindName(s.kind));
        o.insert(QLatin1String("payload"), s.payload);
        if (s.form != ByteForm::Text)
            o.insert(QLatin1String("payload_form"), byteFormName(s.form));
        if (s.burst)
            o.insert(QLatin1String("burst"), true);
        else
            o.insert(QLatin1String("interval_ms"), s.intervalMs);
        o.insert(QLatin1String("count"), s.count);
        if (s.kind == CallKind::SendTo)
            o.insert(QLatin1String("address"), s.address.toText());
        out.append(o);
    }
    return out;
}

Result<QList<Schedule>> schedulesFromJson(const QJsonValue &json, int family)
{
    if (!json.isArray())
        return Result<QList<Schedule>>::failure(QCoreApplication::translate("core", "schedules must be a list"));
    QList<Schedule> schedules;
    const QJsonArray list = json.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString what = QCoreApplication::translate("core", "schedule %1").arg(i + 1);
        if (!list[i].isObject())
            return Result<QList<Schedule>>::failure(QCoreApplication::translate("core", "%1 is not an object").arg(what));
        const QJsonObject o = list[i].toObject();
        const Fields f(o, what);
        Schedule s;
        QString call;
        QString address;
        for (std::optional<QString> e : {
                 f.unknown({QStringLiteral("call"), QStringLiteral("payload"), QStringLiteral("payload_form"),
                            QStringLiteral("burst"), QStringLiteral("interval_ms"), QStringLiteral("count"),
                            QStringLiteral("address")}),
                 readString(f, "call", &call),
                 readString(f, "payload", &s.payload),
                 readName(f, "payload_form", &byteFormFromName, &s.form, QStringLiteral("text, hex, file")),
                 readBool(f, "burst", &s.burst),
                 readWhole(f, "interval_ms", 1, double(kMaxScheduleIntervalMs), &s.intervalMs),
                 readWhole(f, "count", 0, double(kMaxBurstCount), &s.count),
                 readString(f, "address", &address)}) {
            if (e)
                return Result<QList<Schedule>>::failure(*e);
        }
        if (call == QLatin1String("send"))
            s.kind = CallKind::Send;
        else if (call == QLatin1String("sendall"))
            s.kind = CallKind::SendAll;
        else if (call == QLatin1String("sendto"))
            s.kind = CallKind::SendTo;
        else
            return Result<QList<Schedule>>::failure(f.fail(QCoreApplication::translate("core", "call must be send, sendall or sendto")));
        if (s.kind == CallKind::SendTo) {
            const auto parsed = parseAddress(address, family);
            if (!parsed)
                return Result<QList<Schedule>>::failure(f.fail(QCoreApplication::translate("core", "address: %1").arg(parsed.error().message)));
            s.address = *parsed;
        }
        if (s.form == ByteForm::File) {
            // The file is read when the schedule starts; a session names it, as a saved payload does.
            if (s.payload.isEmpty())
                return Result<QList<Schedule>>::failure(f.fail(QCoreApplication::translate("core", "payload: no file named")));
        } else if (std::optional<ScheduleError> e = checkSchedule(s)) {
            return Result<QList<Schedule>>::failure(f.fail(e->error.message));
        }
        schedules.append(s);
    }
    return schedules;
}

} // namespace core
