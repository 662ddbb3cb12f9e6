#include "core/export/pythonscript.h"

#include "core/net/constants.h"
#include "core/store/journal.h"
#include "core/store/socketregistry.h"
#include "core/text/payload.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <vector>

namespace core {

namespace {

constexpr qsizetype kCommentLimit = 160; // characters of a result shown in a comment
constexpr qsizetype kBytesPerLine = 32;  // payload bytes per line of a written-out literal
constexpr qsizetype kMaxPeriod = 256;    // a payload repeating a unit this short is written unit * n

const char kReportHelper[] = R"(

def report(error):
    """Prints an exception the way the session's journal shows it."""
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ == 'builtins' else f'{kind.__module__}.{kind.__qualname__}'
    print(f'{name}: {error}')

)";

// A comment never spans lines and stays short enough to read beside the call.
QString commentText(QString text)
{
    text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    if (text.size() > kCommentLimit)
        text = text.left(kCommentLimit) + QChar(0x2026);
    return text;
}

// The length of the shortest unit the bytes repeat (the whole length when they do not).
qsizetype smallestPeriod(QByteArrayView data)
{
    const qsizetype n = data.size();
    if (n == 0)
        return 0;
    std::vector<qsizetype> prefix(size_t(n), 0); // Knuth-Morris-Pratt failure function
    for (qsizetype i = 1; i < n; ++i) {
        qsizetype k = prefix[size_t(i - 1)];
        while (k > 0 && data[i] != data[k])
            k = prefix[size_t(k - 1)];
        if (data[i] == data[k])
            ++k;
        prefix[size_t(i)] = k;
    }
    return n - prefix[size_t(n - 1)];
}

// Python for exactly these bytes: unit * n when they repeat a short unit, else a parenthesised
// run of literals, kBytesPerLine bytes a line.
QString payloadExpression(QByteArrayView data)
{
    const qsizetype period = smallestPeriod(data);
    if (period <= kMaxPeriod && period * 2 <= data.size()) {
        const QString unit = pythonBytesLiteral(data.first(period));
        const qsizetype times = data.size() / period;
        if (data.size() % period == 0)
            return QStringLiteral("%1 * %2").arg(unit).arg(times);
        return QStringLiteral("(%1 * %2)[:%3]").arg(unit).arg(times + 1).arg(data.size());
    }
    QString out = QStringLiteral("(\n");
    for (qsizetype offset = 0; offset < data.size(); offset += kBytesPerLine)
        out += QStringLiteral("    %1\n").arg(pythonBytesLiteral(data.sliced(offset, std::min(kBytesPerLine, data.size() - offset))));
    return out + QLatin1Char(')');
}

struct Step
{
    qint64 effect = 0; // monotonic ns when the call took effect
    qsizetype index = 0;
    CallRecord record;
};

// Journal order is the order calls were made, but a call that waited (an accept made before the
// connect that satisfied it) must come after what woke it, or the script would wait forever.
std::vector<Step> stepsInEffectOrder(const Journal &journal)
{
    std::vector<Step> steps;
    const qsizetype count = journal.count();
    steps.reserve(size_t(count));
    QHash<int, qint64> lastFinish; // per socket: when its previous call finished
    for (qsizetype i = 0; i < count; ++i) {
        Step step;
        step.index = i;
        step.record = journal.at(i);
        const CallRecord &r = step.record;
        // Calls on one socket run one after another: a call starts when the one before it ended.
        qint64 ready = r.startMonoNs;
        if (r.socketId >= 0)
            ready = std::max(ready, lastFinish.value(r.socketId, ready));
        const bool finished = r.finished() && r.durationNs >= 0;
        const qint64 end = finished ? r.startMonoNs + r.durationNs : ready;
        step.effect = r.outcome.status != CallStatus::Cancelled && finished && r.value && r.value->waitsForPeer() ? end : ready;
        if (r.socketId >= 0 && finished)
            lastFinish.insert(r.socketId, std::max(end, ready));
        steps.push_back(std::move(step));
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step &a, const Step &b) {
        return a.effect < b.effect || (a.effect == b.effect && a.index < b.index);
    });
    return steps;
}

