package authorwords

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// diagCallers are the functions that make a diagnostic from a hint and a
// message format: diag.Errorf and diag.Warnf, and the stages' wrappers of
// them (a check's bad, a reader's errorf, a Markdown extension's warn); and
// the import report's note, which keeps its format to be said the same way;
// content's corrected, a TOML mistake's format with its hint; and
// htmltext's LeftOut, given the hint for a control character.
var diagCallers = map[string]bool{
	"Errorf": true, "Warnf": true, "Warn": true, "warn": true, "warnNamed": true,
	"bad": true, "errf": true, "warnf": true, "errorf": true, "Hintf": true,
	"note": true, "corrected": true, "LeftOut": true,
}

// sourceString is a hint or message format found in oersite's code, with
// where it is (for translators and for the test's messages).
type sourceString struct {
	text, at string
	// one is the English singular of a sentence about a count
	// (diag.Phrases.Countf, whose plural is text): its translation may be
	// a table of plural forms.
	one string
}

// diagStrings reads oersite's Go sources (not tests) and returns the hints
// and message formats they give diagnostics as literals: the string
// arguments holding a space or a verb of calls to diagCallers (literals or
// string constants), the hint and
// format of check tables written as rows {key, hint, format, ...}, and the
// Kind and Hint of diagnostics written out field by field (or the format
// and hint of an error that becomes one, such as content's fmError). Texts built at
// run time (a parser's error, a list of allowed values) are not found here
// and stay English.
func diagStrings(t *testing.T) []sourceString {
	t.Helper()
	root := filepath.Join("..")
	fset := token.NewFileSet()
	found, ones := map[string]string{}, map[string]string{}
	phrase := func(s string, pos token.Pos) {
		if _, ok := found[s]; !ok {
			p := fset.Position(pos)
			rel, _ := filepath.Rel(root, p.Filename)
			found[s] = filepath.ToSlash(rel) + ":" + strconv.Itoa(p.Line)
		}
	}
	add := func(s string, pos token.Pos) {
		if strings.ContainsAny(s, " %") {
			phrase(s, pos)
		}
	}
	type source struct {
		pkg  string
		file *ast.File
	}
	var files []source
	consts := map[string]string{} // "pkg.Name" -> value
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files = append(files, source{f.Name.Name, f})
		for name, v := range stringConsts(f) {
			consts[f.Name.Name+"."+name] = v
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range files {
		ast.Inspect(src.file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if src.pkg == "cli" {
					if help, ok := flagHelp(n, src.pkg, consts); ok {
						phrase(help, n.Pos())
						return true
					}
					if line, ok := usageLine(n); ok {
						phrase(line, n.Pos())
						return true
					}
				}
				if key, one, ok := phraseCall(n); ok {
					phrase(key, n.Pos())
					if one != "" {
						ones[key] = one
					}
					return true
				}
				if !diagCall(n) {
					return true
				}
				for _, a := range n.Args {
					s, ok := literal(a)
					if !ok {
						s = constant(a, src.pkg, consts)
					}
					if s == "" {
						continue
					}
					add(s, a.Pos())
					if v, _ := diag.Verbs(s); len(v) > 0 {
						break // the format: what follows are its arguments
					}
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "command" && src.pkg == "cli" && len(n.Elts) > 0 {
					if s, ok := literal(n.Elts[0]); ok {
						phrase(s, n.Pos()) // a command's summary in oersite's help
					}
					return true
				}
				if f, ok := phrasedFormat(n); ok {
					phrase(f, n.Pos())
					return true
				}
				diagRow(n, add)
			}
			return true
		})
	}
	out := make([]sourceString, 0, len(found))
	for s, at := range found {
		out = append(out, sourceString{s, at, ones[s]})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].at < out[j].at || out[i].at == out[j].at && out[i].text < out[j].text
	})
	return out
}

