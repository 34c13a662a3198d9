package partner

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
)

// State is what a harvest remembers of each address it fetched, for
// conditional requests the next time: nothing in it changes unless the
// partner's files do.
type State struct {
	Sources []Source `json:"sources"`
	// Gone is the day (YYYY-MM-DD) a harvest first found the partner's
	// address gone (404, 410); empty while it answers.
	Gone string `json:"gone,omitempty"`
}

// Source is one fetched address and the validators its server gave.
type Source struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
	// SHA256 is the fetched body's hash: a server without validators that
	// sends the same bytes again changes nothing either.
	SHA256 string `json:"sha256,omitempty"`
}

// Find returns the state of an address.
func (s State) Find(u string) (Source, bool) {
	i := slices.IndexFunc(s.Sources, func(x Source) bool { return x.URL == u })
	if i < 0 {
		return Source{}, false
	}
	return s.Sources[i], true
}

// Encode returns a file's bytes: indented JSON, one record after the
// other, with a final newline, so that a changed record is a small diff.
func Encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MaxFileBytes is the largest data file the build reads.
const MaxFileBytes = 256 << 20

// Load reads the harvested data of every configured partner from fsys
// (the site root). A partner without data yet is reported as a warning
// (run oersite harvest); so is a folder under data/partners/ that no
// partner claims, which is left out. Every record is cleaned again: the
// files may have been edited by hand.
func Load(fsys fs.FS, partners []config.Partner) ([]*Data, diag.List) {
	var out []*Data
	var diags diag.List
	for _, p := range partners {
		d := &Data{Partner: p}
		dir := path.Join(Dir, p.ID)
		if _, err := fs.Stat(fsys, dir); err != nil {
			diags.Add(diag.Warnf(dir, 0, diag.Hintf("run oersite harvest to fetch it, then commit %s", dir), "partner %q has no harvested data yet: nothing of it is shown", p.ID))
			out = append(out, d)
			continue
		}
		if err := readJSON(fsys, path.Join(dir, ItemsFile), &d.Items); err != nil {
			diags.Add(diag.Errorf(path.Join(dir, ItemsFile), 0, "run oersite harvest again, or restore the file from git", "%v", err))
		}
		if err := readJSON(fsys, path.Join(dir, EventsFile), &d.Events); err != nil {
			diags.Add(diag.Errorf(path.Join(dir, EventsFile), 0, "run oersite harvest again, or restore the file from git", "%v", err))
		}
		var st State
		if err := readJSON(fsys, path.Join(dir, StateFile), &st); err == nil && st.Gone != "" {
			d.Gone = st.Gone
			diags.Add(diag.Warnf(path.Join(dir, StateFile), 0, "check the partner's url in config.toml with them, or remove the partner and its folder",
				"partner %q was not found at its address when harvested on %s: its last harvested items and events are still shown", p.ID, st.Gone))
		}
		d.Items = slices.DeleteFunc(d.Items, func(it Item) bool { return !it.Clean() })
		d.Events = slices.DeleteFunc(d.Events, func(e Event) bool { return !e.Clean() })
		d.Items, d.Events = Sort(d.Items, d.Events)
		out = append(out, d)
	}
	if entries, err := fs.ReadDir(fsys, Dir); err == nil {
		for _, e := range entries {
			if _, ok := (config.Config{Partners: partners}).PartnerByID(e.Name()); !ok && e.IsDir() && e.Name()[0] != '.' {
				diags.Add(diag.Warnf(path.Join(Dir, e.Name()), 0, "add it under [[partners]] in config.toml, or delete the folder", "data of partner %q is not shown: config.toml names no such partner", e.Name()))
			}
		}
	}
	return out, diags
}

// readJSON decodes one data file; a missing file is an empty list.
func readJSON(fsys fs.FS, name string, v any) error {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return err
	}
	if len(data) > MaxFileBytes {
		return fmt.Errorf("%s is larger than %d MiB", name, MaxFileBytes>>20)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s does not parse: %v", name, err)
	}
	return nil
}
