package printing

import (
	"bytes"
	"fmt"
	"image/png"
	stdsync "sync"

	qrcode "github.com/skip2/go-qrcode"
)

// qrPNG renders payload as a black-on-white PNG QR code with its quiet
// zone, 3 pixels a module: the PDF scales it to about 40 mm without
// smoothing, so a larger image would only cost time.
func qrPNG(payload string) ([]byte, error) {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngBuffers}
	if err := enc.Encode(&buf, q.Image(-3)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pngBuffers reuses the PNG encoder's buffers and compressor between
// documents: making a compressor costs more than compressing a QR code.
var pngBuffers pngPool

type pngPool struct{ p stdsync.Pool }

func (p *pngPool) Get() *png.EncoderBuffer {
	b, _ := p.p.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngPool) Put(b *png.EncoderBuffer) { p.p.Put(b) }

// qrJob is a QR code being drawn while the document's fonts load: the two
// take about as long, and a desk has two cores.
type qrJob chan qrResult

type qrResult struct {
	png []byte
	err error
}

func qrAsync(payload string) qrJob {
	j := make(qrJob, 1)
	go func() {
		b, err := qrPNG(payload)
		j <- qrResult{b, err}
	}()
	return j
}

func (j qrJob) wait() ([]byte, error) {
	r := <-j
	if r.err != nil {
		return nil, fmt.Errorf("printing: QR code: %w", r.err)
	}
	return r.png, nil
}
