package importer

import (
	"testing"

	"github.com/oersite/oersite/generator/internal/cartridge"
)

// A lesson with rights of its own (an H5P activity of a Moodle course)
// carries them in its front matter; one it does not know is said.
func TestLessonRights(t *testing.T) {
	l := &cartridge.Lesson{Title: "Reviews", Origin: &cartridge.Origin{Rights: "CC BY 4.0", Authors: []string{"Maria Rossi"}, Source: "https://example.org/h5p/42"}}
	want := "licence: CC-BY-4.0\nauthors: [\"Maria Rossi\"]\nsource:\n  title: \"Reviews\"\n  author: [\"Maria Rossi\"]\n  url: \"https://example.org/h5p/42\"\n  licence: CC-BY-4.0\n"
	if got := lessonRights(l); got != want {
		t.Errorf("front matter:\n%s\nwant:\n%s", got, want)
	}
	if got := lessonRights(&cartridge.Lesson{Title: "Plain"}); got != "" {
		t.Errorf("a lesson of the course's rights: %q", got)
	}
	reserved := &cartridge.Course{Modules: []*cartridge.Module{{Lessons: []*cartridge.Lesson{l, {Title: "Kept", Origin: &cartridge.Origin{Rights: "Copyright (all rights reserved)"}}}}}}
	if notes := lessonNotes(reserved); len(notes) != 1 || notes[0].Error() != `The licence of the lesson "Kept" (Copyright (all rights reserved)) is not one oersite knows: it shows its module's licence until you write its own in it (licence:), or remove it if that licence forbids publishing it.` {
		t.Errorf("notes %v", notes)
	}
}

// A picture's own licence that oersite does not know is said once; a
// known one links its deed in the credit line and is not said.
func TestCreditNotes(t *testing.T) {
	c := &cartridge.Course{Credits: []cartridge.Credit{{What: "Stall", Rights: "CC BY-SA 3.0"}, {What: "Scales", Rights: "Copyright (all rights reserved)"}, {What: "Scales", Rights: "Copyright (all rights reserved)"}}}
	if notes := creditNotes(c); len(notes) != 1 || notes[0].Error() != `"Scales" is under a licence oersite does not know (Copyright (all rights reserved)), which its credit line names: make sure it lets you publish it here, or replace it.` {
		t.Errorf("notes %v", notes)
	}
	if got := licenceURL("CC BY-SA 3.0"); got != "https://creativecommons.org/licenses/by-sa/3.0/" {
		t.Errorf("deed %q", got)
	}
}
