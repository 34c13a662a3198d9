package chart_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/markdown/chart"
	"github.com/oersite/oersite/generator/internal/markdown/container"
)

var files = map[string]string{
	"literacy.csv": "Country,Fairly digitally literate\nUnited Kingdom,41.5\nIceland,65\nBelgium,\"33,4\"\nSpain,13\nBulgaria,6\n",
	"two.json": `{"type": "grouped", "unit": "%", "source": {"en": "Eurostat", "it": "Eurostat (fonte)"}, "x": {"en": "Country", "it": "Paese"},
	 "categories": [{"en": "Iceland", "it": "Islanda"}, "Spain"],
	 "series": [{"name": {"en": "Aged 55–74", "it": "55-74 anni"}, "values": [65, 13]}, {"name": "Aged 16–24", "values": [99, null]}]}`,
	"years.csv": "Year,Online,Shopping online\n2019,50,20\n2020,60,30\n2021,70,45\n",
	"bad.csv":   "Country,Share\nIceland,lots\n",
}

func render(t *testing.T, lang, src string) markdown.Result {
	t.Helper()
	md := markdown.New(markdown.Options{Kinds: []container.Kind{chart.Kind()}})
	return md.Render(markdown.Doc{File: "content/" + lang + "/skills/index.md", BodyLine: 5, Source: []byte(src), Lang: lang,
		ReadFile: func(name string) ([]byte, error) {
			if s, ok := files[name]; ok {
				return []byte(s), nil
			}
			return nil, errors.New(name + ": no such file in the page's folder")
		}})
}

// TestBarChart: a CSV becomes a figure with its title as caption, an SVG
// named by the title and described by every value, one bar per category
// sized in percent of the longest, values written beside the bars, the
// data table in a disclosure and the source.
func TestBarChart(t *testing.T) {
	res := render(t, "en", ":::chart Fairly digitally literate, aged 55–74\ndata: literacy.csv\nunit: %\nsource: Eurostat, as cited by the project\ndate: 2019\n:::\n")
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	h := string(res.HTML)
	for _, w := range []string{
		`<figure class="chart chart-bar" id="chart-1">`,
		`<figcaption class="chart-title">Fairly digitally literate, aged 55–74</figcaption>`,
		`role="img" aria-labelledby="chart-1-t chart-1-d"`,
		`<title id="chart-1-t">Fairly digitally literate, aged 55–74</title>`,
		`<desc id="chart-1-d">United Kingdom: 41.5%; Iceland: 65%; Belgium: 33.4%; Spain: 13%; Bulgaria: 6%</desc>`,
		`width="78.00%"`, // Iceland, the largest
		`>41.5%</text>`,
		`<details class="chart-data"><summary>Show the figures as a table</summary>`,
		`<th scope="col">Country</th><th scope="col">Fairly digitally literate</th>`,
		`<tr><th scope="row">Bulgaria</th><td>6%</td></tr>`,
		`<p class="chart-source">Source: Eurostat, as cited by the project, 2019</p>`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("missing %q in\n%s", w, h)
		}
	}
	if strings.Contains(h, "data: literacy.csv") || strings.Contains(h, "<script") {
		t.Error("the settings or a script reached the page")
	}
	if n := strings.Count(h, "<rect x=\"0\""); n != 5 {
		t.Errorf("%d bars, want 5", n)
	}
	if len(res.Blocks) != 1 || res.Blocks[0].Data.(*chart.Chart).Series[0].Values[2] != 33.4 {
		t.Errorf("collected chart: %+v", res.Blocks)
	}
}

// TestGroupedChartTranslated: a JSON file's texts follow the page's
// language, numbers are written as the language writes them, a missing
// value is a dash, series differ by pattern and are named in a legend,
// and the description under the settings stays.
func TestGroupedChartTranslated(t *testing.T) {
	res := render(t, "it", ":::chart Due generazioni\ndata: two.json\n\nLe barre misurano cose diverse.\n:::\n")
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	h := string(res.HTML)
	for _, w := range []string{`chart chart-grouped`, `>Islanda</text>`, `<th scope="col">Paese</th>`, `<th scope="col">55-74 anni</th>`,
		`<td>–</td>`, `fill="url(#chart-1-p1)"`, `<ul class="chart-legend">`, `: Eurostat (fonte)`, `<p>Le barre misurano cose diverse.</p>`,
		`Islanda: 55-74 anni 65%, Aged 16–24 99%`} {
		if !strings.Contains(h, w) {
			t.Errorf("missing %q in\n%s", w, h)
		}
	}
	de := render(t, "de", ":::chart\ndata: literacy.csv\nunit: %\n:::\n")
	if !strings.Contains(string(de.HTML), "41,5\u00a0%") {
		t.Error("German numbers: want 41,5 % (decimal comma, space before %)")
	}
}

