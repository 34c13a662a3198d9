package importer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/officedoc"
	"github.com/oersite/oersite/generator/internal/scaffold"
	"github.com/oersite/oersite/generator/internal/site"
)

// WordOptions describe the import of one Word document (or OpenDocument
// text, LibreOffice's) as a page.
type WordOptions struct {
	// File is the .docx, .pptx or .odt (left unchanged).
	File string
	// Site is the oersite site folder; it must have its config.toml.
	Site string
	// Lang is the page's language ("": the site's default).
	Lang string
	// Section is the folder of the language's tree the page goes into
	// ("": the tree's root).
	Section string
	// Module, when set, makes the document a lesson of that module: a
	// file in the module's folder, numbered and weighted after its last
	// lesson, its pictures beside it (Section is then not used).
	Module string
}

// WordReport says what a Word import wrote and left out.
type WordReport struct {
	// Page is the page's file, from the site's folder.
	Page     string
	Title    string
	Pictures int
	// NoAlt counts pictures without a description; Left names what the
	// document holds and the page does not (diag.Phrased).
	NoAlt int
	Left  []error
}

// maxWordFile is the largest document read.
const maxWordFile = 512 << 20

// Word writes a Word document as a page bundle of the site: its folder
// (named from the document's file name) in the language's tree holds
// index.md and the pictures. An existing folder of that name is never
// replaced: the import is refused and nothing is written.
func Word(opt WordOptions) (*WordReport, error) {
	cfg, _, err := config.Load(filepath.Join(opt.Site, config.FileName), config.FileName)
	if err != nil {
		return nil, err
	}
	lang := opt.Lang
	if lang == "" {
		lang = cfg.DefaultLanguage
	}
	if _, ok := cfg.Languages[lang]; !ok {
		return nil, diag.Phrasef("%q is not a language of this site", lang)
	}
	doc, err := readWord(opt.File)
	if err != nil {
		return nil, err
	}
	stem := strings.TrimSuffix(filepath.Base(opt.File), filepath.Ext(opt.File))
	name := firstNonEmpty(asciiName(stem), asciiName(doc.Title))
	if opt.Module != "" {
		return wordLesson(opt.Site, filepath.Join(opt.Site, "content", lang), firstNonEmpty(name, "lesson"), opt.Module, doc)
	}
	if name == "" { // a name in another script (Cyrillic, Greek): kept, as the site's addresses allow
		if name, err = site.Slugify(stem); err != nil {
			name = "document"
		}
	}
	section := filepath.FromSlash(strings.Trim(opt.Section, "/"))
	if !filepath.IsLocal(section) && section != "" {
		return nil, diag.Phrasef("%s is not a folder inside the language's pages", opt.Section)
	}
	tree := filepath.Join(opt.Site, "content", lang, section)
	dest := filepath.Join(tree, name)
	if _, err := os.Lstat(dest); !errors.Is(err, fs.ErrNotExist) {
		return nil, diag.Phrasef("%s already exists: rename the document, or move that folder away", filepath.ToSlash(dest))
	}
	if err := writeBundle(tree, dest, doc); err != nil {
		return nil, err
	}
	rel, _ := filepath.Rel(opt.Site, filepath.Join(dest, "index.md"))
	return &WordReport{Page: filepath.ToSlash(rel), Title: doc.Title, Pictures: len(doc.Pictures), NoAlt: doc.NoAlt, Left: doc.Left}, nil
}

// wordLesson writes the document as the module's next lesson, where
// `oersite new lesson` would put it (scaffold.Target), its pictures beside
// it under names no other file has. Nothing is replaced; a failure removes
// what this import wrote.
func wordLesson(siteDir, langDir, name, module string, doc *officedoc.Document) (*WordReport, error) {
	rel, weight, err := scaffold.Target(langDir, "lesson", name, module)
	if err != nil {
		return nil, err
	}
	page := filepath.Join(langDir, filepath.FromSlash(rel))
	dir := filepath.Dir(page)
	md := string(doc.Markdown)
	var written []string
	undo := func() {
		for _, f := range written {
			os.Remove(f)
		}
	}
	for _, p := range doc.Pictures {
		target := freeFile(dir, p.Name)
		if err := writeNew(target, p.Data); err != nil {
			undo()
			return nil, err
		}
		written = append(written, target)
		if n := filepath.Base(target); n != p.Name {
			md = strings.ReplaceAll(md, "]("+p.Name+")", "]("+n+")")
		}
	}
	if err := writeNew(page, []byte(wordFront(doc, weight)+"\n"+md)); err != nil {
		undo()
		if errors.Is(err, fs.ErrExist) {
			return nil, diag.Phrasef("%s already exists: rename the document, or move that folder away", filepath.ToSlash(page))
		}
		return nil, err
	}
	relPage, _ := filepath.Rel(siteDir, page)
	return &WordReport{Page: filepath.ToSlash(relPage), Title: doc.Title, Pictures: len(doc.Pictures), NoAlt: doc.NoAlt, Left: doc.Left}, nil
}

