package harvest

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/oersite/oersite/generator/internal/partner"
)

// Folders a harvest keeps beside a partner's folder while it works
// (data/partners/.<id>.new, .<id>.old): the new data is assembled in the
// first and swapped in whole.
func stagingDir(root, id string) string { return filepath.Join(root, "."+id+".new") }
func oldDir(root, id string) string     { return filepath.Join(root, "."+id+".old") }

// write stages a partner's files and swaps them in for its folder.
func write(root, id string, items []partner.Item, events []partner.Event, state partner.State) error {
	staging := stagingDir(root, id)
	if err := os.RemoveAll(staging); err != nil {
		return err
	}
	if err := os.Mkdir(staging, 0o755); err != nil {
		return err
	}
	if items == nil {
		items = []partner.Item{}
	}
	if events == nil {
		events = []partner.Event{}
	}
	for name, v := range map[string]any{partner.ItemsFile: items, partner.EventsFile: events, partner.StateFile: state} {
		data, err := partner.Encode(v)
		if err == nil {
			err = writeSynced(filepath.Join(staging, name), data)
		}
		if err != nil {
			_ = os.RemoveAll(staging)
			return err
		}
	}
	return swap(staging, filepath.Join(root, id), oldDir(root, id))
}

func writeSynced(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// swap replaces dest with staging: dest is the old or the new folder at
// every moment; repair finishes a swap a crash interrupted.
func swap(staging, dest, old string) error {
	_ = os.RemoveAll(old)
	if _, err := os.Lstat(dest); err == nil {
		if err := os.Rename(dest, old); err != nil {
			return err
		}
	}
	if err := os.Rename(staging, dest); err != nil {
		_ = os.Rename(old, dest)
		return err
	}
	return os.RemoveAll(old)
}

// repair puts back a partner's folder that a crash left aside, and
// removes a half-written staging folder.
func repair(root, id string) error {
	dest, old := filepath.Join(root, id), oldDir(root, id)
	if _, err := os.Lstat(old); err == nil {
		if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(old, dest); err != nil {
				return err
			}
		} else if err := os.RemoveAll(old); err != nil {
			return err
		}
	}
	if info, err := os.Lstat(dest); err == nil && !info.IsDir() {
		return errors.New(dest + " is not a folder: move it away so that harvest can write there")
	}
	return os.RemoveAll(stagingDir(root, id))
}

// readJSON decodes a file of the last harvest; a missing or damaged file
// reads as nothing (the harvest then writes it anew).
func readJSON(fsys fs.FS, name string, v any) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, partner.MaxFileBytes))
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
