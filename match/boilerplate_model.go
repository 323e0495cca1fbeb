package match

import (
	"cmp"
	"encoding/binary"
	"errors"
	"maps"
	"slices"
)

// Lines returns the learned boilerplate lines, for a report.
func (b *Boilerplate) Lines() []BoilerLine { return b.lines }

// Size is the number of line shapes and shingles the model leaves out.
func (b *Boilerplate) Size() int {
	return len(b.outletLines) + len(b.commonLines) + b.outletShingl.n + b.common.n
}

// Merge adds what o learned to b. A line learned in both keeps one entry
// whose article count is the sum: the two were learned from different
// articles.
func (b *Boilerplate) Merge(o *Boilerplate) {
	maps.Copy(b.outletLines, o.outletLines)
	maps.Copy(b.commonLines, o.commonLines)
	o.outletShingl.each(b.outletShingl.add)
	o.common.each(b.common.add)
	type key struct{ outlet, text string }
	at := map[key]int{}
	for i, l := range b.lines {
		at[key{l.Outlet, l.Text}] = i
	}
	for _, l := range o.lines {
		if i, ok := at[key{l.Outlet, l.Text}]; ok {
			b.lines[i].Docs += l.Docs
			continue
		}
		at[key{l.Outlet, l.Text}] = len(b.lines)
		b.lines = append(b.lines, l)
	}
	sortLines(b.lines)
}

// MarshalBinary encodes the model: counts, then sorted keys, then lines.
// Sorting makes the encoding independent of map and table order.
func (b *Boilerplate) MarshalBinary() ([]byte, error) {
	var out []byte
	var ol [][2]uint64
	for k := range b.outletLines {
		ol = append(ol, [2]uint64{k.outlet, k.shape})
	}
	slices.SortFunc(ol, func(x, y [2]uint64) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	out = binary.AppendUvarint(out, uint64(len(ol)))
	for _, k := range ol {
		out = binary.LittleEndian.AppendUint64(out, k[0])
		out = binary.LittleEndian.AppendUint64(out, k[1])
	}
	out = appendKeys(out, slices.Sorted(maps.Keys(b.commonLines)))
	out = appendKeys(out, b.outletShingl.sorted())
	out = appendKeys(out, b.common.sorted())
	out = binary.AppendUvarint(out, uint64(len(b.lines)))
	for _, l := range b.lines {
		out = appendString(out, l.Outlet)
		out = appendString(out, l.Text)
		out = binary.AppendUvarint(out, uint64(l.Docs))
	}
	return out, nil
}

func appendKeys(out []byte, keys []uint64) []byte {
	out = binary.AppendUvarint(out, uint64(len(keys)))
	for _, k := range keys {
		out = binary.LittleEndian.AppendUint64(out, k)
	}
	return out
}

func appendString(out []byte, s string) []byte {
	out = binary.AppendUvarint(out, uint64(len(s)))
	return append(out, s...)
}

var errModel = errors.New("boilerplate model: truncated or corrupt")

// UnmarshalBoilerplate decodes a model written by MarshalBinary.
func UnmarshalBoilerplate(data []byte) (*Boilerplate, error) {
	d := decoder{buf: data}
	b := newBoilerplate()
	for n := d.count(16); n > 0; n-- {
		b.outletLines[lineKey{d.u64(), d.u64()}] = true
	}
	for n := d.count(8); n > 0; n-- {
		b.commonLines[d.u64()] = true
	}
	for n := d.count(8); n > 0; n-- {
		b.outletShingl.add(d.u64())
	}
	for n := d.count(8); n > 0; n-- {
		b.common.add(d.u64())
	}
	for n := d.count(3); n > 0; n-- {
		b.lines = append(b.lines, BoilerLine{Outlet: d.str(), Text: d.str(), Docs: int(d.uvarint())})
	}
	if d.bad || len(d.buf) != 0 {
		return nil, errModel
	}
	return b, nil
}

// decoder reads what the append helpers wrote; a short buffer sets bad and
// yields zeros, checked once at the end.
type decoder struct {
	buf []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.bad, d.buf = true, nil
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// count reads a length whose items take at least size bytes each.
func (d *decoder) count(size int) int {
	n := d.uvarint()
	if n > uint64(len(d.buf)/size) {
		d.bad, d.buf = true, nil
		return 0
	}
	return int(n)
}

func (d *decoder) u64() uint64 {
	if len(d.buf) < 8 {
		d.bad, d.buf = true, nil
		return 0
	}
	v := binary.LittleEndian.Uint64(d.buf)
	d.buf = d.buf[8:]
	return v
}

func (d *decoder) str() string {
	n := d.count(1)
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}