// wordFront is a Word page's front matter: its title, summary and
// keywords when the document has them, and a lesson's weight (0: none).
// A page without a title gets none: check names it, and the file name
// stands in.
func wordFront(doc *officedoc.Document, weight int) string {
	var b strings.Builder
	if doc.Title != "" {
		b.WriteString("title: " + quote(doc.Title) + "\n")
	}
	if doc.Summary != "" {
		b.WriteString("summary: " + quote(doc.Summary) + "\n")
	}
	if len(doc.Keywords) > 0 {
		q := make([]string, len(doc.Keywords))
		for i, k := range doc.Keywords {
			q[i] = quote(k)
		}
		b.WriteString("keywords: [" + strings.Join(q, ", ") + "]\n")
	}
	if weight > 0 {
		b.WriteString("weight: " + strconv.Itoa(weight) + "\n")
	}
	if b.Len() == 0 {
		return ""
	}
	return "---\n" + b.String() + "---\n"
}

// freeFiles are the paths in dir that names (files to write there) take:
// each its own name, or name-2.ext... when a file of dir has its stem
// (its name without the extension), the same number for every name of one
// stem. A video's captions and poster (reply.vtt, reply.jpg beside
// reply.mp4) are found by its stem: a video renamed alone, or a stem
// shared with a file already there, would pair it with another's captions
// or poster, or with none.
func freeFiles(dir string, names []string) []string {
	used := map[string]bool{} // the stems of dir's files, and those taken
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		used[stemOf(e.Name())] = true
	}
	taken := map[string]string{} // a name's stem -> the stem it takes
	out := make([]string, len(names))
	for i, name := range names {
		stem := stemOf(name)
		to, ok := taken[stem]
		if !ok {
			to = stem
			for n := 2; used[to]; n++ {
				to = stem + "-" + strconv.Itoa(n)
			}
			used[to], taken[stem] = true, to
		}
		out[i] = filepath.Join(dir, to+filepath.Ext(name))
	}
	return out
}

// stemOf is a file's name without its extension.
func stemOf(name string) string { return strings.TrimSuffix(name, filepath.Ext(name)) }

// freeFile is dir/name, or dir/name-2.ext... when a file of dir has its
// stem (see freeFiles).
func freeFile(dir, name string) string { return freeFiles(dir, []string{name})[0] }

// writeNew writes a file that must not exist yet.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// asciiName is a file or folder name made from s: lower case, Latin
// letters without their accents (é is e, ß ss), digits, words joined by
// dashes; "" when s has none of them.
func asciiName(s string) string {
	s = strings.NewReplacer("ß", "ss", "æ", "ae", "Æ", "ae", "ø", "o", "Ø", "o", "œ", "oe", "Œ", "oe", "ð", "d", "þ", "th", "ł", "l", "Ł", "l").Replace(s)
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r): // an accent, once decomposed
		default:
			dash = true
		}
	}
	return strings.TrimSuffix(b.String()[:min(b.Len(), 80)], "-")
}

// readFile opens a document of at most max bytes and reads it with read,
// which says what the file is not when it fails.
func readFile[T any](file string, max int64, read func(f *os.File, size int64) (T, error)) (T, error) {
	var none T
	f, err := os.Open(file)
	if err != nil {
		return none, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return none, err
	}
	if st.Size() > max {
		return none, diag.Phrasef("%s is larger than %d MB", file, max>>20)
	}
	return read(f, st.Size())
}

// readWord reads the document file.
func readWord(file string) (*officedoc.Document, error) {
	doc, err := readFile(file, maxWordFile, func(f *os.File, size int64) (*officedoc.Document, error) {
		doc, err := officedoc.Read(f, size)
		if err != nil {
			return nil, diag.Phrasef("%s cannot be read as a Word document (.docx), PowerPoint slides (.pptx) or an OpenDocument text (.odt, .odp): %v", file, err)
		}
		return doc, nil
	})
	if err != nil {
		return nil, err
	}
	if len(doc.Markdown) == 0 && doc.Title == "" {
		return nil, diag.Phrasef("%s holds no text", file)
	}
	return doc, nil
}

// writeBundle writes the page and its pictures into a folder beside dest,
// then renames it to dest: a failed import leaves nothing behind.
func writeBundle(tree, dest string, doc *officedoc.Document) error {
	return stageFolder(tree, dest, func(out *os.Root) error {
		if err := out.WriteFile("index.md", []byte(wordFront(doc, 0)+"\n"+string(doc.Markdown)), 0o644); err != nil {
			return err
		}
		for _, p := range doc.Pictures {
			if err := out.WriteFile(p.Name, p.Data, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}

// stageFolder writes a new folder through write into a folder beside dest
// (in parent), then renames it to dest; a failure leaves nothing behind.
// The names write uses come from hostile files: out keeps them inside.
func stageFolder(parent, dest string, write func(out *os.Root) error) error {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(parent, ".oersite-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	out, err := os.OpenRoot(stage)
	if err != nil {
		return err
	}
	defer out.Close()
	if err := write(out); err != nil {
		return err
	}
	if err := os.Chmod(stage, 0o755); err != nil { // a temporary folder is the owner's only
		return err
	}
	return os.Rename(stage, dest)
}
