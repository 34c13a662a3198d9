package chart

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"maps"
)

// Limits of one chart.
const (
	maxCategories = 60
	maxSeries     = 8
	maxText       = 200
)

// text is a label as a JSON data file writes it: a string, or texts by
// language.
type text map[string]string

// UnmarshalJSON reads a string or an object of strings.
func (t *text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = text{"": s}
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return errors.New(`a label is a string or an object of strings by language ({"en": "...", "it": "..."})`)
	}
	*t = m
	return nil
}

// in returns the text for a language: its own, else English, else the
// one written without a language, else the first by language code.
func (t text) in(lang string) string {
	for _, k := range []string{lang, "en", ""} {
		if s, ok := t[k]; ok {
			return s
		}
	}
	keys := slices.Sorted(maps.Keys(t))
	if len(keys) == 0 {
		return ""
	}
	return t[keys[0]]
}

// jsonFile is a chart's JSON data file.
type jsonFile struct {
	Type       string `json:"type"`
	Title      text   `json:"title"`
	Unit       string `json:"unit"`
	Source     text   `json:"source"`
	Date       string `json:"date"`
	X          text   `json:"x"`
	Y          text   `json:"y"`
	Categories []text `json:"categories"`
	Series     []struct {
		Name   text       `json:"name"`
		Values []*float64 `json:"values"` // null: missing
	} `json:"series"`
}

// load reads a chart's data file, by its extension, in a language.
func load(name string, data []byte, lang string) (*Chart, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return loadJSON(data, lang)
	case ".csv":
		return loadCSV(data)
	}
	return nil, fmt.Errorf("%s: a chart reads .csv or .json files", name)
}

func loadJSON(data []byte, lang string) (*Chart, error) {
	var f jsonFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("the JSON does not read as a chart: %v", err)
	}
	c := &Chart{Type: f.Type, Title: f.Title.in(lang), Unit: f.Unit, Source: f.Source.in(lang), Date: f.Date, X: f.X.in(lang), Y: f.Y.in(lang)}
	for _, t := range f.Categories {
		c.Categories = append(c.Categories, t.in(lang))
	}
	for _, s := range f.Series {
		vals := make([]float64, len(s.Values))
		for i, v := range s.Values {
			vals[i] = math.NaN()
			if v != nil {
				vals[i] = *v
			}
		}
		c.Series = append(c.Series, Series{Name: s.Name.in(lang), Values: vals})
	}
	return c, nil
}

// loadCSV reads a table: the header names what the categories are, then
// the series; each row is a category and its values. Empty cells are
// missing values; "41.5", "41,5" and "41.5%" are numbers.
func loadCSV(data []byte) (*Chart, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("the CSV does not read: %v", err)
	}
	if len(rows) < 2 || len(rows[0]) < 2 {
		return nil, errors.New("the CSV needs a header (what the rows are, then one column per series) and at least one row")
	}
	c := &Chart{X: strings.TrimSpace(rows[0][0])}
	for _, h := range rows[0][1:] {
		c.Series = append(c.Series, Series{Name: strings.TrimSpace(h)})
	}
	for i, row := range rows[1:] {
		if len(row) != len(rows[0]) {
			return nil, fmt.Errorf("row %d has %d cells, the header %d", i+2, len(row), len(rows[0]))
		}
		c.Categories = append(c.Categories, strings.TrimSpace(row[0]))
		for j, cell := range row[1:] {
			v, err := number(cell)
			if err != nil {
				return nil, fmt.Errorf("row %d, column %d: %v", i+2, j+2, err)
			}
			c.Series[j].Values = append(c.Series[j].Values, v)
		}
	}
	return c, nil
}

// number reads a cell: empty is missing (NaN).
func number(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return math.NaN(), nil
	}
	if !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// check reports what makes a chart impossible to draw well.
func (c *Chart) check() error {
	switch c.Type {
	case Bar, Grouped, Line:
	default:
		return fmt.Errorf("type %q is not one of bar, grouped, line", c.Type)
	}
	if len(c.Categories) == 0 || len(c.Series) == 0 {
		return errors.New("the data has no categories or no series")
	}
	if len(c.Categories) > maxCategories || len(c.Series) > maxSeries {
		return fmt.Errorf("at most %d categories and %d series make a readable chart", maxCategories, maxSeries)
	}
	if c.Type == Bar && len(c.Series) > 1 {
		return fmt.Errorf("a bar chart shows one series; this data has %d: use type: grouped", len(c.Series))
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Categories) {
			return fmt.Errorf("series %q has %d values for %d categories", s.Name, len(s.Values), len(c.Categories))
		}
		for _, v := range s.Values {
			if v < 0 {
				return errors.New("negative values are not drawn yet")
			}
		}
	}
	for _, t := range append(append([]string{c.Title, c.X, c.Y, c.Source}, c.Categories...), names(c.Series)...) {
		if len([]rune(t)) > maxText {
			return fmt.Errorf("label %.40q… is longer than %d characters", t, maxText)
		}
	}
	return nil
}

func names(ss []Series) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return out
}

// Max is the largest value of the chart (0 when there is none).
func (c *Chart) Max() float64 {
	m := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && v > m {
				m = v
			}
		}
	}
	return m
}
