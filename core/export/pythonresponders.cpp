#include "core/export/pythonresponders.h"

#include "core/text/payload.h"
#include "core/workbench.h"

namespace core {

namespace {

QString bytesExpression(ByteForm form, const QString &text)
{
    const Result<QByteArray> bytes = bytesOfForm(form, text);
    return bytes ? pythonBytesLiteral(*bytes) : QStringLiteral("b''");
}

QString regexLiteral(const QString &pattern)
{
    // rb'...' takes the pattern as the bytes it stands for, as the workbench runs it over bytes.
    QString body = pattern;
    body.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QStringLiteral("rb'%1'").arg(body);
}

QString condition(const Rule &rule)
{
    const QString data = rule.caseSensitive ? QStringLiteral("data") : QStringLiteral("data.lower()");
    auto pattern = [&] {
        const Result<QByteArray> bytes = bytesOfForm(rule.patternForm, rule.pattern);
        QByteArray b = bytes ? *bytes : QByteArray();
        return pythonBytesLiteral(rule.caseSensitive ? b : b.toLower());
    };
    switch (rule.match) {
    case MatchKind::Any: return QStringLiteral("True");
    case MatchKind::Equals: return QStringLiteral("%1 == %2").arg(data, pattern());
    case MatchKind::Contains: return QStringLiteral("%1 in %2").arg(pattern(), data);
    case MatchKind::StartsWith: return QStringLiteral("%1.startswith(%2)").arg(data, pattern());
    case MatchKind::EndsWith: return QStringLiteral("%1.endswith(%2)").arg(data, pattern());
    case MatchKind::Regex:
        return QStringLiteral("(match := re.search(%1, data, re.S%2))").arg(regexLiteral(rule.pattern),
                                                                          rule.caseSensitive ? QString() : QStringLiteral(" | re.I"));
    case MatchKind::HexPattern: {
        QString regex;
        const QStringList tokens = QString(rule.pattern).replace(QLatin1String("??"), QLatin1String(" ?? ")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &t : tokens) {
            if (t == QLatin1String("??")) {
                regex += QLatin1Char('.');
                continue;
            }
            const Result<QByteArray> bytes = decodeHex(t);
            for (char c : bytes ? *bytes : QByteArray())
                regex += QStringLiteral("\\x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
        }
        return QStringLiteral("re.search(rb'%1', data, re.S)").arg(regex);
    }
    }
    return QStringLiteral("False");
}

QString reply(const Rule &rule)
{
    switch (rule.reply) {
    case ReplyKind::Echo:
        return QStringLiteral("data");
    case ReplyKind::Fixed:
        return rule.replyForm == ByteForm::File ? QStringLiteral("open(%1, 'rb').read()").arg(pythonStrLiteral(rule.replyText))
                                                : bytesExpression(rule.replyForm, rule.replyText);
    case ReplyKind::Template: {
        const Result<PayloadTemplate> t = PayloadTemplate::parse(rule.replyText, PayloadTemplate::Uses::Rule,
                                                                 rule.match == MatchKind::Regex);
        return t ? t->pythonExpression() : QStringLiteral("b''");
    }
    }
    return {};
}

} // namespace

ScriptResponders scriptResponders(const Workbench &workbench)
{
    ScriptResponders out;
    for (const SocketInfo &info : workbench.sockets().snapshot()) {
        bool inherited = false;
        QList<Rule> rules;
        for (const RuleStatus &r : workbench.rules(info.id, &inherited))
            rules.append(r.rule);
        if (!inherited && !rules.isEmpty())
            out.rules.append({info.name, rules});
    }
    out.schedules = workbench.schedules();
    return out;
}

QString rulesAsPython(const QString &socketName, const QList<Rule> &rules)
{
    QStringList lines;
    lines << QStringLiteral("# Responder rules of %1: in the session they answered each record %1 received, on the")
                 .arg(socketName)
          << QStringLiteral("# workbench's I/O thread; their replies are above and below as the calls they were. As Python,")
          << QStringLiteral("# for a receive loop to call (counter: the rule's hits so far, from 1; peer: the sender as text):")
          << QStringLiteral("# def answer_%1(data, peer, counter):").arg(socketName);
    for (int i = 0; i < rules.size(); ++i) {
        const Rule &r = rules.at(i);
        QString head = QStringLiteral("#     if %1:  # rule %2").arg(condition(r)).arg(i + 1);
        if (!r.enabled)
            head += QStringLiteral(" (switched off in the session)");
        if (!r.note.isEmpty())
            head += QStringLiteral(": ") + r.note;
        lines << head;
        if (r.delayMs > 0)
            lines << QStringLiteral("#         time.sleep(%1)").arg(r.delayMs / 1000.0);
        QString after;
        if (r.after == AfterReply::Shutdown)
            after = QStringLiteral(", 'shutdown'");
        else if (r.after == AfterReply::Close)
            after = QStringLiteral(", 'close'");
        lines << QStringLiteral("#         return %1%2").arg(reply(r), after);
    }
    lines << QStringLiteral("#     return None");
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString scheduleAsPython(const ScheduleStatus &status, const QString &socketName)
{
    const Schedule &s = status.schedule;
    QString payload;
    if (s.form == ByteForm::Text) {
        const Result<PayloadTemplate> t = PayloadTemplate::parse(s.payload, PayloadTemplate::Uses::Schedule, false);
        payload = t ? t->pythonExpression() : QStringLiteral("b''");
    } else if (s.form == ByteForm::File) {
        payload = QStringLiteral("open(%1, 'rb').read()").arg(pythonStrLiteral(s.payload));
    } else {
        payload = bytesExpression(s.form, s.payload);
    }
    QString call;
    switch (s.kind) {
    case CallKind::SendTo: call = QStringLiteral("%1.sendto(%2, %3)").arg(socketName, payload, s.address.toPython()); break;
    case CallKind::Send: call = QStringLiteral("%1.send(%2)").arg(socketName, payload); break;
    default: call = QStringLiteral("%1.sendall(%2)").arg(socketName, payload); break;
    }
    const QString what = s.burst ? QStringLiteral("a burst of %1").arg(s.count)
                                 : s.count > 0 ? QStringLiteral("%1 sends every %2 ms").arg(s.count).arg(s.intervalMs)
                                               : QStringLiteral("every %1 ms until stopped").arg(s.intervalMs);
    QString out = QStringLiteral("# schedule %1: %2; the session sent %3 (%4)\n")
                      .arg(status.id).arg(what).arg(status.sent).arg(status.running ? QStringLiteral("still running at export") : status.stopReason);
    if (payload.contains(QLatin1String("peer.encode()"))) {
        // {peer} in a schedule is where it sends.
        out += s.kind == CallKind::SendTo
            ? QStringLiteral("peer = %1\n").arg(pythonStrLiteral(s.address.toText()))
            : QStringLiteral("peer = %1.getpeername() if %1.family == socket.AF_UNIX else '%2:%3'.format(*%1.getpeername()[:2])\n")
                  .arg(socketName, QStringLiteral("{}"), QStringLiteral("{}"));
    }
    out += QStringLiteral("for counter in range(1, %1):\n    %2\n").arg(status.sent + 1).arg(call);
    if (!s.burst)
        out += QStringLiteral("    if counter < %1:\n        time.sleep(%2)\n").arg(status.sent).arg(s.intervalMs / 1000.0);
    return out;
}

} // namespace core
