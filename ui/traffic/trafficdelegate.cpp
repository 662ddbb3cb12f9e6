#include "ui/traffic/trafficdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include <algorithm>
#include <array>

namespace ui {

void TrafficDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    std::array<QModelRoleData, 5> roles{QModelRoleData(Qt::DisplayRole), QModelRoleData(Qt::ForegroundRole),
                                       QModelRoleData(Qt::BackgroundRole), QModelRoleData(Qt::TextAlignmentRole),
                                       QModelRoleData(Qt::FontRole)};
    index.multiData(roles);
    const QString text = roles[0].data().toString();
    const QVariant foreground = roles[1].data();
    const QVariant background = roles[2].data();
    const QVariant alignment = roles[3].data();
    const QVariant font = roles[4].data();

    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : option.state & QStyle::State_Active  ? QPalette::Normal
                                                                              : QPalette::Inactive;
    painter->save();
    if (selected)
        painter->fillRect(option.rect, option.palette.brush(group, QPalette::Highlight));
    else if (background.canConvert<QBrush>())
        painter->fillRect(option.rect, background.value<QBrush>());

    if (!text.isEmpty()) {
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        const QRect textRect = option.rect.adjusted(margin, 0, -margin, 0);
        const QFont cellFont = font.isValid() ? font.value<QFont>().resolve(option.font) : option.font;
        painter->setFont(cellFont);
        painter->setClipRect(option.rect);
        QColor color = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        if (!selected && foreground.canConvert<QBrush>())
            color = foreground.value<QBrush>().color();
        painter->setPen(color);
        const Qt::Alignment align = alignment.isValid() ? alignment.value<Qt::Alignment>()
                                                        : Qt::AlignLeft | Qt::AlignVCenter;
        // Measure only text that may not fit: ASCII no wider than the font's widest glyph is
        // drawn as it is; anything else (a fallback font's glyphs may be wider) is measured.
        const QFontMetrics metrics(cellFont);
        const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
        const bool mayOverflow = !ascii || qsizetype(text.size()) * metrics.maxWidth() > textRect.width();
        const QString shown = mayOverflow ? metrics.elidedText(text, Qt::ElideRight, textRect.width()) : text;
        painter->drawText(textRect, int(align | Qt::TextSingleLine), shown);
    }

    if (option.state & QStyle::State_HasFocus) {
        // As the style marks an item view's current cell.
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.rect = style->subElementRect(QStyle::SE_ItemViewItemFocusRect, &option, widget);
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        focus.backgroundColor = option.palette.color(group, selected ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    painter->restore();
}

} // namespace ui
