package mirror

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a set of files served with their manifest.
type site map[string]string

func (s site) manifest() []byte {
	var fs []File
	for p, c := range s {
		sum := sha256.Sum256([]byte(c))
		fs = append(fs, File{Path: p, Size: int64(len(c)), SHA256: hex.EncodeToString(sum[:])})
	}
	b, _ := NewManifest("test", fs).Marshal()
	return b
}

// server serves a site and records the requests; cut, when set, drops the
// connection halfway through that file; corrupt sends wrong bytes for it.
type server struct {
	mu       sync.Mutex
	files    site
	manifest []byte
	requests []string
	cut      string
	corrupt  string
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	s.mu.Lock()
	s.requests = append(s.requests, p)
	cut, corrupt := s.cut, s.corrupt
	s.mu.Unlock()
	if p == ManifestName {
		w.Write(s.manifest)
		return
	}
	c, ok := s.files[p]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch p {
	case cut:
		w.Header().Set("Content-Length", "100000")
		w.Write([]byte(c[:len(c)/2]))
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close()
		return
	case corrupt:
		w.Write([]byte(strings.ToUpper(c)))
		return
	}
	w.Write([]byte(c))
}

func (s *server) reset() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.requests
	s.requests = nil
	return r
}

func newServer(t *testing.T, files site) (*server, string) {
	s := &server{files: files, manifest: files.manifest()}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL + "/"
}

// tree reads a folder into a site, without mirror.json.
func tree(t *testing.T, dir string) site {
	out := site{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if rel != ManifestName {
				b, _ := os.ReadFile(p)
				out[filepath.ToSlash(rel)] = string(b)
			}
		}
		return nil
	})
	return out
}

func same(a, b site) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

var v1 = site{"index.html": strings.Repeat("home ", 500), "en/index.html": "english", "css/site.css": "body{}", "old.txt": "going away"}
var v2 = site{"index.html": strings.Repeat("home ", 500), "en/index.html": "english, updated", "css/site.css": "body{}", "new.txt": "brand new"}

func sync1(t *testing.T, url, dest string) (Report, error) {
	return Sync(context.Background(), url, dest, Options{Retries: 1, Timeout: 5 * time.Second})
}

func TestFirstNoopAndPartialSync(t *testing.T) {
	s, url := newServer(t, v1)
	dest := filepath.Join(t.TempDir(), "copy")
	rep, err := sync1(t, url, dest)
	if err != nil || rep.Downloaded != 4 || !same(tree(t, dest), v1) {
		t.Fatalf("first sync: %+v %v", rep, err)
	}
	s.reset()
	rep, err = sync1(t, url, dest)
	if err != nil || !rep.Unchanged {
		t.Fatalf("no-op sync: %+v %v", rep, err)
	}
	if r := s.reset(); len(r) != 1 || r[0] != ManifestName {
		t.Errorf("no-op sync requested %v; want only the manifest", r)
	}
	s.files, s.manifest = v2, v2.manifest()
	rep, err = sync1(t, url, dest)
	if err != nil || !same(tree(t, dest), v2) || rep.Removed != 1 {
		t.Fatalf("update: %+v %v", rep, err)
	}
	got := s.reset()
	if len(got) != 3 { // manifest, en/index.html, new.txt
		t.Errorf("update fetched %v; want only the manifest and the two changed files", got)
	}
}

func TestInterruptedSyncLeavesDestAndResumes(t *testing.T) {
	s, url := newServer(t, v1)
	dest := filepath.Join(t.TempDir(), "copy")
	if _, err := sync1(t, url, dest); err != nil {
		t.Fatal(err)
	}
	big := site{"index.html": strings.Repeat("new home ", 5000), "en/index.html": "english 2", "css/site.css": "body{color:red}", "a/b/c.txt": "deep"}
	s.files, s.manifest = big, big.manifest()
	s.cut = "index.html"
	if _, err := sync1(t, url, dest); err == nil {
		t.Fatal("a cut connection should fail the sync")
	}
	if !same(tree(t, dest), v1) {
		t.Fatal("after an interrupted sync the copy is not the old site")
	}
	s.reset()
	s.cut = ""
	if _, err := sync1(t, url, dest); err != nil {
		t.Fatal(err)
	}
	if !same(tree(t, dest), big) {
		t.Fatal("resumed sync did not produce the new site")
	}
	for _, r := range s.reset() {
		if r != ManifestName && r != "index.html" {
			t.Errorf("resumed sync fetched %s again although it was verified", r)
		}
	}
}

func TestCorruptFileFailsAndLeavesDest(t *testing.T) {
	s, url := newServer(t, v1)
	dest := filepath.Join(t.TempDir(), "copy")
	sync1(t, url, dest)
	s.files, s.manifest = v2, v2.manifest()
	s.corrupt = "new.txt"
	_, err := sync1(t, url, dest)
	if err == nil || !strings.Contains(err.Error(), "does not match its SHA-256") || !strings.Contains(err.Error(), "new.txt") {
		t.Fatalf("want a clear hash error naming the file, got %v", err)
	}
	if !same(tree(t, dest), v1) {
		t.Fatal("a failed sync changed the copy")
	}
}

