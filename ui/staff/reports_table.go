package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// grid lays out a table of labels: a bold header row, then the rows.
func grid(header []string, rows [][]string, bold func(i int) bool) fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, 0, (len(rows)+1)*len(header))
	for _, h := range header {
		cells = append(cells, widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for i, row := range rows {
		for _, c := range row {
			cells = append(cells, widget.NewLabelWithStyle(c, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold != nil && bold(i)}))
		}
	}
	return container.New(&tableLayout{cols: len(header)}, cells...)
}

// tableLayout lays cells out in rows of cols, each column as wide as its
// widest cell, the first column taking what width is left: a table's
// narrow figures do not get the width of its long names.
type tableLayout struct{ cols int }

func (t *tableLayout) widths(objs []fyne.CanvasObject) ([]float32, []float32) {
	w := make([]float32, t.cols)
	var h []float32
	for i, o := range objs {
		c, r := i%t.cols, i/t.cols
		if r == len(h) {
			h = append(h, 0)
		}
		m := o.MinSize()
		w[c] = max(w[c], m.Width)
		h[r] = max(h[r], m.Height)
	}
	return w, h
}

func (t *tableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := t.widths(objs)
	var s fyne.Size
	for _, x := range w {
		s.Width += x
	}
	for _, y := range h {
		s.Height += y
	}
	return s
}

func (t *tableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w, h := t.widths(objs)
	var total float32
	for _, x := range w {
		total += x
	}
	if size.Width > total && len(w) > 0 {
		// The room left is shared out equally among the columns, so that the
		// figures do not crowd against the names.
		extra := (size.Width - total) / float32(len(w))
		for i := range w {
			w[i] += extra
		}
	}
	var y float32
	for i, o := range objs {
		c, r := i%t.cols, i/t.cols
		var x float32
		for _, cw := range w[:c] {
			x += cw
		}
		if c == 0 && r > 0 {
			y += h[r-1]
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w[c], h[r]))
	}
}
