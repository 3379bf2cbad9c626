package printing

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"

	qrcode "github.com/skip2/go-qrcode"
)

// qrScale is the QR code's pixels a module: the PDF scales the image to
// about 40 mm without smoothing, so a larger image would only cost time.
const qrScale = 3

// qrPNG renders payload as a black-on-white QR code with its quiet zone,
// qrScale pixels a module, as a 1-bit greyscale PNG.
//
// The PNG is written here rather than by image/png, which writes a
// two-colour image as a palette: the PDF library then compresses the
// palette as an object of its own, making a compressor (about a megabyte)
// for six bytes. The pixels are the same as go-qrcode's Image draws.
func qrPNG(payload string) ([]byte, error) {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	return bitmapPNG(q.Bitmap(), qrScale)
}

// bitmapPNG encodes a square bitmap (true is black), each module scale
// pixels wide, as a 1-bit greyscale PNG without interlacing.
func bitmapPNG(bm [][]bool, scale int) ([]byte, error) {
	side := len(bm) * scale
	rowBytes := (side + 7) / 8
	raw := make([]byte, 0, (1+rowBytes)*side)
	line := make([]byte, rowBytes)
	for _, modules := range bm {
		clear(line)
		for x := range side {
			if !modules[x/scale] { // white is 1 in greyscale
				line[x/8] |= 0x80 >> (x % 8)
			}
		}
		for range scale {
			raw = append(raw, 0) // filter type None
			raw = append(raw, line...)
		}
	}

	var out bytes.Buffer
	out.Grow(len(raw)/4 + 128)
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(side))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(side))
	ihdr[8] = 1 // bit depth; colour type 0 (greyscale), compression, filter and interlace 0
	writeChunk(&out, "IHDR", ihdr[:])

	var idat bytes.Buffer
	zw := zlibWriters.get(&idat)
	_, err := zw.Write(raw)
	if err == nil {
		err = zw.Close()
	}
	zlibWriters.put(zw)
	if err != nil {
		return nil, err
	}
	writeChunk(&out, "IDAT", idat.Bytes())
	writeChunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// writeChunk appends a PNG chunk: length, type, data and the CRC of type
// and data.
func writeChunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// zlibWriters keeps the QR codes' compressors between documents: making
// one costs more than compressing a QR code. A sync.Pool would not do: it
// is emptied by the garbage collections that every document causes.
var zlibWriters = zlibFreeList(make(chan *zlib.Writer, 2))

type zlibFreeList chan *zlib.Writer

func (l zlibFreeList) get(w *bytes.Buffer) *zlib.Writer {
	select {
	case zw := <-l:
		zw.Reset(w)
		return zw
	default:
		zw, _ := zlib.NewWriterLevel(w, zlib.BestSpeed) // the level is valid
		return zw
	}
}

func (l zlibFreeList) put(zw *zlib.Writer) {
	select {
	case l <- zw:
	default:
	}
}

// qrJob is a QR code being drawn on a desk's second core while the
// document's fonts load, which takes longer: the QR code then costs the
// document no time of its own.
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
