package cartridge

import (
	"encoding/json"
	"fmt"
	"html"
	"path"
	"slices"
	"strconv"
	"strings"
)

// What an H5P content shows: pictures, videos and sounds, links, cards,
// charts, timelines and essays (see h5p.go).

// h5pTrack is a video's text track: captions, subtitles or descriptions.
type h5pTrack struct {
	Kind  string  `json:"kind"`
	Track h5pFile `json:"track"`
}

// media is the first of files the content holds (a video or sound, which
// the site plays where it is), or a link to one on another host (YouTube,
// Vimeo), in words of title; a file it lacks when it holds none (the report
// names it); "" for none. A video of the file is written with its poster
// and its first captions or subtitles, which the page reader puts beside it
// under its name (see mediaLink).
func (h *h5pReader) media(files []h5pFile, title string, poster h5pFile, tracks []h5pTrack) string {
	chosen := ""
	for _, f := range files {
		p := strings.TrimSpace(strings.TrimSuffix(f.Path, "#tmp"))
		if remote := strings.Contains(p, "://"); p == "" || remote && !safeAddress(p) {
			continue
		} else if f, ok := h.file(p); !remote && (!ok || strings.Contains(p, ":")) { // "javascript:…" is no file's path
			continue
		} else if remote || h.c.has(f) {
			chosen = p
			break
		}
		if chosen == "" { // a file the H5P file lacks: linked all the same, so that the report names it
			chosen = p
		}
	}
	if chosen == "" {
		return ""
	}
	words := html.EscapeString(firstNonEmpty(strings.TrimSpace(title), path.Base(chosen)))
	if strings.Contains(chosen, "://") || !isVideo(chosen) {
		return `<p><a href="` + html.EscapeString(chosen) + `">` + words + "</a></p>"
	}
	video := `<video src="` + html.EscapeString(chosen) + `" title="` + words + `"`
	if src := h.localPath(poster.Path); src != "" {
		video += ` poster="` + html.EscapeString(src) + `"`
	}
	video += ">"
	for _, t := range tracks {
		if kind := strings.ToLower(strings.TrimSpace(t.Kind)); kind == "" || kind == "captions" || kind == "subtitles" {
			if src := h.localPath(t.Track.Path); src != "" {
				video += `<track kind="captions" src="` + html.EscapeString(src) + `">`
				break
			}
		}
	}
	return video + "</video>"
}

// creditedMedia is media (titled as meta titles it) with its credit line:
// what the first of its files that says anything of its rights says, else
// meta; "" for none.
func (h *h5pReader) creditedMedia(files []h5pFile, meta h5pRights, poster h5pFile, tracks []h5pTrack) string {
	m := h.media(files, ownTitle(meta.Title), poster, tracks)
	if m == "" {
		return ""
	}
	rights, name := meta, path.Base(files[0].Path) // media found a file: there is one
	for _, f := range files {
		if f.Copyright.said() {
			rights, name = f.Copyright, path.Base(f.Path)
			break
		}
	}
	return m + h.credit(rights, name)
}

// localPath is a path of a file of the content, "" for one on another
// host, one out of its folder, or none.
func (h *h5pReader) localPath(p string) string {
	p = strings.TrimSpace(strings.TrimSuffix(p, "#tmp"))
	if _, ok := h.file(p); p == "" || !ok || strings.Contains(p, ":") {
		return ""
	}
	return p
}

// isVideo says whether a file's name is a video's.
func isVideo(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".mp4", ".webm", ".ogv", ".m4v", ".mov":
		return true
	}
	return false
}

// imageParams is the picture an H5P.Image's parameters show (HTML), with
// its credit line (its file's rights, else meta, its content's); in a
// question (asFile), addressed as a file of the H5P file for placeFiles.
func (h *h5pReader) imageParams(raw json.RawMessage, asFile bool, meta h5pRights) string {
	var p struct {
		File       h5pFile `json:"file"`
		Alt        string  `json:"alt"`
		Decorative bool    `json:"decorative"`
	}
	if !decodeParams(raw, &p) {
		return ""
	}
	if p.Decorative {
		p.Alt = ""
	}
	return h.creditedPicture(p.File, p.Alt, asFile, meta)
}

// creditedPicture is a picture (see picture) with its credit line (its
// file's rights, else meta); "" for none.
func (h *h5pReader) creditedPicture(file h5pFile, alt string, asFile bool, meta h5pRights) string {
	pic := h.picture(file, alt, asFile)
	if pic == "" {
		return ""
	}
	return pic + h.credit(rightsOf(file, meta), path.Base(file.Path))
}

// picture is a picture of the content (a file of it, or on another host)
// described by alt, as HTML (see imageParams); "" for none.
func (h *h5pReader) picture(file h5pFile, alt string, asFile bool) string {
	src := strings.TrimSpace(strings.TrimSuffix(file.Path, "#tmp"))
	if src == "" {
		return ""
	}
	if !strings.Contains(src, "://") {
		f, ok := h.file(src)
		if !ok {
			return ""
		}
		if asFile {
			src = fileScheme + f
		}
	}
	return `<p><img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(strings.TrimSpace(alt)) + `"></p>`
}

