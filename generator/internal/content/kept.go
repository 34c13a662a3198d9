package content

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
)

// A build keeps the sources it parsed for the next (see package build),
// which decodes thousands of them before it can start: AppendSource and
// DecodeSource give them a compact form read without reflection, about
// ten times as fast as encoding/gob on front matter.
//
// codeSource lists the fields once, for both ways. A field it leaves out
// comes back empty, so that the build that kept the source, comparing it
// with what it parsed, finds it inexact and the next build parses the
// file again: nothing is lost, only time (TestKeptSourceHoldsEveryField
// fails on such a field). The same holds for a front matter value of a type
// codeValue does not know.

// AppendSource appends src, without its body, to b.
func AppendSource(b []byte, src *Source) []byte {
	c := sourceCoder{b: b}
	s := src.Parsed()
	codeSource(&c, &s)
	return c.b
}

// DecodeSource decodes the source at the start of b, as AppendSource wrote
// it, and returns the bytes after it.
func DecodeSource(b []byte) (Source, []byte, error) {
	c := sourceCoder{b: b, decode: true}
	var s Source
	codeSource(&c, &s)
	if c.err != nil {
		return Source{}, nil, c.err
	}
	return s, c.b, nil
}

func codeSource(c *sourceCoder, s *Source) {
	c.str(&s.Path)
	c.str(&s.Lang)
	c.str(&s.Rel)
	codeMeta(c, &s.Meta)
	c.int(&s.BodyLine)
	c.str((*string)(&s.Format))
	c.digest(&s.Hash)
	c.digest(&s.BodyHash)
	c.digest(&s.FrontHash)
	codeList(c, &s.Placeholders, (*sourceCoder).int)
	codeList(c, (*[]diag.Diagnostic)(&s.Warnings), codeDiagnostic)
	c.bool(&s.Cascaded)
}

func codeMeta(c *sourceCoder, m *Meta) {
	for _, s := range []*string{&m.Title, &m.Summary, &m.Description, &m.Slug, &m.TranslationKey, &m.Type, &m.Layout,
		&m.Level, &m.DurationText, &m.Licence, &m.Image, &m.Timezone, &m.Join, &m.Presenter, &m.Status, &m.Language,
		&m.ResourceType, &m.File, &m.Link, &m.Goal, &m.Button, &m.Tutor, &m.Business, &m.Country, &m.Sector,
		&m.Region, &m.Offer, &m.URL} {
		c.str(s)
	}
	for _, t := range []*time.Time{&m.Date, &m.Lastmod, &m.Start, &m.Closes, &m.PublishDate, &m.ExpiryDate, &m.TranslatedFrom} {
		c.time(t)
	}
	for _, l := range []*[]string{&m.Aliases, &m.Tags, &m.Keywords, &m.Audience, &m.Objectives, &m.DigComp,
		&m.Prerequisites, &m.Subjects, &m.Modules, &m.Categories} {
		c.strs(l)
	}
	c.bool(&m.Draft)
	c.bool(&m.NeedsTranslation)
	c.int(&m.Weight)
	c.int(&m.Revision)
	c.duration(&m.Duration)
	codeList(c, &m.Authors, codeAuthor)
	codeList(c, &m.Attachments, func(c *sourceCoder, a *Attachment) { c.str(&a.File); c.str(&a.Title) })
	c.str(&m.Recording.URL)
	c.str(&m.Recording.Thumbnail)
	c.time(&m.Recording.Uploaded)
	codePointer(c, &m.Source, func(c *sourceCoder, w *SourceWork) {
		c.str(&w.Title)
		c.str(&w.Author)
		codeList(c, &w.Creators, codeAuthor)
		c.str(&w.URL)
		c.str(&w.Licence)
	})
	codeList(c, &m.Menus, func(c *sourceCoder, e *MenuEntry) {
		c.str(&e.Menu)
		c.str(&e.Name)
		c.int(&e.Weight)
		c.str(&e.Parent)
		c.int(&e.Line)
	})
	c.table(&m.Params)
	c.lines(&m.Lines)
}

