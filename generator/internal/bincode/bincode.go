// Package bincode codes values in a compact binary form, read without
// reflection: what a build keeps for the next (parsed sources, pages'
// renderings) is read before that build can start, thousands of values at
// a time, where encoding/gob spends most of its time on interfaces and
// byte arrays. A type's fields are listed once, in a function taking a
// Coder, which serves both ways: an encoder appends each field, a decoder
// sets it.
package bincode

import (
	"encoding/binary"
	"errors"
	"math"
	"time"
)

// Coder appends values to its bytes, or, made by NewDecoder, reads them
// from the start of a string; the first error stops it (every value read
// after is empty).
type Coder struct {
	b      []byte // an encoder's
	s      string // what a decoder has not read
	decode bool
	err    error
}

// NewEncoder returns a Coder appending to b.
func NewEncoder(b []byte) *Coder { return &Coder{b: b} }

// NewDecoder returns a Coder reading s. The strings it decodes are parts
// of s, not copies: one allocation for them all, which stays as long as
// any of them does.
func NewDecoder(s string) *Coder { return &Coder{s: s, decode: true} }

// Bytes returns what an encoder wrote.
func (c *Coder) Bytes() []byte { return c.b }

// Rest returns what a decoder has not read.
func (c *Coder) Rest() string { return c.s }

// Err returns the first error a decoder met: its bytes were damaged.
func (c *Coder) Err() error { return c.err }

// ErrDamaged is the error of a decoder whose bytes end too soon or hold
// what no encoder writes.
var ErrDamaged = errors.New("damaged bytes")

// Decoding reports whether the Coder reads values (NewDecoder) rather
// than writing them: for a type's code that derives a field from others
// when it reads, and must not write it back when it writes.
func (c *Coder) Decoding() bool { return c.decode }

// Fail marks a decoder's bytes damaged, for a type's code that finds a
// value no encoder writes; an encoder is not affected.
func (c *Coder) Fail() {
	if c.decode {
		c.fail()
	}
}

func (c *Coder) fail() {
	if c.err == nil {
		c.err = ErrDamaged
	}
	c.s = ""
}

// Uvarint codes an unsigned number in as few bytes as it needs.
func (c *Coder) Uvarint(n *uint64) {
	if !c.decode {
		c.b = binary.AppendUvarint(c.b, *n)
		return
	}
	v, size := uvarint(c.s)
	if size <= 0 {
		c.fail()
		return
	}
	*n, c.s = v, c.s[size:]
}

// Varint codes a signed number in as few bytes as it needs: a Uvarint of
// its zig-zag form, as binary.AppendVarint writes it.
func (c *Coder) Varint(n *int64) {
	u := uint64(*n<<1) ^ uint64(*n>>63)
	c.Uvarint(&u)
	if c.decode {
		*n = int64(u>>1) ^ -int64(u&1)
	}
}

// Int codes an int as a Varint.
func (c *Coder) Int(n *int) { Signed(c, n) }

// Duration codes a duration as a Varint.
func (c *Coder) Duration(d *time.Duration) { Signed(c, d) }

// Signed codes a number of a signed integer type as a Varint. Like every
// coding function, it writes to what it is given only when it decodes:
// an encoder may run beside readers of the values it encodes.
func Signed[T ~int | ~int8 | ~int16 | ~int32 | ~int64](c *Coder, n *T) {
	v := int64(*n)
	c.Varint(&v)
	if c.decode {
		*n = T(v)
	}
}

// Unsigned codes a number of an unsigned integer type as a Uvarint.
func Unsigned[T ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64](c *Coder, n *T) {
	v := uint64(*n)
	c.Uvarint(&v)
	if c.decode {
		*n = T(v)
	}
}

// count codes a length; one read cannot be more than the bytes left (each
// item takes one byte at least). With isNil, 0 stands for none and n+1
// for n items.
func (c *Coder) count(n *int, isNil *bool) {
	v := uint64(*n)
	if isNil != nil && !c.decode && !*isNil {
		v++
	}
	c.Uvarint(&v)
	if !c.decode {
		return
	}
	if isNil != nil {
		*isNil = v == 0
		if v > 0 {
			v--
		}
	}
	if v > uint64(len(c.s)) {
		c.fail()
		v = 0
	}
	*n = int(v)
}

// next returns the next n bytes a decoder reads.
func (c *Coder) next(n int) string {
	if n > len(c.s) {
		c.fail()
		return ""
	}
	s := c.s[:n]
	c.s = c.s[n:]
	return s
}

// uvarint is binary.Uvarint on a string.
func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				return 0, -(i + 1) // overflow
			}
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// Str codes a string: its length, then its bytes.
func (c *Coder) Str(s *string) {
	n := len(*s)
	c.count(&n, nil)
	if !c.decode {
		c.b = append(c.b, *s...)
		return
	}
	*s = c.next(n)
}

// Byte codes one byte.
func (c *Coder) Byte(v *byte) {
	if !c.decode {
		c.b = append(c.b, *v)
		return
	}
	if b := c.next(1); len(b) == 1 {
		*v = b[0]
	}
}

// Bool codes a bool in one byte.
func (c *Coder) Bool(v *bool) {
	n := uint64(0)
	if *v {
		n = 1
	}
	c.Uvarint(&n)
	if c.decode {
		*v = n == 1
	}
}

// Digest codes a SHA-256 digest as its 32 bytes.
func (c *Coder) Digest(d *[32]byte) {
	if !c.decode {
		c.b = append(c.b, d[:]...)
		return
	}
	copy(d[:], c.next(len(d)))
}