// The socket summary at the top: what each socket was when the script was written.
QString socketSummary(const SocketRegistry &sockets)
{
    QString out;
    for (const SocketInfo &info : sockets.snapshot()) {
        QString line = QStringLiteral("#   %1  %2").arg(info.name, -5).arg(info.kindText(), -12);
        if (info.local.isValid())
            line += QLatin1Char(' ') + info.local.toText();
        if (info.peer.isValid())
            line += QStringLiteral(" -> ") + info.peer.toText();
        line += QStringLiteral("  (%1)").arg(stateSourceName(info.state));
        if (info.watching)
            line += QStringLiteral(", watched: what the watch read is not read here");
        out += line.trimmed() + QLatin1Char('\n');
    }
    return out.isEmpty() ? QString() : QStringLiteral("#\n# Sockets at export:\n") + out;
}

// Ports the kernel picked (bind to port 0) differ on every run, so a replayed script must not
// use the session's numbers. An address a socket got that way is written as the socket's
// getsockname() in every later call, once that socket's bind() has been replayed: the spelling
// every call is rendered with names it so.
class EphemeralNames final
{
public:
    explicit EphemeralNames(const SocketRegistry &sockets)
    {
        for (const SocketInfo &info : sockets.snapshot()) {
            const bool ip = info.local.family() == sock::AfInet || info.local.family() == sock::AfInet6;
            if (ip && info.boundTo.isValid() && info.boundTo.port() == 0 && info.local.port() != 0)
                m_pending.insert(info.id, info.local);
        }
    }

    // Called for every replayed call, in script order, before it is rendered with spelling().
    // Returns whether this call is the bind whose port the kernel picks, so the script should
    // say which one it got; later calls name that address by the socket's getsockname() (the
    // bind itself names port 0).
    bool pickedBy(const CallRecord &r)
    {
        const bool picked = r.value && r.value->kind == CallKind::Bind && r.outcome.status == CallStatus::Done
            && m_pending.contains(r.value->socketId);
        if (picked) {
            const int id = r.value->socketId;
            m_spelling.addresses.emplace_back(m_pending.take(id), m_spelling.socket(id) + QStringLiteral(".getsockname()"));
        }
        return picked;
    }

    const CallSpelling &spelling() const { return m_spelling; }

private:
    QHash<int, SocketAddress> m_pending; // socket id -> the address the kernel picked for it
    CallSpelling m_spelling;
};

class ScriptWriter final
{
public:
    ScriptWriter(const SocketRegistry &sockets, const ScriptResponders &responders)
        : m_names(sockets)
    {
        for (const ScheduleStatus &s : responders.schedules)
            m_schedules.insert(s.id, s);
    }

    const QString &body() const { return m_body; }
    bool usesReport() const { return m_usesReport; }

