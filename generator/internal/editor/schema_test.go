package editor

import (
	"net/http/httptest"
	"testing"

	"github.com/oersite/oersite/generator/internal/authorwords"
	"github.com/oersite/oersite/generator/internal/config"
)

// TestEveryFieldHasItsLabel: each field the editor offers, for every kind
// of page, has its label in the authors' words (else it would show as
// "ed.field.x").
func TestEveryFieldHasItsLabel(t *testing.T) {
	c, err := authorwords.Load()
	if err != nil {
		t.Fatal(err)
	}
	w := c.For(httptest.NewRequest("GET", "/", nil))
	var cfg config.Config
	cfg.Vocabulary.Subjects = map[string]string{"digital-skills": "x"}
	for _, kind := range []string{"module", "lesson", "webinar", "resource", "path", "page"} {
		if !w.Has("ed.about." + kind) {
			t.Errorf("no ed.about.%s in the authors' words", kind)
		}
		for _, f := range fields(cfg, kind, func(_, id string) string { return id }) {
			if !w.Has("ed.field." + f.Key) {
				t.Errorf("the %s field %q has no label ed.field.%s", kind, f.Key, f.Key)
			}
		}
	}
}
