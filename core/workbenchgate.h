#pragma once

#include "core/store/journal.h"

#include <QMutex>

namespace core {

// Lookup threads may outlive the Workbench (a resolver can hang); they report through this gate,
// which the Workbench closes when it goes away.
struct LookupGate
{
    QMutex mutex;
    Journal *journal = nullptr;
};

} // namespace core