    void write(const CallRecord &r)
    {
        switch (r.outcome.status) {
        case CallStatus::Pending:
            m_body += QStringLiteral("# still pending at export: %1\n").arg(commentText(r.call));
            return;
        case CallStatus::Cancelled:
            m_body += QStringLiteral("# cancelled (%1): %2\n").arg(commentText(r.outcome.note), commentText(r.call));
            return;
        case CallStatus::Done:
        case CallStatus::Failed:
            break;
        }
        if (writeSchedule(r))
            return;
        const bool picked = m_names.pickedBy(r);
        CallSpelling spelling = m_names.spelling();
        QString statement;
        if (!restorePayload(r, &spelling, &statement)) {
            m_body += r.payloadComplete()
                ? QStringLiteral("# payload not restorable: %1\n").arg(commentText(r.call))
                : QStringLiteral("# payload of %1 bytes not kept whole by the journal (it keeps %2 bytes of each, "
                                 "%3 MiB in all; the traffic log has what went on the wire): %4\n")
                      .arg(r.value->dataSize).arg(r.payload().size()).arg(Journal::kPayloadLimit >> 20).arg(commentText(r.call));
            return;
        }
        QString code = r.value ? r.value->pythonText(&spelling) : r.call;
        if (r.value && r.value->receives())
            code = QStringLiteral("print(%1)").arg(code);
        QString result = r.outcome.result;
        if (!r.outcome.note.isEmpty())
            result += QStringLiteral("; ") + r.outcome.note;
        if (r.value && r.value->origin == CallOrigin::Rule)
            result += QStringLiteral(" (sent by %1)").arg(r.value->source.text());
        if (r.outcome.status == CallStatus::Done) {
            statement += QStringLiteral("%1  # -> %2\n").arg(code, commentText(result));
            // Before anything waits on it (an accept), say where a port the kernel picked is.
            if (picked)
                statement += QStringLiteral("print(%1.getsockname())  # the address the kernel picked this time\n")
                                 .arg(socketName(r.value->socketId));
        } else {
            m_usesReport = true;
            statement += QStringLiteral("try:\n    %1  # raised %2\nexcept Exception as error:\n    report(error)\n")
                             .arg(code, commentText(result));
        }
        // A statement of several lines stands apart from its neighbours.
        if (statement.count(QLatin1Char('\n')) == 1) {
            m_body += statement;
            return;
        }
        if (!m_body.isEmpty() && !m_body.endsWith(QLatin1String("\n\n")))
            m_body += QLatin1Char('\n');
        m_body += statement + QLatin1Char('\n');
    }

private:
    // A schedule's sends are one loop, written where its first send took effect; a send of a
    // schedule the script was not told about is written as the call it was.
    bool writeSchedule(const CallRecord &r)
    {
        if (!r.value || r.value->origin != CallOrigin::Schedule)
            return false;
        const auto it = m_schedules.constFind(r.value->source.schedule);
        if (it == m_schedules.constEnd())
            return false;
        if (!m_written.contains(it->id)) {
            m_written.insert(it->id);
            if (!m_body.isEmpty() && !m_body.endsWith(QLatin1String("\n\n")))
                m_body += QLatin1Char('\n');
            m_body += scheduleAsPython(*it, socketName(r.value->socketId)) + QLatin1Char('\n');
        }
        return true;
    }

    // A long payload shows in the call as b'...'…<N bytes>: it is written out in full as a
    // variable (assigned in *prelude), which the call's spelling names instead.
    static bool restorePayload(const CallRecord &r, CallSpelling *spelling, QString *prelude)
    {
        if (!r.value || !r.value->sends() || r.value->dataSize == 0)
            return true;
        if (!r.payloadComplete())
            return false; // the journal kept only part of it (Journal::kPayloadPerCall)
        const QByteArray payload = r.payload();
        const QString shown = pythonBytesArgument(payload);
        if (shown == pythonBytesLiteral(payload) || shown.startsWith(QLatin1String("bytes(")))
            return true;
        spelling->payload = QStringLiteral("payload%1").arg(r.id);
        *prelude += QStringLiteral("%1 = %2  # %3 bytes\n").arg(spelling->payload, payloadExpression(payload)).arg(payload.size());
        return true;
    }

    EphemeralNames m_names;
    QHash<int, ScheduleStatus> m_schedules;
    QSet<int> m_written;
    QString m_body;
    bool m_usesReport = false;
};

} // namespace

QString pythonScript(const Journal &journal, const SocketRegistry &sockets, const ScriptResponders &responders)
{
    const std::vector<Step> steps = stepsInEffectOrder(journal);
    ScriptWriter writer(sockets, responders);
    for (const Step &step : steps)
        writer.write(step.record);

    QString out = QStringLiteral(
        "#!/usr/bin/env python3\n"
        "# A Socket Workbench session replayed with Python's socket module (%1 calls).\n"
        "# Calls are in the order they took effect: one that waited (accept, recv, recvfrom) where it\n"
        "# finished. Each is followed by what it returned in the session; calls that failed there\n"
        "# print their exception and the script goes on. recv/recvfrom print what they received.\n")
                      .arg(steps.size());
    out += socketSummary(sockets);
    const bool engineWork = !responders.rules.isEmpty() || !responders.schedules.isEmpty();
    out += engineWork ? QStringLiteral("\nimport datetime, random, re, socket, struct, time\n") : QStringLiteral("\nimport socket, struct\n");
    if (writer.usesReport())
        out += QLatin1String(kReportHelper);
    out += QLatin1Char('\n');
    for (const auto &[name, rules] : responders.rules)
        out += rulesAsPython(name, rules) + QLatin1Char('\n');
    out += writer.body();
    return out;
}

} // namespace core
