#pragma once

#include <initializer_list>

class QWidget;

namespace ui {

// Makes Tab visit the widgets in the order given (reading order: top to bottom, left to right),
// whatever order they were created in. A widget that takes no focus itself (a tab page, a panel
// within the panel) stands for the widgets in it that do, kept in their own order. Widgets not
// named keep their places in the window's chain.
void setTabChain(std::initializer_list<QWidget *> widgets);

} // namespace ui
