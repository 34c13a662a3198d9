package cartridge

import (
	"encoding/json"
	"html"
	"slices"
	"strconv"
	"strings"
)

// A Virtual Tour (360) (H5P.ThreeImage: scenes, each a photo, often a 360°
// panorama, with hotspots that show a text, a picture, a sound or a video,
// ask a question, or lead to another scene) becomes its scenes one after
// another, the start scene first, each under its name: its photo (a
// panorama shows flat, the whole of it at once), its description and
// sound, then what its hotspots show, in their order, each under its
// label; a hotspot leading to another scene is a link to that scene's
// heading, named as the scene is: a walk through the place on paper.

// h5pScene is a scene of a Virtual Tour.
type h5pScene struct {
	ID           h5pNumber `json:"sceneId"`
	Name         string    `json:"scenename"`
	Photo        h5pFile   `json:"scenesrc"`
	Description  string    `json:"scenedescription"`
	Audio        []h5pFile `json:"audio"`
	Interactions []struct {
		Action h5pContent `json:"action"`
		Label  struct {
			Text string `json:"labelText"`
		} `json:"label"`
	} `json:"interactions"`
}

// sceneID is the id of a scene's heading; "" for an id no scene can have
// (not a whole number, or out of range).
func sceneID(n h5pNumber) string {
	if n != h5pNumber(int(n)) || n < 0 || n > 1e9 {
		return ""
	}
	return "scene-" + strconv.Itoa(int(n))
}

// virtualTour adds a Virtual Tour (see the top); false, and nothing added,
// without a scene that has a photo or says something.
func (h *h5pReader) virtualTour(raw json.RawMessage, pg *h5pPage, depth, level int) bool {
	var p struct {
		Tour struct {
			Scenes []h5pScene `json:"scenes"`
			Start  h5pNumber  `json:"startSceneId"`
		} `json:"threeImage"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	scenes := slices.DeleteFunc(p.Tour.Scenes, func(s h5pScene) bool { return sceneID(s.ID) == "" || s.empty() })
	names := map[string]string{}
	for i, s := range scenes {
		if _, taken := names[sceneID(s.ID)]; taken { // ids must be unique: the first one keeps it
			scenes[i].ID = -1
			continue
		}
		names[sceneID(s.ID)] = firstNonEmpty(plainText(s.Name), strconv.Itoa(i+1))
	}
	scenes = slices.DeleteFunc(scenes, func(s h5pScene) bool { return s.ID < 0 })
	slices.SortStableFunc(scenes, func(a, b h5pScene) int { // the start scene first
		return boolRank(a.ID == p.Tour.Start) - boolRank(b.ID == p.Tour.Start)
	})
	for _, s := range scenes {
		h.scene(s, names, pg, depth, level)
	}
	return len(scenes) > 0
}

// empty says whether a scene has no photo and nothing to say or show
// (only ways to other scenes, or none): it is left out, and no link leads
// to it.
func (s h5pScene) empty() bool {
	if strings.TrimSpace(s.Photo.Path) != "" || plainText(s.Description) != "" || len(s.Audio) > 0 {
		return false
	}
	for _, it := range s.Interactions {
		if h5pKind(it.Action.Library) != "H5P.GoToScene" {
			return false
		}
	}
	return true
}

// boolRank orders true before false.
func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

// scene adds one scene of a Virtual Tour under its name (names: each
// scene's heading id to its name).
func (h *h5pReader) scene(s h5pScene, names map[string]string, pg *h5pPage, depth, level int) {
	id := sceneID(s.ID)
	name := names[id]
	h.headingWithID(pg, level, name, id)
	pg.section = name
	h.text(pg, h.creditedPicture(s.Photo, name, false, h5pRights{}))
	h.textAt(pg, s.Description, level+1)
	h.text(pg, h.media(s.Audio, name, h5pFile{}, nil))
	var ways strings.Builder
	for _, it := range s.Interactions {
		if h5pKind(it.Action.Library) == "H5P.GoToScene" {
			var to struct {
				Next h5pNumber `json:"nextSceneId"`
			}
			decodeParams(it.Action.Params, &to)
			if target := sceneID(to.Next); target != id && names[target] != "" {
				ways.WriteString(`<li><a href="#` + target + `">` + html.EscapeString(names[target]) + "</a></li>")
			}
			continue
		}
		if label := plainText(it.Label.Text); label != "" {
			h.text(pg, inBold(html.EscapeString(label)))
		}
		h.content(it.Action, pg, depth+1, level+1)
	}
	if ways.Len() > 0 {
		h.text(pg, "<ul>"+ways.String()+"</ul>")
	}
	h.flush(pg) // its questions stay in it
}
