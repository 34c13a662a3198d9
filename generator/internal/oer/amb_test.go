package oer_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/oersite/oersite/generator/internal/build"
)

// ambSchema compiles testdata/amb.schema.json: oersite's own JSON Schema of
// the rules the AMB profile publishes, formats (uri, date) asserted.
func ambSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/amb.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("amb.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("amb.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validateAMB reports every way a record breaks the schema.
func validateAMB(t *testing.T, s *jsonschema.Schema, where string, record any) {
	t.Helper()
	if err := s.Validate(roundTrip(t, record)); err != nil {
		t.Errorf("%s is not valid AMB:\n%v", where, err)
	}
}

// roundTrip turns a value decoded by encoding/json into what the validator reads.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// isLearningResource reports whether a JSON-LD object's type names LearningResource.
func isLearningResource(o map[string]any) bool {
	types, _ := o["type"].([]any)
	for _, typ := range types {
		if typ == "LearningResource" {
			return true
		}
	}
	return false
}

// TestExampleSiteIsValidAMB builds the example site and validates every
// JSON-LD block that describes a learning resource, and every record of
// catalog.json, against the AMB schema.
func TestExampleSiteIsValidAMB(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Source: "../../..", Dest: dest, CacheDir: t.TempDir(), Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	schema := ambSchema(t)
	blocks, resources := 0, 0
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range ldRE.FindAllSubmatch(data, -1) {
			blocks++
			var o map[string]any
			if err := json.Unmarshal(m[1], &o); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v", p, err)
				continue
			}
			if isLearningResource(o) {
				resources++
				validateAMB(t, schema, strings.TrimPrefix(p, dest), o)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var cat []map[string]any
	if err := json.Unmarshal(read(t, dest, "catalog.json"), &cat); err != nil {
		t.Fatal(err)
	}
	for _, o := range cat {
		validateAMB(t, schema, "catalog.json "+o["id"].(string), o)
	}
	t.Logf("%d JSON-LD blocks, %d learning resources and %d catalogue records checked against AMB", blocks, resources, len(cat))
	if blocks < 150 || resources < 150 || len(cat) < 40 {
		t.Errorf("only %d JSON-LD blocks, %d learning resources, %d catalogue records", blocks, resources, len(cat))
	}
}

// TestAMBSchemaRejectsWhatAMBRejects: the schema bites where AMB does.
func TestAMBSchemaRejectsWhatAMBRejects(t *testing.T) {
	schema := ambSchema(t)
	valid := `{"@context": ["https://w3id.org/kim/amb/context.jsonld", {"@language": "en"}], "id": "https://x.example/a/", "type": ["LearningResource"], "name": "A"}`
	var base map[string]any
	json.Unmarshal([]byte(valid), &base)
	if err := schema.Validate(roundTrip(t, base)); err != nil {
		t.Fatalf("a minimal record is refused: %v", err)
	}
	cases := map[string]string{
		"site-local educational level": `"educationalLevel": [{"id": "https://x.example/en/level/beginner/"}]`,
		"isBasedOn type as a string":   `"isBasedOn": [{"type": "CreativeWork", "name": "Source"}]`,
		"subject outside AMB's lists":  `"about": [{"id": "https://x.example/subjects/marketing"}]`,
		"HCRT missing":                 `"learningResourceType": [{"id": "https://x.example/types/checklist"}]`,
		"licence as text":              `"license": "CC-BY-4.0"`,
		"keywords as text":             `"keywords": "a, b"`,
		"size with a unit":             `"encoding": [{"type": "MediaObject", "contentUrl": "https://x.example/a.pdf", "contentSize": "12 KB"}]`,
		"creator without type":         `"creator": [{"name": "Ana"}]`,
		"audience outside LRMI":        `"audience": [{"id": "https://x.example/audience/sme"}]`,
		"no LearningResource":          `"type": ["Course"]`,
		"bad duration":                 `"timeRequired": "90 minutes"`,
		"no language in context":       `"@context": ["https://w3id.org/kim/amb/context.jsonld", "https://schema.org"]`,
	}
	for name, extra := range cases {
		var o map[string]any
		if err := json.Unmarshal([]byte(strings.TrimSuffix(valid, "}")+", "+extra+"}"), &o); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ve *jsonschema.ValidationError
		if err := schema.Validate(roundTrip(t, o)); !errors.As(err, &ve) {
			t.Errorf("%s: accepted", name)
		}
	}
}
