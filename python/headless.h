#pragma once

#include <QString>
#include <QStringList>

namespace py {

// `socket-workbench --run SCRIPT [ARGS...]`: runs the script under the embedded interpreter with
// no window (a QCoreApplication must exist). stdout and stderr are the script's own; the return
// value is its exit status. transcriptPath, when given, gets the journal as a Python transcript;
// pcapngPath the traffic as a pcapng capture. Failing to write either makes a status of 0 into 1.
int runScript(const QString &script, const QStringList &args, const QString &transcriptPath,
              const QString &pcapngPath = {});

} // namespace py