// TestLineChart: one line per series stretched to the width with
// non-scaling strokes, a marker per value, dashed lines and other marker
// shapes for the later series, a scale from zero to a round top.
func TestLineChart(t *testing.T) {
	res := render(t, "en", ":::chart Online, by year\ndata: years.csv\ntype: line\nunit: %\ny: Share of adults\n:::\n")
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	h := string(res.HTML)
	if n := strings.Count(h, "<polyline"); n != 2 {
		t.Errorf("%d lines, want 2", n)
	}
	for _, w := range []string{`vector-effect="non-scaling-stroke"`, `stroke-dasharray="8 5"`, `<circle r="5.5"`, `<rect x="-5" y="-5"`,
		`>100%</text>`, `>0%</text>`, `>2019</text>`, `>2021</text>`, `>Share of adults</text>`, `points="0.0,500.0 500.0,400.0 1000.0,300.0"`} {
		if !strings.Contains(h, w) {
			t.Errorf("missing %q", w)
		}
	}
}

// TestChartProblems: each problem is a warning at the block's line saying
// what to do, and the block keeps what the author wrote.
func TestChartProblems(t *testing.T) {
	for _, c := range []struct{ src, says string }{
		{":::chart\nNo settings here.\n:::\n", "chart without data"},
		{":::chart\ndata: missing.csv\n:::\n", "no such file"},
		{":::chart\ndata: bad.csv\n:::\n", `"lots" is not a number`},
		{":::chart\ndata: literacy.csv\ntype: pie\n:::\n", `type "pie" is not one of bar, grouped, line`},
		{":::chart\ndata: two.json\ntype: bar\n:::\n", "use type: grouped"},
		{":::chart\ndata: notes.txt\n:::\n", "no such file"},
	} {
		res := render(t, "en", "Intro.\n\n"+c.src)
		if len(res.Diags) != 1 || !strings.Contains(res.Diags[0].String(), c.says) || !strings.Contains(res.Diags[0].String(), "index.md:7") {
			t.Errorf("%q: want one warning at line 7 saying %q, got %v", c.src, c.says, res.Diags)
		}
		if !regexp.MustCompile(`<div class="chart chart-missing">`).Match(res.HTML) {
			t.Errorf("%q: not kept as a plain block:\n%s", c.src, res.HTML)
		}
	}
}

// TestChartTitleKeepsTypography: the typographer's apostrophes, quotes and
// dashes stay in the SVG's title as in the caption (they were dropped:
// "nell'ultima" became "nellultima" on the Italian page).
func TestChartTitleKeepsTypography(t *testing.T) {
	md := markdown.New(markdown.Options{Typographer: true, Kinds: []container.Kind{chart.Kind()}})
	res := md.Render(markdown.Doc{File: "content/it/skills/index.md", BodyLine: 5, Lang: "it",
		Source:   []byte(":::chart Online nell'ultima settimana -- \"giovani\" & *adulti*\ndata: literacy.csv\n:::\n"),
		ReadFile: func(name string) ([]byte, error) { return []byte(files[name]), nil }})
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	h := string(res.HTML)
	for _, w := range []string{
		`<figcaption class="chart-title">Online nell&rsquo;ultima settimana &ndash; &ldquo;giovani&rdquo; &amp; <em>adulti</em></figcaption>`,
		`<title id="chart-1-t">Online nell’ultima settimana – “giovani” &amp; adulti</title>`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("missing %q in\n%s", w, h)
		}
	}
}

// TestChartColonInThePagesLanguage: the colon between a label and its value
// comes from the strings (French puts a no-break space before it).
func TestChartColonInThePagesLanguage(t *testing.T) {
	md := markdown.New(markdown.Options{Kinds: []container.Kind{chart.Kind()}})
	labels := map[string]string{"punct.colon": "\u00a0: ", "chart.source": "Source"}
	res := md.Render(markdown.Doc{File: "content/fr/skills/index.md", BodyLine: 5, Lang: "fr",
		Source:   []byte(":::chart Compétences\ndata: literacy.csv\nunit: %\nsource: Eurostat\n:::\n"),
		Labels:   func(k string) string { return labels[k] },
		ReadFile: func(name string) ([]byte, error) { return []byte(files[name]), nil }})
	h := string(res.HTML)
	for _, w := range []string{"Iceland\u00a0: 65\u00a0%", "Source\u00a0: Eurostat"} {
		if !strings.Contains(h, w) {
			t.Errorf("missing %q in\n%s", w, h)
		}
	}
}
