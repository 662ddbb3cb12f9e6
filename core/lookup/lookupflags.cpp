#include "core/lookup/lookupflags.h"

#include <netdb.h>

namespace core::lookup {

namespace {

constexpr NamedValue kAddressInfoFlags[] = {
    {"AI_PASSIVE", AI_PASSIVE},         {"AI_CANONNAME", AI_CANONNAME}, {"AI_NUMERICHOST", AI_NUMERICHOST},
    {"AI_NUMERICSERV", AI_NUMERICSERV}, {"AI_V4MAPPED", AI_V4MAPPED},   {"AI_ALL", AI_ALL},
    {"AI_ADDRCONFIG", AI_ADDRCONFIG},
};
constexpr NamedValue kNameInfoFlags[] = {
    {"NI_NUMERICHOST", NI_NUMERICHOST}, {"NI_NUMERICSERV", NI_NUMERICSERV}, {"NI_NAMEREQD", NI_NAMEREQD},
    {"NI_NOFQDN", NI_NOFQDN},           {"NI_DGRAM", NI_DGRAM},
};

} // namespace

std::span<const NamedValue> addressInfoFlags() { return kAddressInfoFlags; }
std::span<const NamedValue> nameInfoFlags() { return kNameInfoFlags; }

} // namespace core::lookup
