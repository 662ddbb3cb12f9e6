#include "core/export/transcript.h"

#include <QStringList>

namespace core {

QString pythonTranscript(const std::vector<CallRecord> &records)
{
    QStringList lines;
    for (const CallRecord &r : records) {
        lines << QStringLiteral(">>> ") + r.call;
        switch (r.outcome.status) {
        case CallStatus::Pending:
            lines << QStringLiteral("# pending");
            break;
        case CallStatus::Cancelled:
            lines << QStringLiteral("# cancelled (%1)").arg(r.outcome.note);
            break;
        case CallStatus::Failed:
            lines << QStringLiteral("Traceback (most recent call last):")
                  << QStringLiteral("  File \"<stdin>\", line 1, in <module>") << r.outcome.result;
            break;
        case CallStatus::Done:
            if (!(r.value && r.value->assigns()) && r.outcome.result != QLatin1String("None"))
                lines << r.outcome.result;
            break;
        }
    }
    return lines.isEmpty() ? QString() : lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace core
