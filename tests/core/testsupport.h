#pragma once

#include "workbench.h"

#include <QDir>
#include <QTest>

#include <dirent.h>

// Helpers shared by the core tests: open descriptor counts and waiting for a journaled call.
namespace testsupport {

inline int openFdCount()
{
    int count = 0;
    if (DIR *dir = opendir("/proc/self/fd")) {
        while (readdir(dir))
            ++count;
        closedir(dir);
    }
    return count;
}

// Waits (bounded) for a call to finish and returns its record.
inline core::CallRecord finished(core::Workbench &wb, core::CallId id, int timeoutMs = 5000)
{
    if (!wb.journal().wait(id, timeoutMs))
        qWarning("call %llu did not finish within %d ms: %s", id, timeoutMs,
                 qPrintable(wb.journal().call(id).call));
    return wb.journal().call(id);
}

} // namespace testsupport
