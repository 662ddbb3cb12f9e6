#pragma once

#include "bench/benchsupport.h"

#include <QString>
#include <QStringList>

namespace bench {

// The benchmarks by the names bench-results.json gives them, in the order they run.
const QStringList &benchmarkNames();

struct DriverOptions
{
    Options run;
    QStringList only;              // empty: all
    QString jsonPath = QStringLiteral("bench-results.json");
};

// Runs every benchmark in a child process of program (with a time limit each), writes the
// results as JSON and prints the table. Returns 0 when every benchmark completed and accounted
// for every byte (targets missed are reported, not failed), 1 otherwise.
int runDriver(const QString &program, const DriverOptions &options);

} // namespace bench
