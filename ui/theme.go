package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The programme's colours: yellow on dark grey, with enough contrast to read
// a touchscreen in a bright showroom.
var (
	Yellow   = color.NRGBA{R: 0xff, G: 0xcc, B: 0x33, A: 0xff}
	DarkGrey = color.NRGBA{R: 0x2b, G: 0x2b, B: 0x2b, A: 0xff}
	Grey     = color.NRGBA{R: 0x3c, G: 0x3c, B: 0x3c, A: 0xff}
	Light    = color.NRGBA{R: 0xf2, G: 0xf2, B: 0xf2, A: 0xff}
)

// Theme is the programme's theme. Scale enlarges text and touch targets (the
// kiosk uses more than 1).
type Theme struct {
	Scale float32
}

var _ fyne.Theme = (*Theme)(nil)

// Color maps the programme's palette onto Fyne's colour names; everything
// else comes from the default dark theme.
func (t *Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return DarkGrey
	case theme.ColorNameButton, theme.ColorNameInputBackground, theme.ColorNameHeaderBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return Grey
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		return Yellow
	case theme.ColorNameForegroundOnPrimary:
		return DarkGrey
	case theme.ColorNameForeground:
		return Light
	case theme.ColorNameDisabled:
		// Readable on the dark grey: a disabled «Далее» must still say
		// what it will do once the form is complete.
		return color.NRGBA{R: 0xa0, G: 0xa0, B: 0xa0, A: 0xff}
	case theme.ColorNameDisabledButton:
		return color.NRGBA{R: 0x44, G: 0x44, B: 0x44, A: 0xff}
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0xff, G: 0xcc, B: 0x33, A: 0x55}
	}
	return theme.DefaultTheme().Color(n, theme.VariantDark)
}

// Font is Fyne's default, which covers Cyrillic.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon is Fyne's default.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size scales the default sizes.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Scale
	if s <= 0 {
		s = 1
	}
	return theme.DefaultTheme().Size(n) * s
}
