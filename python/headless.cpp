#include "python/headless.h"

#include "python/pythonengine.h"

#include "core/export/pcapngexport.h"
#include "core/export/transcript.h"
#include "core/workbench.h"

#include <QSaveFile>

#include <csignal>
#include <cstdio>
#include <memory>

namespace py {

namespace {

bool writeCapture(const core::Workbench &workbench, const QString &path)
{
    QSaveFile file(path);
    QString error;
    if (!file.open(QIODevice::WriteOnly))
        error = file.errorString();
    else if (!core::exportPcapng(workbench.traffic(), workbench.sockets(), file, &error))
        file.cancelWriting();
    else if (!file.commit())
        error = file.errorString();
    if (error.isEmpty())
        return true;
    std::fprintf(stderr, "socket-workbench: cannot write %s: %s\n", qPrintable(path), qPrintable(error));
    return false;
}

} // namespace

int runScript(const QString &script, const QStringList &args, const QString &transcriptPath, const QString &pcapngPath)
{
    core::Workbench workbench;
    if (!workbench.startupError().isEmpty())
        std::fprintf(stderr, "socket-workbench: %s\n", qPrintable(workbench.startupError()));
    int status = 0;
    {
        // Finalized before the workbench goes: the script's last sockets close through it.
        PythonEngine engine(workbench, core::CallOrigin::Script, true);
        if (!engine.isReady()) {
            std::fprintf(stderr, "socket-workbench: Python: %s\n", qPrintable(engine.initError()));
            return 1;
        }
        status = engine.runFile(script, args);
    }
    if (!transcriptPath.isEmpty()) {
        std::vector<core::CallRecord> records;
        const qsizetype count = workbench.journal().count();
        records.reserve(size_t(count));
        for (qsizetype i = 0; i < count; ++i)
            records.push_back(workbench.journal().at(i));
        QSaveFile file(transcriptPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(core::pythonTranscript(records).toUtf8()) < 0 || !file.commit()) {
            std::fprintf(stderr, "socket-workbench: cannot write %s: %s\n", qPrintable(transcriptPath),
                         qPrintable(file.errorString()));
            return status ? status : 1;
        }
    }
    if (!pcapngPath.isEmpty() && !writeCapture(workbench, pcapngPath))
        return status ? status : 1;
    if (status == PythonEngine::kInterrupted) {
        // As python3: a script stopped by Ctrl+C ends by SIGINT, so that a shell sees it.
        std::signal(SIGINT, SIG_DFL);
        std::raise(SIGINT);
        return 130;
    }
    return status;
}

} // namespace py
