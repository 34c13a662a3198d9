package cartridge

import (
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strings"
)

// A picture's, video's or sound's own rights in an H5P content (its
// title, authors, year, licence and original, what H5P's "Rights of use"
// lists) become a credit line under it, so that the module keeps the
// attribution its licence asks for; rights oersite does not know as an
// open licence are named after the import (Course.Credits).

// h5pRights is what H5P says of a content's or a file's rights: a
// content's "metadata" (H5P 1.19 on) or a file's "copyright" (before);
// each names the same things differently.
type h5pRights struct {
	Title          string      `json:"title"`
	Authors        []h5pAuthor `json:"authors"` // metadata
	Author         string      `json:"author"`  // copyright
	YearFrom       h5pText     `json:"yearFrom"`
	YearTo         h5pText     `json:"yearTo"`
	Year           h5pText     `json:"year"`
	Source         string      `json:"source"`
	License        string      `json:"license"`
	LicenseVersion string      `json:"licenseVersion"`
	Version        string      `json:"version"`
}

// Credit is a picture's, video's or sound's own licence in a course (as
// written, "CC BY-SA 3.0"), named by what it is (its title or file name).
type Credit struct {
	What, Rights string
}

// h5pText is a text H5P writes as a string or, in some files, a number
// (a year); "" when it is neither.
type h5pText string

// UnmarshalJSON reads a string or a number.
func (t *h5pText) UnmarshalJSON(data []byte) error {
	var s string
	if json.Unmarshal(data, &s) == nil {
		*t = h5pText(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if json.Unmarshal(data, &n) == nil {
		*t = h5pText(n.String())
	}
	return nil
}

// said says whether the rights say anything: a licence other than
// undisclosed, an author or an original.
func (r h5pRights) said() bool {
	return h5pLicence(r.License, r.version()) != "" || len(r.authors()) > 0 || strings.TrimSpace(r.Source) != ""
}

func (r h5pRights) version() string { return firstNonEmpty(r.LicenseVersion, r.Version) }

// authors are the rights' authors' names, each once.
func (r h5pRights) authors() []string {
	var out []string
	for _, n := range append([]string{r.Author}, namesOf(r.Authors)...) {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func namesOf(authors []h5pAuthor) []string {
	out := make([]string, len(authors))
	for i, a := range authors {
		out[i] = a.Name
	}
	return out
}

// year is when the work was made: "2019", "2015–2019".
func (r h5pRights) year() string {
	from, to := strings.TrimSpace(string(r.YearFrom)), strings.TrimSpace(string(r.YearTo))
	if from != "" && to != "" && to != from {
		return from + "–" + to
	}
	return firstNonEmpty(from, to, strings.TrimSpace(string(r.Year)))
}

// rightsOf is what a file says of its rights, else what its content's
// metadata says.
func rightsOf(f h5pFile, meta h5pRights) h5pRights {
	if f.Copyright.said() {
		return f.Copyright
	}
	return meta
}

// credit is the credit line (HTML) of a picture, video or sound with
// rights r, named fallback when r has no title: its title, authors, year,
// licence (linked to its deed when Options.LicenceURL knows it) and
// original, in words that read alike in every language; "" when r says
// nothing, or only the licence the whole content has. A licence is
// recorded in Course.Credits for the caller to check.
func (h *h5pReader) credit(r h5pRights, fallback string) string {
	rights, authors, source := h5pLicence(r.License, r.version()), r.authors(), strings.TrimSpace(r.Source)
	if !r.said() || rights == h.c.course.Rights && len(authors) == 0 && source == "" {
		return ""
	}
	title := ownTitle(r.Title)
	parts := []string{html.EscapeString(title)}
	parts = append(parts, html.EscapeString(strings.Join(authors, ", ")), html.EscapeString(r.year()))
	if rights != "" {
		h.c.course.Credits = append(h.c.course.Credits, Credit{What: firstNonEmpty(title, fallback), Rights: rights})
		licence := html.EscapeString(rights)
		if h.c.opt.LicenceURL != nil {
			if deed := h.c.opt.LicenceURL(rights); deed != "" {
				licence = `<a href="` + html.EscapeString(deed) + `">` + licence + "</a>"
			}
		}
		parts = append(parts, licence)
	}
	if u, err := url.Parse(source); err == nil && u.Host != "" && safeAddress(source) {
		parts = append(parts, `<a href="`+html.EscapeString(source)+`">`+html.EscapeString(strings.TrimPrefix(u.Hostname(), "www."))+"</a>")
	} else if source != "" {
		parts = append(parts, html.EscapeString(source))
	}
	parts = slices.DeleteFunc(parts, func(s string) bool { return s == "" })
	return "<p><em>" + strings.Join(parts, ", ") + "</em></p>"
}