// diagRow adds the hint and format of a table row {key, hint, format, ...}
// (the config's privacy rules) and of a diagnostic written field by field.
func diagRow(c *ast.CompositeLit, add func(string, token.Pos)) {
	if len(c.Elts) >= 4 {
		_, k := literal(c.Elts[0])
		h, okh := literal(c.Elts[1])
		_, hintf := c.Elts[1].(*ast.CallExpr) // diag.Hintf(...), found as a call
		m, okm := literal(c.Elts[2])
		if k && (okh && strings.Contains(h, " ") || hintf) && okm && strings.Contains(m, " ") && !strings.ContainsAny(m[:1], "0123456789") {
			if okh {
				add(h, c.Elts[1].Pos())
			}
			add(m, c.Elts[2].Pos())
			return
		}
	}
	for _, e := range c.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok && (id.Name == "Kind" || id.Name == "Hint" || id.Name == "hint" || id.Name == "format") {
			if s, ok := literal(kv.Value); ok {
				add(s, kv.Value.Pos())
			}
		}
	}
}

// phraseCall reads a call of diag.Phrases' Sayf(format, ...) or
// Countf(n, one, other, ...), or of diag.Phrasef(format, ...): the key is
// the format (the plural, other, for Countf), given as a literal.
func phraseCall(c *ast.CallExpr) (key, one string, ok bool) {
	f, isSel := c.Fun.(*ast.SelectorExpr)
	switch {
	case !isSel:
		return "", "", false
	case (f.Sel.Name == "Sayf" || f.Sel.Name == "Phrasef") && len(c.Args) >= 1:
		key, ok = literal(c.Args[0])
		return key, "", ok
	case f.Sel.Name == "Countf" && len(c.Args) >= 3:
		one, ok1 := literal(c.Args[1])
		key, ok2 := literal(c.Args[2])
		return key, one, ok1 && ok2
	}
	return "", "", false
}

// flagHelp is the help text of a command-line flag defined on the
// command's flag set (fs.String(name, value, help), fs.Var(v, name,
// help)...), which the help translates when it prints it.
func flagHelp(c *ast.CallExpr, pkg string, consts map[string]string) (string, bool) {
	f, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	if x, ok := f.X.(*ast.Ident); !ok || x.Name != "fs" || len(c.Args) != 3 {
		return "", false
	}
	switch f.Sel.Name {
	case "String", "Bool", "Int", "Duration", "Var":
	default:
		return "", false
	}
	if s, ok := literal(c.Args[2]); ok {
		return s, true
	}
	s := constant(c.Args[2], pkg, consts)
	return s, s != ""
}

// usageLine is a command's usage line, given to newFlags, which its help
// says whole in the author's words (placeholders such as DIR too).
func usageLine(c *ast.CallExpr) (string, bool) {
	if f, ok := c.Fun.(*ast.Ident); !ok || f.Name != "newFlags" || len(c.Args) != 3 {
		return "", false
	}
	return literal(c.Args[2])
}

// phrasedFormat is the Format of a diag.Phrased error written out.
func phrasedFormat(c *ast.CompositeLit) (string, bool) {
	t, ok := c.Type.(*ast.SelectorExpr)
	if !ok || t.Sel.Name != "Phrased" {
		return "", false
	}
	for _, e := range c.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Format" {
				return literal(kv.Value)
			}
		}
	}
	return "", false
}

func diagCall(c *ast.CallExpr) bool {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return diagCallers[f.Name]
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && (f.Sel.Name == "Errorf" || f.Sel.Name == "Warnf") {
			return x.Name == "diag"
		}
		return diagCallers[f.Sel.Name]
	}
	return false
}

// constant is the value of a string constant named by e: Name in package
// pkg, or pkg.Name of another package.
func constant(e ast.Expr, pkg string, consts map[string]string) string {
	switch v := e.(type) {
	case *ast.Ident:
		return consts[pkg+"."+v.Name]
	case *ast.SelectorExpr:
		if x, ok := v.X.(*ast.Ident); ok {
			return consts[x.Name+"."+v.Sel.Name]
		}
	}
	return ""
}

