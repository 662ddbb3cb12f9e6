// libFuzzer target: core::sessionFromJson, the session-file loader (File -> Open session).
// Invariants for a file that loads: sessionToJson() of it loads again to the same session, and
// writing that one gives the same bytes (a saved session is a fixed point).
#include "tests/fuzz/fuzzinput.h"

#include "core/session/session.h"

namespace {

QString describe(const core::SocketSpec &s)
{
    QString options;
    for (const core::OptionSetting &setting : s.options)
        options += QLatin1String(setting.spec->name) + QLatin1Char('=') + setting.value.text + QLatin1Char(';');
    return QStringLiteral("%1 %2/%3/%4 [%5] bind=%6 listen=%7/%8 connect=%9 mode=%10/%11 watch=%12")
        .arg(s.name).arg(s.family).arg(s.type).arg(s.proto).arg(options)
        .arg(s.bind.toPython()).arg(s.listen).arg(s.backlog).arg(s.connect.toPython())
        .arg(int(s.mode)).arg(s.timeout).arg(s.watch);
}

// The backlog only means something for a listener, the timeout only in timeout mode: the file
// leaves them out otherwise, so they are compared only where they are written.
bool same(const core::SocketSpec &a, const core::SocketSpec &b)
{
    return a.name == b.name && a.family == b.family && a.type == b.type && a.proto == b.proto
        && a.options == b.options && a.bind == b.bind && a.listen == b.listen
        && (!a.listen || a.backlog == b.backlog) && a.connect == b.connect && a.mode == b.mode
        && (a.mode != core::BlockingMode::Timeout || a.timeout == b.timeout) && a.watch == b.watch;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto loaded = core::sessionFromJson(json);
    if (!loaded)
        return 0;
    const QByteArray saved = core::sessionToJson(loaded.value());
    const auto reloaded = core::sessionFromJson(saved);
    fuzz::check(reloaded.ok(), "a saved session loads", QString::fromUtf8(saved) + QStringLiteral("\n  ")
                    + (reloaded ? QString() : reloaded.error().message));
    const auto &a = loaded.value().sockets;
    const auto &b = reloaded.value().sockets;
    fuzz::check(a.size() == b.size(), "same number of sockets", QString::fromUtf8(saved));
    for (qsizetype i = 0; i < a.size(); ++i)
        fuzz::check(same(a[i], b[i]), "a saved session loads to the same sockets",
                    describe(a[i]) + QStringLiteral("\n  ") + describe(b[i]));
    fuzz::check(core::sessionToJson(reloaded.value()) == saved, "saving is a fixed point", QString::fromUtf8(saved));
    return 0;
}
