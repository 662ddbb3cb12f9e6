#pragma once

#include <QColor>

class QPalette;
class QWidget;

namespace ui {

// The few colours the window adds to its palette: errors, a suggested step, warnings, sent and
// received bytes, and muted text. Each has a light-theme and a dark-theme variant, chosen by the
// lightness of the palette's Window, so text in it keeps a contrast of at least 3 (most over 4.5)
// against Base on either; tst_theme checks both. Widgets pass the palette they draw with; models,
// which have none, use the application's.
struct ThemeColors final
{
    QColor error;    // failed calls, messages under fields
    QColor ok;       // a suggested next step
    QColor warning;  // worth a second look (a server on all interfaces)
    QColor sent;     // bytes out
    QColor received; // bytes in
    QColor muted;    // pending, cancelled, closed: Text part way to Base

    static bool isDark(const QPalette &palette);
    static ThemeColors of(const QPalette &palette);
    // The application palette's colours, made again when that palette changes.
    static const ThemeColors &application();
    // A faint background of a colour's hue, for a cell whose text has that colour.
    static QColor tint(const QColor &color);
};

// Shows a widget's text (WindowText and Text) in the error colour, or in its parent's colour when
// error is false, and keeps it so when the palette changes at run time (a theme switched).
void setErrorText(QWidget *widget, bool error);

} // namespace ui