func codeAuthor(c *sourceCoder, a *Author) {
	c.str(&a.Name)
	c.str(&a.Type)
	c.str(&a.ID)
}

func codeDiagnostic(c *sourceCoder, d *diag.Diagnostic) {
	c.str(&d.File)
	c.int(&d.Line)
	sev := int(d.Severity)
	c.int(&sev)
	d.Severity = diag.Severity(sev)
	c.str(&d.Message)
	c.str(&d.Hint)
	c.str(&d.Code)
	c.str(&d.Kind)
}

// sourceCoder appends values to b, or with decode reads them from its
// start; the first error stops it (every value read after is empty).
type sourceCoder struct {
	b      []byte
	decode bool
	err    error
}

var errDamaged = errors.New("a kept source is damaged")

func (c *sourceCoder) fail() {
	if c.err == nil {
		c.err = errDamaged
	}
	c.b = nil
}

func (c *sourceCoder) uvarint(n *uint64) {
	if !c.decode {
		c.b = binary.AppendUvarint(c.b, *n)
		return
	}
	v, size := binary.Uvarint(c.b)
	if size <= 0 {
		c.fail()
		return
	}
	*n, c.b = v, c.b[size:]
}

func (c *sourceCoder) varint(n *int64) {
	if !c.decode {
		c.b = binary.AppendVarint(c.b, *n)
		return
	}
	v, size := binary.Varint(c.b)
	if size <= 0 {
		c.fail()
		return
	}
	*n, c.b = v, c.b[size:]
}

func (c *sourceCoder) int(n *int) {
	v := int64(*n)
	c.varint(&v)
	*n = int(v)
}

func (c *sourceCoder) duration(d *time.Duration) {
	v := int64(*d)
	c.varint(&v)
	*d = time.Duration(v)
}

// count codes a length; one read cannot be more than the bytes left (each
// item takes one byte at least). With isNil, 0 stands for none and n+1
// for n items.
func (c *sourceCoder) count(n *int, isNil *bool) {
	v := uint64(*n)
	if isNil != nil && !c.decode && !*isNil {
		v++
	}
	c.uvarint(&v)
	if !c.decode {
		return
	}
	if isNil != nil {
		*isNil = v == 0
		if v > 0 {
			v--
		}
	}
	if v > uint64(len(c.b)) {
		c.fail()
		v = 0
	}
	*n = int(v)
}

func (c *sourceCoder) bytes(n int) []byte {
	if n > len(c.b) {
		c.fail()
		return nil
	}
	b := c.b[:n]
	c.b = c.b[n:]
	return b
}

func (c *sourceCoder) str(s *string) {
	n := len(*s)
	c.count(&n, nil)
	if !c.decode {
		c.b = append(c.b, *s...)
		return
	}
	*s = string(c.bytes(n))
}

func (c *sourceCoder) bool(v *bool) {
	n := uint64(0)
	if *v {
		n = 1
	}
	c.uvarint(&n)
	*v = n == 1
}

func (c *sourceCoder) digest(d *[32]byte) {
	if !c.decode {
		c.b = append(c.b, d[:]...)
		return
	}
	copy(d[:], c.bytes(len(d)))
}

// time codes a time as MarshalBinary does (its zone as an offset, as gob
// keeps it).
func (c *sourceCoder) time(t *time.Time) {
	if !c.decode {
		b, err := t.MarshalBinary()
		if err != nil {
			b = nil // comes back as the zero time: the source is inexact
		}
		c.b = append(binary.AppendUvarint(c.b, uint64(len(b))), b...)
		return
	}
	n := 0
	c.count(&n, nil)
	b := c.bytes(n)
	*t = time.Time{}
	if len(b) > 0 && t.UnmarshalBinary(b) != nil {
		c.fail()
	}
}

func (c *sourceCoder) strs(l *[]string) {
	codeList(c, l, (*sourceCoder).str)
}

// codeList codes a list, none told from an empty one.
func codeList[T any](c *sourceCoder, l *[]T, code func(*sourceCoder, *T)) {
	n, isNil := len(*l), *l == nil
	c.count(&n, &isNil)
	if c.decode {
		if isNil || c.err != nil {
			*l = nil
			return
		}
		*l = make([]T, n)
	}
	for i := range *l {
		code(c, &(*l)[i])
	}
}

