package oer

import (
	"strconv"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/site"
)

// vocabularies: the controlled values harvesters filter by, each a concept
// of the vocabulary AMB names: HCRT resource type, LRMI audience role, KIM
// educational level, KIM DigComp competences, a subject classification.
func (b *Builder) vocabularies(o obj, p *site.Page) obj {
	lang := p.ContentLang()
	label := func(key string) obj { return obj{{lang, b.label(lang, key)}} }
	voc := b.s.Config.Vocabulary
	id := b.hcrt(p)
	lrt := obj{{"id", config.HCRT + id}, {"type", "Concept"}}
	if l := hcrtLabel(id); l != "" {
		lrt = append(lrt, field{"prefLabel", obj{{"en", l}}})
	}
	o = append(o, field{"learningResourceType", []obj{lrt}})
	var aud []obj
	for _, a := range p.Audience() {
		if role := voc.Audiences[a]; role != "" {
			aud = append(aud, obj{{"id", config.LRMIRole + role}, {"prefLabel", label("audience." + a)}, {"type", "Concept"}})
		}
	}
	if aud != nil {
		o = append(o, field{"audience", aud})
	}
	if lvl := voc.EducationalLevel(p.Level()); lvl != "" {
		c := obj{{"id", lvl}, {"type", "Concept"}}
		if l := tables().levelLabels[strings.TrimPrefix(lvl, config.KIMEducationalLevel)]; l != "" {
			c = append(c, field{"prefLabel", obj{{"en", l}}})
		}
		o = append(o, field{"educationalLevel", []obj{c}})
	}
	var teaches []obj
	for _, c := range p.Competences() {
		if uri := site.DigCompConcept(c); uri != "" {
			teaches = append(teaches, obj{{"id", uri}, {"prefLabel", label("digcomp." + c)}})
		}
	}
	if teaches != nil {
		o = append(o, field{"teaches", teaches})
	}
	var about []obj
	for _, s := range p.Subjects() {
		if uri := voc.Subjects[s]; uri != "" {
			about = append(about, obj{{"id", uri}, {"type", "Concept"}})
		}
	}
	if about != nil {
		o = append(o, field{"about", about})
	}
	return o
}

// hcrt returns the HCRT concept of a page: a module is a course, a lesson
// a web page, a resource what [vocabulary.learningResourceTypes] or
// oersite's own table maps its type to (text when neither knows it).
func (b *Builder) hcrt(p *site.Page) string {
	switch p.Kind {
	case site.KindModule:
		return "course"
	case site.KindLesson:
		return "web_page"
	}
	t := p.Meta.ResourceType
	if id := b.s.Config.Vocabulary.LearningResourceType(t); id != "" {
		return id
	}
	if id, ok := tables().hcrtByType[t]; ok {
		return id
	}
	if hcrtLabel(t) != "" {
		return t // the type is an HCRT concept's own name: video, audio, image...
	}
	return "text"
}

// hcrtLabel is an HCRT concept's English label, or "" for one oersite does not know.
func hcrtLabel(id string) string { return tables().hcrtLabels[id] }

// dcmiType is a page's type in the DCMI Type Vocabulary, for Dublin Core
// and OAI-PMH: a webinar is an Event, a module an InteractiveResource
// (lessons with progress and knowledge checks), a resource follows its
// HCRT type (a video is a MovingImage, a checklist Text).
func (b *Builder) dcmiType(p *site.Page) string {
	switch p.Kind {
	case site.KindWebinar:
		return "Event"
	case site.KindModule:
		return "InteractiveResource"
	case site.KindPath:
		return "Collection" // an ordered set of modules
	case site.KindResource:
		switch b.hcrt(p) {
		case "video":
			return "MovingImage"
		case "audio":
			return "Sound"
		case "image", "diagram", "map":
			return "StillImage"
		case "data":
			return "Dataset"
		case "application":
			return "Software"
		case "simulation", "educational_game", "assessment", "questionnaire":
			return "InteractiveResource"
		}
	}
	return "Text"
}

// mediaType returns the IANA media type of a file extension, from a fixed
// table (the system's table differs between machines, and builds must not).
func mediaType(ext string) string {
	if t, ok := tables().mediaTypes[strings.ToLower(ext)]; ok {
		return t
	}
	return "application/octet-stream"
}

// vocabTables are lookup tables built once and never changed.
type vocabTables struct {
	hcrtByType map[string]string // oersite's resource type names -> HCRT concept
	hcrtLabels map[string]string // HCRT concept -> English label
	mediaTypes map[string]string // file extension -> media type
	// levelLabels: KIM educational level concept -> English label
	levelLabels map[string]string
}

var tables = sync.OnceValue(func() vocabTables {
	return vocabTables{
		hcrtByType: map[string]string{
			"worksheet": "worksheet", "checklist": "worksheet", "template": "worksheet", "handout": "worksheet", "exercise": "worksheet",
			"slides": "slide", "presentation": "slide", "glossary": "index", "reference": "index", "case-study": "case_study",
			"dataset": "data", "app": "application", "software": "application", "game": "educational_game",
			"lesson-plan": "lesson_plan", "session-plan": "lesson_plan", "book": "textbook", "guide": "text",
		},
		hcrtLabels: map[string]string{
			"application": "Software Application", "assessment": "Assessment", "audio": "Audio Recording",
			"case_study": "Case Study", "course": "Course", "data": "Data", "diagram": "Diagram",
			"drill_and_practice": "Drill and Practice", "educational_game": "Game", "experiment": "Experiment",
			"image": "Image", "index": "Reference Work", "lesson_plan": "Lesson Plan", "map": "Map",
			"portal": "Web Portal", "questionnaire": "Questionnaire", "script": "Script", "sheet_music": "Sheet Music",
			"simulation": "Simulation", "slide": "Presentation", "text": "Text", "textbook": "Textbook",
			"video": "Video", "web_page": "Web Page", "worksheet": "Worksheet", "other": "Other",
		},
		levelLabels: map[string]string{
			"level_0": "Early childhood education", "level_1": "Primary education", "level_2": "Lower secondary education",
			"level_3": "Upper secondary education", "level_4": "Post-secondary non-tertiary education",
			"level_5": "Short-cycle tertiary education", "level_6": "Bachelor or equivalent", "level_7": "Master or equivalent",
			"level_8": "Doctoral or equivalent", "level_A": "University", "level_B": "Preparatory service", "level_C": "Advanced training",
		},
		mediaTypes: map[string]string{
			"pdf": "application/pdf", "csv": "text/csv", "txt": "text/plain", "md": "text/markdown", "html": "text/html",
			"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
			"odt":  "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
			"odp": "application/vnd.oasis.opendocument.presentation", "epub": "application/epub+zip",
			"zip": "application/zip", "h5p": "application/zip", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
			"gif": "image/gif", "webp": "image/webp", "svg": "image/svg+xml", "mp3": "audio/mpeg", "ogg": "audio/ogg",
			"mp4": "video/mp4", "webm": "video/webm",
		},
	}
})

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