func TestMaliciousManifestsRefused(t *testing.T) {
	for _, bad := range []string{"/etc/passwd", "../outside", "a/../../x", "a\\b", "", "a//b", "./a", "C:/x", "mirror.json"} {
		m := []byte(`{"name":"x","version":"1","files":[{"path":` + quote(bad) + `,"size":1,"sha256":"` + strings.Repeat("a", 64) + `"}]}`)
		if _, err := ParseManifest(m, 0); err == nil {
			t.Errorf("path %q accepted", bad)
		}
	}
	dup := []byte(`{"files":[{"path":"a","size":1,"sha256":"` + strings.Repeat("a", 64) + `"},{"path":"a","size":1,"sha256":"` + strings.Repeat("a", 64) + `"}]}`)
	if _, err := ParseManifest(dup, 0); err == nil {
		t.Error("duplicate accepted")
	}
	fileAndDir := []byte(`{"files":[{"path":"a","size":1,"sha256":"` + strings.Repeat("a", 64) + `"},{"path":"a/b","size":1,"sha256":"` + strings.Repeat("a", 64) + `"}]}`)
	if _, err := ParseManifest(fileAndDir, 0); err == nil {
		t.Error("a path that is both file and folder accepted")
	}
	// served by a site: nothing is written outside dest
	s, url := newServer(t, v1)
	s.manifest = []byte(`{"files":[{"path":"../escape.txt","size":4,"sha256":"` + strings.Repeat("a", 64) + `"}]}`)
	root := t.TempDir()
	if _, err := sync1(t, url, filepath.Join(root, "copy")); err == nil {
		t.Fatal("malicious manifest synced")
	}
	if _, err := os.Stat(filepath.Join(root, "escape.txt")); err == nil {
		t.Fatal("a file was written outside the copy")
	}
}

func quote(s string) string {
	b := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
	return `"` + b + `"`
}

func TestRedirectToAnotherHostRefused(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(v1.manifest()) }))
	defer other.Close()
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	redirector := httptest.NewServer(http.RedirectHandler(otherURL+"/mirror.json", http.StatusFound))
	defer redirector.Close()
	_, err := sync1(t, redirector.URL+"/", filepath.Join(t.TempDir(), "copy"))
	if err == nil || !strings.Contains(err.Error(), "another host") {
		t.Fatalf("want a refused redirect, got %v", err)
	}
}

func TestLocalFolderSourceAndLinksRefused(t *testing.T) {
	src := t.TempDir()
	for p, c := range v1 {
		os.MkdirAll(filepath.Dir(filepath.Join(src, p)), 0o755)
		os.WriteFile(filepath.Join(src, p), []byte(c), 0o644)
	}
	os.WriteFile(filepath.Join(src, ManifestName), v1.manifest(), 0o644)
	dest := filepath.Join(t.TempDir(), "copy")
	if _, err := sync1(t, src, dest); err != nil || !same(tree(t, dest), v1) {
		t.Fatalf("local sync: %v", err)
	}
	os.Remove(filepath.Join(src, "old.txt"))
	os.Symlink("/etc/hostname", filepath.Join(src, "old.txt"))
	dest2 := filepath.Join(t.TempDir(), "copy2")
	if _, err := sync1(t, src, dest2); err == nil || !strings.Contains(err.Error(), "links are refused") {
		t.Fatalf("want the link refused, got %v", err)
	}
}

func TestManifestAndZipDeterministic(t *testing.T) {
	files := []File{{"b", 1, strings.Repeat("b", 64)}, {"a", 1, strings.Repeat("a", 64)}}
	m1, _ := NewManifest("x", files).Marshal()
	m2, _ := NewManifest("x", []File{files[1], files[0]}).Marshal()
	if !bytes.Equal(m1, m2) {
		t.Error("manifest depends on input order")
	}
	zf := []ZipFile{{"en/index.html", []byte("hello")}, {"a.css", []byte("body{}")}}
	var z1, z2 bytes.Buffer
	when := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	WriteZip(&z1, zf, "site/", when)
	WriteZip(&z2, []ZipFile{zf[1], zf[0]}, "site/", when)
	if !bytes.Equal(z1.Bytes(), z2.Bytes()) {
		t.Error("zip depends on input order")
	}
	r, err := zip.NewReader(bytes.NewReader(z1.Bytes()), int64(z1.Len()))
	if err != nil || len(r.File) != 2 || r.File[0].Name != "site/a.css" {
		t.Fatalf("zip contents: %v", err)
	}
}

var _ net.Conn // the cut connection uses the hijacked net.Conn
