#pragma once

namespace ui {

// Installs the window's translations on the running application: English (the plural forms of
// counted messages) always, under the translation of the system's language when there is one.
// Call once, after the application object exists.
void installTranslations();

} // namespace ui
