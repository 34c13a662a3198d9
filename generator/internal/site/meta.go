package site

import (
	"path"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
)

// Effective metadata: a page's front matter completed from its module (for
// lessons) and from config.toml. This is the one place each of these rules
// lives; HTML, JSON-LD, Dublin Core, feeds, calendars, catalogues, search
// and forms all read a page's metadata through these methods.

// Licence describes a licence id; an empty id means the site's default licence.
func (s *Site) Licence(id string) Licence { return LicenceInfo(licenceID(s.Config, id)) }

// licenceID is the licence a page with own licence id has: its own, else the site's default.
func licenceID(cfg config.Config, own string) string {
	if own != "" {
		return own
	}
	return cfg.OER.DefaultLicence
}

// Licence returns the page's licence: its own, else its module's (for a
// lesson), else the site's default.
func (p *Page) Licence() Licence {
	id := p.Meta.Licence
	if id == "" && p.Module != nil {
		id = p.Module.Meta.Licence
	}
	return p.site.Licence(id)
}

// OwnLicence says whether a lesson says more of its rights than its
// module's licence box does: a licence of its own, its own authors, or a
// work it is adapted from (a lesson imported from an H5P file); its page
// then shows them.
func (p *Page) OwnLicence() bool {
	if p.Module == nil {
		return false
	}
	return p.Licence().ID != p.Module.Licence().ID || len(p.Meta.Authors) > 0 || p.Meta.Source != nil
}

// Authors returns who made the page: its own authors, else its module's
// (for a lesson), else [oer] defaultAuthors, else the publisher. An author
// given by name alone is the publishing organisation when the name is the
// publisher's, else a person.
func (p *Page) Authors() []content.Author {
	list := p.Meta.Authors
	if len(list) == 0 && p.Module != nil {
		list = p.Module.Meta.Authors
	}
	oer := p.site.Config.OER
	if len(list) == 0 {
		names := oer.DefaultAuthors
		if len(names) == 0 && oer.Publisher != "" {
			names = []string{oer.Publisher}
		}
		for _, n := range names {
			list = append(list, content.Author{Name: n})
		}
	}
	out := make([]content.Author, len(list))
	for i, a := range list {
		if a.Type == "" {
			a.Type = "Person"
			if a.Name == oer.Publisher {
				a.Type = "Organization"
			}
		}
		if a.ID == "" && a.Name == oer.Publisher {
			a.ID = oer.PublisherURL
		}
		out[i] = a
	}
	return out
}

// AuthorNames returns the names of the page's authors.
func (p *Page) AuthorNames() []string {
	var out []string
	for _, a := range p.Authors() {
		out = append(out, a.Name)
	}
	return out
}

// Audience returns the audience ids of the page: its own, else its module's.
func (p *Page) Audience() []string {
	if len(p.Meta.Audience) == 0 && p.Module != nil {
		return p.Module.Meta.Audience
	}
	return p.Meta.Audience
}

// Level returns the page's level id: its own, else its module's.
func (p *Page) Level() string {
	if p.Meta.Level == "" && p.Module != nil {
		return p.Module.Meta.Level
	}
	return p.Meta.Level
}

// Competences returns the DigComp codes the page teaches: its own, else its module's.
func (p *Page) Competences() []string {
	if len(p.Meta.DigComp) == 0 && p.Module != nil {
		return p.Module.Meta.DigComp
	}
	return p.Meta.DigComp
}

