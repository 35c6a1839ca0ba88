#include "notify/notifier.h"

namespace certigram {

Q_LOGGING_CATEGORY(lcNotify, "certigram.server.notify")

// Out of line so the vtable has one home.
Notifier::~Notifier() = default;

} // namespace certigram