func codePointer[T any](c *sourceCoder, p **T, code func(*sourceCoder, *T)) {
	present := *p != nil
	c.bool(&present)
	if !present {
		return
	}
	if c.decode {
		*p = new(T)
	}
	code(c, *p)
}

// The tags of front matter values (codeValue).
const (
	tagNil byte = iota
	tagString
	tagFalse
	tagTrue
	tagInt
	tagInt64
	tagUint64
	tagFloat64
	tagTime
	tagList
	tagTable
	tagUnknown // a value of another type, left out
)

// value codes a front matter value: a tag, then what its type holds.
func (c *sourceCoder) value(v *any) {
	if c.decode {
		c.readValue(v)
		return
	}
	switch x := (*v).(type) {
	case nil:
		c.b = append(c.b, tagNil)
	case string:
		c.b = append(c.b, tagString)
		c.str(&x)
	case bool:
		if x {
			c.b = append(c.b, tagTrue)
		} else {
			c.b = append(c.b, tagFalse)
		}
	case int:
		c.b = append(c.b, tagInt)
		c.int(&x)
	case int64:
		c.b = append(c.b, tagInt64)
		c.varint(&x)
	case uint64:
		c.b = append(c.b, tagUint64)
		c.uvarint(&x)
	case float64:
		c.b = binary.LittleEndian.AppendUint64(append(c.b, tagFloat64), math.Float64bits(x))
	case time.Time:
		c.b = append(c.b, tagTime)
		c.time(&x)
	case []any:
		c.b = append(c.b, tagList)
		codeList(c, &x, (*sourceCoder).value)
	case map[string]any:
		c.b = append(c.b, tagTable)
		c.table(&x)
	default:
		c.b = append(c.b, tagUnknown)
	}
}

func (c *sourceCoder) readValue(v *any) {
	tag := c.bytes(1)
	if len(tag) == 0 {
		return
	}
	switch tag[0] {
	case tagNil, tagUnknown:
		*v = nil
	case tagString:
		var s string
		c.str(&s)
		*v = s
	case tagFalse, tagTrue:
		*v = tag[0] == tagTrue
	case tagInt:
		var n int
		c.int(&n)
		*v = n
	case tagInt64:
		var n int64
		c.varint(&n)
		*v = n
	case tagUint64:
		var n uint64
		c.uvarint(&n)
		*v = n
	case tagFloat64:
		if b := c.bytes(8); len(b) == 8 {
			*v = math.Float64frombits(binary.LittleEndian.Uint64(b))
		}
	case tagTime:
		var t time.Time
		c.time(&t)
		*v = t
	case tagList:
		var l []any
		codeList(c, &l, (*sourceCoder).value)
		*v = l
	case tagTable:
		var m map[string]any
		c.table(&m)
		*v = m
	default:
		c.fail()
	}
}

// table codes a table of front matter values, none told from an empty one.
func (c *sourceCoder) table(m *map[string]any) {
	n, isNil := len(*m), *m == nil
	c.count(&n, &isNil)
	if c.decode {
		*m = nil
		if isNil || c.err != nil {
			return
		}
		*m = make(map[string]any, n)
		for range n {
			var k string
			var v any
			c.str(&k)
			c.value(&v)
			if c.err != nil {
				return
			}
			(*m)[k] = v
		}
		return
	}
	for k, v := range *m {
		c.str(&k)
		c.value(&v)
	}
}

// lines codes Meta.Lines, none told from an empty one.
func (c *sourceCoder) lines(m *map[string]int) {
	n, isNil := len(*m), *m == nil
	c.count(&n, &isNil)
	if c.decode {
		*m = nil
		if isNil || c.err != nil {
			return
		}
		*m = make(map[string]int, n)
		for range n {
			var k string
			var line int
			c.str(&k)
			c.int(&line)
			if c.err != nil {
				return
			}
			(*m)[k] = line
		}
		return
	}
	for k, line := range *m {
		c.str(&k)
		c.int(&line)
	}
}