// Keywords returns the page's keywords and tags, each once (whatever its
// case), in the order written: its own, else its module's.
func (p *Page) Keywords() []string {
	m := p.Meta
	if len(m.Keywords)+len(m.Tags) == 0 && p.Module != nil {
		m = p.Module.Meta
	}
	var out []string
	seen := map[string]bool{}
	for _, list := range [][]string{m.Keywords, m.Tags} {
		for _, k := range list {
			if lk := strings.ToLower(k); !seen[lk] {
				seen[lk] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// Subjects returns the page's subject ids ([vocabulary.subjects]): its own,
// else its module's, else [vocabulary] defaultSubjects for modules, lessons
// and resources.
func (p *Page) Subjects() []string {
	switch {
	case len(p.Meta.Subjects) > 0:
		return p.Meta.Subjects
	case p.Module != nil && len(p.Module.Meta.Subjects) > 0:
		return p.Module.Meta.Subjects
	case p.Kind == KindModule || p.Kind == KindLesson || p.Kind == KindResource:
		return p.site.Config.Vocabulary.DefaultSubjects
	}
	return nil
}

// Published returns when the page was first published: its date, else its
// lastmod, else (for a lesson) its module's.
func (p *Page) Published() time.Time {
	switch {
	case !p.Meta.Date.IsZero():
		return p.Meta.Date
	case !p.Meta.Lastmod.IsZero():
		return p.Meta.Lastmod
	case p.Module != nil:
		return p.Module.Published()
	}
	return time.Time{}
}

// Modified returns when the page last changed: its lastmod, else its
// date, else (for a lesson) its module's.
func (p *Page) Modified() time.Time {
	switch {
	case !p.Meta.Lastmod.IsZero():
		return p.Meta.Lastmod
	case !p.Meta.Date.IsZero():
		return p.Meta.Date
	case p.Module != nil:
		return p.Module.Modified()
	}
	return time.Time{}
}

// TimeRequired returns how long the page takes to work through (a lesson's
// own time; the module's duration covers all its lessons).
func (p *Page) TimeRequired() time.Duration { return p.Meta.Duration }

// End returns when a webinar ends: its start plus its duration, or one hour
// after the start when no duration is given.
func (p *Page) End() time.Time {
	if p.Meta.Duration <= 0 {
		return p.Meta.Start.Add(time.Hour)
	}
	return p.Meta.Start.Add(p.Meta.Duration)
}

// Event statuses a webinar's `status` may state.
const (
	StatusCancelled   = "cancelled"
	StatusPostponed   = "postponed"
	StatusRescheduled = "rescheduled"
	StatusMovedOnline = "moved-online"
)

// EventStatus returns a webinar's status: "" when it takes place as
// planned, else one of the Status constants.
func (p *Page) EventStatus() string { return eventStatus(p.Meta.Status) }

func eventStatus(s string) string {
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-") {
	case "cancelled", "canceled":
		return StatusCancelled
	case "postponed":
		return StatusPostponed
	case "rescheduled":
		return StatusRescheduled
	case "moved-online", "movedonline", "online":
		return StatusMovedOnline
	case "", "scheduled", "confirmed":
		return ""
	}
	return "?"
}

// Image returns the page's picture as a path from the site root, or as a
// web address: the image its front matter names, else the first picture
// of its content that the site publishes. It is "" when there is none.
func (p *Page) Image() string {
	src := p
	if p.FallbackOf != nil {
		src = p.FallbackOf
	}
	if src.Source == nil || p.site == nil {
		return ""
	}
	if img := src.Meta.Image; img != "" {
		if strings.Contains(img, "://") {
			return img
		}
		return p.site.assetAt(src, img)
	}
	for _, l := range src.Links {
		if l.Image && l.Resolved {
			if u := p.site.assetAt(src, l.Dest); u != "" {
				return u
			}
		}
	}
	return ""
}

// RecordingThumbnail returns a webinar recording's picture as a path from
// the site root or a web address, or "".
func (p *Page) RecordingThumbnail() string {
	t := p.Meta.Recording.Thumbnail
	if t == "" || strings.Contains(t, "://") {
		return t
	}
	src := p
	if p.FallbackOf != nil {
		src = p.FallbackOf
	}
	if src.Source == nil {
		return ""
	}
	return p.site.assetAt(src, t)
}

// AssetSize returns the size of a file named relative to a page's source
// (a picture beside it), false when it is not a file of the site.
func (s *Site) AssetSize(p *Page, name string) (int64, bool) {
	if p.Source == nil {
		return 0, false
	}
	target := s.assetAt(p, name)
	a, ok := s.assetFiles[target]
	return a.Size, ok && target != ""
}

// assetAt returns the output path of a file named relative to a page's source, or "".
func (s *Site) assetAt(p *Page, name string) string {
	target, ok := s.resolveTarget(p.Lang, path.Dir(p.Source.Rel), name)
	if _, isFile := s.assetFiles[target]; !ok || !isFile {
		return ""
	}
	return target
}

// Slug returns the last segment of a page's address: a module's folder
// name, or its slug when the front matter gives one.
func (p *Page) Slug() string {
	u := strings.TrimSuffix(p.URL, "/")
	return u[strings.LastIndexByte(u, '/')+1:]
}
