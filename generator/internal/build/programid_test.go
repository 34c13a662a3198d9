package build

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgramBuildIDIsTheGoCommands: the build ID read from a program's
// file is the one `go tool buildid` reports, and stands for the program
// (this test's binary): no need to read the file's 40 MB.
func TestProgramBuildIDIsTheGoCommands(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to compare with")
	}
	out, err := exec.Command(goTool, "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := programBuildID(f); got != want || !goCommandID(got) {
		t.Fatalf("build ID %q, go tool buildid says %q", got, want)
	}
	// The digest comes from the ID, not from reading the file, and tells
	// a file of another size apart.
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := programSum(f, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	other, err := programSum(f, int64(len(data))+1)
	if err != nil {
		t.Fatal(err)
	}
	if sum == sha256.Sum256(data) || sum == other {
		t.Errorf("program digest %x: the file's bytes' digest, or the same for another size", sum)
	}
}

// TestProgramWithoutBuildIDIsReadWhole: a program whose file holds no build
// ID of the go command's form (none, or a builder's constant) is told
// apart by its bytes, as before.
func TestProgramWithoutBuildIDIsReadWhole(t *testing.T) {
	for name, content := range map[string]string{
		"none":     "not a program at all, just bytes",
		"redacted": "MZ\x00\x00\xff Go build ID: \"redacted\"\n \xff rest of the file",
	} {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(content), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := programSum(f, int64(len(content)))
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if sum != sha256.Sum256([]byte(content)) {
			t.Errorf("%s: digest %x is not the file's", name, sum)
		}
	}
}

// TestBuildIDForms: the ID is found as text (Mach-O, PE) and in an ELF
// note, and only the go command's four-part form is trusted.
func TestBuildIDForms(t *testing.T) {
	id := "AAAAAAAAAAAAAAAAAAAA/BBBBBBBBBBBBBBBBBBBB/CCCCCCCCCCCCCCCCCCCC/DDDDDDDDDDDDDDDDDDDD"
	if got := textBuildID([]byte("junk\xff Go build ID: \"" + id + "\"\n \xff more")); got != id {
		t.Errorf("text form: %q", got)
	}
	if got := textBuildID([]byte("\xff Go build ID: \"cut short")); got != "" {
		t.Errorf("unterminated text form read as %q", got)
	}
	note := binary.LittleEndian.AppendUint32(nil, 4)
	note = binary.LittleEndian.AppendUint32(note, uint32(len(id)))
	note = binary.LittleEndian.AppendUint32(note, 4)
	note = append(append(note, "Go\x00\x00"...), id...)
	if got := elfBuildID(note, binary.LittleEndian); got != id {
		t.Errorf("ELF note: %q", got)
	}
	if got := elfBuildID(note[:len(note)-5], binary.LittleEndian); got != "" {
		t.Errorf("ELF note cut short read as %q", got)
	}
	for _, bad := range []string{"", "redacted", "a/b/c/d", id + "/EEEEEEEEEEEEEEEEEEEE", strings.Replace(id, "CCCCCCCCCCCCCCCCCCCC", "", 1)} {
		if goCommandID(bad) {
			t.Errorf("%q taken for the go command's build ID", bad)
		}
	}
	if !goCommandID(id) {
		t.Errorf("%q refused", id)
	}
}