// stringConsts maps the names of a file's string constants (at any level)
// to their values, for hints named once and given to several diagnostics.
func stringConsts(f *ast.File) map[string]string {
	out := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		if d, ok := n.(*ast.GenDecl); ok && d.Tok == token.CONST {
			for _, spec := range d.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						if s, ok := literal(vs.Values[i]); ok {
							out[name.Name] = s
						}
					}
				}
			}
		}
		return true
	})
	return out
}

// literal is the value of a string literal or a concatenation of them.
func literal(e ast.Expr) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := literal(v.X)
		b, ok2 := literal(v.Y)
		return a + b, ok1 && ok2 && v.Op == token.ADD
	case *ast.ParenExpr:
		return literal(v.X)
	}
	return "", false
}

// TestWriteDiagTemplate writes the English strings as a translation
// template when OERSITE_DIAG_TEMPLATE names a file (for a new language).
func TestWriteDiagTemplate(t *testing.T) {
	out := os.Getenv("OERSITE_DIAG_TEMPLATE")
	if out == "" {
		t.Skip("OERSITE_DIAG_TEMPLATE not set")
	}
	var b strings.Builder
	for _, s := range diagStrings(t) {
		b.WriteString("\n# " + s.at + "\n" + strconv.Quote(s.text) + " = ")
		if s.one != "" { // a sentence about a count: its plural forms
			b.WriteString("{ one = " + strconv.Quote(s.one) + ", other = " + strconv.Quote(s.text) + " }\n")
			continue
		}
		b.WriteString(strconv.Quote(s.text) + "\n")
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDiagnosticsTranslatedInEveryLanguage: every language of the authors'
// words has diag/<lang>.toml translating every hint and message format
// found in oersite's code, no other, with the same verbs (an explicit
// index may reorder them).
func TestDiagnosticsTranslatedInEveryLanguage(t *testing.T) {
	want := diagStrings(t)
	if len(want) < 300 {
		t.Fatalf("found %d hints and formats in oersite's code; the finder lost its way", len(want))
	}
	c, err := Load() // the words as oersite reads them
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range c.langs[1:] {
		file := "diag/" + lang + ".toml"
		m, ok := c.diags[lang]
		if !ok {
			t.Errorf("%s is missing (write it from OERSITE_DIAG_TEMPLATE, see TestWriteDiagTemplate)", file)
			continue
		}
		for _, s := range want {
			forms, plural := c.plurals[lang][s.text]
			tr, plain := m[s.text]
			switch {
			case plural && s.one == "":
				t.Errorf("%s: %q counts nothing: translate it as a string, not plural forms (%s)", file, s.text, s.at)
			case plural:
				for f, tr := range forms {
					sameVerbs(t, file+" ("+f+")", s.text, tr)
				}
			case !plain || strings.TrimSpace(tr) == "":
				t.Errorf("%s: no translation of %q (%s)", file, s.text, s.at)
			default:
				sameVerbs(t, file, s.text, tr)
			}
			if s.one != "" {
				sameVerbs(t, "English's singular", s.text, s.one)
			}
		}
		found := map[string]bool{}
		for _, s := range want {
			found[s.text] = true
		}
		for _, keys := range []iter.Seq[string]{maps.Keys(m), maps.Keys(c.plurals[lang])} {
			for k := range keys {
				if !found[k] {
					t.Errorf("%s: %q is no longer in oersite's code: remove it", file, k)
				}
			}
		}
	}
}

// sameVerbs fails when a translation's verbs (%s, %d...) differ from its
// English's: an explicit index may reorder them.
func sameVerbs(t *testing.T, file, english, tr string) {
	t.Helper()
	v1, ok1 := diag.Verbs(english)
	v2, ok2 := diag.Verbs(tr)
	if !ok1 || !ok2 || !slices.Equal(v1, v2) {
		t.Errorf("%s: %q has verbs %v, English %q has %v", file, tr, v2, english, v1)
	}
}
