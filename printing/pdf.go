package printing

import (
	"fmt"
	"io/fs"
	"sync"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/myrenault/showroom/assets"
)

// family is the embedded font's name inside the PDFs.
const family = "dejavu"

// The programme's colours: yellow on dark grey (the bands at the top and
// bottom), dark grey for text on white paper, and a light grey for boxes
// that stays readable when a laser printer prints it.
var (
	yellow    = &props.Color{Red: 0xFF, Green: 0xCC, Blue: 0x33}
	darkGrey  = &props.Color{Red: 0x2B, Green: 0x2B, Blue: 0x2B}
	midGrey   = &props.Color{Red: 0x6B, Green: 0x6B, Blue: 0x6B}
	lightGrey = &props.Color{Red: 0xF2, Green: 0xF2, Blue: 0xF0}
	white     = &props.Color{Red: 0xFF, Green: 0xFF, Blue: 0xFF}
)

// fonts reads the embedded fonts once.
var fonts = sync.OnceValues(func() ([]*entity.CustomFont, error) {
	regular, err := fs.ReadFile(assets.Fonts, "fonts/DejaVuSans.ttf")
	if err != nil {
		return nil, err
	}
	bold, err := fs.ReadFile(assets.Fonts, "fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		return nil, err
	}
	return []*entity.CustomFont{
		{Family: family, Style: fontstyle.Normal, Bytes: regular},
		{Family: family, Style: fontstyle.Bold, Bytes: bold},
	}, nil
})

// newDocument starts an A4 document with the embedded fonts, regular and
// bold. The PDF library parses them again for every document (maroto gives
// no way to share them) and embeds a subset of each; its copy in gofpdf/
// carries the changes that made this fast (see gofpdf/README.md).
func newDocument(title string) (core.Maroto, error) {
	f, err := fonts()
	if err != nil {
		return nil, fmt.Errorf("printing: fonts: %w", err)
	}
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(15).WithRightMargin(15).WithTopMargin(12).
		WithCustomFonts(f).
		WithDefaultFont(&props.Font{Family: family, Size: 10, Color: darkGrey}).
		WithTitle(title, true).
		WithCreator("My Renault Showroom", true).
		WithCompression(true).
		Build()
	return maroto.New(cfg), nil
}

// render generates the document's bytes.
func render(m core.Maroto) ([]byte, error) {
	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("printing: generate: %w", err)
	}
	return doc.GetBytes(), nil
}

// banner is the dark band with the programme's name and the document's
// title, underlined in yellow.
func banner(title string) []core.Row {
	return []core.Row{
		row.New(20).WithStyle(&props.Cell{BackgroundColor: darkGrey}).Add(
			col.New(6).Add(text.New("MY RENAULT", props.Text{Size: 20, Style: fontstyle.Bold,
				Color: yellow, Top: 5.5, Left: 6})),
			col.New(6).Add(text.New(title, props.Text{Size: 13, Color: white, Top: 7.5, Right: 6,
				Align: align.Right})),
		),
		row.New(2).WithStyle(&props.Cell{BackgroundColor: yellow}),
	}
}

// heading is a section title with a short bar before it, dark grey like
// the title. The programme's yellow stays on the dark bands, where it is
// at home: on white paper it has a contrast of about 1.5:1 (dark grey has
// 14:1), and a black-and-white laser prints it as a faint grey.
func heading(s string) core.Row {
	return row.New(9).Add(
		col.New(12).Add(text.New("▌ "+s, props.Text{Size: 12.5, Style: fontstyle.Bold, Top: 2.5, Color: darkGrey})),
	)
}

// space is an empty row of height mm.
func space(mm float64) core.Row { return row.New(mm) }

// para is an auto-height paragraph over the full width.
func para(s string, p props.Text) core.Row {
	return row.New().Add(col.New(12).Add(text.New(s, p)))
}

// boxed gives rows of a box a light background.
func boxed(rows ...core.Row) []core.Row {
	for _, r := range rows {
		r.WithStyle(&props.Cell{BackgroundColor: lightGrey})
	}
	return rows
}

// pair is a label and its value in a box row.
func pair(label, value string, labelCols int) core.Row {
	return row.New(7).Add(
		col.New(labelCols).Add(text.New(label, props.Text{Size: 9.5, Color: midGrey, Top: 1.8, Left: 5})),
		col.New(12-labelCols).Add(text.New(value, props.Text{Size: 11, Style: fontstyle.Bold, Top: 1.4})),
	)
}

// footer is the dark band with the support contacts.
func footer(l *labels, dealerLine string) []core.Row {
	rows := []core.Row{
		row.New(2).WithStyle(&props.Cell{BackgroundColor: yellow}),
		row.New(8).WithStyle(&props.Cell{BackgroundColor: darkGrey}).Add(
			col.New(12).Add(text.New(l.support+" · "+l.hotline, props.Text{Size: 10, Style: fontstyle.Bold,
				Color: yellow, Top: 2.2, Left: 6})),
		),
		row.New(7).WithStyle(&props.Cell{BackgroundColor: darkGrey}).Add(
			col.New(12).Add(text.New(l.supportNote, props.Text{Size: 9, Color: white, Top: 0.6, Left: 6})),
		),
	}
	if dealerLine != "" {
		rows = append(rows, row.New(7).WithStyle(&props.Cell{BackgroundColor: darkGrey}).Add(
			col.New(12).Add(text.New(dealerLine, props.Text{Size: 9, Color: white, Top: 0, Left: 6})),
		))
	}
	return rows
}