// Time codes a time as MarshalBinary does (its zone as an offset, as gob
// keeps it); the zero time, most of a source's, in one byte.
func (c *Coder) Time(t *time.Time) {
	if !c.decode {
		var b []byte
		if *t != (time.Time{}) {
			var err error
			if b, err = t.MarshalBinary(); err != nil {
				b = nil // comes back as the zero time
			}
		}
		c.b = append(binary.AppendUvarint(c.b, uint64(len(b))), b...)
		return
	}
	n := 0
	c.count(&n, nil)
	b := c.next(n)
	*t = time.Time{}
	if len(b) > 0 && t.UnmarshalBinary([]byte(b)) != nil {
		c.fail()
	}
}

// Strs codes a list of strings.
func (c *Coder) Strs(l *[]string) {
	List(c, l, (*Coder).Str)
}

// Room is how many items a decoder makes room for when a count says n,
// before it has read them: at most 1,024, the rest as they are read, so that
// a damaged count runs out of bytes, not of memory. Every list read from a
// count uses it.
func Room(n uint64) int { return int(min(n, 1<<10)) }

// List codes a list, each item with code; none is told from an empty one.
func List[T any](c *Coder, l *[]T, code func(*Coder, *T)) {
	n, isNil := len(*l), *l == nil
	c.count(&n, &isNil)
	if !c.decode {
		for i := range *l {
			code(c, &(*l)[i])
		}
		return
	}
	*l = nil
	if isNil || c.err != nil {
		return
	}
	out := make([]T, 0, Room(uint64(n)))
	for range n {
		var v T
		if code(c, &v); c.err != nil {
			return
		}
		out = append(out, v)
	}
	*l = out
}

// Pointer codes a pointer, with code for what it points to when it is not nil.
func Pointer[T any](c *Coder, p **T, code func(*Coder, *T)) {
	present := *p != nil
	c.Bool(&present)
	if !present {
		return
	}
	if c.decode {
		*p = new(T)
	}
	code(c, *p)
}

// The tags of front matter values (see Value).
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

// Value codes a front matter value: a tag, then what its type holds. A
// value of a type it does not know (front matter decoders give strings,
// bools, int, int64, uint64, float64, times, lists and tables) comes back
// nil.
func (c *Coder) Value(v *any) {
	if c.decode {
		c.readValue(v)
		return
	}
	switch x := (*v).(type) {
	case nil:
		c.b = append(c.b, tagNil)
	case string:
		c.b = append(c.b, tagString)
		c.Str(&x)
	case bool:
		if x {
			c.b = append(c.b, tagTrue)
		} else {
			c.b = append(c.b, tagFalse)
		}
	case int:
		c.b = append(c.b, tagInt)
		c.Int(&x)
	case int64:
		c.b = append(c.b, tagInt64)
		c.Varint(&x)
	case uint64:
		c.b = append(c.b, tagUint64)
		c.Uvarint(&x)
	case float64:
		c.b = binary.LittleEndian.AppendUint64(append(c.b, tagFloat64), math.Float64bits(x))
	case time.Time:
		c.b = append(c.b, tagTime)
		c.Time(&x)
	case []any:
		c.b = append(c.b, tagList)
		List(c, &x, (*Coder).Value)
	case map[string]any:
		c.b = append(c.b, tagTable)
		c.Table(&x)
	default:
		c.b = append(c.b, tagUnknown)
	}
}

func (c *Coder) readValue(v *any) {
	tag := c.next(1)
	if len(tag) == 0 {
		return
	}
	switch tag[0] {
	case tagNil, tagUnknown:
		*v = nil
	case tagString:
		var s string
		c.Str(&s)
		*v = s
	case tagFalse, tagTrue:
		*v = tag[0] == tagTrue
	case tagInt:
		var n int
		c.Int(&n)
		*v = n
	case tagInt64:
		var n int64
		c.Varint(&n)
		*v = n
	case tagUint64:
		var n uint64
		c.Uvarint(&n)
		*v = n
	case tagFloat64:
		if b := c.next(8); len(b) == 8 {
			var bits uint64
			for i := range 8 {
				bits |= uint64(b[i]) << (8 * i)
			}
			*v = math.Float64frombits(bits)
		}
	case tagTime:
		var t time.Time
		c.Time(&t)
		*v = t
	case tagList:
		var l []any
		List(c, &l, (*Coder).Value)
		*v = l
	case tagTable:
		var m map[string]any
		c.Table(&m)
		*v = m
	default:
		c.fail()
	}
}

// Table codes a table of front matter values, none told from an empty one.
func (c *Coder) Table(m *map[string]any) { Map(c, m, (*Coder).Value) }

// StringInts codes a map of strings to ints, none told from an empty one.
func (c *Coder) StringInts(m *map[string]int) { Map(c, m, (*Coder).Int) }

// Map codes a map of strings to values, each with code; none is told from
// an empty one.
func Map[V any](c *Coder, m *map[string]V, code func(*Coder, *V)) {
	n, isNil := len(*m), *m == nil
	c.count(&n, &isNil)
	if !c.decode {
		for k, v := range *m {
			c.Str(&k)
			code(c, &v)
		}
		return
	}
	*m = nil
	if isNil || c.err != nil {
		return
	}
	*m = make(map[string]V, Room(uint64(n)))
	for range n {
		var k string
		var v V
		c.Str(&k)
		code(c, &v)
		if c.err != nil {
			return
		}
		(*m)[k] = v
	}
}
