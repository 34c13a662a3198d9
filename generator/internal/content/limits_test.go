package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"
)

// A file is read whole whatever size it had when opened (it may have grown
// or shrunk since), in one buffer when the size was right.
func TestReadSizedReadsEverything(t *testing.T) {
	text := strings.Repeat("Markdown text. ", 1000)
	for _, hint := range []int64{0, 10, int64(len(text)), int64(len(text)) + 100} {
		got, err := readSized(iotest.HalfReader(strings.NewReader(text)), hint)
		if err != nil || string(got) != text {
			t.Errorf("size %d: read %d bytes (%v), want %d", hint, len(got), err, len(text))
		}
	}
	got, _ := readSized(bytes.NewReader([]byte(text)), int64(len(text)))
	if cap(got) != len(text)+1 {
		t.Errorf("a file of the size it said was read into %d bytes of room, want %d", cap(got), len(text)+1)
	}
}