// link adds a link of H5P.Link (http and https only).
func (h *h5pReader) link(pg *h5pPage, title, protocol, address string) {
	address = strings.TrimSpace(address)
	if address == "" {
		return // a link never filled in (its protocol alone)
	}
	if !strings.Contains(address, "://") {
		address = firstNonEmpty(strings.TrimSpace(protocol), "https://") + address
	}
	if !safeAddress(address) || strings.HasPrefix(address, "mailto:") {
		return
	}
	h.text(pg, `<p><a href="`+html.EscapeString(address)+`">`+html.EscapeString(firstNonEmpty(strings.TrimSpace(title), address))+"</a></p>")
}

// cards adds Dialog Cards or Flashcards: the task, then each card as its
// picture (on the card's front, with its credit line) and a disclosure,
// its front's text the summary, its back shown when opened, as turning
// the card over does.
func (h *h5pReader) cards(raw json.RawMessage, pg *h5pPage) {
	type card struct {
		Text   string    `json:"text"`
		Answer string    `json:"answer"`
		Image  h5pFile   `json:"image"`
		Alt    string    `json:"imageAltText"`
		Audio  []h5pFile `json:"audio"` // the front's words spoken
	}
	var p struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Dialogs     []card `json:"dialogs"`
		Cards       []card `json:"cards"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	h.text(pg, p.Title)
	h.text(pg, p.Description)
	for _, cd := range append(p.Dialogs, p.Cards...) {
		front := inlineHTML(cd.Text)
		if front == "" {
			continue
		}
		h.text(pg, h.creditedPicture(cd.Image, cd.Alt, false, h5pRights{})+h.media(cd.Audio, plainText(cd.Text), h5pFile{}, nil)+"<details><summary>"+front+"</summary>"+wellFormed(cd.Answer, "")+"</details>")
	}
}

// inlineHTML is a short text's HTML without its block elements (a card's
// front is one line).
func inlineHTML(s string) string {
	s = wellFormed(s, "")
	for _, tag := range []string{"p", "div"} {
		s = strings.ReplaceAll(s, "<"+tag+">", " ")
		s = strings.ReplaceAll(s, "</"+tag+">", " ")
	}
	return strings.TrimSpace(s)
}

// chart adds a Chart as what it shows: its description, then each value
// with its label (a list a screen reader reads, where the drawing says
// nothing).
func (h *h5pReader) chart(raw json.RawMessage, pg *h5pPage) {
	var p struct {
		Definition string `json:"figureDefinition"`
		Values     []struct {
			Text  string    `json:"text"`
			Value h5pNumber `json:"value"`
		} `json:"listOfTypes"`
	}
	if !decodeParams(raw, &p) || len(p.Values) == 0 {
		return
	}
	var b strings.Builder
	for _, v := range p.Values {
		b.WriteString("<li>" + html.EscapeString(strings.TrimSpace(v.Text)) + ": " + strconv.FormatFloat(float64(v.Value), 'f', -1, 64) + "</li>")
	}
	h.text(pg, "<p>"+html.EscapeString(strings.TrimSpace(p.Definition))+"</p><ul>"+b.String()+"</ul>")
}

// timeline adds a Timeline: its headline and text, then each event in
// the order of its dates, under its date and headline.
func (h *h5pReader) timeline(raw json.RawMessage, pg *h5pPage, level int) {
	type event struct {
		Start    string `json:"startDate"`
		End      string `json:"endDate"`
		Headline string `json:"headline"`
		Text     string `json:"text"`
	}
	var p struct {
		Timeline struct {
			Headline string  `json:"headline"`
			Text     string  `json:"text"`
			Dates    []event `json:"date"`
		} `json:"timeline"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	t := p.Timeline
	h.heading(pg, level, t.Headline)
	h.textAt(pg, t.Text, level+1)
	slices.SortStableFunc(t.Dates, func(a, b event) int { return strings.Compare(timelineDate(a.Start), timelineDate(b.Start)) })
	for _, e := range t.Dates {
		when := timelineDate(e.Start)
		if end := timelineDate(e.End); end != "" && end != when {
			when += "–" + end
		}
		h.heading(pg, level+1, strings.TrimSpace(when+" "+strings.TrimSpace(e.Headline)))
		h.textAt(pg, e.Text, level+2)
	}
}

// timelineDate is a Timeline's date ("1969,7,20": year, month, day) as
// ISO 8601 writes it, which reads alike in every language ("1969-07-20").
func timelineDate(s string) string {
	parts := strings.Split(strings.TrimSpace(s), ",")
	var out []string
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || i > 2 {
			break
		}
		if i == 0 {
			out = append(out, strconv.Itoa(n))
		} else {
			out = append(out, fmt.Sprintf("%02d", n))
		}
	}
	return strings.Join(out, "-")
}

