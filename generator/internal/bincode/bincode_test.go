package bincode

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Every type of front matter value comes back as it was, lists and tables
// told none from empty; a value of another type comes back nil; bytes cut
// anywhere are an error, never a panic.
func TestValuesComeBack(t *testing.T) {
	table := map[string]any{"title": "A", "draft": false, "shown": true, "weight": 3, "year": int64(2026),
		"big": uint64(1 << 63), "ratio": 0.25, "date": time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("", 3600)),
		"none": nil, "tags": []any{"x", 1, []any{}}, "empty": map[string]any{},
		"cascade": map[string]any{"level": "basic", "list": []any{map[string]any{"k": "v"}}}}
	lines := map[string]int{"title": 2}
	var noTable map[string]any
	var noLines map[string]int
	enc := NewEncoder(nil)
	enc.Table(&table)
	enc.StringInts(&lines)
	enc.Table(&noTable)
	enc.StringInts(&noLines)
	b := enc.Bytes()

	dec := NewDecoder(string(b))
	var gotTable, gotNoTable map[string]any
	var gotLines, gotNoLines map[string]int
	dec.Table(&gotTable)
	dec.StringInts(&gotLines)
	dec.Table(&gotNoTable)
	dec.StringInts(&gotNoLines)
	if dec.Err() != nil || len(dec.Rest()) != 0 || !reflect.DeepEqual(gotTable, table) || !reflect.DeepEqual(gotLines, lines) ||
		gotNoTable != nil || gotNoLines != nil {
		t.Fatalf("came back as %v %v %v %v (%v)", gotTable, gotLines, gotNoTable, gotNoLines, dec.Err())
	}

	for cut := range len(b) - 2 { // the last two bytes are the two nils
		dec := NewDecoder(string(b[:cut]))
		dec.Table(&gotTable)
		dec.StringInts(&gotLines)
		if dec.Err() == nil {
			t.Fatalf("bytes cut at %d of %d gave no error", cut, len(b))
		}
	}

	odd := any(int32(7))
	enc = NewEncoder(nil)
	enc.Value(&odd)
	var got any = "x"
	dec = NewDecoder(string(enc.Bytes()))
	if dec.Value(&got); got != nil || dec.Err() != nil {
		t.Errorf("an int32 came back as %v (%v); want nil", got, dec.Err())
	}
}

// Numbers come back whole at their edges: the decoder reads varints from a
// string as encoding/binary writes them.
func TestNumbersComeBack(t *testing.T) {
	ints := []int64{0, 1, -1, 63, -64, 64, 1 << 40, -1 << 40, math.MaxInt64, math.MinInt64}
	uints := []uint64{0, 1, 127, 128, 1 << 63, math.MaxUint64}
	enc := NewEncoder(nil)
	for i := range ints {
		enc.Varint(&ints[i])
	}
	for i := range uints {
		enc.Uvarint(&uints[i])
	}
	dec := NewDecoder(string(enc.Bytes()))
	for _, want := range ints {
		var got int64
		if dec.Varint(&got); got != want {
			t.Errorf("varint %d came back as %d", want, got)
		}
	}
	for _, want := range uints {
		var got uint64
		if dec.Uvarint(&got); got != want {
			t.Errorf("uvarint %d came back as %d", want, got)
		}
	}
	if dec.Err() != nil || dec.Rest() != "" {
		t.Errorf("%v, %d bytes left", dec.Err(), len(dec.Rest()))
	}
	var n uint64
	over := NewDecoder("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02")
	if over.Uvarint(&n); over.Err() == nil {
		t.Errorf("an uvarint over 64 bits gave %d and no error", n)
	}
}

// An encoder writes nothing to what it encodes: a build encodes the pages'
// renderings while the search reads them (under -race this test fails on a
// write, as CI runs it).
func TestEncodingWritesNothing(t *testing.T) {
	type kept struct {
		n     int
		d     time.Duration
		sev   int8
		mode  uint32
		ok    bool
		when  time.Time
		words []string
		table map[string]any
	}
	k := kept{n: 3, d: time.Minute, sev: 1, mode: 0o644, ok: true, when: time.Now(), words: []string{"a"}, table: map[string]any{"k": 1}}
	code := func(c *Coder, k *kept) {
		c.Int(&k.n)
		c.Duration(&k.d)
		Signed(c, &k.sev)
		Unsigned(c, &k.mode)
		c.Bool(&k.ok)
		c.Time(&k.when)
		c.Strs(&k.words)
		c.Table(&k.table)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 100 {
			_ = k.n + int(k.d) + int(k.sev) + int(k.mode)
			_ = k.ok
		}
	}()
	for range 100 {
		code(NewEncoder(nil), &k)
	}
	<-done
	var got kept
	code(NewDecoder(string(func() []byte { c := NewEncoder(nil); code(c, &k); return c.Bytes() }())), &got)
	if got.n != 3 || got.d != time.Minute || got.sev != 1 || got.mode != 0o644 || !got.ok || !got.when.Equal(k.when) {
		t.Errorf("came back as %+v", got)
	}
}

// TestDamagedCountsReserveLittle: a list or table whose count is far
// beyond its items makes room as it reads them: the decoder fails once the
// bytes run out, having allocated little (room for 500,000 strings up
// front is 8 MB; for a table of them, more).
func TestDamagedCountsReserveLittle(t *testing.T) {
	long := strings.Repeat("x", 100)
	list := make([]string, 5000)
	table := map[string]any{}
	for i := range list {
		list[i] = long
		table[fmt.Sprint(i)] = long
	}
	for name, c := range map[string]struct {
		encode, decode func(*Coder)
	}{
		"list":  {func(c *Coder) { c.Strs(&list) }, func(c *Coder) { var l []string; c.Strs(&l) }},
		"table": {func(c *Coder) { c.Table(&table) }, func(c *Coder) { var m map[string]any; c.Table(&m) }},
	} {
		e := NewEncoder(nil)
		c.encode(e)
		_, n := binary.Uvarint(e.Bytes()) // the count, 5,000 + 1
		damaged := string(binary.AppendUvarint(nil, 500_000+1)) + string(e.Bytes()[n:])
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d := NewDecoder(damaged)
		c.decode(d)
		runtime.ReadMemStats(&after)
		if d.Err() == nil {
			t.Errorf("%s: a count past the items decoded", name)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
			t.Errorf("%s: decoding allocated %d KB", name, grew>>10)
		}
	}
}
