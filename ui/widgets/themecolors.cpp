#include "ui/widgets/themecolors.h"

#include <QApplication>
#include <QEvent>
#include <QPalette>
#include <QWidget>

namespace ui {

namespace {

constexpr int kTintAlpha = 48;
constexpr qreal kMutedTextShare = 0.55; // muted text: this much Text, the rest Base
constexpr char kErrorTextProperty[] = "swbErrorText";

QColor mix(const QColor &a, const QColor &b, qreal aShare)
{
    const auto channel = [aShare](int x, int y) { return qRound(x * aShare + y * (1 - aShare)); };
    return QColor(channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue()));
}

void applyErrorText(QWidget *widget)
{
    const QPalette inherited = widget->parentWidget() ? widget->parentWidget()->palette() : QApplication::palette(widget);
    const bool error = widget->property(kErrorTextProperty).toBool();
    QPalette palette = widget->palette();
    bool changed = false;
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text}) {
        const QColor color = error ? ThemeColors::of(inherited).error : inherited.color(role);
        for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
            if (palette.color(group, role) != color) {
                palette.setColor(group, role, color);
                changed = true;
            }
        }
    }
    if (changed)
        widget->setPalette(palette);
}

// Colours a marked widget again when its palette changes; setting the same colours again sends
// no further change, so this ends.
class ErrorTextFollower final : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange && watched->isWidgetType())
            applyErrorText(static_cast<QWidget *>(watched));
        return false;
    }
};

} // namespace

bool ThemeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

ThemeColors ThemeColors::of(const QPalette &palette)
{
    ThemeColors colors;
    if (isDark(palette)) {
        colors.error = QColor(0xff, 0x70, 0x70);
        colors.ok = QColor(0x81, 0xc7, 0x84);
        colors.warning = QColor(0xff, 0xb7, 0x4d);
        colors.sent = QColor(0x6c, 0xb4, 0xff);
        colors.received = QColor(0x5f, 0xd3, 0x8d);
    } else {
        colors.error = QColor(0xb0, 0x00, 0x20);
        colors.ok = QColor(0x2b, 0x75, 0x30);
        colors.warning = QColor(0xa3, 0x52, 0x00);
        colors.sent = QColor(0x1f, 0x63, 0xb5);
        colors.received = QColor(0x1e, 0x7b, 0x46);
    }
    colors.muted = mix(palette.color(QPalette::Text), palette.color(QPalette::Base), kMutedTextShare);
    return colors;
}

const ThemeColors &ThemeColors::application()
{
    static qint64 key = -1;
    static ThemeColors colors;
    const QPalette palette = QGuiApplication::palette();
    if (palette.cacheKey() != key) {
        key = palette.cacheKey();
        colors = of(palette);
    }
    return colors;
}

QColor ThemeColors::tint(const QColor &color)
{
    QColor tinted = color;
    tinted.setAlpha(kTintAlpha);
    return tinted;
}

void setErrorText(QWidget *widget, bool error)
{
    static auto *follower = new ErrorTextFollower(qApp);
    const QVariant marked = widget->property(kErrorTextProperty);
    if (!marked.isValid())
        widget->installEventFilter(follower);
    if (marked.isValid() && marked.toBool() == error)
        return;
    widget->setProperty(kErrorTextProperty, error);
    applyErrorText(widget);
}

} // namespace ui