// essay adds an Essay as a task to write: its picture and task, then its
// sample answer as a disclosure labelled as the content labels it.
func (h *h5pReader) essay(raw json.RawMessage, pg *h5pPage, level int) {
	var p struct {
		Media    h5pMedia `json:"media"`
		Task     string   `json:"taskDescription"`
		Solution struct {
			Introduction string `json:"introduction"`
			Sample       string `json:"sample"`
		} `json:"solution"`
		SolutionTitle string `json:"solutionTitle"`
		ShowSolution  string `json:"showSolution"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	h.content(p.Media.h5pContent, pg, 1, level)
	h.textAt(pg, p.Task, level)
	if strings.TrimSpace(p.Solution.Sample) != "" {
		h.text(pg, solutionToOpen(wellFormed(p.Solution.Introduction, "")+wellFormed(p.Solution.Sample, ""), p.SolutionTitle, p.ShowSolution))
	}
}

// textContent adds a text or table, its headings under level's.
func (h *h5pReader) textContent(raw json.RawMessage, pg *h5pPage, level int) {
	var p struct {
		Text string `json:"text"`
	}
	if decodeParams(raw, &p) {
		h.textAt(pg, p.Text, level)
	}
}

// mediaContent adds a Video's or an Audio's file (see media), titled as
// the content is.
func (h *h5pReader) mediaContent(raw json.RawMessage, pg *h5pPage, meta h5pRights) {
	var p struct {
		Sources []h5pFile `json:"sources"` // a video's
		Files   []h5pFile `json:"files"`   // a sound's
		Visuals struct {
			Poster h5pFile `json:"poster"`
		} `json:"visuals"`
		A11y struct {
			Tracks []h5pTrack `json:"videoTrack"`
		} `json:"a11y"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	h.text(pg, h.creditedMedia(append(p.Sources, p.Files...), meta, p.Visuals.Poster, p.A11y.Tracks))
}

// linkContent adds an H5P.Link.
func (h *h5pReader) linkContent(raw json.RawMessage, pg *h5pPage) {
	var p struct {
		Title string `json:"title"`
		URL   struct {
			Protocol string `json:"protocol"`
			URL      string `json:"url"`
		} `json:"linkWidget"`
	}
	if decodeParams(raw, &p) {
		h.link(pg, p.Title, p.URL.Protocol, p.URL.URL)
	}
}

// collage adds a Collage's pictures one after another.
func (h *h5pReader) collage(raw json.RawMessage, pg *h5pPage) {
	var p struct {
		Collage struct {
			Clips []struct {
				Image h5pFile `json:"image"`
				Alt   string  `json:"alt"`
			} `json:"clips"`
		} `json:"collage"`
	}
	if decodeParams(raw, &p) {
		for _, clip := range p.Collage.Clips {
			h.text(pg, h.creditedPicture(clip.Image, clip.Alt, false, h5pRights{}))
		}
	}
}

// memoryGame adds a Memory Game or an Image Pairing as its task, then a
// list of its pairs: the pair's text (else its pictures' descriptions),
// then each card's picture and the one it matches, so that what goes
// together is there to learn, without the turning; false, and nothing
// added, when no card has a picture.
func (h *h5pReader) memoryGame(raw json.RawMessage, pg *h5pPage, level int) bool {
	var p struct {
		Task  string `json:"taskDescription"` // an Image Pairing's
		Cards []struct {
			Image       h5pFile `json:"image"`
			Alt         string  `json:"imageAlt"`
			Match       h5pFile `json:"match"`
			MatchAlt    string  `json:"matchAlt"`
			Description string  `json:"description"`
		} `json:"cards"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	var pairs strings.Builder
	for _, c := range p.Cards {
		first := h.creditedPicture(c.Image, c.Alt, false, h5pRights{})
		if first == "" {
			continue
		}
		// a game of identical pairs has no match: the card is its own
		second := h.creditedPicture(c.Match, firstNonEmpty(c.MatchAlt, c.Alt), false, h5pRights{})
		words := wellFormed(c.Description, "")
		if plainText(words) == "" { // the item starts with words, the pictures under them
			words = "<p>" + html.EscapeString(pairWords(c.Alt, c.MatchAlt)) + "</p>"
		}
		pairs.WriteString("<li>" + words + first + second + "</li>")
	}
	if pairs.Len() == 0 {
		return false
	}
	h.textAt(pg, p.Task, level)
	h.text(pg, "<ul>"+pairs.String()+"</ul>")
	return true
}

// pairWords names a pair by its pictures' descriptions ("A coin – A bank
// note"), once when they are the same or one is missing.
func pairWords(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" || b == "" || a == b {
		return firstNonEmpty(a, b)
	}
	return a + " – " + b
}
