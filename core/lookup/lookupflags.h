#pragma once

#include "core/net/constants.h"

#include <span>

namespace core::lookup {

// The flags getaddrinfo and getnameinfo take, by name with the C library's values, so code above
// the core can offer them without <netdb.h>.
std::span<const NamedValue> addressInfoFlags(); // AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, ...
std::span<const NamedValue> nameInfoFlags();    // NI_NUMERICHOST, NI_NUMERICSERV, NI_NAMEREQD, ...

} // namespace core::lookup
