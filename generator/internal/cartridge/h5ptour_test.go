package cartridge

import (
	"strings"
	"testing"
)

// A Virtual Tour becomes its scenes, the start scene first, each under its
// name with its photo, description and what its hotspots show under their
// labels; a hotspot to another scene is a link to its heading, named as
// the scene is; a scene with nothing to show, one whose id is taken and a
// way to no scene are left out. Before, the tour was left out.
func TestH5PVirtualTour(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Round the market","mainLibrary":"H5P.ThreeImage"}`,
		"content/content.json": `{"threeImage":{"startSceneId":2,"scenes":[
			{"sceneId":0,"sceneType":"360","scenename":"The fish stall","scenesrc":{"path":"images/fish.jpg"},"interactions":[
				{"action":{"library":"H5P.GoToScene 0.1","params":{"nextSceneId":2}}},
				{"action":{"library":"H5P.AdvancedText 1.1","params":{"text":"<p>Ice keeps the fish fresh.</p>"}},"label":{"labelText":"Why ice?"}}]},
			{"sceneId":1,"scenename":"Nothing here","interactions":[{"action":{"library":"H5P.GoToScene 0.1","params":{"nextSceneId":0}}}]},
			{"sceneId":2,"scenename":"The entrance","scenesrc":{"path":"images/gate.jpg"},"scenedescription":"<p>Stalls open at seven.</p>","interactions":[
				{"action":{"library":"H5P.GoToScene 0.1","params":{"nextSceneId":0}}},
				{"action":{"library":"H5P.GoToScene 0.1","params":{"nextSceneId":1}}},
				{"action":{"library":"H5P.GoToScene 0.1","params":{"nextSceneId":9}}},
				{"action":{"library":"H5P.SingleChoiceSet 1.11","params":{"choices":[{"question":"<p>When do stalls open?</p>","answers":["<p>At seven</p>","<p>At noon</p>"]}]}}}]},
			{"sceneId":2,"scenename":"A second entrance","scenesrc":{"path":"images/gate.jpg"}},
			{"sceneId":"1.5","scenename":"Half a scene","scenesrc":{"path":"images/gate.jpg"}}]}}`,
		"content/images/fish.jpg": "\xff\xd8\xff fish",
		"content/images/gate.jpg": "\xff\xd8\xff gate",
	})
	want := "## The entrance\n\n![The entrance](gate.jpg)\n\nStalls open at seven.\n\n:::quiz The entrance\nWhen do stalls open?\n\n- [x] At seven\n- [ ] At noon\n:::\n\n- [The fish stall](#the-fish-stall)\n\n## The fish stall"
	md := lessonOf(t, c)
	lessonHas(t, md, want, "## The fish stall\n\n![The fish stall](fish.jpg)\n\n**Why ice?**\n\nIce keeps the fish fresh.\n\n- [The entrance](#the-entrance)\n")
	for _, not := range []string{"Nothing here", "A second entrance", "Half a scene", "#scene-"} {
		if strings.Contains(md, not) {
			t.Errorf("the lesson holds %q:\n%s", not, md)
		}
	}
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}
